import { cpSync, mkdtempSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScript, STACK_TRACE } from "./helpers/cli.ts";
import { portalCopy } from "./helpers/portal.ts";

const json = (s: string) => JSON.parse(s) as { ok: boolean; errors: { file: string; line: number; rule: string; message: string }[] };

describe("symbolic links never bring outside files onto the site", () => {
  it("a content/ folder that is itself a link is refused by check and by the build", () => {
    const root = portalCopy();
    // The articles live outside the repository; content/ only points there.
    const outside = join(mkdtempSync(join(tmpdir(), "sanshen-outside-")), "content");
    renameSync(join(root, "content"), outside);
    writeFileSync(join(outside, "news/updates/2026/secret-outside.pdf"), "%PDF-1.4\n%%EOF\n");
    symlinkSync(outside, join(root, "content"));
    const r = json(runScript("check", ["--root", root, "--json"]).stdout);
    expect(r.ok).toBe(false);
    expect(r.errors).toMatchObject([{ file: "content", rule: "PATH.SYMLINK" }]);
    expect(r.errors[0]!.message).toMatch(/符号链接/);
    const out = mkdtempSync(join(tmpdir(), "sanshen-dist-"));
    const build = runScript("build", ["--root", root, "--out", out]);
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(/PATH\.SYMLINK/);
    expect(build.stderr).not.toMatch(STACK_TRACE);
  });

  it("a link inside content/ is an error naming it, not skipped without a word", () => {
    const root = portalCopy();
    const outside = mkdtempSync(join(tmpdir(), "sanshen-outside-"));
    writeFileSync(join(outside, "secret.pdf"), "%PDF-1.4\n%%EOF\n");
    cpSync(join(root, "content/news"), join(outside, "news"), { recursive: true });
    symlinkSync(join(outside, "secret.pdf"), join(root, "content/news/updates/2026/plan.pdf"));
    symlinkSync(join(outside, "news"), join(root, "content/open/linked-folder"));
    const r = json(runScript("check", ["--root", root, "--json"]).stdout);
    expect(r.errors.filter((f) => f.rule === "PATH.SYMLINK").map((f) => f.file)).toEqual(["content/news/updates/2026/plan.pdf", "content/open/linked-folder"]);
  });
});
