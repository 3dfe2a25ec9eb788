import type { Column } from "../columns/column-tree.ts";
import type { Category } from "../columns/columns-schema.ts";
import { formatBeijing } from "../calendar/dates.ts";
import { GUIDE_ELEMENTS, requiredKindFields } from "./article-schema.ts";
import { chineseQuotes, composeArticle, PLACEHOLDERS } from "./compose-article.ts";
import { articleSlug } from "./file-name.ts";

/**
 * A new article's skeleton (`npm run new`): every field its column's kind
 * requires, filled with what the writer said and （请填写） for the rest, and
 * 正文…… for the body. check refuses the placeholders (TEMPLATE.UNCHANGED),
 * so the skeleton passes once they are written, and not before.
 */
export interface NewArticleInput {
  column: Column;
  title: string;
  category: Category;
  unit: string;
  /** 来源: the unit's name unless said otherwise. */
  source: string;
  /** 原文网址, for a reprint. */
  sourceUrl?: string | undefined;
  author?: string | undefined;
  /** Fields of the column's kind the writer gave (docNumber, interprets, guide.name …). */
  kindFields?: Record<string, unknown>;
  /** Slugs already used in the column, any year. */
  taken: ReadonlySet<string>;
  now: Date;
}

export function newArticle(input: NewArticleInput): { path: string; slug: string; text: string } {
  const { column, now } = input;
  const year = formatBeijing(now, false).slice(0, 4);
  const title = chineseQuotes(input.title.trim());
  const slug = articleSlug(title, input.taken);
  const given = input.kindFields ?? {};
  const kindFields: Record<string, unknown> = {};
  for (const field of requiredKindFields(column.kind)) {
    if (field === "guide") {
      const guide = (given.guide ?? {}) as Record<string, unknown>;
      kindFields.guide = Object.fromEntries(Object.keys(GUIDE_ELEMENTS).map((k) => [k, guide[k] ?? PLACEHOLDERS.field]));
    } else {
      kindFields[field] = given[field] ?? PLACEHOLDERS.field;
    }
  }
  const hints: Record<string, string> = {
    docNumber: "文号，年份用六角括号，如 示政办发〔2026〕3号",
    writtenDate: "成文日期，如 2026-11-02",
    topic: "主题分类，如 综合政务",
    interprets: "被解读文件的路径：栏目路径/年份/英文名",
  };
  const text = composeArticle({
    fields: { title, category: input.category, source: input.source, sourceUrl: input.sourceUrl, unit: input.unit, author: input.author, ...kindFields },
    body: PLACEHOLDERS.body,
    hints: Object.fromEntries(Object.entries(hints).filter(([k]) => kindFields[k] === PLACEHOLDERS.field)),
  });
  return { path: `content/${column.path}/${year}/${slug}.md`, slug, text };
}
