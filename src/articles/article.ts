import type { Column } from "../columns/column-tree.ts";
import type { ArticleData } from "./article-schema.ts";

/** A validated article, as `check`, the site and the bots see it. */
export interface Article {
  /** `<column path>/<yyyy>/<slug>`: the URL path and the cross-reference key. */
  id: string;
  /** Path from the portal root, e.g. `content/news/politics/2026/x.md`. */
  file: string;
  column: Column;
  year: number;
  slug: string;
  data: ArticleData;
  body: string;
  bodyLine: number;
}

export function articleId(columnPath: string, year: number, slug: string): string {
  return `${columnPath}/${year}/${slug}`;
}
