import { finding, type Finding } from "../findings/finding.ts";
import { fieldPath } from "../findings/zod-findings.ts";
import { validateYaml } from "../findings/validate-yaml.ts";
import { normalizeText } from "./decode.ts";
import { articleSchemaFor, crossFieldIssues, FIELD_KIND, FIELD_LABELS, fieldExample, type ArticleData } from "./article-schema.ts";
import { KIND_NAMES, type ColumnKind } from "../columns/columns-schema.ts";
import type { PositionedYaml } from "../yaml/positioned-yaml.ts";

export interface ParsedArticle {
  /** The fields validated by the schema of the column's kind; undefined when any is wrong (or no kind was given). */
  data: ArticleData | undefined;
  /** The frontmatter's fields as written (the YAML mapping), whether or not they pass the schema. */
  fields: Record<string, unknown> | undefined;
  body: string;
  /** 1-based line of the body's first line in the file. */
  bodyLine: number;
  /** Offsets in the file's text: where the YAML starts, where the body starts. */
  yamlStart: number;
  bodyStart: number;
  yaml: PositionedYaml | undefined;
  findings: Finding[];
}


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

/**
 * Where the frontmatter and the body are in an article's text (LF line ends,
 * no BOM): the one place the --- fences are found. The opening fence is the
 * file's first line; a --- block further down is body text.
 *
 * The split is by hand rather than with gray-matter: we must find the closing
 * fence ourselves anyway to report an unclosed block with its line, and
 * gray-matter's per-call cache lookup (keyed on the whole text) and Buffer
 * conversion cost 7% of a whole-corpus check. The YAML goes to the `yaml`
 * package with a line counter, so every finding keeps its line.
 */
export type FrontmatterSplit =
  | { ok: true; yamlText: string; yamlStart: number; bodyStart: number; bodyLine: number }
  | { ok: false; finding: (file: string) => Finding };

export function splitFrontmatter(text: string): FrontmatterSplit {
  if (!/^---[ \t]*\n/.test(text)) {
    return { ok: false, finding: (file) => finding(file, "FRONTMATTER.MISSING", "文件开头缺少信息头：第一行应为 ---，接着写 title、category、source、unit 等字段，再以 --- 结束", { line: 1, column: 1 }) };
  }
  const yamlStart = text.indexOf("\n") + 1;
  const close = /^---[ \t]*$/m.exec(text.slice(yamlStart));
  if (!close) return { ok: false, finding: (file) => finding(file, "FRONTMATTER.UNCLOSED", "信息头没有结束：在最后一个字段后另起一行写 ---，再写正文", { line: 1, column: 1 }) };
  const yamlText = text.slice(yamlStart, yamlStart + close.index);
  const afterFence = yamlStart + close.index + close[0].length;
  return { ok: true, yamlText, yamlStart, bodyStart: afterFence + (text[afterFence] === "\n" ? 1 : 0), bodyLine: yamlText.split("\n").length + 2 };
}

/**
 * The frontmatter's fields as written, or undefined when there is no readable
 * frontmatter: the same reading as parseArticle's, for texts from git history
 * (what an article said when it reached main) that need no schema.
 */
export function frontmatterData(text: string): Record<string, unknown> | undefined {
  return parseArticle("", normalizeText(text)).fields;
}

const isFields = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Splits frontmatter from body and validates it with the schema of the
 * column's kind (`kind` left out: the fields are read, not validated).
 */
export function parseArticle(file: string, text: string, kind?: ColumnKind): ParsedArticle {
  const split = splitFrontmatter(text);
  if (!split.ok) return { data: undefined, fields: undefined, body: "", bodyLine: 1, yamlStart: 0, bodyStart: 0, yaml: undefined, findings: [split.finding(file)] };
  const { yamlText, yamlStart, bodyStart, bodyLine } = split;
  const at = { body: text.slice(bodyStart), bodyLine, yamlStart, bodyStart };
  const tooLarge = frontmatterTooLarge(yamlText);
  if (tooLarge) return { data: undefined, fields: undefined, ...at, yaml: undefined, findings: [finding(file, "FRONTMATTER.TOO_LARGE", tooLarge.message, { line: tooLarge.line, column: 1 })] };

  const schema = kind ? articleSchemaFor(kind) : undefined;
  const known = schema ? Object.keys(schema.shape) : [];
  const read = validateYaml(file, yamlText, schema, {
    lineOffset: 1,
    labels: FIELD_LABELS,
    example: fieldExample,
    precheck: (value, y) => frontmatterRules(file, value, y),
    knownKeys: (path) => (path.length === 0 ? known : []),
    unknownHint: (key) => {
      const owner = Object.hasOwn(FIELD_KIND, key) ? FIELD_KIND[key] : undefined;
      return owner && owner !== kind ? `该字段只用于「${KIND_NAMES[owner]}」栏目，本栏目不需要，请删除` : undefined;
    },
  });
  return { data: read.data as ArticleData | undefined, fields: isFields(read.yaml.data) ? read.yaml.data : undefined, ...at, yaml: read.yaml, findings: read.findings };
}

/** The frontmatter's own rules before the schema: not empty, fields not swallowed, one mapping, fields that go together. */
function frontmatterRules(file: string, value: unknown, y: PositionedYaml): { findings: Finding[]; stop?: boolean } {
  if (value === null || value === undefined) {
    return { findings: [finding(file, "FRONTMATTER.EMPTY", "信息头是空的：请填写 title、category、source、unit 等字段", { line: 1, column: 1 })], stop: true };
  }
  const findings: Finding[] = [];
  for (const s of y.swallowed) {
    const what = s.kind === "comment" ? `「${s.text}」被当作注释丢掉了` : `「${s.text}」被当作 YAML ${s.kind === "anchor" ? "锚点" : "标签"}吞掉了`;
    findings.push(finding(file, "YAML.SWALLOWED", `${what}：值中含 # 或以 & ! 开头时，请用英文引号把整个值括起来`, s.at, "warning"));
  }
  if (!isFields(value)) {
    findings.push(finding(file, "FRONTMATTER.NOT_FIELDS", "信息头应为一行一个「字段名: 值」：请对照模板填写", { line: 2, column: 1 }));
    return { findings, stop: true };
  }
  for (const issue of crossFieldIssues(value)) findings.push(finding(file, issue.rule, `${fieldPath(issue.path, FIELD_LABELS)}：${issue.message}`, y.positionOf(issue.path)));
  return { findings };
}
