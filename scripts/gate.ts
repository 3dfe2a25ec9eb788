// npm run gate -- --snapshot pr.json [--root DIR] [--json]
// npm run gate -- --github --repo OWNER/NAME --pr N [--root DIR] [--api-url URL]   (token: GITHUB_TOKEN)
// The 三审三校 decision for a pull request, with the policy from --root (the base checkout).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fetchSnapshot, github, GitHubError, markGateError, publishGate } from "../src/adapters/github.ts";
import { readWorkflowTexts } from "../src/adapters/portal-files.ts";
import { rootOf, UsageError } from "../src/cli/args.ts";
import { runJob } from "../src/cli/run.ts";
import { formatText } from "../src/findings/format.ts";
import { renderApprovalForm } from "../src/gate/approval-form.ts";
import { evaluateGate } from "../src/gate/evaluate.ts";
import { snapshotSchema, type Snapshot } from "../src/gate/snapshot.ts";
import { parseWorkflows } from "../src/portal/parse-workflows.ts";

const usage = `用法：npm run gate -- --snapshot 快照.json [选项]
      npm run gate -- --github --repo 所有者/仓库名 --pr 编号 [选项]
“三审三校”审核关卡：按主分支的审核链判断一个 PR 是否已逐级审核通过，并生成审批单。
退出码：0 已通过，4 等待审核，1 不能通过。

选项：
  --snapshot 文件   离线判断：读取 PR 快照（JSON）
  --github          从 GitHub 读取 PR，设置“三审三校”状态并更新审批单评论（令牌：环境变量 GITHUB_TOKEN）
  --repo 所有者/仓库名
  --pr 编号
  --api-url 地址    GitHub 企业版的接口地址（默认 https://api.github.com）
  --root 目录       主分支门户仓库所在的目录，审核链从这里读取（默认：当前目录）
  --json            以 JSON 输出判断结果
  -h, --help        显示本说明

例如：
  npm run gate -- --snapshot tests/fixtures/gate-snapshot.json
  GITHUB_TOKEN=… npm run gate -- --github --repo city-cppcc/portal --pr 42`;

runJob({ usage, flags: ["json", "github"], options: ["root", "snapshot", "repo", "pr", "api-url"] }, async (args) => {
  const root = rootOf(args);
  if (!existsSync(join(root, "workflows"))) throw new UsageError(`${root} 不是门户目录（没有 workflows/）：请用 --root 指向主分支的门户仓库`);
  // Policy from the base checkout (--root), never from the pull request.
  const { portal, findings } = parseWorkflows(readWorkflowTexts(root));
  if (!portal) {
    console.error(formatText({ ok: false, checked: 4, errors: findings, warnings: [] }));
    return 1;
  }

  let snapshot: Snapshot;
  let gh: ReturnType<typeof github> | undefined;
  let target: { owner: string; repo: string } | undefined;
  let notIntoMain: string | undefined;
  if (args.github) {
    const [owner, repo] = String(args.repo ?? process.env.GITHUB_REPOSITORY ?? "").split("/");
    const number = Number(args.pr);
    if (!owner || !repo || !Number.isInteger(number) || number < 1) throw new UsageError("--github 需要 --repo 所有者/仓库名 和 --pr 编号");
    gh = github(process.env.GITHUB_TOKEN, String(args["api-url"] ?? process.env.GITHUB_API_URL ?? "https://api.github.com"), (s) => console.error(`GitHub 限流，${s} 秒后重试……`));
    target = { owner, repo };
    try {
      const fetched = await fetchSnapshot(gh, target, number);
      const { facts, ...rest } = fetched;
      snapshot = rest;
      if (facts.baseRef !== facts.defaultBranch) notIntoMain = `只审核合并到 ${facts.defaultBranch} 的 PR，这个 PR 合并到 ${facts.baseRef}`;
    } catch (e) {
      if (e instanceof GitHubError) {
        await markGateError(gh, target, number, e.message);
      }
      throw e;
    }
  } else {
    if (typeof args.snapshot !== "string") throw new UsageError("请用 --snapshot 指定拉取请求快照文件（JSON），或用 --github 从 GitHub 读取");
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(args.snapshot, "utf8"));
    } catch (e) {
      throw new UsageError(`无法读取快照 ${args.snapshot}：${(e as Error).message}`);
    }
    const parsed = snapshotSchema.safeParse(raw);
    if (!parsed.success) throw new UsageError(`快照格式不对：${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).slice(0, 3).join("；")}`);
    snapshot = parsed.data;
  }

  let result = evaluateGate(portal, snapshot);
  // A commit status belongs to the commit, not the PR: never pass one aimed at another branch.
  if (notIntoMain) result = { ...result, state: "failure", reasons: [notIntoMain, ...result.reasons], description: `未通过：${notIntoMain}` };
  const form = renderApprovalForm(portal, snapshot, result);
  if (gh && target) {
    const { comment } = await publishGate(gh, target, snapshot, result, form).catch(async (e: unknown) => {
      if (e instanceof GitHubError) await markGateError(gh!, target!, snapshot.number, e.message);
      throw e;
    });
    console.error(`已设置状态「三审三校」：${result.state}；审批单评论已${comment === "created" ? "发布" : "更新"}。`);
  }
  if (args.json) {
    const { info: _info, ...out } = result;
    console.log(JSON.stringify({ ...out, chain: out.chain.map(({ level, name, status, by, at, eligible, chain }) => ({ level, name, status, by, at, eligible, chain })) }, null, 2));
  } else {
    console.log(result.description);
    console.log(form);
  }
  // 0 passed, 4 waiting for reviews, 1 cannot pass as it stands.
  return result.state === "success" ? 0 : result.state === "pending" ? 4 : 1;
});
