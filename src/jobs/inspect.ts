import { existsSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { github, keepIssues } from "../adapters/github.ts";
import { startMainLine } from "../adapters/git.ts";
import { builtFiles, checkExternal, compareLive, pooled, readBuilt, searchUrls } from "../adapters/site-fetch.ts";
import { crawlFetcher, CRAWL_LIMITS } from "../adapters/crawl-fetch.ts";
import type { Column } from "../columns/column-tree.ts";
import { fedLinkColumns } from "../columns/linked-columns.ts";
import { readSourceItems } from "../crawl/source-items.ts";
import { formatBeijing } from "../calendar/dates.ts";
import { apiUrlOf, nowOf, portalRootOf, repoOf, UsageError, type Args } from "../cli/args.ts";
import { JobFailure } from "../cli/run.ts";
import { staleReport } from "../columns/stale-report.ts";
import { isListed } from "../publication/visibility.ts";
import {
  deadLinkFindings,
  INSPECT_LABEL,
  INSPECT_MARKER,
  inspectionIssueBody,
  inspectSite,
  linkedVerdict,
  liveFindings,
  renderInspectionText,
  sitePathOf,
  type InspectionFinding,
  type InspectionReport,
  type ItemFacts,
} from "../site-inspection/site-inspection.ts";
import { articleUrl, columnUrl } from "../site/urls.ts";
import { checkPortalFiles } from "./check.ts";
import { siteFrom } from "./build.ts";
import { lastPublishedByColumn } from "./stale.ts";


/** `npm run inspect`: the job's composition; scripts/inspect.ts gives it its command line. */
export async function inspectJob(args: Args): Promise<number> {
  const root = portalRootOf(args);
  const now = nowOf(args);
  const full = Boolean(args.full);
  const dist = typeof args.dist === "string" ? (isAbsolute(args.dist) ? args.dist : resolve(root, args.dist)) : join(root, "dist");
  if (!existsSync(join(dist, "index.html"))) {
    throw new JobFailure(`INSPECT.NO_BUILD：${dist} 里没有生成好的网站（缺少 index.html）：请先生成网站（npm run build），或用 --dist 指向生成网站的目录。`, 1);
  }
  const live = typeof args.url === "string" ? args.url : undefined;
  if (live && !/^https?:\/\//.test(live)) throw new UsageError(`--url 应为 http(s) 网址，例如 https://www.example.gov.cn，现在是「${live}」`);

  const history = startMainLine(root);
  const plain = checkPortalFiles(root, undefined, now, undefined, { textRules: false });
  const site = await siteFrom(root, "无法读网", plain, now, history());
  if ("refusal" in site) throw new JobFailure(site.refusal, 1);
  const { model } = site;
  const today = formatBeijing(now, false);
  const origin = `https://${model.portal.site.domain}`;

  const files = builtFiles(dist);
  const fileSet = new Set(files);
  const html = new Map(files.filter((f) => f.endsWith(".html") && !f.startsWith("pagefind/")).map((f) => [f, readBuilt(dist, f)] as const));
  const feeds = new Map(files.filter((f) => /^(sitemap[^/]*\.xml|rss\.xml|atom\.xml|feed\.json)$/.test(f)).map((f) => [f, readBuilt(dist, f)] as const));
  const items: ItemFacts[] = model.articles
    .filter((a) => model.published.has(a.id))
    .map((a) => ({
      url: articleUrl(a.id),
      title: a.data.title,
      expired: !a.data.withdrawn && !isListed(a.data, today),
      invalid: a.data.validity === "expired" ? "失效" : a.data.validity === "repealed" ? "废止" : undefined,
    }));
  const listPages = new Set(["/", ...model.portal.columns.map((c) => columnUrl(c.path))]);
  const inspected = inspectSite({ origin, files: fileSet, html, feeds, searchUrls: searchUrls(dist, files), listPages, items });
  const findings: InspectionFinding[] = [...inspected.findings];
  const warnings: InspectionFinding[] = [...inspected.warnings];

  // Today's word lists and personal-data rules over every published article.
  // What the text rules add to the plain reading: found by today's lists, whatever the article's other warnings.
  const rescan = checkPortalFiles(root, undefined, now);
  const key = (f: { rule: string; file: string; line?: number | undefined; message: string }) => `${f.rule}\0${f.file}\0${f.line ?? ""}\0${f.message}`;
  const known = new Set([...plain.errors, ...plain.warnings].map(key));
  const urlOfFile = new Map(model.articles.filter((a) => model.published.has(a.id)).map((a) => [a.file, articleUrl(a.id)]));
  for (const f of [...rescan.errors, ...rescan.warnings]) {
    const page = urlOfFile.get(f.file);
    if (!page || known.has(key(f))) continue;
    findings.push({ rule: "INSPECT.TEXT_RULE", page, message: `${f.file}${f.line ? ` 第 ${f.line} 行` : ""}：${f.message}（${f.rule}）` });
  }

  const external = Boolean(args.external) || full;
  const linked = Boolean(args.linked) || external;
  if (linked) {
    // Link columns: the linked site opens (its address), and with `feed:` it still publishes (its latest items).
    const linkColumns = model.portal.columns.filter((c) => c.kind === "link" && c.url);
    // A link column has no page of its own: its problems are seen on the page that lists it.
    const shownOn = (c: Column) => columnUrl(c.parent ?? c.path);
    const urls = new Map(external ? inspected.external : []);
    for (const c of linkColumns) if (!urls.has(c.url!)) urls.set(c.url!, new Set());
    const outcomes = await checkExternal([...urls.keys()]);
    if (external) {
      const dead = deadLinkFindings(inspected.external, outcomes);
      findings.push(...dead.findings);
      warnings.push(...dead.warnings);
    }
    for (const c of linkColumns) {
      const o = outcomes.get(c.url!);
      if (o && o.ok === false) findings.push({ rule: "INSPECT.LINK_COLUMN", page: shownOn(c), target: c.url!, message: `链接栏目「${c.name}」的网址 ${c.url} 打不开：${o.why}` });
    }
    const fetcher = crawlFetcher({ ...CRAWL_LIMITS, delayMs: 1_000, timeoutMs: 20_000, maxBytes: 5 * 1024 * 1024 });
    const fed = fedLinkColumns(model.portal.columns);
    const reads = await pooled(fed, 4, (c) => readSourceItems(c.feed!, fetcher));
    fed.forEach((c, i) => {
      const unit = model.portal.unitById.get(c.units[0] ?? "")?.name ?? "该单位";
      const verdict = linkedVerdict(c, unit, reads[i]!, now);
      if (verdict) (verdict.severity === "finding" ? findings : warnings).push({ rule: verdict.rule, page: shownOn(c), target: c.feed!.url, message: verdict.message });
    });
  }
  if (live) {
    const pages = files.filter((f) => !f.startsWith("pagefind/") && f !== "404.html");
    findings.push(...liveFindings(live, await compareLive(live, dist, pages, sitePathOf)));
  }

  const stale = staleReport(model.portal, lastPublishedByColumn(model, model.lastChanged, now), now);
  const report: InspectionReport = {
    now: now.toISOString(),
    dist,
    pages: html.size,
    findings,
    warnings,
    checked: { internal: true, external, linked, live: live ?? null, rescan: true },
    verdicts: stale.verdicts,
  };
  const when = formatBeijing(now);
  if (args.github) {
    const gh = github(process.env.GITHUB_TOKEN, apiUrlOf(args));
    const wanted = report.findings.length ? [{ marker: INSPECT_MARKER, title: `读网发现 ${report.findings.length} 处问题`, body: inspectionIssueBody(report, when), labels: [INSPECT_LABEL] }] : [];
    const kept = await keepIssues(gh, repoOf(args), wanted, INSPECT_MARKER, `读网未发现问题（${when} 核对），本议题自动关闭。`, INSPECT_LABEL);
    console.error(`读网议题新建 ${kept.created} 个、更新 ${kept.updated} 个、关闭 ${kept.closed} 个。`);
  }
  console.log(args.json ? JSON.stringify(report, null, 2) : renderInspectionText(report, when));
  return report.findings.length || report.verdicts.some((v) => !v.pass && v.rule.startsWith("NATIONAL.")) ? 1 : 0;
}
