import { z } from "zod";

/**
 * Dates in Sanshen are Beijing wall-clock strings, never YAML timestamps:
 * the YAML 1.2 core schema keeps them as text, and these types check that the
 * text names a real day (2026-02-30 is refused) and a real minute.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

export function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
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

/** Minutes since the epoch for a Beijing wall-clock string; pure, no clock. */
export function beijingToDate(text: string): Date {
  const m = DATE_TIME.exec(text);
  if (!m) throw new Error(`not a date: ${text}`);
  const [, y, mo, d, h = "00", mi = "00", s = "00"] = m;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h) - 8, Number(mi), Number(s)));
}

/** A Date rendered as Beijing `YYYY-MM-DD HH:MM`, the national PubDate format. */
export function formatBeijing(date: Date, withTime = true): string {
  const t = new Date(date.getTime() + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, "0");
  const day = `${t.getUTCFullYear()}-${p(t.getUTCMonth() + 1)}-${p(t.getUTCDate())}`;
  return withTime ? `${day} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}` : day;
}
