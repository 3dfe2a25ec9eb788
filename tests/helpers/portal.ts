import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkPortalFiles } from "../../src/jobs/check.ts";
import type { CheckResult } from "../../src/jobs/check.ts";

export const REPO = fileURLToPath(new URL("../..", import.meta.url));
export const FIXTURES = join(REPO, "tests", "fixtures");
export const MINI = join(FIXTURES, "mini-portal");

/** A fresh copy of a fixture portal in a temporary folder, with files laid over it. */
export function portalCopy(from = MINI, overlay?: string): string {
  const dir = mkdtempSync(join(tmpdir(), "sanshen-"));
  cpSync(from, dir, { recursive: true });
  if (overlay) {
    cpSync(overlay, dir, { recursive: true, filter: (src) => !src.endsWith("expect.json") });
  }
  return dir;
}

export function writeIn(root: string, path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), data);
}

/** `npm run check` on a folder, in-process. */
export function checkDir(root: string): CheckResult {
  return checkPortalFiles(root);
}

/** The sub-folders of a folder, sorted (bad-input cases, example portals). */
export function caseNames(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
}
