import { github, keepIssues } from "../adapters/github.ts";
import { formatBeijing } from "../calendar/dates.ts";
import { apiUrlOf, nowOf, portalRootOf, repoOf, UsageError, type Args } from "../cli/args.ts";
import { JobFailure } from "../cli/run.ts";
import { COLUMN_MARKER_PREFIX, columnNotices, dashboardNotice, DASHBOARD_MARKER, STALE_LABEL } from "../columns/stale-notices.ts";
import { judgedColumns, renderStaleText, staleReport } from "../columns/stale-report.ts";
import { DUE_SOON_SHARE } from "../columns/staleness.ts";
import { isListed, isPublished } from "../publication/visibility.ts";
import type { SiteModel } from "../site/site-model.ts";
import { checkPortalFiles } from "./check.ts";
import { siteFrom } from "./build.ts";
import { startMainLine } from "../adapters/git.ts";

/**
 * Each column's newest item a reader can see at `now`: published (not a
 * scheduled item still waiting), listed (not withdrawn, not expired). Profile
 * and list columns are kept up to date by editing their pages, not by adding
 * items: their last change on the main line counts.
 */
export function lastPublishedByColumn(model: SiteModel, lastChanged: ReadonlyMap<string, Date>, now: Date): Map<string, Date> {
  const today = formatBeijing(now, false);
  const last = new Map<string, Date>();
  const newer = (path: string, at: Date) => {
    const seen = last.get(path);
    if (!seen || at > seen) last.set(path, at);
  };
  for (const article of model.articles) {
    const at = model.published.get(article.id);
    if (!at || at > now || !isPublished(article, at, now, model.portal.site.withdrawn) || !isListed(article.data, today)) continue;
    newer(article.column.path, at);
  }
  for (const column of judgedColumns(model.portal)) {
    if (column.kind !== "profile" && column.kind !== "list") continue;
    for (const [file, at] of lastChanged) if (file.startsWith(`content/${column.path}/`) && at <= now) newer(column.path, at);
  }
  return last;
}

/** `npm run stale`: the job's composition; scripts/stale.ts gives it its command line. */
export async function staleJob(args: Args): Promise<number> {
  const root = portalRootOf(args);
  const now = nowOf(args);
  const share = args["due-soon"] === undefined ? DUE_SOON_SHARE : Number(args["due-soon"]) / 100;
  if (!(share > 0 && share < 1)) throw new UsageError(`--due-soon 应为 1 到 99 之间的百分数，例如 70，现在是「${String(args["due-soon"])}」`);
  // git walks the history on the other core while this one checks the portal.
  const history = startMainLine(root);
  const site = await siteFrom(root, "无法判断栏目更新情况", checkPortalFiles(root, undefined, now, undefined, { textRules: false }), now, history());
  if ("refusal" in site) throw new JobFailure(site.refusal, 1);
  const report = staleReport(site.model.portal, lastPublishedByColumn(site.model, site.model.lastChanged, now), now, share);

  if (args.github) {
    const target = repoOf(args);
    const gh = github(process.env.GITHUB_TOKEN, apiUrlOf(args));
    const portal = site.model.portal;
    const columns = await keepIssues(gh, target, columnNotices(report, portal), COLUMN_MARKER_PREFIX, `栏目已恢复更新（${formatBeijing(now)} 核对），本议题自动关闭。`, STALE_LABEL);
    await keepIssues(gh, target, [dashboardNotice(report, portal)], DASHBOARD_MARKER, "", STALE_LABEL);
    console.error(`已更新栏目更新看板；栏目议题新建 ${columns.created} 个、更新 ${columns.updated} 个、关闭 ${columns.closed} 个。`);
  }
  console.log(args.json ? JSON.stringify(report, null, 2) : renderStaleText(report, site.model.portal));
  return 0;
}
