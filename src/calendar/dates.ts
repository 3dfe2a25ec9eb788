import { z } from "zod";

/**
 * Dates in Sanshen are Beijing wall-clock strings, never YAML timestamps:
 * the YAML 1.2 core schema keeps them as text, and these types check that the
 * text names a real day (2026-02-30 is refused) and a real minute.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A UTC instant from calendar fields, with the year as written: Date.UTC (and
 * the Date constructor) read years 0–99 as 1900–1999, so `0000-01-01` would
 * become 1900-01-01. setUTCFullYear takes the year literally.
 */
export function utcDate(year: number, month0: number, day: number, hours = 0, minutes = 0, seconds = 0): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, month0, day);
  d.setUTCHours(hours, minutes, seconds, 0);
  return d;
}

export function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = utcDate(year, month, 0).getUTCDate();
  return day <= days;
}

/**
 * No portal published anything before China joined the internet (April 1994):
 * an earlier publish time is a typo (0000-01-01) or a 成文日期 in the wrong field.
 */
export const EARLIEST_PUBLISH_YEAR = 1994;

function checkFloor(text: string, ctx: z.RefinementCtx): void {
  const year = Number(/^(\d{4})-/.exec(text)?.[1]);
  if (year < EARLIEST_PUBLISH_YEAR) {
    ctx.addIssue({
      code: "custom",
      message: `发布时间「${text}」早于 ${EARLIEST_PUBLISH_YEAR} 年（我国接入国际互联网之年），不可能是网站的发布时间：请核对年份；旧文件的成文日期请写在 writtenDate`,
      params: { rule: "SCHEMA.DATE_TOO_EARLY" },
    });
  }
}

function checkDate(text: string, ctx: z.RefinementCtx, pattern: RegExp, example: string): void {
  const m = pattern.exec(text);
  if (!m) {
    ctx.addIssue({
      code: "custom",
      message: `日期格式应为 ${example}，现为「${text}」`,
      params: { rule: "SCHEMA.DATE_FORMAT" },
    });
    return;
  }
  const [, y, mo, d, h, mi, s] = m;
  const timeOk = h === undefined || (Number(h) < 24 && Number(mi) < 60 && (s === undefined || Number(s) < 60));
  if (!isRealDay(Number(y), Number(mo), Number(d)) || !timeOk) {
    ctx.addIssue({
      code: "custom",
      message: `「${text}」不是一个存在的日期或时间，请核对年月日时分`,
      params: { rule: "SCHEMA.DATE_INVALID" },
    });
  }
}

/** YYYY-MM-DD. */
export const calendarDate = z
  .string({ error: "应为日期，格式 YYYY-MM-DD" })
  .superRefine((text, ctx) => checkDate(text, ctx, DATE, "YYYY-MM-DD（例如 2026-11-20）"));

/** YYYY-MM-DD or YYYY-MM-DD HH:MM[:SS], Beijing time. */
export const dateTime = z
  .string({ error: "应为日期时间，格式 YYYY-MM-DD HH:MM" })
  .superRefine((text, ctx) => checkDate(text, ctx, DATE_TIME, "YYYY-MM-DD HH:MM（例如 2026-11-20 09:30）"));

/** A publish time on the portal (an article's date, a withdrawal): a date-time no earlier than 1994. */
export const publishDateTime = dateTime.superRefine((text, ctx) => checkFloor(text, ctx));

/** Minutes since the epoch for a Beijing wall-clock string; pure, no clock. */
export function beijingToDate(text: string): Date {
  const m = DATE_TIME.exec(text);
  if (!m) throw new Error(`not a date: ${text}`);
  const [, y, mo, d, h = "00", mi = "00", s = "00"] = m;
  return utcDate(Number(y), Number(mo) - 1, Number(d), Number(h) - 8, Number(mi), Number(s));
}

/** A Date rendered as Beijing `YYYY-MM-DD HH:MM`, the national PubDate format. */
export function formatBeijing(date: Date, withTime = true): string {
  const t = new Date(date.getTime() + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, "0");
  const day = `${String(t.getUTCFullYear()).padStart(4, "0")}-${p(t.getUTCMonth() + 1)}-${p(t.getUTCDate())}`;
  return withTime ? `${day} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}` : day;
}
