import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCached, readCachedEntries, writeCached, writeCachedEntries } from "../src/adapters/build-cache.ts";

describe("what one build keeps for the next", () => {
  it("reads back the rendered bodies it kept, line breaks and all, for the same code only", () => {
    const dir = mkdtempSync(join(tmpdir(), "sanshen-cache-"));
    const entries: [string, string][] = [["a", "<p>第一段\n第二段</p>"], ["b", "<p>“引号”\u2028与\\反斜杠</p>"]];
    writeCachedEntries(dir, "bodies.jsonl", "code-1", entries);
    expect(readCachedEntries(dir, "bodies.jsonl", "code-1")).toEqual(entries);
    expect(readCachedEntries(dir, "bodies.jsonl", "code-2")).toEqual([]);
    expect(readCachedEntries(dir, "missing.jsonl", "code-1")).toEqual([]);
  });

  it("ignores a cache it cannot read rather than fail the build", () => {
    const dir = mkdtempSync(join(tmpdir(), "sanshen-cache-"));
    writeFileSync(join(dir, "bodies.jsonl"), '{"code":"c"}\n["a", "<p>cut off');
    expect(readCachedEntries(dir, "bodies.jsonl", "c")).toEqual([]);
    writeFileSync(join(dir, "manifest.json"), "{not json");
    expect(readCached(dir, "manifest.json", "c")).toBeUndefined();
    writeCached(dir, "manifest.json", "c", { build: "x" });
    expect(readCached(dir, "manifest.json", "c")).toEqual({ build: "x" });
    expect(readCached(dir, "manifest.json", "other")).toBeUndefined();
  });
});
