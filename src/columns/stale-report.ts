import { formatBeijing } from "../calendar/dates.ts";
import type { Portal } from "../workflows/portal.ts";
import { isLeaf, type Column } from "./column-tree.ts";
import { nationalVerdicts, type Verdict } from "./national-indicators.ts";
import { accountableUnits, describeResponsibility } from "./responsibility.ts";
import { columnState, DUE_SOON_SHARE, type ColumnStatus } from "./staleness.ts";

/** One column in `npm run stale --json` (the stable shape the README documents). */
export interface StaleColumn {
  /** The column's path under content/. */
  id: string;
  name: string;
  /** Every unit that may deliver to it, the lead first. */
  units: string[];
  /** The units held to its updates: the lead, or every unit of equal standing. */
  accountable: string[];
  status: ColumnStatus;
  lastPublished: string | null;
  staleAfterDays: number;
  dueBy: string | null;
}

export interface StaleReport {
  now: string;
  columns: StaleColumn[];
  verdicts: Verdict[];
}

/** The columns `stale` judges: every leaf with a period. Link columns are judged by `inspect` (are the links alive), not here. */
export function judgedColumns(portal: Portal): Column[] {
  return portal.columns.filter((c) => isLeaf(c) && c.kind !== "link" && c.staleAfterDays !== undefined);
}

/**
 * Every judged column's state at `now`, and the portal's national verdicts.
 * `lastPublished` holds each column's newest listed item (by column path);
 * the home page counts as updated by the newest of them all.
 */
export function staleReport(portal: Portal, lastPublished: ReadonlyMap<string, Date>, now: Date, dueSoonShare = DUE_SOON_SHARE): StaleReport {
  const standings = judgedColumns(portal).map((column) => ({ column, state: columnState(column.staleAfterDays!, lastPublished.get(column.path), now, dueSoonShare) }));
  const newest = [...lastPublished.values()].reduce<Date | undefined>((a, b) => (!a || b > a ? b : a), undefined);
  return {
    now: now.toISOString(),
    columns: standings.map(({ column, state }) => ({
      id: column.path,
      name: column.name,
      units: column.units,
      accountable: accountableUnits(column),
      status: state.status,
      lastPublished: state.lastPublished?.toISOString() ?? null,
      staleAfterDays: state.staleAfterDays,
      dueBy: state.dueBy?.toISOString() ?? null,
    })),
    verdicts: nationalVerdicts(
      standings.map(({ column, state }) => ({ id: column.path, kind: column.kind, state })),
      newest,
      now,
    ),
  };
}

const STATUS_NAMES: Record<ColumnStatus, string> = { ok: "正常", "due-soon": "即将到期", stale: "未按期更新", blank: "空白栏目" };

const day = (iso: string | null) => (iso ? formatBeijing(new Date(iso), false) : "—");

/** The report for a person: what needs doing first, then the national verdicts. */
export function renderStaleText(report: StaleReport, portal: Portal): string {
  const unitName = (u: string) => portal.unitById.get(u)?.name ?? u;
  const byStatus = (s: ColumnStatus) => report.columns.filter((c) => c.status === s);
  const lines = [`栏目更新情况（截至 ${formatBeijing(new Date(report.now))}，共 ${report.columns.length} 个栏目）`];
  const counts = (["stale", "blank", "due-soon", "ok"] as const).map((s) => `${STATUS_NAMES[s]} ${byStatus(s).length} 个`).join("，");
  lines.push(counts);
  for (const status of ["stale", "blank", "due-soon"] as const) {
    const list = byStatus(status);
    if (!list.length) continue;
    lines.push("", `${STATUS_NAMES[status]}：`);
    for (const c of list) {
      const column = portal.columnByPath.get(c.id)!;
      const when = status === "blank" ? "还没有任何信息" : status === "stale" ? `最近一条 ${day(c.lastPublished)}，已于 ${day(c.dueBy)} 到期` : `最近一条 ${day(c.lastPublished)}，最迟 ${day(c.dueBy)} 前更新`;
      lines.push(`  ${c.name}（content/${c.id}）：${when}（要求 ${c.staleAfterDays} 天内有更新）；责任单位：${describeResponsibility(column, unitName)}`);
    }
  }
  lines.push("", "全国政府网站检查指标（单项否决）与提前预警：");
  for (const v of report.verdicts) {
    const unit = v.rule.endsWith("HOME_NOT_UPDATED") ? "天" : "个";
    lines.push(`  ${v.pass ? "✓ 通过" : "✗ 未通过"}  ${v.description}（现为 ${v.count} ${unit}，达到 ${v.threshold} ${unit}即不通过）${v.columns.length && !v.pass ? `：${v.columns.join("、")}` : ""}`);
  }
  return lines.join("\n");
}
