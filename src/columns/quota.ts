import type { IsoWeek } from "../calendar/iso-week.ts";
import { isoWeekOf } from "../calendar/iso-week.ts";

// 每周至少报送N条 (seed 001 五（四）): a column's weekly quota, per responsible
// unit, per ISO week in Beijing (Monday 00:00 to Sunday 24:00).

export interface QuotaItem {
  unit: string;
  publishedAt: Date;
}

export interface QuotaWeek extends IsoWeek {
  count: number;
  met: boolean;
}

export interface UnitQuota {
  unit: string;
  weekly: number;
  /** One row per week asked for, in the order given, weeks without an item included. */
  weeks: QuotaWeek[];
  weeksMet: number;
}

/**
 * Counts each unit's items in each of `weeks` (e.g. `isoWeeksOfPeriod` of a
 * month). Items of units not in `units`, or outside the weeks, are not counted.
 */
export function weeklyQuota(weekly: number, units: readonly string[], items: readonly QuotaItem[], weeks: readonly IsoWeek[]): UnitQuota[] {
  const counts = new Map<string, number>(); // `${unit}\n${week key}` → items
  for (const item of items) {
    const key = `${item.unit}\n${isoWeekOf(item.publishedAt).key}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return units.map((unit) => {
    const rows = weeks.map((week) => {
      const count = counts.get(`${unit}\n${week.key}`) ?? 0;
      return { ...week, count, met: count >= weekly };
    });
    return { unit, weekly, weeks: rows, weeksMet: rows.filter((w) => w.met).length };
  });
}
