import { z } from "zod";
// The package's own functions read the machine's time zone (on a runner west of
// UTC, 2026-10-10 comes back as 2026-10-09) and count every weekday of a year
// they do not know as a working day. Its data file is documented and is all we
// need: the State Council's yearly arrangement, shipped inside the package, so
// nothing is fetched at run time.
import holidayData from "chinese-days/dist/chinese-days.json" with { type: "json" };
import { beijingDayNumber, dayText, weekdayOf, yearOf, type When } from "./beijing-day.ts";

/**
 * Working days (工作日) under the official holiday calendar: the State
 * Council's yearly notice on public holidays (国务院办公厅关于部分节假日安排的通知),
 * as shipped by the `chinese-days` package. A day is a working day when it is
 * a Monday–Friday that is not a holiday, or a weekend day the notice makes a
 * working day (调休上班, e.g. Saturday 2026-10-10).
 *
 * Counting follows the rule for periods in days (民法典第二百零一条: the day
 * the period starts is not counted):
 * - `addWorkingDays(d, n)` is the n-th working day after d's day (n = 0: d's day itself);
 * - `workingDaysBetween(a, b)` counts the working days after a's day up to and
 *   including b's day; a and b on the same day → 0; b before a → negative.
 * So `workingDaysBetween(d, addWorkingDays(d, n)) === n`.
 *
 * All days are Beijing days (UTC+8). A day outside the years the data covers
 * throws `CalendarBeyondDataError` (rule `CALENDAR.BEYOND_DATA`): counting
 * every weekday there would silently put deadlines on holidays.
 */

export const BEYOND_DATA_RULE = "CALENDAR.BEYOND_DATA";

const dayKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const dataSchema = z.object({
  holidays: z.record(dayKey, z.string()),
  workdays: z.record(dayKey, z.string()),
});

/** The years the package knows, and one flag and a running count per day, built once. */
const calendar = (() => {
  const parsed = dataSchema.safeParse(holidayData);
  if (!parsed.success) {
    throw new Error("节假日日历包 chinese-days 的数据格式与三审预期不符，无法计算工作日：请技术管理员核对该包的版本");
  }
  const holidays = new Set(Object.keys(parsed.data.holidays).map((d) => beijingDayNumber(d)));
  const makeupWorkdays = new Set(Object.keys(parsed.data.workdays).map((d) => beijingDayNumber(d)));
  const years = [...new Set([...holidays].map(yearOf))].sort((a, b) => a - b);
  const first = years[0]!;
  const last = years.at(-1)!;
  // Every year has holidays (元旦 at least): a year missing inside the range is a hole in the data.
  const missing = years.length === 0 ? [] : Array.from({ length: last - first + 1 }, (_, i) => first + i).filter((y) => !years.includes(y));
  if (years.length === 0 || missing.length > 0) {
    throw new Error(`节假日日历包 chinese-days 缺少 ${missing.join("、") || "全部"} 年的放假安排，无法计算工作日：请技术管理员更新该包`);
  }
  const start = beijingDayNumber(`${first}-01-01`);
  const end = beijingDayNumber(`${last}-12-31`);
  // before[i] = working days among the days start … start + i − 1.
  const before = new Int32Array(end - start + 2);
  const working = new Uint8Array(end - start + 1);
  for (let day = start; day <= end; day++) {
    const weekday = weekdayOf(day);
    const isWorking = makeupWorkdays.has(day) || (weekday >= 1 && weekday <= 5 && !holidays.has(day));
    working[day - start] = isWorking ? 1 : 0;
    before[day - start + 1] = before[day - start]! + working[day - start]!;
  }
  return { first, last, start, end, working, before };
})();

/** The first and last year of the official calendar the installed package knows. */
export function calendarYears(): { first: number; last: number } {
  return { first: calendar.first, last: calendar.last };
}

export class CalendarBeyondDataError extends Error {
  readonly rule = BEYOND_DATA_RULE;
  /** The first day asked for that the data does not cover, `YYYY-MM-DD`. */
  readonly day: string;
  readonly year: number;
  constructor(day: string, year: number) {
    super(
      year > calendar.last
        ? `节假日日历只收录到 ${calendar.last} 年，无法判断 ${day} 是否为工作日，按工作日计算的时限暂时无法判定：` +
            `请技术管理员把节假日日历包 chinese-days 更新到收录 ${year} 年国务院放假安排的版本（国务院一般在上一年 11 月前后公布次年安排）`
        : `节假日日历从 ${calendar.first} 年起收录，无法判断 ${day} 是否为工作日：早于 ${calendar.first} 年的日期不能按工作日计算时限，请核对日期是否写错`,
    );
    this.name = "CalendarBeyondDataError";
    this.day = day;
    this.year = year;
  }
}

function known(day: number): number {
  if (day < calendar.start || day > calendar.end) {
    throw new CalendarBeyondDataError(dayText(day), yearOf(day));
  }
  return day - calendar.start;
}

/** Whether the Beijing day of `date` is a working day. */
export function isWorkingDay(date: When): boolean {
  return calendar.working[known(beijingDayNumber(date))] === 1;
}

/** The n-th working day after the Beijing day of `from` (`YYYY-MM-DD`); n = 0 gives `from`'s own day. */
export function addWorkingDays(from: When, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays: n must be a whole number ≥ 0, got ${n}`);
  let day = beijingDayNumber(from);
  for (let counted = 0; counted < n; ) {
    day += 1;
    if (calendar.working[known(day)] === 1) counted += 1;
  }
  return dayText(day);
}

/**
 * Working days after a's Beijing day up to and including b's (a's own day is
 * not counted); negative when b is before a. Only the counted days need to be
 * in the data.
 */
export function workingDaysBetween(a: When, b: When): number {
  const from = beijingDayNumber(a);
  const to = beijingDayNumber(b);
  if (to < from) return -workingDaysBetween(b, a);
  if (to === from) return 0;
  const firstCounted = known(from + 1);
  const lastCounted = known(to);
  return calendar.before[lastCounted + 1]! - calendar.before[firstCounted]!;
}
