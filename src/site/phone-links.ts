/**
 * Phone numbers in a piece of text, so a page can make each a `tel:` link
 * (a reader on a phone calls with one tap): landlines with their area code
 * (0914-2311111, 0914 2311111, (0914)2311111), mobile numbers, the national
 * service lines (12345, 12315, 95xxx) and 400/800 numbers. Pure; written by
 * hand because the numbers are mainland formats no maintained package parses
 * inside running Chinese text.
 */
export interface TextPart {
  text: string;
  /** The `tel:` address, when this part is a number. */
  tel?: string | undefined;
}

const NUMBER = /(?<![\d-])(?:\(?0\d{2,3}\)?[- ]?\d{7,8}(?:-\d{1,4})?|1[3-9]\d{9}|[48]00-?\d{3}-?\d{4}|12\d{3}|95\d{3,4})(?![\d])/g;

export function phoneParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const m of text.matchAll(NUMBER)) {
    if (m.index > at) parts.push({ text: text.slice(at, m.index) });
    parts.push({ text: m[0], tel: `tel:${m[0].replace(/[^\d-]/g, "").replace(/^-+|-+$/g, "")}` });
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}
