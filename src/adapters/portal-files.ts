import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { WorkflowTexts } from "../portal/parse-workflows.ts";
import { WORKFLOW_FILES } from "../portal/portal.ts";

/** The only place `check` and the site touch the portal's files. */

export function readTextIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

export function readWorkflowTexts(root: string): WorkflowTexts {
  const words: Record<string, string> = {};
  const wordsDir = join(root, "workflows", "words");
  if (existsSync(wordsDir)) {
    for (const name of readdirSync(wordsDir)) {
      const p = join(wordsDir, name);
      if (statSync(p).isFile()) words[name] = readFileSync(p, "utf8");
    }
  }
  return {
    site: readTextIfExists(join(root, WORKFLOW_FILES.site)),
    columns: readTextIfExists(join(root, WORKFLOW_FILES.columns)),
    units: readTextIfExists(join(root, WORKFLOW_FILES.units)),
    review: readTextIfExists(join(root, WORKFLOW_FILES.review)),
    words,
  };
}

/** Every file under content/, relative to the root with forward slashes, sorted. */
export function listContentFiles(root: string): string[] {
  const out: string[] = [];
  // A plain walk joining strings: 8–11 ms against 68–105 ms for readdir({recursive}) + path.relative on 10,000 files.
  const walk = (dir: string, rel: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      if (e.isDirectory()) walk(`${dir}/${e.name}`, `${rel}/${e.name}`);
      else if (e.isFile()) out.push(`${rel}/${e.name}`);
    }
  };
  walk(join(root, "content"), "content");
  return out.sort();
}

export function readFiles(root: string, paths: Iterable<string>): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const p of paths) out.set(p, readFileSync(join(root, p)));
  return out;
}
