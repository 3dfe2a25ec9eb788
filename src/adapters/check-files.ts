import { join } from "node:path";
import { checkContent, checkEmptyColumns } from "../checks/check-content.ts";
import { checkResult, checkRules, type CheckResult } from "../checks/check-portal.ts";
import { listContentFiles, readFiles, readTextIfExists, readWorkflowTexts } from "./portal-files.ts";

/**
 * `npm run check` on a portal folder: reads the files, runs the pure checks.
 * One thread on purpose: parsing YAML is memory-bound, and on the 2-core
 * reference machine two worker threads each ran at half speed, so sharding
 * made a whole-corpus check slower (3.8 s against 2.1–3.0 s; docs/BENCHMARKS.md).
 *
 * @param scope files to check in depth; the whole corpus when left out.
 */
export function checkPortalFiles(root: string, scope?: readonly string[]): CheckResult {
  const paths = listContentFiles(root);
  const { portal, findings } = checkRules({
    workflows: readWorkflowTexts(root),
    codeowners: readTextIfExists(join(root, "CODEOWNERS")),
  });
  if (!portal) return checkResult(undefined, findings, 0, []);
  if (!scope) findings.push(...checkEmptyColumns(portal, paths));
  const content = checkContent(portal, { paths, contents: readFiles(root, scope ?? paths) });
  findings.push(...content.findings);
  return checkResult(portal, findings, content.checked, content.articles);
}
