// npm run gate -- --snapshot pr.json [--root DIR] [--json]
// npm run gate -- --github --repo OWNER/NAME --pr N [--root DIR] [--api-url URL]   (token: GITHUB_TOKEN)
// The 三审三校 decision for a pull request, with the policy from --root (the base checkout).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fetchSnapshot, github, GitHubError, markGateError, publishGate } from "../src/adapters/github.ts";
import { readWorkflowTexts } from "../src/adapters/portal-files.ts";
import { parseArgs, rootOf, UsageError } from "../src/cli/args.ts";
import { run } from "../src/cli/run.ts";
import { formatText } from "../src/findings/format.ts";
import { renderApprovalForm } from "../src/gate/approval-form.ts";
import { evaluateGate } from "../src/gate/evaluate.ts";
import { snapshotSchema, type Snapshot } from "../src/gate/snapshot.ts";
import { parseWorkflows } from "../src/portal/parse-workflows.ts";

run(async () => {
  const args = parseArgs(process.argv.slice(2), { flags: ["json", "github"], options: ["root", "snapshot", "repo", "pr", "api-url"] });
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
        throw new UsageError(e.message);
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
    try {
      const { comment } = await publishGate(gh, target, snapshot, result, form).catch(async (e: unknown) => {
        if (e instanceof GitHubError) await markGateError(gh!, target!, snapshot.number, e.message);
        throw e;
      });
      console.error(`已设置状态「三审三校」：${result.state}；审批单评论已${comment === "created" ? "发布" : "更新"}。`);
    } catch (e) {
      if (e instanceof GitHubError) throw new UsageError(e.message);
      throw e;
    }
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
