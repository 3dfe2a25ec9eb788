import { Document, isMap, isScalar, isSeq, type Node } from "yaml";

/**
 * Writing an article file: the one place that turns fields and a body into
 * `---` frontmatter + Markdown, for every way in (`npm run new`, `npm run
 * import`, the issue form). The YAML library quotes what needs quoting
 * (`"两会"精神`, `a: b`), so what it writes reads back as the same values.
 */

/** The header's order: what a clerk fills first comes first, as in the README's templates. */
const FIELD_ORDER = [
  "title", "category", "source", "sourceUrl", "unit", "author", "summary", "keywords", "eventAt",
  "date", "dateReason", "scheduled",
  "docNumber", "issuer", "writtenDate", "indexNumber", "topic", "validity", "replacedBy",
  "interprets", "guide", "online", "forms",
  "image", "attachments", "expires", "pinned", "emergency", "disclosure", "piiExemption", "link",
];

/**
 * Text standing in for what the clerk has still to write. `check` reports
 * any of it left in an article (TEMPLATE.UNCHANGED), so a skeleton cannot be
 * published as it is. The README's template uses the same words.
 */
export const PLACEHOLDERS = {
  summary: "一句话摘要",
  body: "正文……",
  field: "（请填写）",
  /** The words check's suggested lines leave for the clerk to replace (fieldExample). */
  imageAlt: "图片说明",
  attachmentTitle: "附件名称",
  formTitle: "表格名称",
  withdrawalReason: "撤稿原因",
} as const;

export interface ComposedArticle {
  /** Header fields; undefined values are left out. */
  fields: Record<string, unknown>;
  body: string;
  /** A comment after a field's value, e.g. what to write there. */
  hints?: Record<string, string>;
}

function ordered(fields: Record<string, unknown>): [string, unknown][] {
  const rank = (key: string) => (FIELD_ORDER.includes(key) ? FIELD_ORDER.indexOf(key) : FIELD_ORDER.length);
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => rank(a) - rank(b));
}

/**
 * Short lists and small records on one line, as clerks see them in the
 * README's templates: `keywords: [常委会, 协商议政]`, `image: { src: …, alt: … }`,
 * each attachment `- { path: …, title: … }`. A 办事指南's eleven elements stay
 * one per line.
 */
function flowShortLists(node: Node | null | undefined, top = true): void {
  if (isSeq(node)) {
    if (node.items.every((item) => isScalar(item))) node.flow = true;
    else node.items.forEach((item) => flowShortLists(item as Node, false));
  } else if (isMap(node)) {
    if (!top && node.items.length <= 3 && node.items.every((pair) => isScalar(pair.value))) node.flow = true;
    else for (const pair of node.items) flowShortLists(pair.value as Node, false);
  }
}

/** The article file's text: frontmatter between `---` lines, a blank-free join, then the body ending in one newline. */
export function composeArticle({ fields, body, hints = {} }: ComposedArticle): string {
  const doc = new Document(Object.fromEntries(ordered(fields)));
  flowShortLists(doc.contents);
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const hint = hints[String((pair.key as { value?: unknown }).value)];
      if (hint && isScalar(pair.value)) pair.value.comment = ` ${hint}`;
      else if (hint && pair.value) (pair.value as Node).commentBefore = ` ${hint}`;
    }
  }
  const header = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  return `---\n${header}---\n${body.trim()}\n`;
}

/**
 * ASCII double quotes around Chinese words in a title typed by hand become
 * the Chinese quotes the text wants (`"两会"精神` → `“两会”精神`), so the
 * header needs no YAML quoting and the page shows the right marks. Only
 * paired quotes are changed.
 */
export function chineseQuotes(title: string): string {
  return title.replace(/"([^"\n]*[\u3400-\u9fff][^"\n]*)"/g, "“$1”");
}
