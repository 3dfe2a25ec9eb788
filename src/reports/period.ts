/** A 通报's period in Beijing time: a month (2026-11), a quarter (2026-Q4) or a year (2026). */
export interface Period {
  /** As written: 2026-11, 2026-Q4, 2026. */
  id: string;
  /** 2026年11月, 2026年第四季度, 2026年. */
  name: string;
  kind: "month" | "quarter" | "year";
  /** First instant (inclusive) and the instant after the last (exclusive). */
  start: Date;
  end: Date;
}

const beijing = (y: number, m: number) => new Date(Date.UTC(y, m - 1, 1, -8));
const QUARTER_NAMES = ["一", "二", "三", "四"];

/** The period, or undefined when the text is none of the three forms. */
export function parsePeriod(text: string): Period | undefined {
  let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    return { id: text, name: `${y}年${mo}月`, kind: "month", start: beijing(y, mo), end: beijing(mo === 12 ? y + 1 : y, mo === 12 ? 1 : mo + 1) };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(text);
  if (m) {
    const [y, q] = [Number(m[1]), Number(m[2])];
    return { id: text, name: `${y}年第${QUARTER_NAMES[q - 1]}季度`, kind: "quarter", start: beijing(y, q * 3 - 2), end: q === 4 ? beijing(y + 1, 1) : beijing(y, q * 3 + 1) };
  }
  m = /^(\d{4})$/.exec(text);
  if (m) {
    const y = Number(m[1]);
    return { id: text, name: `${y}年`, kind: "year", start: beijing(y, 1), end: beijing(y + 1, 1) };
  }
  return undefined;
}
