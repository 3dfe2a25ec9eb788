import { finding, type Finding } from "../findings/finding.ts";
import type { Position } from "../yaml/positioned-yaml.ts";
import { findPii, type PiiKind } from "./personal-data.ts";
import type { Portal } from "../workflows/portal.ts";
import { proofread } from "./proofread.ts";
import { LineIndex, type TextRegion } from "./text-regions.ts";
import type { PositionedYaml } from "../yaml/positioned-yaml.ts";

/**
 * The content-safety rules on what people read (title, every text field,
 * body): sensitive words and wording (seed 002: 敏感信息不上网, 严重表述错误),
 * personal data (隐私信息要遮掩) and proofreading. Pure.
 */
export interface TextInput {
  file: string;
  text: string;
  regions: TextRegion[];
  /** A declared exemption for personal data (a legally required 公示): its reason, and where it is declared. */
  piiExemption: { reason: string; at: Position } | undefined;
}

const PII_NAMES: Record<PiiKind, string> = { id: "身份证号", mobile: "手机号", bank: "银行卡号" };
const PROSE = /^(title|summary|body|dateReason)$/;

export function checkText(input: TextInput, portal: Portal): Finding[] {
  const { file, text, regions } = input;
  const lines = new LineIndex(text);
  const out: Finding[] = [];
  const { scanner, patterns } = portal.words;
  for (const region of regions) {
    const slice = text.slice(region.start, region.end);
    const { hits, triggers } = scanner.scanWithTriggers(slice);
    for (const hit of hits) {
      const at = lines.at(region.start + hit.start);
      const found = text.slice(region.start + hit.start, region.start + hit.end);
      const { entry } = hit;
      if (entry.level === "block") {
        out.push(finding(file, "WORDS.BLOCK", `「${found}」是禁用词（${entry.source}）：涉密或不宜公开的内容不得上网，请删除或改写`, at));
      } else if (entry.level === "warn") {
        out.push(finding(file, "WORDS.WARN", `「${found}」是慎用词（${entry.source}）：可以发布，但审核时须加分管领导终审，请确认表述准确`, at, "warning"));
      } else {
        // Fixed automatically only when written exactly as listed: with separators or
        // stripped quotes inside ("一带一路"战略) a blind replacement would mangle the text.
        const exact = found === entry.word;
        const f = finding(file, "WORDS.CORRECT", `「${found}」应为「${entry.right}」${entry.note ? `（${entry.note}）` : ""}，依据：${entry.source}`, at, entry.severity);
        if (exact) f.fix = { start: region.start + hit.start, end: region.start + hit.end, text: entry.right! };
        out.push(f);
      }
    }
    for (const p of patterns) {
      if (p.literals.length && !p.literals.some((l) => triggers.has(l))) continue;
      for (const m of slice.matchAll(p.regex)) {
        out.push(finding(file, "WORDS.PATTERN", `「${m[0]}」：${p.message}${p.right ? `，应为「${p.right}」` : ""}（${p.source}）`, lines.at(region.start + m.index), p.severity));
      }
    }
    for (const hit of findPii(slice)) {
      const at = lines.at(region.start + hit.start);
      const what = PII_NAMES[hit.kind];
      if (input.piiExemption) {
        out.push(finding(file, "PII.EXEMPT", `${what}按声明的例外公开（${input.piiExemption.reason}）：审核时须加分管领导终审`, at, "warning"));
      } else {
        out.push(finding(file, "PII.FOUND", `疑似${what}「${text.slice(region.start + hit.start, region.start + hit.end)}」：个人信息不得公开，请改为遮掩形式「${hit.masked}」；依法必须公示的，在信息头写 piiExemption: 公示依据`, at));
      }
    }
    if (PROSE.test(region.field)) {
      for (const hit of proofread(slice)) {
        const f = finding(file, hit.rule, hit.message, lines.at(region.start + hit.start), "warning");
        if (hit.fix !== undefined) f.fix = { start: region.start + hit.start, end: region.start + hit.end, text: hit.fix };
        out.push(f);
      }
    }
  }
  // The declaration itself publishes personal data the scanner cannot see (names, addresses of a 公示 list):
  // the leader signs whether or not an ID, mobile or card number was found.
  if (input.piiExemption && !out.some((f) => f.rule === "PII.EXEMPT")) {
    out.push(finding(file, "PII.EXEMPT", `声明了个人信息公示依据（${input.piiExemption.reason}）：审核时须加分管领导终审；本文不公开个人信息的，请删除 piiExemption`, input.piiExemption.at, "warning"));
  }
  return out;
}

/**
 * Invisible control characters (C0 and C1 controls but tab and line ends,
 * bidirectional overrides that reorder what a reader sees, non-characters):
 * pasted from other systems, they make every RSS/Atom file malformed XML.
 * Raw in the file, or written as an escape in a quoted YAML value ("\u0001").
 * One finding per line, at the first one on it.
 */
const CONTROL_LINES = 20;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/gu;

export function checkControlCharacters(file: string, text: string, yaml: PositionedYaml | undefined, data: unknown): Finding[] {
  // One finding per line that has them (a clerk fixes line by line), at most CONTROL_LINES.
  const byLine = new Map<number, { at: Position; code: number; count: number }>();
  let lines: LineIndex | undefined;
  for (const m of text.matchAll(CONTROL)) {
    const at = (lines ??= new LineIndex(text)).at(m.index);
    const seen = byLine.get(at.line);
    if (seen) seen.count++;
    else byLine.set(at.line, { at, code: m[0].codePointAt(0)!, count: 1 });
  }
  if (yaml) {
    // Written as an escape in a quoted YAML value ("\u0001"): found in the parsed values.
    const walk = (value: unknown, path: (string | number)[]) => {
      if (typeof value === "string") {
        CONTROL.lastIndex = 0;
        if (!CONTROL.test(value)) return;
        const at = yaml.positionOf(path);
        if (!byLine.has(at.line)) byLine.set(at.line, { at, code: 0, count: 1 });
      } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
      else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    };
    walk(data, []);
  }
  const hits = [...byLine.values()].sort((a, b) => a.at.line - b.at.line);
  const shown = hits.slice(0, CONTROL_LINES);
  return shown.map((hit, i) => {
    const which = hit.code ? `U+${hit.code.toString(16).toUpperCase().padStart(4, "0")}` : "（以转义符写入）";
    const more = i === shown.length - 1 && hits.length > shown.length ? `；另有 ${hits.length - shown.length} 行也有` : "";
    return finding(file, "TEXT.CONTROL_CHAR", `这里有看不见的控制字符 ${which}${hit.count > 1 ? `（本行 ${hit.count} 处）` : ""}，常见于从其他系统复制粘贴：它会使网站的订阅文件损坏，请删除该字符，或把这段文字删掉后重新输入${more}`, hit.at);
  });
}
