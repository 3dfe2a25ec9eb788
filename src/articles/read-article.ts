import { appendAll, finding, type Finding } from "../findings/finding.ts";
import type { Category, ColumnKind } from "../columns/columns-schema.ts";
import { checkControlCharacters, checkText } from "../content-safety/check-text.ts";
import { LineIndex, textRegions, type TextRegion } from "../content-safety/text-regions.ts";
import { checkTemplateText } from "./check-template-text.ts";
import { checkWordPaste } from "./check-word-paste.ts";
import type { Portal } from "../workflows/portal.ts";
import type { PositionedYaml } from "../yaml/positioned-yaml.ts";
import { category as categorySchema, type ArticleData } from "./article-schema.ts";
import { decodeArticle, normalizeText } from "./decode.ts";
import { parseArticle } from "./frontmatter.ts";
import { locate, type Location } from "./location.ts";

/**
 * One article as every job reads it: `check` (which adds the rules that need
 * the whole corpus: links, attachments, cross-references), the site (through
 * check's accepted articles) and the review gate (on the pull request's head
 * text, and its base where it compares). The same text gives the same
 * findings everywhere, so a warn-level word escalates the gate exactly when
 * check reports WORDS.WARN.
 */
export interface ArticleReading {
  /** Path from the portal root. */
  file: string;
  /** Its column, year and slug, or why it is not where an article may be. */
  where: Location;
  /** The column's kind, whose schema the frontmatter must meet. */
  kind: ColumnKind | undefined;
  /** The text (UTF-8, LF line ends, no BOM); undefined when the bytes are not readable text. */
  text: string | undefined;
  /** The frontmatter's fields as written, whether or not they pass the schema. */
  fields: Record<string, unknown> | undefined;
  /** The fields validated by the schema of the column's kind; undefined when any is wrong. */
  data: ArticleData | undefined;
  /** 信息类别, Chinese names accepted, when the frontmatter names a known one. */
  category: Category | undefined;
  body: string;
  /** 1-based line of the body's first line; offset of the body in `text`. */
  bodyLine: number;
  bodyStart: number;
  yaml: PositionedYaml | undefined;
  /** What people read: the frontmatter's text fields and the body (none with `text: false`). */
  regions: TextRegion[];
  /** What the file alone says against the rules: encoding, frontmatter and schema, control characters, words, personal data, proofreading. */
  findings: Finding[];
}

/**
 * Reads an article: bytes from the repository (decoded, encoding problems
 * found), or text already decoded (a pull request's files). Pure.
 * `text: false` leaves out the rules on what people read (words, personal
 * data, proofreading): a reading for the jobs that judge publication only.
 */
export function readArticle(file: string, input: Uint8Array | string, portal: Portal, { text: textRules = true }: { text?: boolean } = {}): ArticleReading {
  const where = locate(file, portal);
  const kind = where.ok ? where.column.kind : undefined;
  const findings: Finding[] = where.ok ? [] : [finding(file, where.rule, where.message)];
  const unread = { file, where, kind, text: undefined, fields: undefined, data: undefined, category: undefined, body: "", bodyLine: 1, bodyStart: 0, yaml: undefined, regions: [], findings };
  let text: string;
  if (typeof input === "string") text = normalizeText(input);
  else {
    const decoded = decodeArticle(file, input);
    if ("finding" in decoded) {
      findings.push(decoded.finding);
      return unread;
    }
    text = decoded.text;
  }

  const parsed = parseArticle(file, text, kind);
  appendAll(findings, parsed.findings);
  const { yaml, fields, data } = parsed;
  appendAll(findings, checkControlCharacters(file, text, yaml, yaml?.data));
  let regions: TextRegion[] = [];
  // Where each text field is takes the yaml package's positions: only the rules on what people read need it.
  if (yaml && textRules) {
    regions = textRegions(yaml, parsed.yamlStart, parsed.bodyStart, text.length);
    const reason = data?.piiExemption ?? (typeof fields?.piiExemption === "string" ? fields.piiExemption : undefined);
    const piiExemption = reason?.trim() ? { reason, at: yaml.positionOf(["piiExemption"]) } : undefined;
    appendAll(findings, checkText({ file, text, regions, piiExemption }, portal));
    if (fields) {
      const unchanged = checkTemplateText(file, fields, parsed.body, parsed.bodyLine, yaml);
      // A field still saying （请填写） is that and nothing else: not also a date in the wrong format.
      const at = new Set(unchanged.map((f) => `${f.line}:${f.column}`));
      for (let i = findings.length - 1; i >= 0; i--) if (findings[i]!.rule.startsWith("SCHEMA.") && at.has(`${findings[i]!.line}:${findings[i]!.column}`)) findings.splice(i, 1);
      appendAll(findings, unchanged);
    }
    appendAll(findings, checkWordPaste(file, parsed.body, parsed.bodyStart, new LineIndex(text)));
  }
  const category = data ? (data.category as Category) : fields ? categorySchema.safeParse(fields.category).data : undefined;
  return { ...unread, text, fields, data, category, body: parsed.body, bodyLine: parsed.bodyLine, bodyStart: parsed.bodyStart, yaml, regions };
}
