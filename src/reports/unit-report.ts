import type { Article } from "../articles/article.ts";
import { isoWeeksOfPeriod } from "../calendar/iso-week.ts";
import { weeklyQuota } from "../columns/quota.ts";
import { accountableUnits, dutyFor } from "../columns/responsibility.ts";
import type { StaleReport } from "../columns/stale-report.ts";
import { judgeTimeliness } from "../columns/timeliness.ts";
import type { Portal } from "../workflows/portal.ts";
import { CITY_NOTICES_CAPPING, POINTS_PER_CITY_NOTICE } from "./notices-schema.ts";
import type { Period } from "./period.ts";

/** One unit's record for a period: the rows of the 通报. */
export interface UnitRecord {
  unit: string;
  name: string;
  /** Items published in the period (withdrawn ones not counted), and by column path. */
  items: number;
  byColumn: Record<string, number>;
  /** Items judged against their column's update requirement, and those on time; rate null when none was judged. */
  judged: number;
  onTime: number;
  onTimeRate: number | null;
  late: { id: string; column: string; deadline: string; lagHours: number }[];
  /** Weekly quotas of the columns the unit answers for: weeks met of weeks counted. */
  quotaWeeks: number;
  quotaWeeksMet: number;
  /** Columns it answers for that were stale or blank at the period's end. */
  staleColumns: string[];
  /** 通报 received from above (workflows/notices.yaml): in the period, and in its year up to the period's end. */
  notices: { city: number; province: number; stateCouncil: number };
  noticesThisYear: { city: number; province: number; stateCouncil: number };
  /** Points deducted in the yearly assessment so far (2 per city notice), and whether the year's rating is capped below 良好. */
  pointsDeducted: number;
  ratingCapped: boolean;
}

export interface PeriodReport {
  period: { id: string; name: string; start: string; end: string };
  units: UnitRecord[];
  /** The name of every column a record names, by path. */
  columnNames: Record<string, string>;
  /** Units commended: the most items, none late, no quota week missed, no stale column (at most three). */
  commended: string[];
  /** Units criticised, with why. */
  criticised: { unit: string; reasons: string[] }[];
}

/**
 * The 通报 for a period from the site model's published articles and the
 * stale report at the period's end. Pure and deterministic: the same history
 * gives the same report.
 */
export function periodReport(portal: Portal, articles: readonly Article[], published: ReadonlyMap<string, Date>, stale: StaleReport, period: Period): PeriodReport {
  const inPeriod = articles
    .filter((a) => !a.data.withdrawn)
    .map((a) => ({ a, at: published.get(a.id) }))
    .filter((x): x is { a: Article; at: Date } => !!x.at && x.at >= period.start && x.at < period.end)
    .sort((x, y) => x.at.getTime() - y.at.getTime() || x.a.id.localeCompare(y.a.id));
  const weeks = isoWeeksOfPeriod(period.start, new Date(period.end.getTime() - 1));
  const records = new Map<string, UnitRecord>(
    portal.units.map((u) => [u.id, { unit: u.id, name: u.name, items: 0, byColumn: {}, judged: 0, onTime: 0, onTimeRate: null, late: [], quotaWeeks: 0, quotaWeeksMet: 0, staleColumns: [], notices: { city: 0, province: 0, stateCouncil: 0 }, noticesThisYear: { city: 0, province: 0, stateCouncil: 0 }, pointsDeducted: 0, ratingCapped: false }]),
  );
  for (const { a, at } of inPeriod) {
    const r = records.get(a.data.unit);
    if (!r) continue;
    r.items++;
    r.byColumn[a.column.path] = (r.byColumn[a.column.path] ?? 0) + 1;
    const duty = dutyFor(a.column, a.data.unit);
    if (!duty) continue;
    const data = a.data as { eventAt?: string; writtenDate?: string };
    const verdict = judgeTimeliness(duty.timeliness, { eventAt: data.eventAt, writtenDate: data.writtenDate, publishedAt: at });
    if (verdict.status !== "on-time" && verdict.status !== "late") continue;
    r.judged++;
    if (verdict.status === "on-time") r.onTime++;
    else r.late.push({ id: a.id, column: a.column.path, deadline: verdict.deadline.toISOString(), lagHours: verdict.lagHours });
  }
  for (const column of portal.columns) {
    if (!column.weeklyQuota) continue;
    const units = accountableUnits(column);
    const items = inPeriod.filter((x) => x.a.column.path === column.path).map((x) => ({ unit: x.a.data.unit, publishedAt: x.at }));
    for (const q of weeklyQuota(column.weeklyQuota, units, items, weeks)) {
      const r = records.get(q.unit);
      if (!r) continue;
      r.quotaWeeks += q.weeks.length;
      r.quotaWeeksMet += q.weeksMet;
    }
  }
  for (const c of stale.columns) {
    if (c.status !== "stale" && c.status !== "blank") continue;
    for (const u of c.accountable) records.get(u)?.staleColumns.push(c.id);
  }
  const yearStart = Date.UTC(new Date(period.end.getTime() - 1 + 8 * 3600_000).getUTCFullYear(), 0, 1, -8);
  for (const n of portal.notices) {
    const at = Date.parse(`${n.date}T00:00:00+08:00`);
    const r = records.get(n.unit);
    if (!r || at >= period.end.getTime() || at < yearStart) continue;
    const key = n.by === "state-council" ? "stateCouncil" : n.by;
    r.noticesThisYear[key]++;
    if (at >= period.start.getTime()) r.notices[key]++;
  }
  for (const r of records.values()) {
    r.pointsDeducted = r.noticesThisYear.city * POINTS_PER_CITY_NOTICE;
    r.ratingCapped = r.noticesThisYear.province + r.noticesThisYear.stateCouncil > 0 || r.noticesThisYear.city >= CITY_NOTICES_CAPPING;
  }
  const units = [...records.values()].map((r) => ({ ...r, onTimeRate: r.judged ? Math.round((r.onTime / r.judged) * 1000) / 1000 : null }));
  const ranked = [...units].sort((a, b) => b.items - a.items || a.unit.localeCompare(b.unit));
  const commended = ranked.filter((r) => r.items > 0 && r.late.length === 0 && r.quotaWeeksMet === r.quotaWeeks && r.staleColumns.length === 0 && !r.ratingCapped).slice(0, 3).map((r) => r.unit);
  const criticised = ranked
    .map((r) => ({
      unit: r.unit,
      reasons: [
        ...(r.late.length ? [`${r.late.length} 条信息超过更新时限`] : []),
        ...(r.quotaWeeks > r.quotaWeeksMet ? [`${r.quotaWeeks - r.quotaWeeksMet} 周未达到每周报送数量`] : []),
        ...(r.staleColumns.length ? [`负责的 ${r.staleColumns.length} 个栏目未按期更新或空白`] : []),
        ...(r.notices.city + r.notices.province + r.notices.stateCouncil ? [`本期被上级通报 ${r.notices.city + r.notices.province + r.notices.stateCouncil} 次`] : []),
      ],
    }))
    .filter((c) => c.reasons.length);
  const columnNames = Object.fromEntries(portal.columns.map((c) => [c.path, c.name]));
  return { period: { id: period.id, name: period.name, start: period.start.toISOString(), end: period.end.toISOString() }, units: ranked, columnNames, commended, criticised };
}
