// npm run digest -- --snapshots DIR [--root DIR] [--json] [--now ISO]
// npm run digest -- --github --repo OWNER/NAME [--api-url URL]   (token: GITHUB_TOKEN): keeps one issue up to date.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fetchSnapshot, github, GitHubError, openPullNumbers, upsertIssue } from "../src/adapters/github.ts";
import { readWorkflowTexts } from "../src/adapters/portal-files.ts";
import { parseArgs, rootOf, UsageError } from "../src/cli/args.ts";
import { run } from "../src/cli/run.ts";
import { DIGEST_MARKER, digest, renderDigest } from "../src/gate/digest.ts";
import { snapshotSchema, type Snapshot } from "../src/gate/snapshot.ts";
import { parseWorkflows } from "../src/portal/parse-workflows.ts";

run(async () => {
  const args = parseArgs(process.argv.slice(2), { flags: ["json", "github"], options: ["root", "snapshots", "repo", "api-url", "now"] });
  const root = rootOf(args);
  if (!existsSync(join(root, "workflows"))) throw new UsageError(`${root} 不是门户目录（没有 workflows/）：请用 --root 指向主分支的门户仓库`);
  const { portal } = parseWorkflows(readWorkflowTexts(root));
  if (!portal) throw new UsageError("网站规则文件有误：请先运行 npm run check 并改正");
  const now = typeof args.now === "string" ? new Date(args.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new UsageError("--now 应为时间，例如 2026-11-20T00:45:00Z");

  let prs: Snapshot[] = [];
  const gh = args.github ? github(process.env.GITHUB_TOKEN, String(args["api-url"] ?? process.env.GITHUB_API_URL ?? "https://api.github.com")) : undefined;
  const [owner, repo] = String(args.repo ?? process.env.GITHUB_REPOSITORY ?? "").split("/");
  try {
    if (gh) {
      if (!owner || !repo) throw new UsageError("--github 需要 --repo 所有者/仓库名");
      for (const n of await openPullNumbers(gh, { owner, repo })) {
        const { facts: _facts, ...snapshot } = await fetchSnapshot(gh, { owner, repo }, n);
        prs.push(snapshot);
      }
    } else {
      if (typeof args.snapshots !== "string") throw new UsageError("请用 --snapshots 指定快照目录，或用 --github 从 GitHub 读取");
      prs = readdirSync(args.snapshots).filter((f) => f.endsWith(".json")).sort().map((f) => {
        const parsed = snapshotSchema.safeParse(JSON.parse(readFileSync(join(String(args.snapshots), f), "utf8")));
        if (!parsed.success) throw new UsageError(`快照 ${f} 格式不对`);
        return parsed.data;
      });
    }
    const entries = digest(portal, prs, now);
    const text = renderDigest(entries, now);
    if (gh) {
      const how = await upsertIssue(gh, { owner: owner!, repo: repo! }, DIGEST_MARKER, "待审稿件提醒", text);
      console.error(`待审稿件提醒已${how === "created" ? "创建" : "更新"}。`);
    }
    console.log(args.json ? JSON.stringify(entries, null, 2) : text);
    return 0;
  } catch (e) {
    if (e instanceof GitHubError) throw new UsageError(e.message);
    throw e;
  }
});
