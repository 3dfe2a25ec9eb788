import { formatBeijing } from "../calendar/dates.ts";
import { unitOwners } from "../roster/roster.ts";
import type { Portal } from "../workflows/portal.ts";
import { describeResponsibility } from "./responsibility.ts";
import type { StaleColumn, StaleReport } from "./stale-report.ts";

/**
 * What `stale --github` keeps on GitHub: one issue per stale or blank column
 * and one dashboard, each found again by its hidden marker and edited in
 * place (Renovate's dependency dashboard is the model), never a stream of
 * comments. Pure: the report in, the issues' texts out.
 */

export const STALE_LABEL = "栏目更新";
export const DASHBOARD_MARKER = "<!-- sanshen:stale-dashboard -->";
/** The marker of one column's issue; the prefix finds every column issue, also of a column since removed. */
export const COLUMN_MARKER_PREFIX = "<!-- sanshen:stale-column ";
export const columnMarker = (id: string) => `${COLUMN_MARKER_PREFIX}${id} -->`;

export interface Notice {
  marker: string;
  title: string;
  body: string;
  labels: string[];
}

const day = (iso: string | null) => (iso ? formatBeijing(new Date(iso), false) : "—");

/** The issue of a stale or blank column: the rule, the last item, the day it fell due, and the people who answer for it. */
export function columnNotice(c: StaleColumn, portal: Portal): Notice {
  const column = portal.columnByPath.get(c.id)!;
  const unitName = (u: string) => portal.unitById.get(u)?.name ?? u;
  const owners = [...new Set(c.accountable.flatMap((u) => (portal.unitById.has(u) ? unitOwners(portal.unitById.get(u)!, portal) : [])))];
  const what =
    c.status === "blank"
      ? `栏目「${c.name}」还没有任何信息。空白栏目是全国政府网站检查的扣分项（超过 5 个单项否决），请尽快发布第一条信息；确实没有内容可发的栏目，请网站主管部门调整或撤并。`
      : `栏目「${c.name}」最近一条信息发布于 ${day(c.lastPublished)}，按要求 ${c.staleAfterDays} 天内应有更新，已于 ${day(c.dueBy)} 到期。`;
  const body = [
    columnMarker(c.id),
    what,
    "",
    `- 栏目：${c.name}（\`content/${c.id}/\`）`,
    `- 责任单位：${describeResponsibility(column, unitName)}`,
    `- 更新要求：${c.staleAfterDays} 天内有更新`,
    owners.length ? `- 请 ${owners.join(" ")} 安排报送。` : "- 责任单位没有未锁定的审核人，请网站主管部门在人员名单中补充。",
    "",
    "栏目有了新信息并发布后，这个议题会自动关闭。",
  ].join("\n");
  const title = c.status === "blank" ? `空白栏目：${c.name}` : `栏目未按期更新：${c.name}（${day(c.dueBy)} 到期）`;
  return { marker: columnMarker(c.id), title, body, labels: [STALE_LABEL] };
}

/** Every column that needs an issue: stale or blank. */
export function columnNotices(report: StaleReport, portal: Portal): Notice[] {
  return report.columns.filter((c) => c.status === "stale" || c.status === "blank").map((c) => columnNotice(c, portal));
}

const STATUS_MARK: Record<StaleColumn["status"], string> = { stale: "🔴 未按期更新", blank: "⚪ 空白", "due-soon": "🟡 即将到期", ok: "🟢 正常" };
const ORDER: StaleColumn["status"][] = ["stale", "blank", "due-soon", "ok"];

/** The one dashboard: every column, the worst first, and the national verdicts. */
export function dashboardNotice(report: StaleReport, portal: Portal): Notice {
  const unitName = (u: string) => portal.unitById.get(u)?.name ?? u;
  const rows = [...report.columns]
    .sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || (a.dueBy ?? "").localeCompare(b.dueBy ?? ""))
    .map((c) => `| ${STATUS_MARK[c.status]} | ${c.name} | ${describeResponsibility(portal.columnByPath.get(c.id)!, unitName)} | ${day(c.lastPublished)} | ${c.staleAfterDays} 天 | ${day(c.dueBy)} |`);
  const verdicts = report.verdicts.map((v) => `| ${v.pass ? "✅" : "❌"} | ${v.description} | ${v.count} | ${v.threshold} | ${v.pass ? "" : v.columns.join("、")} |`);
  const failing = report.verdicts.filter((v) => !v.pass && v.rule.startsWith("NATIONAL.")).length;
  const body = [
    DASHBOARD_MARKER,
    `更新于 ${formatBeijing(new Date(report.now))}。${failing ? `**有 ${failing} 项全国检查指标未通过。**` : "全国检查指标的更新类单项否决项均通过。"}`,
    "",
    "| 状态 | 栏目 | 责任单位 | 最近更新 | 更新周期 | 到期日 |",
    "|---|---|---|---|---|---|",
    ...rows,
    "",
    "### 全国政府网站检查指标与提前预警",
    "",
    "| 结果 | 指标 | 现为 | 达到即不通过 | 涉及栏目 |",
    "|---|---|---|---|---|",
    ...verdicts,
    "",
    "本议题每天自动更新，请勿手工编辑。",
  ].join("\n");
  return { marker: DASHBOARD_MARKER, title: "栏目更新看板", body, labels: [STALE_LABEL] };
}
