import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { caseNames, checkDir, FIXTURES, portalCopy, writeIn } from "./helpers/portal.ts";

/**
 * The bad-input corpus: each folder under fixtures/bad-input is laid over the
 * mini portal and must produce its expected rule, file and line, with a
 * Chinese message — never a crash.
 */
const CORPUS = join(FIXTURES, "bad-input");
interface Expect { rule: string; file: string; line: number; column?: number; severity?: "warning"; generate?: { path: string; bytes: number } }

describe("bad input", () => {
  it("has at least 30 cases", () => {
    expect(caseNames(CORPUS).length).toBeGreaterThanOrEqual(30);
  });

  it("the mini portal itself passes", () => {
    const result = checkDir(portalCopy());
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  for (const name of caseNames(CORPUS)) {
    it(`${name} is reported with its rule, file and line`, () => {
      const want = JSON.parse(readFileSync(join(CORPUS, name, "expect.json"), "utf8")) as Expect;
      const root = portalCopy(undefined, join(CORPUS, name));
      if (want.generate) writeIn(root, want.generate.path, want.generate.path.endsWith(".md") ? "---\n" + "测".repeat(want.generate.bytes / 3) + "\n" : new Uint8Array(want.generate.bytes));
      const result = checkDir(root);
      expect(result.ok).toBe(want.severity === "warning");
      const hit = [...result.errors, ...result.warnings].find((f) => f.rule === want.rule && f.file === want.file);
      expect(hit, JSON.stringify(result.errors, null, 2)).toBeDefined();
      expect(hit!.line).toBe(want.line);
      if (want.column) expect(hit!.column).toBe(want.column);
      expect(hit!.message).toMatch(/[\u4e00-\u9fff]/);
    });
  }
});
