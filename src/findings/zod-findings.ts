import type { z } from "zod";
import type { PositionedYaml } from "../yaml/positioned-yaml.ts";
import { finding, type Finding } from "./finding.ts";
import { UNION_FALLBACK_MESSAGE } from "./zod-locale.ts";

/**
 * Turns zod issues into findings a clerk can act on: the field first (with
 * its Chinese label), then what is wrong and what to write instead, at the
 * line and column of the offending value. Modelled on Starlight's
 * `utils/error-map.ts`, in Chinese and with positions.
 */

const TYPE_NAMES: Record<string, string> = {
  string: "文字",
  number: "数字",
  int: "整数",
  boolean: "true 或 false",
  array: "列表（[甲, 乙]，或每项另起一行以「- 」开头）",
  object: "若干「键: 值」",
  date: "日期",
};

const label = (labels: Record<string, string>, key: string) => (Object.hasOwn(labels, key) ? labels[key] : undefined);

export function fieldPath(path: readonly PropertyKey[], labels: Record<string, string>): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += (out ? "." : "") + String(seg);
  }
  const last = [...path].reverse().find((p) => typeof p === "string") as string | undefined;
  const name = last ? label(labels, last) : undefined;
  return name ? `「${name}」(${out})` : out ? `(${out})` : "整个信息头";
}

/** Closest known key by edit distance, or by its Chinese label (标题 → title), for "did you mean". */
function closest(key: string, known: string[], labels: Record<string, string>): string | undefined {
  const byLabel = known.find((k) => label(labels, k) === key);
  if (byLabel) return byLabel;
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** Items written on one line as a YAML list, split where clerks separate them (、，；): `[常委会, 协商议政]`. */
export function listLine(text: string): string {
  return `[${text.split(/[，、；;,\s]+/).filter(Boolean).join(", ")}]`;
}

export interface IssueContext {
  file: string;
  yaml: PositionedYaml;
  labels: Record<string, string>;
  /** Keys the object at a path allows, for unknown-field suggestions. */
  knownKeys?: (path: readonly PropertyKey[]) => string[];
  /** The line to write instead of a malformed value at a path (e.g. `image: { src: ./photo.jpg, alt: 图片说明 }`), given what was written. */
  example?: (path: readonly PropertyKey[], written: string) => string | undefined;
  /** A note appended to unknown-field messages (e.g. which kind uses it). */
  unknownHint?: (key: string) => string | undefined;
}

const inputOf = (issue: z.core.$ZodIssue) => (issue as { input?: unknown }).input;
const isMissing = (issue: z.core.$ZodIssue) => (issue.code === "invalid_type" || issue.code === "invalid_value") && inputOf(issue) === undefined;

export function issuesToFindings(issues: readonly z.core.$ZodIssue[], ctx: IssueContext): Finding[] {
  const out: Finding[] = [];
  // Missing fields of one object become one finding: 缺少必填字段 标题、来源.
  const missing = new Map<string, { parent: PropertyKey[]; names: string[] }>();
  for (const issue of issues.filter(isMissing)) {
    const parent = issue.path.slice(0, -1);
    const key = JSON.stringify(parent.map(String));
    const entry = missing.get(key) ?? { parent, names: [] };
    entry.names.push(fieldPath(issue.path, ctx.labels));
    missing.set(key, entry);
  }
  for (const { parent, names } of missing.values()) {
    const inside = parent.length ? `${fieldPath(parent, ctx.labels)}中` : "";
    out.push(finding(ctx.file, "SCHEMA.REQUIRED", `${inside}缺少必填字段 ${names.join("、")}：请逐项补上`, ctx.yaml.positionOf(parent, "key")));
  }

  for (const issue of issues) {
    if (isMissing(issue)) continue;
    const where = fieldPath(issue.path, ctx.labels);
    const at = ctx.yaml.positionOf(issue.path);
    const params = (issue as { params?: { rule?: string } }).params;
    switch (issue.code) {
      case "invalid_type": {
        const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
        const source = ctx.yaml.sourceOf(issue.path) ?? String(inputOf(issue));
        const input = inputOf(issue);
        const hint =
          issue.expected === "string" && (typeof input === "number" || typeof input === "boolean")
            ? `：纯数字、true/false 等会被当作${typeof input === "number" ? "数字（开头的 0 会丢失）" : "是非值"}，请用英文引号括起来，如 "${source}"`
            : ctx.example?.(issue.path, source)
              ? `：请照此写：${ctx.example(issue.path, source)}`
              : issue.expected === "array"
                ? `：请写成 ${listLine(source)}，多项用英文逗号加空格分隔`
                : "";
        out.push(finding(ctx.file, "SCHEMA.TYPE", `${where}应为${expected}，现为「${source.slice(0, 40)}」${hint}`, at));
        break;
      }
      case "unrecognized_keys": {
        for (const key of issue.keys) {
          const known = ctx.knownKeys?.(issue.path) ?? [];
          const guess = closest(key, known, ctx.labels);
          const hint = ctx.unknownHint?.(key);
          const name = label(ctx.labels, key);
          out.push(
            finding(
              ctx.file,
              "SCHEMA.UNKNOWN_FIELD",
              `未知字段 ${key}${name ? `（${name}）` : ""}` +
                (hint ? `：${hint}` : guess ? `：是否应为 ${guess}${label(ctx.labels, guess) ? `（${label(ctx.labels, guess)}）` : ""}？字段名一律用英文` : "：请删除或改正字段名"),
              ctx.yaml.positionOf([...issue.path, key], "key"),
            ),
          );
        }
        break;
      }
      case "invalid_value":
        out.push(finding(ctx.file, "SCHEMA.ENUM", `${where}：${issue.message}`, at));
        break;
      case "too_small":
      case "too_big": {
        const custom = !/期望|Too (small|big)/i.test(issue.message);
        const n = String(issue.code === "too_small" ? issue.minimum : issue.maximum);
        const unit = issue.origin === "string" ? "个字" : issue.origin === "array" ? "项" : "";
        const message = custom ? issue.message : issue.code === "too_small" ? (n === "1" ? "不能为空" : `至少 ${n} ${unit}`) : `不能超过 ${n} ${unit}`;
        out.push(finding(ctx.file, "SCHEMA.LENGTH", `${where}${message}`, at));
        break;
      }
      case "invalid_format":
        out.push(finding(ctx.file, "SCHEMA.FORMAT", `${where}格式不对：${issue.message}`, at));
        break;
      case "invalid_key":
        out.push(finding(ctx.file, "SCHEMA.FORMAT", `${where}中的名称不合规：只能用小写英文字母、数字和连字符`, ctx.yaml.positionOf(issue.path, "key")));
        break;
      case "invalid_union": {
        // A union without its own message (an address, or an object): the
        // branch whose shape the value has says what is wrong inside it.
        const branches = (issue as { errors?: z.core.$ZodIssue[][] }).errors ?? [];
        const fitting = branches.filter((b) => b.length && !b.some((i) => i.code === "invalid_type" && i.path.length === 0));
        if (issue.message === UNION_FALLBACK_MESSAGE && fitting.length === 1) {
          out.push(...issuesToFindings(fitting[0]!.map((i) => ({ ...i, path: [...issue.path, ...i.path] })), ctx));
          break;
        }
        out.push(finding(ctx.file, "SCHEMA.TYPE", `${where}：${issue.message}`, at));
        break;
      }
      case "custom":
        out.push(finding(ctx.file, params?.rule ?? "SCHEMA.INVALID", `${where}：${issue.message}`, at));
        break;
      default:
        out.push(finding(ctx.file, "SCHEMA.INVALID", `${where}：${issue.message}`, at));
    }
  }
  return out;
}
