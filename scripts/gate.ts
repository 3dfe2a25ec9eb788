// npm run gate -- --snapshot pr.json [--root DIR] [--json]: the 三审三校 decision for a PR snapshot, offline.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readWorkflowTexts } from "../src/adapters/portal-files.ts";
import { parseArgs, rootOf, UsageError } from "../src/cli/args.ts";
import { run } from "../src/cli/run.ts";
import { formatText } from "../src/findings/format.ts";
import { evaluateGate } from "../src/gate/evaluate.ts";
import { renderApprovalForm } from "../src/gate/approval-form.ts";
import { snapshotSchema } from "../src/gate/snapshot.ts";
import { parseWorkflows } from "../src/portal/parse-workflows.ts";

run(() => {
  const args = parseArgs(process.argv.slice(2), { flags: ["json"], options: ["root", "snapshot"] });
  if (typeof args.snapshot !== "string") throw new UsageError("请用 --snapshot 指定拉取请求快照文件（JSON）");
  const root = rootOf(args);
  if (!existsSync(join(root, "workflows"))) throw new UsageError(`${root} 不是门户目录（没有 workflows/）：请用 --root 指向主分支的门户仓库`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(args.snapshot, "utf8"));
  } catch (e) {
    throw new UsageError(`无法读取快照 ${args.snapshot}：${(e as Error).message}`);
  }
  const snapshot = snapshotSchema.safeParse(raw);
  if (!snapshot.success) throw new UsageError(`快照格式不对：${snapshot.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).slice(0, 3).join("；")}`);
  // Policy from the base checkout (--root), never from the pull request.
  const { portal, findings } = parseWorkflows(readWorkflowTexts(root));
  if (!portal) {
    console.error(formatText({ ok: false, checked: 4, errors: findings, warnings: [] }));
    return 1;
  }
  const result = evaluateGate(portal, snapshot.data);
  if (args.json) {
    const { info: _info, ...out } = result;
    console.log(JSON.stringify({ ...out, chain: out.chain.map(({ level, name, status, by, at, eligible, chain }) => ({ level, name, status, by, at, eligible, chain })) }, null, 2));
  } else {
    console.log(result.description);
    console.log(renderApprovalForm(portal, snapshot.data, result));
  }
  // 0 passed, 4 waiting for reviews, 1 cannot pass as it stands.
  return result.state === "success" ? 0 : result.state === "pending" ? 4 : 1;
});
