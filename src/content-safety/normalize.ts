/**
 * Normalisation before word matching, with a map back to the original text,
 * so "绝 密", "绝-密", "绝\u200b密" and "ＡＢＣ" are found and reported where
 * the clerk wrote them. Hand-written: it must keep a position map, which no
 * normalisation library offers, and run at tens of MB/s.
 */
export interface Normalized {
  text: string;
  /** For each UTF-16 unit of `text`, its offset in the original. */
  map: Int32Array;
}

const ZERO_WIDTH = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad]);
/** Characters people put inside a word to dodge a filter: spaces and decorative marks, not sentence punctuation. */
const SEPARATORS = new Set([..." \t\n\r-_.·•*~|/\\'\"`+=^"].map((c) => c.charCodeAt(0)).concat([0x3000, 0x30fb, 0x2022, 0x2027]));

/** Full-width ASCII (！ to ～) to half-width, ideographic space to space. */
export function halfWidth(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
  return code === 0x3000 ? 0x20 : code;
}

export function normalizeForWords(original: string): Normalized {
  const out = new Uint16Array(original.length);
  const map = new Int32Array(original.length);
  let n = 0;
  for (let i = 0; i < original.length; i++) {
    const raw = original.charCodeAt(i);
    if (ZERO_WIDTH.has(raw)) continue;
    let code = halfWidth(raw);
    if (code >= 0x41 && code <= 0x5a) code += 0x20; // Latin to lower case
    if (SEPARATORS.has(code)) continue;
    out[n] = code;
    map[n] = i;
    n++;
  }
  return { text: decode(out.subarray(0, n)), map: map.subarray(0, n) };
}

const UTF16 = new TextDecoder("utf-16le");
const decode = (units: Uint16Array): string => UTF16.decode(units);

/** The same normalisation for a list entry (no map needed). */
export function normalizeWord(word: string): string {
  return normalizeForWords(word).text;
}
