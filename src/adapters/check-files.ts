import { readFileSync } from "node:fs";
import { join } from "node:path";
import { applyFixes } from "../checks/fix.ts";
import { checkContent, checkEmptyColumns } from "../checks/check-content.ts";
import { checkResult, checkRules, type CheckResult } from "../checks/check-portal.ts";
import { appendAll, type Finding } from "../findings/finding.ts";
import { writeFileAtomic } from "./atomic-write.ts";
import { contentLinks, listContentFiles, notAFile, readFiles, readTextIfExists, readWorkflowTexts } from "./portal-files.ts";

/**
 * `npm run check` on a portal folder: reads the files, runs the pure checks.
 * One thread on purpose: parsing YAML is memory-bound, and on the 2-core
 * reference machine two worker threads each ran at half speed, so sharding
 * made a whole-corpus check slower (3.8 s against 2.1–3.0 s; docs/BENCHMARKS.md).
 *
 * @param scope files to check in depth; the whole corpus when left out.
 */
export function checkPortalFiles(root: string, scope?: readonly string[], now = new Date()): CheckResult {
  const paths = listContentFiles(root);
  const codeownersFolder = notAFile(root, "CODEOWNERS");
  const rules = checkRules({
    workflows: readWorkflowTexts(root),
    codeowners: codeownersFolder ? undefined : readTextIfExists(join(root, "CODEOWNERS")),
  });
  const { portal } = rules;
  // A folder named CODEOWNERS is reported as that, not also as a missing file.
  const findings = codeownersFolder ? [codeownersFolder, ...rules.findings.filter((f) => f.rule !== "CODEOWNERS.MISSING")] : rules.findings;
  appendAll(findings, contentLinks(root)); // links are never followed: each one is an error
  if (!portal) return checkResult(undefined, findings, 0, []);
  if (!scope) appendAll(findings, checkEmptyColumns(portal, paths));
  const content = checkContent(portal, { paths, contents: readFiles(root, scope ?? paths), now });
  appendAll(findings, content.findings);
  return checkResult(portal, findings, content.checked, content.articles);
}

export interface FixedFile {
  file: string;
  fixes: number;
}

/**
 * `check --fix`: writes the safe corrections into the files that have them,
 * each file replaced atomically, and tells `onFixed` about each file as soon
 * as it is written, so an interrupted run still leaves a record of what changed.
 */
export function fixFiles(root: string, result: CheckResult, onFixed: (fixed: FixedFile) => void = () => {}): { files: number; fixes: number; changed: FixedFile[] } {
  const byFile = new Map<string, Finding[]>();
  for (const list of [result.errors, result.warnings]) {
    for (const f of list) {
      if (!f.fix) continue;
      const group = byFile.get(f.file);
      if (group) group.push(f);
      else byFile.set(f.file, [f]);
    }
  }
  let fixes = 0;
  const changed: FixedFile[] = [];
  for (const [file, findings] of byFile) {
    const path = join(root, file);
    const bytes = readFileSync(path);
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const original = bytes.toString("utf8").slice(bom ? 1 : 0);
    // Findings carry offsets in the LF-normalised text; keep the file's own line ends.
    const crlf = original.includes("\r\n");
    const fixed = applyFixes(original.replace(/\r\n?/g, "\n"), findings);
    if (!fixed.applied) continue;
    writeFileAtomic(path, (bom ? "\ufeff" : "") + (crlf ? fixed.text.replace(/\n/g, "\r\n") : fixed.text));
    fixes += fixed.applied;
    const record = { file, fixes: fixed.applied };
    changed.push(record);
    onFixed(record);
  }
  return { files: changed.length, fixes, changed };
}
