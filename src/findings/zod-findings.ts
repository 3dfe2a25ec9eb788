import type { z } from "zod";
import type { PositionedYaml } from "../yaml/positioned-yaml.ts";
import { finding, type Finding } from "./finding.ts";

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
  array: "列表（每项以「- 」开头）",
  object: "若干「键: 值」",
  date: "日期",
};

function describeInput(input: unknown): string {
  if (input === null) return "空值";
  if (Array.isArray(input)) return "列表";
  if (typeof input === "object") return "对象";
  if (typeof input === "boolean") return input ? "true" : "false";
  return `「${String(input).slice(0, 40)}」`;
}

export function fieldPath(path: readonly PropertyKey[], labels: Record<string, string>): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += (out ? "." : "") + String(seg);
  }
  const last = [...path].reverse().find((p) => typeof p === "string") as string | undefined;
  const label = last ? labels[last] : undefined;
  return label ? `「${label}」(${out})` : out ? `(${out})` : "整个文件";
}

/** Closest known key by edit distance, for "did you mean". */
function closest(key: string, known: string[]): string | undefined {
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

export interface IssueContext {
  file: string;
  yaml: PositionedYaml;
  labels: Record<string, string>;
  /** Keys the object at a path allows, for unknown-field suggestions. */
  knownKeys?: (path: readonly PropertyKey[]) => string[];
  /** A note appended to unknown-field messages (e.g. which kind uses it). */
  unknownHint?: (key: string) => string | undefined;
}

export function issuesToFindings(issues: readonly z.core.$ZodIssue[], ctx: IssueContext): Finding[] {
  const out: Finding[] = [];
  // Missing fields of one object become one finding: 缺少必填字段 标题、来源.
  const missing = new Map<string, { parent: PropertyKey[]; names: string[] }>();
  for (const issue of issues) {
    if (issue.code !== "invalid_type" || (issue as { input?: unknown }).input !== undefined) continue;
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
    const where = fieldPath(issue.path, ctx.labels);
    const params = (issue as { params?: { rule?: string } }).params;
    switch (issue.code) {
      case "invalid_type": {
        const input = (issue as { input?: unknown }).input;
        if (input !== undefined) {
          const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
          out.push(
            finding(
              ctx.file,
              "SCHEMA.TYPE",
              `${where}应为${expected}，现为${describeInput(input)}${/期望|Invalid/.test(issue.message) ? "" : `：${issue.message}`}`,
              ctx.yaml.positionOf(issue.path),
            ),
          );
        }
        break;
      }
      case "unrecognized_keys": {
        for (const key of issue.keys) {
          const known = ctx.knownKeys?.(issue.path) ?? [];
          const guess = closest(key, known);
          const hint = ctx.unknownHint?.(key);
          const label = ctx.labels[key];
          out.push(
            finding(
              ctx.file,
              "SCHEMA.UNKNOWN_FIELD",
              `未知字段 ${key}${label ? `（${label}）` : ""}` +
                (hint ? `：${hint}` : guess ? `：是否应为 ${guess}？` : "：请删除或改正字段名") ,
              ctx.yaml.positionOf([...issue.path, key], "key"),
            ),
          );
        }
        break;
      }
      case "invalid_value":
        out.push(finding(ctx.file, "SCHEMA.ENUM", `${where}：${issue.message}`, ctx.yaml.positionOf(issue.path)));
        break;
      case "too_small":
      case "too_big":
        out.push(finding(ctx.file, "SCHEMA.LENGTH", `${where}${issue.message}`, ctx.yaml.positionOf(issue.path)));
        break;
      case "invalid_format":
        out.push(
          finding(ctx.file, "SCHEMA.FORMAT", `${where}格式不对：${issue.message}`, ctx.yaml.positionOf(issue.path)),
        );
        break;
      case "invalid_union":
        out.push(finding(ctx.file, "SCHEMA.TYPE", `${where}：${issue.message}`, ctx.yaml.positionOf(issue.path)));
        break;
      case "custom":
        out.push(finding(ctx.file, params?.rule ?? "SCHEMA.INVALID", `${where}：${issue.message}`, ctx.yaml.positionOf(issue.path)));
        break;
      default:
        out.push(finding(ctx.file, "SCHEMA.INVALID", `${where}：${issue.message}`, ctx.yaml.positionOf(issue.path)));
    }
  }
  return out;
}
