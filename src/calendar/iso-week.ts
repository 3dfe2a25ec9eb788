import { beijingDayNumber, dayText, weekdayOf, yearOf, type When } from "./beijing-day.ts";

/**
 * ISO 8601 weeks in Beijing: Monday 00:00 to Sunday 23:59:59 Beijing time.
 * A week belongs to the year (and, for a period's report, to the period) that
 * holds its Thursday, so a week is never counted in two periods.
 */
export interface IsoWeek {
  /** `2026-W48`. */
  key: string;
  year: number;
  week: number;
  /** `YYYY-MM-DD` of its Monday and its Sunday. */
  monday: string;
  sunday: string;
}

function weekOfThursday(thursday: number): IsoWeek {
  const year = yearOf(thursday);
  const week = Math.floor((thursday - beijingDayNumber(`${year}-01-01`)) / 7) + 1;
  return {
    key: `${year}-W${String(week).padStart(2, "0")}`,
    year,
    week,
    monday: dayText(thursday - 3),
    sunday: dayText(thursday + 3),
  };
}

/** Monday = 1 … Sunday = 7. */
function isoWeekday(day: number): number {
  return weekdayOf(day) === 0 ? 7 : weekdayOf(day);
}

/** The ISO week (Beijing) an instant falls in. */
export function isoWeekOf(when: When): IsoWeek {
  const day = beijingDayNumber(when);
  return weekOfThursday(day - isoWeekday(day) + 4);
}

/** The weeks whose Thursday lies between the Beijing days of `from` and `to`, both included, in order. */
export function isoWeeksOfPeriod(from: When, to: When): IsoWeek[] {
  const first = beijingDayNumber(from);
  const last = beijingDayNumber(to);
  const weeks: IsoWeek[] = [];
  // The first Thursday on or after `from`.
  let thursday = first + ((4 - isoWeekday(first) + 7) % 7);
  for (; thursday <= last; thursday += 7) weeks.push(weekOfThursday(thursday));
  return weeks;
}
