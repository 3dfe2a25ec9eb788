import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../adapters/atomic-write.ts";
import { github, keepIssues, mergedPullRequests } from "../adapters/github.ts";
import { apiUrlOf, portalRootOf, repoOf, UsageError, type Args } from "../cli/args.ts";
import { JobFailure } from "../cli/run.ts";
import { staleReport } from "../columns/stale-report.ts";
import { parsePeriod } from "../reports/period.ts";
import { renderReportHtml, renderReportMarkdown, renderUnitsChart } from "../reports/render-report.ts";
import { submissionsFromGraph, withPullRequests } from "../reports/submissions.ts";
import { periodReport, type SubmissionFacts } from "../reports/unit-report.ts";
import type { Article } from "../articles/article.ts";
import { siteFrom } from "./build.ts";
import { startCommitGraph, startMainLine, type MainLineReading } from "../adapters/git.ts";
import { checkPortalFiles } from "./check.ts";
import { lastPublishedByColumn } from "./stale.ts";

/** `npm run report`: the job's composition; scripts/report.ts gives it its command line. */
export async function reportJob(args: Args): Promise<number> {
  const root = portalRootOf(args);
  if (typeof args.period !== "string") throw new UsageError("请用 --period 指定统计期，例如 --period 2026-11（月）、2026-Q4（季度）或 2026（年）");
  const period = parsePeriod(args.period);
  if (!period) throw new UsageError(`统计期「${args.period}」写法不对：应为 2026-11（月）、2026-Q4（季度）或 2026（年）`);
  // The portal as it stands; what the period saw comes from the history (publish times), not from the clock.
  const now = new Date();
  if (period.start > now) throw new UsageError(`统计期 ${period.name} 还没有开始`);
  // git walks the history on the other core while this one checks the portal.
  const mainLine = startMainLine(root)();
  const graph = startCommitGraph(root);
  const site = await siteFrom(root, "无法生成通报", checkPortalFiles(root, undefined, now, undefined, { textRules: false }), now, mainLine);
  if ("refusal" in site) throw new JobFailure(site.refusal, 1);
  const { model } = site;
  const asOf = period.end < now ? new Date(period.end.getTime() - 1) : now;
  const stale = staleReport(model.portal, lastPublishedByColumn(model, model.lastChanged, asOf), asOf);
  const target = args.github ? repoOf(args) : undefined;
  const gh = target ? github(process.env.GITHUB_TOKEN, apiUrlOf(args)) : undefined;
  const logins = new Set(model.portal.units.flatMap((u) => u.people.map((p) => p.login.toLowerCase())));
  let submissions = submissionsFromGraph(await graph(), logins);
  if (gh && target) submissions = withPullRequests(submissions, await mergedPullRequests(gh, target, period.start, period.end));
  const facts = submissionFacts(model.articles, await mainLine, submissions, !!gh);
  const report = periodReport(model.portal, model.articles, model.published, stale, period, facts);
  const chart = renderUnitsChart(report);
  const markdown = renderReportMarkdown(report);
  if (typeof args.out === "string") {
    const out = resolve(args.out);
    mkdirSync(out, { recursive: true });
    writeFileAtomic(join(out, "report.md"), markdown);
    writeFileAtomic(join(out, "units.svg"), chart);
    writeFileAtomic(join(out, "report.html"), renderReportHtml(report, chart));
    console.error(`通报已写入 ${out}：report.md、units.svg、report.html（可直接打印为 A4）。`);
  }
  if (gh && target) {
    const marker = `<!-- sanshen:report ${period.id} -->`;
    // An issue cannot hold an SVG file beside it: the table carries the figures; the chart is in the --out files.
    const body = `${marker}\n${renderReportMarkdown(report, undefined)}`;
    const r = await keepIssues(gh, target, [{ marker, title: `门户网站信息报送情况通报（${period.name}）`, body, labels: ["通报"] }], marker, "", "通报");
    console.error(`通报议题已${r.created ? "发布" : "更新"}。`);
  }
  console.log(args.json ? JSON.stringify(report, null, 2) : markdown.trimEnd());
  return 0;
}

/** Which commit brought each article, and whose articles each main-line commit brought or changed. */
function submissionFacts(articles: readonly Article[], mainLine: MainLineReading, submissions: SubmissionFacts["submissions"], reviewsKnown: boolean): SubmissionFacts {
  const arrivals = new Map<string, string>();
  const units = new Map<string, string[]>();
  if (mainLine.kind === "git") {
    for (const a of articles) {
      const at = mainLine.arrivals.get(a.file);
      if (at) arrivals.set(a.id, at.commit);
      for (const c of mainLine.touching.get(a.file) ?? []) {
        const list = units.get(c.commit);
        if (!list) units.set(c.commit, [a.data.unit]);
        else if (!list.includes(a.data.unit)) list.push(a.data.unit);
      }
    }
  }
  return { submissions, arrivals, units, reviewsKnown };
}
