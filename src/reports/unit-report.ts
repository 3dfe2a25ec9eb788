import type { Article } from "../articles/article.ts";
import { isoWeeksOfPeriod } from "../calendar/iso-week.ts";
import { weeklyQuota } from "../columns/quota.ts";
import { accountableUnits, dutyFor } from "../columns/responsibility.ts";
import type { StaleReport } from "../columns/stale-report.ts";
import { judgeTimeliness } from "../columns/timeliness.ts";
import type { Portal } from "../workflows/portal.ts";
import { CITY_NOTICES_CAPPING, POINTS_PER_CITY_NOTICE } from "./notices-schema.ts";
import type { Period } from "./period.ts";
import { median, type Submission } from "./submissions.ts";

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
  /** Submissions merged in the period that brought or changed its articles. */
  submissions: number;
  /** Their median review time, opened → merged, in hours (one decimal); null when none has a known opening. */
  reviewHoursMedian: number | null;
  /** Those sent back at least once (changes requested); null when reviews are not known (git alone). */
  sentBack: number | null;
}

/** One person's record for a period: the submitter of each item, as git or GitHub records it. */
export interface PersonRecord {
  login: string;
  name: string;
  unit: string;
  items: number;
  byColumn: Record<string, number>;
  judged: number;
  onTime: number;
  onTimeRate: number | null;
  late: number;
  submissions: number;
  reviewHoursMedian: number | null;
  sentBack: number | null;
}

/** Who submitted what and when, for the per-person rows and the review times. */
export interface SubmissionFacts {
  /** Submissions by main-line commit. */
  submissions: ReadonlyMap<string, Submission>;
  /** The main-line commit that brought each article, by article id. */
  arrivals: ReadonlyMap<string, string>;
  /** The units whose articles each main-line commit brought or changed. */
  units: ReadonlyMap<string, readonly string[]>;
  /** Whether reviews are known (from GitHub): else sent-back counts are null. */
  reviewsKnown: boolean;
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
  /** People on the roster who submitted items or had submissions merged in the period, most items first. */
  people: PersonRecord[];
  /** People commended: the most items, none late (at most three logins). */
  commendedPeople: string[];
  /** Items whose submitter is not on the roster or not known (a direct push by someone unregistered). */
  unattributed: number;
  /** Where submitters, opening times and reviews come from. */
  reviewsFrom: "github" | "git";
}

/**
 * The 通报 for a period from the site model's published articles and the
 * stale report at the period's end. Pure and deterministic: the same history
 * gives the same report.
 */
export function periodReport(portal: Portal, articles: readonly Article[], published: ReadonlyMap<string, Date>, stale: StaleReport, period: Period, facts: SubmissionFacts = NO_SUBMISSIONS): PeriodReport {
  const inPeriod = articles
    .filter((a) => !a.data.withdrawn)
    .map((a) => ({ a, at: published.get(a.id) }))
    .filter((x): x is { a: Article; at: Date } => !!x.at && x.at >= period.start && x.at < period.end)
    .sort((x, y) => x.at.getTime() - y.at.getTime() || x.a.id.localeCompare(y.a.id));
  const weeks = isoWeeksOfPeriod(period.start, new Date(period.end.getTime() - 1));
  const records = new Map<string, UnitRecord>(
    portal.units.map((u) => [u.id, { unit: u.id, name: u.name, items: 0, byColumn: {}, judged: 0, onTime: 0, onTimeRate: null, late: [], quotaWeeks: 0, quotaWeeksMet: 0, staleColumns: [], notices: { city: 0, province: 0, stateCouncil: 0 }, noticesThisYear: { city: 0, province: 0, stateCouncil: 0 }, pointsDeducted: 0, ratingCapped: false, submissions: 0, reviewHoursMedian: null, sentBack: facts.reviewsKnown ? 0 : null }]),
  );
  const people = new Map<string, PersonRecord>();
  for (const unit of portal.units) {
    for (const p of unit.people) {
      const login = p.login.toLowerCase();
      if (!people.has(login)) people.set(login, { login: p.login, name: p.name, unit: unit.id, items: 0, byColumn: {}, judged: 0, onTime: 0, onTimeRate: null, late: 0, submissions: 0, reviewHoursMedian: null, sentBack: facts.reviewsKnown ? 0 : null });
    }
  }
  let unattributed = 0;
  for (const { a, at } of inPeriod) {
    const r = records.get(a.data.unit);
    if (!r) continue;
    const arrival = facts.arrivals.get(a.id);
    const author = arrival ? facts.submissions.get(arrival)?.author : undefined;
    const person = author ? people.get(author) : undefined;
    if (!person) unattributed++;
    for (const x of person ? [r, person] : [r]) {
      x.items++;
      x.byColumn[a.column.path] = (x.byColumn[a.column.path] ?? 0) + 1;
    }
    const duty = dutyFor(a.column, a.data.unit);
    if (!duty) continue;
    const data = a.data as { eventAt?: string; writtenDate?: string };
    const verdict = judgeTimeliness(duty.timeliness, { eventAt: data.eventAt, writtenDate: data.writtenDate, publishedAt: at });
    if (verdict.status !== "on-time" && verdict.status !== "late") continue;
    r.judged++;
    if (person) person.judged++;
    if (verdict.status === "on-time") {
      r.onTime++;
      if (person) person.onTime++;
    } else {
      r.late.push({ id: a.id, column: a.column.path, deadline: verdict.deadline.toISOString(), lagHours: verdict.lagHours });
      if (person) person.late++;
    }
  }
  // Review times: each submission merged in the period that brought or changed articles, for their units and its submitter.
  const hours = new Map<UnitRecord | PersonRecord, number[]>();
  for (const s of facts.submissions.values()) {
    const units = facts.units.get(s.commit) ?? [];
    if (!units.length || s.merged < period.start || s.merged >= period.end) continue;
    const person = s.author ? people.get(s.author) : undefined;
    for (const x of [...units.map((u) => records.get(u)), person]) {
      if (!x) continue;
      x.submissions++;
      if (x.sentBack !== null && s.changesRequested) x.sentBack++;
      if (s.opened && s.opened <= s.merged) hours.set(x, [...(hours.get(x) ?? []), (s.merged.getTime() - s.opened.getTime()) / 3600_000]);
    }
  }
  for (const [x, list] of hours) x.reviewHoursMedian = Math.round(median(list)! * 10) / 10;
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
  const units = [...records.values()].map((r) => ({ ...r, onTimeRate: onTimeRate(r) }));
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
  const submitters = [...people.values()]
    .filter((p) => p.items || p.submissions)
    .map((p) => ({ ...p, onTimeRate: onTimeRate(p) }))
    .sort((a, b) => b.items - a.items || a.login.localeCompare(b.login));
  const commendedPeople = submitters.filter((p) => p.items > 0 && p.late === 0).slice(0, 3).map((p) => p.login);
  return {
    period: { id: period.id, name: period.name, start: period.start.toISOString(), end: period.end.toISOString() },
    units: ranked,
    columnNames,
    commended,
    criticised,
    people: submitters,
    commendedPeople,
    unattributed,
    reviewsFrom: facts.reviewsKnown ? "github" : "git",
  };
}

/** On time of those judged, to three decimals; null when none was judged. */
const onTimeRate = (x: { judged: number; onTime: number }) => (x.judged ? Math.round((x.onTime / x.judged) * 1000) / 1000 : null);

const NO_SUBMISSIONS: SubmissionFacts = { submissions: new Map(), arrivals: new Map(), units: new Map(), reviewsKnown: false };
