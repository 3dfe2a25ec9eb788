import { halfWidth } from "./normalize.ts";

/**
 * Personal data in running text: resident ID numbers (GB 11643, with the
 * checksum), mobile numbers and bank card numbers (Luhn). Masked forms
 * (138****1234) never match; office landlines (0974-8512655, 2310567) and
 * document numbers do not look like any of them. Hand-written: no maintained
 * package validates mainland ID numbers and maps hits back to positions.
 */
export type PiiKind = "id" | "mobile" | "bank";

export interface PiiHit {
  kind: PiiKind;
  start: number;
  end: number;
  /** What to write instead. */
  masked: string;
}

/** Province-level codes that start a resident ID number. */
const PROVINCES = new Set([11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91]);
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";

function realDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isResidentId(id: string): boolean {
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return false;
  if (id.length === 15) return /^\d{15}$/.test(id) && realDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)));
  if (!/^\d{17}[\dX]$/i.test(id) || !realDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)))) return false;
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return CHECK[sum % 11] === id[17]!.toUpperCase();
}

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

// 18-digit numbers may be written in groups (610102 19900101 1231, 6101 0219 9001 0112 31): one space or hyphen between any two digits.
const ID = /(?<![0-9A-Za-z*])(\d(?:[ -]?\d){16}[ -]?[\dXx]|\d{15})(?![0-9A-Za-z*]|[ -]\d)/g;
// 3-4-4 with spaces or hyphens, +86 / 0086 / 86 in front or not; not inside a longer grouped number (a card, an ID).
const MOBILE = /(?<![\d*+]|\d[ -])(?:(?:\+|00)?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?![\d*]|[ -]\d)/g;
const BANK = /(?<![\d*])(?:62|4|5)\d{2,3}(?:[-\s]?\d{4}){2,3}(?:[-\s]?\d{1,4})?(?![\d*])/g;

/** Finds personal data; full-width digits (１３８…) count as digits. */
export function findPii(original: string): PiiHit[] {
  // Fast path: most text has no 11 digits in a row, even allowing one space or hyphen between them (138 1234 5678).
  if (!/[0-9０-９](?:[-－ 　]?[0-9０-９]){10}/.test(original)) return [];
  // Full-width to half-width keeps one unit per unit, so offsets stay valid.
  let text = "";
  for (let i = 0; i < original.length; i++) text += String.fromCharCode(halfWidth(original.charCodeAt(i)));
  const hits: PiiHit[] = [];
  const taken = (s: number, e: number) => hits.some((h) => s < h.end && h.start < e);
  for (const m of text.matchAll(ID)) {
    const id = m[0].replace(/[ -]/g, "");
    if (isResidentId(id)) hits.push({ kind: "id", start: m.index, end: m.index + m[0].length, masked: `${id.slice(0, 6)}${"*".repeat(id.length - 10)}${id.slice(-4)}` });
  }
  for (const m of text.matchAll(MOBILE)) {
    const digits = m[0].replace(/\D/g, "").slice(-11);
    if (!taken(m.index, m.index + m[0].length)) hits.push({ kind: "mobile", start: m.index, end: m.index + m[0].length, masked: `${digits.slice(0, 3)}****${digits.slice(-4)}` });
  }
  for (const m of text.matchAll(BANK)) {
    const digits = m[0].replace(/\D/g, "");
    if (digits.length < 16 || digits.length > 19 || !luhn(digits) || taken(m.index, m.index + m[0].length)) continue;
    hits.push({ kind: "bank", start: m.index, end: m.index + m[0].length, masked: `${digits.slice(0, 4)} **** **** ${digits.slice(-4)}` });
  }
  return hits.sort((a, b) => a.start - b.start);
}
