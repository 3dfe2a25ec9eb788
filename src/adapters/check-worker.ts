import { parentPort, workerData } from "node:worker_threads";
import { checkContent } from "../checks/check-content.ts";
import { parseWorkflows } from "../portal/parse-workflows.ts";
import { readFiles, readWorkflowTexts } from "./portal-files.ts";

/** One shard of a whole-corpus check (see check-files.ts). */
const { root, paths, shard } = workerData as { root: string; paths: string[]; shard: string[] };
const { portal } = parseWorkflows(readWorkflowTexts(root));
const result = checkContent(portal!, { paths, contents: readFiles(root, shard) });
parentPort!.postMessage({ findings: result.findings });
