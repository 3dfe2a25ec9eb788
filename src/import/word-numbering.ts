import { DOMParser, XMLSerializer } from "@xmldom/xmldom";

/**
 * Word's automatic numbering, written out as the text it shows. An official
 * document numbers its points 一、 （一） 1. with Word's 编号 button; mammoth
 * turns every such list into an HTML <ol>, and a web page then shows 1. 2. 3.
 * whatever Word showed. So before mammoth reads the document, each numbered
 * paragraph gets its label as typed text (from numbering.xml: each level's
 * format, its text pattern such as `（%1）`, its start and the document's
 * overrides) and loses its numbering, and the import treats it like a point
 * the clerk typed. Bullets stay lists. No library renders Word's number
 * formats in Chinese; the formats below are the ones Word offers.
 */
const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

interface Level {
  format: string;
  text: string;
  start: number;
  /** Every level of the label in decimal (Word's 正规形式编号). */
  legal: boolean;
  suffix: "tab" | "space" | "nothing";
}

const DIGITS = "零一二三四五六七八九";
const LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖";

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (up to 9999). */
function chineseNumber(n: number, digits = DIGITS, units = ["", "十", "百", "千"]): string {
  if (n <= 0 || n >= 10000) return String(n);
  const parts = String(n).split("").map(Number);
  let out = "";
  let zero = false;
  parts.forEach((d, i) => {
    const unit = units[parts.length - 1 - i]!;
    if (d === 0) zero = out !== "";
    else {
      if (zero) out += digits[0];
      zero = false;
      out += digits[d]! + unit;
    }
  });
  return n >= 10 && n < 20 && digits === DIGITS ? out.replace(/^一十/, "十") : out;
}

const letters = (n: number, base: string) => {
  let out = "";
  for (let m = n; m > 0; m = Math.floor((m - 1) / 26)) out = base[(m - 1) % 26]! + out;
  return out;
};

function roman(n: number): string {
  const table: [number, string][] = [[1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"], [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"]];
  let out = "";
  let m = n;
  for (const [value, sign] of table) while (m >= value) [out, m] = [out + sign, m - value];
  return out;
}

/** A number in one of Word's formats (w:numFmt). */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case "chineseCounting":
    case "chineseCountingThousand":
    case "ideographDigital":
    case "japaneseCounting":
    case "taiwaneseCounting":
    case "taiwaneseCountingThousand":
      return chineseNumber(n);
    case "chineseLegalSimplified":
    case "ideographLegalTraditional":
      return chineseNumber(n, LEGAL_DIGITS, ["", "拾", "佰", "仟"]);
    case "ideographTraditional":
      return "甲乙丙丁戊己庚辛壬癸"[n - 1] ?? String(n);
    case "ideographZodiac":
      return "子丑寅卯辰巳午未申酉戌亥"[n - 1] ?? String(n);
    case "decimalEnclosedCircle":
    case "decimalEnclosedCircleChinese":
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : `(${n})`;
    case "decimalFullWidth":
    case "decimalFullWidth2":
      return String(n).replace(/\d/g, (d) => String.fromCodePoint(0xff10 + Number(d)));
    case "lowerLetter":
      return letters(n, "abcdefghijklmnopqrstuvwxyz");
    case "upperLetter":
      return letters(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    case "lowerRoman":
      return roman(n).toLowerCase();
    case "upperRoman":
      return roman(n);
    case "decimalZero":
      return String(n).padStart(2, "0");
    case "none":
      return "";
    default:
      return String(n);
  }
}

const child = (el: Element | null | undefined, name: string): Element | undefined => {
  if (!el) return undefined;
  for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 1 && (c as Element).localName === name) return c as Element;
  return undefined;
};
const children = (el: Element, name: string): Element[] => Array.from(el.getElementsByTagNameNS(W, name));
const val = (el: Element | undefined) => el?.getAttributeNS(W, "val") ?? el?.getAttribute("w:val") ?? undefined;

/** numbering.xml → for each w:numId, its levels (with the num's start overrides). */
function readNumbering(numberingXml: string): Map<string, Map<number, Level>> {
  const doc = new DOMParser().parseFromString(numberingXml, "text/xml");
  const abstract = new Map<string, Map<number, Level>>();
  for (const a of children(doc.documentElement as unknown as Element, "abstractNum")) {
    const levels = new Map<number, Level>();
    for (const lvl of children(a, "lvl")) {
      const suffix = val(child(lvl, "suff"));
      levels.set(Number(lvl.getAttributeNS(W, "ilvl") ?? lvl.getAttribute("w:ilvl") ?? 0), {
        format: val(child(lvl, "numFmt")) ?? "decimal",
        text: val(child(lvl, "lvlText")) ?? "",
        start: Number(val(child(lvl, "start")) ?? 1),
        legal: child(lvl, "isLgl") !== undefined,
        suffix: suffix === "space" || suffix === "nothing" ? suffix : "tab",
      });
    }
    abstract.set(a.getAttributeNS(W, "abstractNumId") ?? a.getAttribute("w:abstractNumId") ?? "", levels);
  }
  const nums = new Map<string, Map<number, Level>>();
  for (const num of children(doc.documentElement as unknown as Element, "num")) {
    const base = abstract.get(val(child(num, "abstractNumId")) ?? "");
    if (!base) continue;
    const levels = new Map([...base].map(([i, l]) => [i, { ...l }]));
    for (const override of children(num, "lvlOverride")) {
      const start = val(child(override, "startOverride"));
      const level = levels.get(Number(override.getAttributeNS(W, "ilvl") ?? override.getAttribute("w:ilvl") ?? 0));
      if (level && start !== undefined) level.start = Number(start);
    }
    nums.set(num.getAttributeNS(W, "numId") ?? num.getAttribute("w:numId") ?? "", levels);
  }
  return nums;
}

/** document.xml with each ordered numbered paragraph's label written into it and its numbering removed. */
export function writeOutNumbering(documentXml: string, numberingXml: string | undefined): string {
  if (!numberingXml) return documentXml;
  const nums = readNumbering(numberingXml);
  const doc = new DOMParser().parseFromString(documentXml, "text/xml");
  const counters = new Map<string, (number | undefined)[]>();
  let changed = false;
  for (const p of children(doc.documentElement as unknown as Element, "p")) {
    const numPr = child(child(p, "pPr"), "numPr");
    const numId = val(child(numPr, "numId"));
    if (!numPr || !numId || numId === "0") continue;
    const ilvl = Number(val(child(numPr, "ilvl")) ?? 0);
    const levels = nums.get(numId);
    const level = levels?.get(ilvl);
    if (!levels || !level || level.format === "bullet") continue;
    const count = counters.get(numId) ?? [];
    count[ilvl] = count[ilvl] === undefined ? level.start : count[ilvl]! + 1;
    count.length = ilvl + 1; // a deeper level starts again under a new point
    counters.set(numId, count);
    const label = level.text.replace(/%([1-9])/g, (_, k: string) => {
      const i = Number(k) - 1;
      const l = levels.get(i);
      return formatNumber(count[i] ?? l?.start ?? 1, level.legal ? "decimal" : (l?.format ?? "decimal"));
    });
    numPr.parentNode!.removeChild(numPr);
    if (!label) continue;
    // Word puts a tab after the label; a Chinese label (一、) needs nothing, a Latin one (1.) a space.
    const gap = level.suffix !== "nothing" && /[.)\]]$/.test(label) ? " " : "";
    const run = doc.createElementNS(W, "w:r");
    const text = doc.createElementNS(W, "w:t");
    text.setAttribute("xml:space", "preserve");
    text.appendChild(doc.createTextNode(label + gap));
    run.appendChild(text);
    const pPr = child(p, "pPr");
    p.insertBefore(run, pPr ? pPr.nextSibling : p.firstChild);
    changed = true;
  }
  return changed ? new XMLSerializer().serializeToString(doc) : documentXml;
}
