import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { writeFileAtomic } from "./atomic-write.ts";

/**
 * What one build keeps for the next, in the build's cache folder (Astro's
 * `cacheDir`: node_modules/.astro, or SANSHEN_CACHE): the rendered article
 * bodies and the manifest of the pages and search-index parts it wrote. A
 * cache written by other code, or one that cannot be read, is ignored: the
 * build is then made whole, never from something it cannot vouch for.
 */

/** The build's code: every source file, the config and the locked packages. A change in any of them makes every page anew. */
export function codeVersion(appDir: string): string {
  const hash = createHash("sha1");
  const files = ["package-lock.json", "astro.config.ts", ...sourceFiles(join(appDir, "src")).map((f) => relative(appDir, f))].sort();
  for (const file of files) hash.update(file).update("\0").update(readFileSync(join(appDir, file))).update("\0");
  return hash.digest("base64url");
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The cache folder of a build: SANSHEN_CACHE (the tests, several portals at once), else Astro's default under the app. */
export function cacheFolder(appDir: string): string {
  return resolve(process.env.SANSHEN_CACHE ?? join(appDir, "node_modules", ".astro"));
}

/** A value the cache holds for `code`, or undefined (none, another code's, unreadable). */
export function readCached<T>(folder: string, name: string, code: string): T | undefined {
  const path = join(folder, name);
  if (!existsSync(path)) return undefined;
  try {
    const stored = JSON.parse(readFileSync(path, "utf8")) as { code?: string; value?: T };
    return stored.code === code ? stored.value : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps `value` for the next build with the same code; written whole or not at all. */
export function writeCached(folder: string, name: string, code: string, value: unknown): void {
  mkdirSync(folder, { recursive: true });
  writeFileAtomic(join(folder, name), JSON.stringify({ code, value }));
}

/**
 * Text entries (a rendered body by its key) kept for `code`, one JSON line
 * each after a first line naming the code: 50,000 bodies come to about
 * 300 MB, near the longest string V8 can make, so they are never one string.
 */
export function readCachedEntries(folder: string, name: string, code: string): [string, string][] {
  const path = join(folder, name);
  if (!existsSync(path)) return [];
  try {
    const bytes = readFileSync(path);
    const out: [string, string][] = [];
    let start = 0;
    let first = true;
    while (start < bytes.length) {
      let end = bytes.indexOf(10, start);
      if (end < 0) end = bytes.length;
      const line = JSON.parse(bytes.toString("utf8", start, end)) as unknown;
      if (first) {
        if ((line as { code?: string }).code !== code) return [];
        first = false;
      } else out.push(line as [string, string]);
      start = end + 1;
    }
    return out;
  } catch {
    return [];
  }
}

export function writeCachedEntries(folder: string, name: string, code: string, entries: Iterable<[string, string]>): void {
  mkdirSync(folder, { recursive: true });
  writeFileAtomic(join(folder, name), (function* () {
    yield `${JSON.stringify({ code })}\n`;
    for (const entry of entries) yield `${JSON.stringify(entry)}\n`;
  })());
}

/** The cache file of the manifest for one output folder (a portal built to two folders keeps two). */
export function manifestName(outDir: string): string {
  return `sanshen-manifest-${createHash("sha1").update(resolve(outDir)).digest("hex").slice(0, 12)}.json`;
}
