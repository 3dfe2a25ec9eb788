import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fetchSnapshot, github, openPullNumbers, upsertIssue } from "../adapters/github.ts";
import { readWorkflowTexts } from "../adapters/repository-files.ts";
import { apiUrlOf, nowOf, portalRootOf, repoOf, UsageError, type Args } from "../cli/args.ts";
import { JobFailure } from "../cli/run.ts";
import { DIGEST_MARKER, digest, renderDigest } from "../review/review-digest.ts";
import { snapshotSchema, type Snapshot } from "../review/snapshot.ts";
import { parseWorkflows } from "../workflows/parse-workflows.ts";

/** `npm run digest`: the job's composition; scripts/digest.ts gives it its command line. */
export async function digestJob(args: Args): Promise<number> {
  const root = portalRootOf(args, { base: true });
  const { portal } = parseWorkflows(readWorkflowTexts(root));
  if (!portal) throw new JobFailure("网站规则文件有误，无法生成待审稿件提醒：请先运行 npm run check 并改正。", 1);
  const now = nowOf(args);

  let prs: Snapshot[] = [];
  const target = args.github ? repoOf(args) : undefined;
  const gh = target ? github(process.env.GITHUB_TOKEN, apiUrlOf(args)) : undefined;
  if (gh && target) {
    for (const n of await openPullNumbers(gh, target)) {
      const snapshot = await fetchSnapshot(gh, target, n);
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
  if (gh && target) {
    const how = await upsertIssue(gh, target, DIGEST_MARKER, "待审稿件提醒", text);
    console.error(`待审稿件提醒已${how === "created" ? "创建" : "更新"}。`);
  }
  console.log(args.json ? JSON.stringify(entries, null, 2) : text);
  return 0;
}
