import { finding, type Finding } from "../findings/finding.ts";
import { fieldPath, issuesToFindings } from "../findings/zod-findings.ts";
import { yamlProblems } from "../findings/yaml-findings.ts";
import { articleSchemaFor, crossFieldIssues, FIELD_LABELS, type ArticleData } from "./article-schema.ts";
import type { ColumnKind } from "../columns/columns-schema.ts";
import { parsePositionedYaml, type PositionedYaml } from "../yaml/positioned-yaml.ts";

export interface ParsedArticle {
  data: ArticleData | undefined;
  body: string;
  /** 1-based line of the body's first line in the file. */
  bodyLine: number;
  /** Offsets in the file's text: where the YAML starts, where the body starts. */
  yamlStart: number;
  bodyStart: number;
  yaml: PositionedYaml | undefined;
  findings: Finding[];
  /** The frontmatter as parsed when it failed the schema, for the checks that can still run. */
  raw?: Record<string, unknown>;
}

const KIND_FIELDS: Record<string, string> = {
  docNumber: "policy",
  issuer: "policy",
  writtenDate: "policy",
  indexNumber: "policy",
  topic: "policy",
  validity: "policy",
  replacedBy: "policy",
  interprets: "interpretation",
  guide: "guide",
};
const KIND_NAMES: Record<string, string> = { policy: "政策文件", interpretation: "政策解读", guide: "办事指南" };

/**
 * Splits frontmatter from body and validates it with the schema of the
 * column's kind. Used by `check` and by the site's content loader alike.
 *
 * The split is by hand rather than with gray-matter: we must find the closing
 * fence ourselves anyway to report an unclosed block with its line, and
 * gray-matter's per-call cache lookup (keyed on the whole text) and Buffer
 * conversion cost 7% of a whole-corpus check. The YAML goes to the `yaml`
 * package with a line counter, so every finding keeps its line.
 */
/**
 * Bounds on the frontmatter, checked before the YAML parser runs: the parser's
 * duplicate-key check and our position lookups grow with the square of the
 * number of keys (32,000 keys took 54 s). A real frontmatter has 5 to 30
 * fields and a few KB even for a 办事指南 with its materials list.
 */
export const MAX_FRONTMATTER_BYTES = 64 * 1024;
export const MAX_FRONTMATTER_FIELDS = 200;

/** Why a frontmatter is refused before parsing, with the line to point at, or undefined. */
export function frontmatterTooLarge(yamlText: string): { message: string; line: number } | undefined {
  if (yamlText.length > MAX_FRONTMATTER_BYTES) {
    return { message: `信息头有 ${Math.ceil(yamlText.length / 1024)} KB，超过上限 ${MAX_FRONTMATTER_BYTES / 1024} KB：信息头只写 title、category 等字段，正文和大段材料请写在 --- 下方或作为附件`, line: 1 };
  }
  // Top-level fields: a line that starts with a name and a colon.
  let fields = 0;
  let line = 1;
  for (let i = 0; i < yamlText.length; i = yamlText.indexOf("\n", i) + 1 || yamlText.length) {
    line++;
    if (/^[^\s#\-][^\n:]*:(?:[ \t]|$)/y.test(yamlText.slice(i, i + 200)) && ++fields > MAX_FRONTMATTER_FIELDS) {
      return { message: `信息头有超过 ${MAX_FRONTMATTER_FIELDS} 个字段：文章只需要 title、category、source、unit 等十几个字段，请删除多余的行`, line };
    }
  }
  return undefined;
}

/** The frontmatter's fields as plain data, or undefined when there is no readable frontmatter. */
export function frontmatterData(text: string): Record<string, unknown> | undefined {
  // Anchored at the very start (sticky), as parseArticle requires: a --- block further down is body text.
  const m = /^---[ \t]*\n([\s\S]*?)\n?^---[ \t]*$/my.exec(text.replace(/^\ufeff/, "").replace(/\r\n?/g, "\n"));
  if (!m || m.index !== 0 || frontmatterTooLarge(m[1]!)) return undefined;
  const y = parsePositionedYaml(m[1]!, 1);
  return y.data && typeof y.data === "object" && !Array.isArray(y.data) ? (y.data as Record<string, unknown>) : undefined;
}

export function parseArticle(file: string, text: string, kind: ColumnKind): ParsedArticle {
  const none = (f: Finding): ParsedArticle => ({ data: undefined, body: "", bodyLine: 1, yamlStart: 0, bodyStart: 0, yaml: undefined, findings: [f] });
  if (!/^---[ \t]*\n/.test(text)) {
    return none(
      finding(file, "FRONTMATTER.MISSING", "文件开头缺少信息头：第一行应为 ---，接着写 title、category、source、unit 等字段，再以 --- 结束", { line: 1, column: 1 }),
    );
  }
  const close = /^---[ \t]*$/m.exec(text.slice(text.indexOf("\n") + 1));
  if (!close) {
    return none(finding(file, "FRONTMATTER.UNCLOSED", "信息头没有结束：在最后一个字段后另起一行写 ---，再写正文", { line: 1, column: 1 }));
  }
  const start = text.indexOf("\n") + 1;
  const yamlText = text.slice(start, start + close.index);
  const afterFence = start + close.index + close[0].length;
  const bodyStart = afterFence + (text[afterFence] === "\n" ? 1 : 0);
  const body = text.slice(bodyStart);
  const at = { yamlStart: start, bodyStart };
  const bodyLine = yamlText.split("\n").length + 2;
  const tooLarge = frontmatterTooLarge(yamlText);
  if (tooLarge) return { ...none(finding(file, "FRONTMATTER.TOO_LARGE", tooLarge.message, { line: tooLarge.line, column: 1 })), body, bodyLine, ...at };
  const y = parsePositionedYaml(yamlText, 1);
  const problems = yamlProblems(file, yamlText, y, 1);
  if (problems.length) return { data: undefined, body, bodyLine, ...at, yaml: y, findings: problems };
  if (y.data === null || y.data === undefined) {
    return { data: undefined, body, bodyLine, ...at, yaml: y, findings: [finding(file, "FRONTMATTER.EMPTY", "信息头是空的：请填写 title、category、source、unit 等字段", { line: 1, column: 1 })] };
  }

  const findings: Finding[] = [];
  for (const s of y.swallowed) {
    const what = s.kind === "comment" ? `「${s.text}」被当作注释丢掉了` : `「${s.text}」被当作 YAML ${s.kind === "anchor" ? "锚点" : "标签"}吞掉了`;
    findings.push(finding(file, "YAML.SWALLOWED", `${what}：值中含 # 或以 & ! 开头时，请用英文引号把整个值括起来`, s.at, "warning"));
  }
  if (typeof y.data !== "object" || Array.isArray(y.data)) {
    return { data: undefined, body, bodyLine, ...at, yaml: y, findings: [...findings, finding(file, "FRONTMATTER.NOT_FIELDS", "信息头应为一行一个「字段名: 值」：请对照模板填写", { line: 2, column: 1 })] };
  }
  const raw = y.data as Record<string, unknown>;
  for (const issue of crossFieldIssues(raw)) findings.push(finding(file, issue.rule, `${fieldPath(issue.path, FIELD_LABELS)}：${issue.message}`, y.positionOf(issue.path)));

  const schema = articleSchemaFor(kind);
  const result = schema.safeParse(raw, { reportInput: true });
  if (result.success) return { data: result.data as ArticleData, body, bodyLine, ...at, yaml: y, findings };
  const known = Object.keys(schema.shape);
  findings.push(
    ...issuesToFindings(result.error.issues, {
      file,
      yaml: y,
      labels: FIELD_LABELS,
      knownKeys: (path) => (path.length === 0 ? known : []),
      unknownHint: (key) => {
        const owner = Object.hasOwn(KIND_FIELDS, key) ? KIND_FIELDS[key] : undefined;
        return owner && owner !== kind ? `该字段只用于「${KIND_NAMES[owner]}」栏目，本栏目不需要，请删除` : undefined;
      },
    }),
  );
  return { data: undefined, body, bodyLine, ...at, yaml: y, findings, raw };
}
