import { beijingToDate, formatBeijing } from "./dates.ts";

/**
 * Calendar days in Beijing (UTC+8, no daylight saving since 1991), as whole
 * numbers: day 0 is 1970-01-01 in Beijing. Day arithmetic on integers never
 * reads the machine's time zone, so a CI runner in UTC and a laptop in
 * California agree on which day an instant falls.
 */

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** An instant, or Beijing wall-clock text `YYYY-MM-DD` / `YYYY-MM-DD HH:MM[:SS]` (as the frontmatter writes it). */
export type When = Date | string;

export function instantOf(when: When): Date {
  const date = typeof when === "string" ? beijingToDate(when) : when;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a valid time: ${String(when)}`);
  return date;
}

/** The Beijing day an instant falls on. */
export function beijingDayNumber(when: When): number {
  return Math.floor((instantOf(when).getTime() + BEIJING_OFFSET_MS) / DAY_MS);
}

/** `YYYY-MM-DD` of a day number. */
export function dayText(day: number): string {
  return formatBeijing(startOfDay(day), false);
}

/** 00:00 Beijing of a day. */
export function startOfDay(day: number): Date {
  return new Date(day * DAY_MS - BEIJING_OFFSET_MS);
}

/** The last millisecond of a day in Beijing (23:59:59.999): a deadline "by the end of the day" is this instant, inclusive. */
export function endOfDay(day: number): Date {
  return new Date((day + 1) * DAY_MS - BEIJING_OFFSET_MS - 1);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function yearOf(day: number): number {
  // Day n's calendar date is the UTC date of n × 24 h.
  return new Date(day * DAY_MS).getUTCFullYear();
}
