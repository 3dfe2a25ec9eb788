import type { ColumnKind } from "./columns-schema.ts";

// A column's staleness (不更新): how many days it may go without a new item.
// The state of each column at a moment is judged here; the portal-wide
// verdicts of the national inspection are in national-indicators.ts.

/**
 * Defaults from the national inspection indicators (政府网站与政务新媒体检查指标):
 * news-type columns 2 weeks, notices and policy documents 6 months,
 * profiles, personnel and plans 1 year. Link columns are never stale.
 */
export const DEFAULT_STALE_DAYS: Record<ColumnKind, number | undefined> = {
  news: 14,
  topic: 14,
  notice: 180,
  policy: 180,
  interpretation: 180,
  guide: 365,
  profile: 365,
  list: 365,
  data: 365,
  link: undefined,
};

export function staleDays(value: number | string | undefined, kind: ColumnKind): number | undefined {
  if (value === undefined) return DEFAULT_STALE_DAYS[kind];
  if (typeof value === "number") return value;
  const n = Number.parseInt(value, 10);
  return value.endsWith("w") ? n * 7 : n;
}

/** How a column stands against its period: a new item is due soon, overdue, or it never had one. */
export type ColumnStatus = "ok" | "due-soon" | "stale" | "blank";

export interface ColumnState {
  status: ColumnStatus;
  /** The newest listed item's publish time; undefined for a blank column. */
  lastPublished: Date | undefined;
  staleAfterDays: number;
  /** When the column falls stale without a new item; undefined for a blank column. */
  dueBy: Date | undefined;
}

const DAY = 24 * 60 * 60 * 1000;

/** Default share of the period after which a column is due soon (a warning before it is stale). */
export const DUE_SOON_SHARE = 0.7;

/**
 * A column's state at `now`: stale once `staleAfterDays` have passed since its
 * newest item (an item exactly that old is stale: "两周内无更新"), due soon
 * after `dueSoonShare` of the period, blank when it has never had an item.
 */
export function columnState(staleAfterDays: number, lastPublished: Date | undefined, now: Date, dueSoonShare = DUE_SOON_SHARE): ColumnState {
  if (!lastPublished) return { status: "blank", lastPublished: undefined, staleAfterDays, dueBy: undefined };
  const dueBy = new Date(lastPublished.getTime() + staleAfterDays * DAY);
  const age = now.getTime() - lastPublished.getTime();
  const status = age >= staleAfterDays * DAY ? "stale" : age >= dueSoonShare * staleAfterDays * DAY ? "due-soon" : "ok";
  return { status, lastPublished, staleAfterDays, dueBy };
}
