// npm run digest -- --snapshots DIR [--root DIR] [--json] [--now ISO]
// npm run digest -- --github --repo OWNER/NAME [--api-url URL]   (token: GITHUB_TOKEN): keeps one issue up to date.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fetchSnapshot, github, openPullNumbers, upsertIssue } from "../src/adapters/github.ts";
import { readWorkflowTexts } from "../src/adapters/portal-files.ts";
import { apiUrlOf, portalRootOf, UsageError } from "../src/cli/args.ts";
import { JobFailure, runJob } from "../src/cli/run.ts";
import { DIGEST_MARKER, digest, renderDigest } from "../src/gate/digest.ts";
import { snapshotSchema, type Snapshot } from "../src/gate/snapshot.ts";
import { parseWorkflows } from "../src/portal/parse-workflows.ts";

const usage = `用法：npm run digest -- --snapshots 目录 [选项]
      npm run digest -- --github --repo 所有者/仓库名 [选项]
待审稿件提醒：列出每个待审 PR 该由谁审、已等多久，最久的在前；用 --github 时在仓库里保持一条提醒议题（issue）。

选项：
  --snapshots 目录   离线生成：读取目录里的 PR 快照（*.json）
  --github           从 GitHub 读取全部未合并的 PR，并更新提醒议题（令牌：环境变量 GITHUB_TOKEN）
  --repo 所有者/仓库名
  --api-url 地址     GitHub 企业版的接口地址（默认 https://api.github.com）
  --root 目录        门户仓库所在的目录（默认：当前目录）
  --now 时间         按这个时间计算等待时长，例如 2026-11-20T00:45:00Z（默认：现在）
  --json             以 JSON 输出
  -h, --help         显示本说明

例如：
  npm run digest -- --snapshots 快照目录
  GITHUB_TOKEN=… npm run digest -- --github --repo city-cppcc/portal`;

runJob({ usage, flags: ["json", "github"], options: ["root", "snapshots", "repo", "api-url", "now"] }, async (args) => {
  const root = portalRootOf(args, { base: true });
  const { portal } = parseWorkflows(readWorkflowTexts(root));
  if (!portal) throw new JobFailure("网站规则文件有误，无法生成待审稿件提醒：请先运行 npm run check 并改正。", 1);
  const now = typeof args.now === "string" ? new Date(args.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new UsageError("--now 应为时间，例如 2026-11-20T00:45:00Z");

  let prs: Snapshot[] = [];
  const gh = args.github ? github(process.env.GITHUB_TOKEN, apiUrlOf(args)) : undefined;
  const [owner, repo] = String(args.repo ?? process.env.GITHUB_REPOSITORY ?? "").split("/");
  if (gh) {
    if (!owner || !repo) throw new UsageError("--github 需要 --repo 所有者/仓库名");
    for (const n of await openPullNumbers(gh, { owner, repo })) {
      const snapshot = await fetchSnapshot(gh, { owner, repo }, n);
      prs.push(snapshot);
    }
  } else {
    if (typeof args.snapshots !== "string") throw new UsageError("请用 --snapshots 指定快照目录，或用 --github 从 GitHub 读取");
    const dir = args.snapshots;
    if (!existsSync(dir)) throw new UsageError(`快照目录 ${dir} 不存在`);
    prs = readdirSync(dir).filter((f) => f.endsWith(".json")).sort().map((f) => {
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(join(dir, f), "utf8"));
      } catch (e) {
        throw new UsageError(`无法读取快照 ${f}：${(e as Error).message}`);
      }
      const parsed = snapshotSchema.safeParse(raw);
      if (!parsed.success) throw new UsageError(`快照 ${f} 格式不对`);
      return parsed.data;
    });
  }
  const entries = digest(portal, prs, now);
  const text = renderDigest(entries, now, portal.site.review_hours);
  if (gh) {
    const how = await upsertIssue(gh, { owner: owner!, repo: repo! }, DIGEST_MARKER, "待审稿件提醒", text);
    console.error(`待审稿件提醒已${how === "created" ? "创建" : "更新"}。`);
  }
  console.log(args.json ? JSON.stringify(entries, null, 2) : text);
  return 0;
});
