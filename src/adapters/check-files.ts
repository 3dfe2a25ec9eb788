import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { Finding } from "../findings/finding.ts";
import { checkContent, checkEmptyColumns } from "../checks/check-content.ts";
import { checkResult, checkRules, type CheckResult } from "../checks/check-portal.ts";
import { listContentFiles, readFiles, readTextIfExists, readWorkflowTexts } from "./portal-files.ts";

export interface CheckFilesOptions {
  /** Files to check in depth; the whole corpus when left out. */
  scope?: readonly string[] | undefined;
  /** Spread a large corpus over worker threads (the articles themselves are then not returned). */
  parallel?: boolean;
}

/** Below this many files a worker's start-up costs more than it saves. */
const PARALLEL_MIN_FILES = 1500;

/** `npm run check` on a portal folder: reads the files, runs the pure checks, in workers when it pays. */
export async function checkPortalFiles(root: string, options: CheckFilesOptions = {}): Promise<CheckResult> {
  const paths = listContentFiles(root);
  const scope = options.scope ?? paths;
  const whole = options.scope === undefined;
  const { portal, findings } = checkRules({
    workflows: readWorkflowTexts(root),
    codeowners: readTextIfExists(join(root, "CODEOWNERS")),
  });
  if (!portal) return checkResult(undefined, findings, 0, []);
  if (whole) findings.push(...checkEmptyColumns(portal, paths));

  const workers = Math.min(availableParallelism(), 4);
  if (options.parallel && workers > 1 && scope.length >= PARALLEL_MIN_FILES) {
    const shards = Array.from({ length: workers }, (_, i) => scope.filter((_, j) => j % workers === i));
    const results = await Promise.all(shards.map((shard) => inWorker(root, paths, shard)));
    for (const r of results) findings.push(...r.findings);
    return checkResult(portal, findings, scope.length, []);
  }
  const content = checkContent(portal, { paths, contents: readFiles(root, scope) });
  findings.push(...content.findings);
  return checkResult(portal, findings, content.checked, content.articles);
}

function inWorker(root: string, paths: readonly string[], shard: readonly string[]): Promise<{ findings: Finding[] }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./check-worker.ts", import.meta.url), {
      workerData: { root, paths, shard },
      // Where Node cannot strip types itself, the worker needs tsx as its parent had.
      execArgv: process.features.typescript ? [] : ["--import", "tsx"],
    });
    worker.once("message", resolve);
    worker.once("error", reject);
  });
}
