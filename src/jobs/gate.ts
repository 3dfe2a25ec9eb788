import { readFileSync } from "node:fs";
import { appInstallationToken, fetchSnapshot, github, GitHubError, markGateError, publishGate, type AppCredentials, type ReportAs } from "../adapters/github.ts";
import { readWorkflowTexts } from "../adapters/repository-files.ts";
import { apiUrlOf, portalRootOf, repoOf, UsageError, type Args } from "../cli/args.ts";
import { formatText } from "../findings/format.ts";
import { renderApprovalForm } from "../review/approval-form.ts";
import { evaluateGate, type GateResult } from "../review/count-approvals.ts";
import { snapshotSchema, type Snapshot } from "../review/snapshot.ts";
import { parseWorkflows } from "../workflows/parse-workflows.ts";
import type { Portal } from "../workflows/portal.ts";



/** `npm run gate`: the job's composition; scripts/gate.ts gives it its command line. */
export async function gateJob(args: Args): Promise<number> {
  const root = portalRootOf(args, { base: true });
  // Policy from the base checkout (--root), never from the pull request.
  const { portal, findings } = parseWorkflows(readWorkflowTexts(root));
  if (!portal) {
    console.error(formatText({ ok: false, checked: 4, errors: findings, warnings: [] }));
    return 1;
  }

  let snapshot: Snapshot;
  let result: GateResult;
  let form: string;
  if (args.github) {
    const { owner, repo } = repoOf(args);
    const number = Number(args.pr);
    if (!Number.isInteger(number) || number < 1) throw new UsageError("--github 需要 --pr 编号，例如 --pr 42");
    const app = appFromEnv();
    const baseUrl = apiUrlOf(args);
    const onWait = (s: number) => console.error(`GitHub 限流，${s} 秒后重试……`);
    const target = { owner, repo };
    const as: ReportAs = app ? "check-run" : "status";
    if (!app) console.error("未配置审核 App（SANSHEN_APP_ID、SANSHEN_APP_PRIVATE_KEY）：结果以提交状态发布，任何有推送权限的人都能伪造，请按 npm run setup-github 的说明配置 App。");
    const gh = github(app ? await appInstallationToken(app, target, baseUrl, onWait) : process.env.GITHUB_TOKEN, baseUrl, onWait);
    let pinned: string | undefined;
    try {
      snapshot = await fetchSnapshot(gh, target, number);
      // Every read was for this head commit; the result is posted on it and nowhere else.
      pinned = snapshot.head_sha;
      ({ result, form } = judge(portal, snapshot));
      const published = await publishGate(gh, target, snapshot, result, form, as, app?.appId);
      if ("superseded" in published) {
        console.error(`判断期间 PR 有了新的提交（${pinned.slice(0, 7)} → ${published.superseded.slice(0, 7)}）：本次结果不发布，新的提交由新一轮审核判断。`);
        return 0;
      }
      console.error(`已设置「三审三校」${as === "check-run" ? "检查结果（审核 App）" : "提交状态"}：${result.state}；审批单评论已${published.comment === "created" ? "发布" : "更新"}。`);
    } catch (e) {
      // Whatever went wrong, no earlier success may stay standing.
      await markGateError(gh, target, number, e instanceof GitHubError ? e.message : "内部错误，请联系技术管理员", as, pinned);
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
    ({ result, form } = judge(portal, snapshot));
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
}

function judge(portal: Portal, snapshot: Snapshot): { result: GateResult; form: string } {
  const result = evaluateGate(portal, snapshot);
  return { result, form: renderApprovalForm(portal, snapshot, result) };
}

/** The App's credentials, or none (then the commit-status fallback). Half a configuration is a mistake, not a fallback. */
function appFromEnv(): AppCredentials | undefined {
  const id = process.env.SANSHEN_APP_ID?.trim();
  const key = process.env.SANSHEN_APP_PRIVATE_KEY?.trim();
  if (!id && !key) return undefined;
  if (!id || !key) throw new UsageError(`审核 App 只配置了一半：需要同时提供 SANSHEN_APP_ID 和 SANSHEN_APP_PRIVATE_KEY（现在缺少 ${id ? "SANSHEN_APP_PRIVATE_KEY" : "SANSHEN_APP_ID"}）`);
  if (!/^\d+$/.test(id)) throw new UsageError(`SANSHEN_APP_ID 应是 App 的数字编号（App 设置页的 App ID），现在是「${id}」`);
  // A key pasted into a variable often carries \n for its line breaks.
  return { appId: Number(id), privateKey: key.replace(/\\n/g, "\n") };
}
