import { formatBeijing } from "../calendar/dates.ts";

/**
 * A publish time as subordinate sites write it → Beijing wall-clock
 * `YYYY-MM-DD HH:MM` (or `YYYY-MM-DD` when only the day is given), the
 * forms an article's `date` takes. Read:
 * `2026-12-01`, `2026/12/1 9:05`, `2026.12.01`, `2026年12月1日 09:05`, and an
 * ISO time with its zone (RSS and Atom dates arrive as Date values).
 */
const WRITTEN = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})\s*[:：时]\s*(\d{1,2}))?/;

export function publishDateOf(text: string | Date | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (text instanceof Date) return Number.isNaN(text.getTime()) ? undefined : formatBeijing(text);
  // An ISO time with a zone (2026-12-01T09:00:00Z) is an instant; without one it is Beijing's wall clock.
  if (/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})/.test(text)) return publishDateOf(new Date(text));
  const m = WRITTEN.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || (h !== undefined && (Number(h) > 23 || Number(mi) > 59))) return undefined;
  const p = (n: string | number) => String(n).padStart(2, "0");
  // A day without a time stays a day: the article does not claim a minute the site never gave.
  return `${y}-${p(month)}-${p(day)}${h === undefined ? "" : ` ${p(h)}:${p(mi!)}`}`;
}

/** A publish time later than `now` is a site's mistake (or a scheduled page): not kept. */
export function keptPublishDate(date: string | undefined, now: Date): string | undefined {
  return date && date <= formatBeijing(now) ? date : undefined;
}
