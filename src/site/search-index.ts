import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Parser } from "htmlparser2";
import type { Article } from "../articles/article.ts";
import { formatBeijing } from "../calendar/dates.ts";
import { isListed, isPublished } from "../publication/visibility.ts";
import type { SiteModel } from "./site-model.ts";
import { INDEX_LANGUAGE, indexText, markedTokens, queryTokens, titleMark } from "./search-text.ts";

/**
 * What the search index holds for each page a reader can find: its text as
 * the page shows it (the article's body, from the built page), its title and
 * document number weighted above the body, and the filters and metadata as
 * Pagefind fields, never as text (hidden text became the excerpts). Built
 * from the model, not by Pagefind crawling every page of the site.
 */
export interface SearchRecord {
  url: string;
  /** A small HTML page in {@link INDEX_LANGUAGE}, its text cut by `indexText`. */
  html: string;
}

/** Where the body is on an article page ([...path].astro), and where it ends. */
export const BODY_MARK = "data-search-body";
const BODY_END = '<nav class="prevnext"';

/** Pagefind's weight of a current document's title; a document no longer in force ranks below its successor. */
const TITLE_WEIGHT = { valid: 7, invalid: 2 };
/** A document number is the surest way to a document: above everything else. */
const DOC_NUMBER_WEIGHT = 10;

const attr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
const text = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A page a reader can find: an article published and listed (not withdrawn, removed or expired) at `now`. */
interface Searchable {
  article: Article;
  at: Date;
}

function searchable(model: SiteModel, now: Date): Searchable[] {
  const today = formatBeijing(now, false);
  return model.articles.flatMap((article) => {
    const at = model.published.get(article.id);
    return at && isPublished(article, at, now, model.portal.site.withdrawn) && isListed(article.data, today) ? [{ article, at }] : [];
  });
}

/** Every searchable page's record, its body read from the page the build wrote. */
export function searchRecords(model: SiteModel, dist: string, now: Date): SearchRecord[] {
  return searchable(model, now).map(({ article, at }) => ({
    url: `/${article.id}/`,
    html: recordHtml(model, article, at, pageText(readFileSync(join(dist, article.id, "index.html"), "utf8"))),
  }));
}

/** The filters of the search page, in the order the page shows them. */
export const SEARCH_FILTERS = ["栏目", "年份", "单位", "主题分类"] as const;
export type SearchFilter = (typeof SEARCH_FILTERS)[number];

const trailOf = (model: SiteModel, a: Article) => {
  const trail: string[] = [];
  for (let c = model.portal.columnByPath.get(a.column.path); c; c = c.parent ? model.portal.columnByPath.get(c.parent) : undefined) trail.unshift(c.name);
  return trail;
};

/** A page's filter values: its top column, year, unit and (a policy document) 主题分类. */
function filtersOf(model: SiteModel, a: Article, at: Date): Partial<Record<SearchFilter, string>> {
  const d = a.data as typeof a.data & { topic?: string };
  return { 栏目: trailOf(model, a)[0] ?? a.column.name, 年份: formatBeijing(at, false).slice(0, 4), 单位: model.portal.unitById.get(d.unit)?.name ?? d.unit, ...(d.topic ? { 主题分类: d.topic } : {}) };
}

/**
 * Each filter's values with their page counts, as the search page lists
 * them: written into the page at build time from the same pages and values
 * as the index, so a first search does not fetch Pagefind's filter chunks
 * (about 66 KB on 10,000 pages) only to fill the lists.
 */
export function filterChoices(model: SiteModel, now: Date): Record<SearchFilter, { value: string; pages: number }[]> {
  const counts = Object.fromEntries(SEARCH_FILTERS.map((f) => [f, new Map<string, number>()])) as Record<SearchFilter, Map<string, number>>;
  for (const { article, at } of searchable(model, now)) {
    for (const [f, v] of Object.entries(filtersOf(model, article, at)) as [SearchFilter, string][]) counts[f].set(v, (counts[f].get(v) ?? 0) + 1);
  }
  return Object.fromEntries(
    SEARCH_FILTERS.map((f) => [f, [...counts[f]].sort(([a], [b]) => b.localeCompare(a, "zh-CN")).map(([value, pages]) => ({ value, pages }))]),
  ) as Record<SearchFilter, { value: string; pages: number }[]>;
}

function recordHtml(model: SiteModel, a: Article, at: Date, { body, around }: { body: string; around: string }): string {
  const trail = trailOf(model, a);
  const d = a.data as typeof a.data & { docNumber?: string; topic?: string; validity?: string };
  const words = indexText(body);
  // How many of the page's words are the body's: the search page takes its excerpt from them only.
  const bodyWords = words ? words.split(" ").length : 0;
  const meta: Record<string, string> = { title: d.title, column: trail.join(" › "), date: formatBeijing(at), bodyWords: String(bodyWords), ...(d.docNumber ? { docNumber: d.docNumber } : {}) };
  const filters = filtersOf(model, a, at);
  const fields = [
    ...Object.entries(meta).map(([k, v]) => `<span data-pagefind-meta="${attr(`${k}:${v}`)}"></span>`),
    ...(Object.entries(filters) as [string, string][]).map(([k, v]) => `<span data-pagefind-filter="${attr(`${k}:${v}`)}"></span>`),
    `<span data-pagefind-sort="${attr(`date:${at.toISOString()}`)}"></span>`,
  ];
  const inForce = d.validity !== "expired" && d.validity !== "repealed";
  // The body first (the search page's excerpt is taken from it), then what stands around it on the page.
  return `<html lang="${INDEX_LANGUAGE}"><body data-pagefind-body><div>${text(words)}</div><div>${text(indexText(around))}</div><h1 data-pagefind-weight="${inForce ? TITLE_WEIGHT.valid : TITLE_WEIGHT.invalid}">${text(indexText(d.title))}</h1>${d.docNumber ? `<p data-pagefind-weight="${DOC_NUMBER_WEIGHT}">${text(indexText(d.docNumber))}</p>` : ""}<p>${[titleMark(queryTokens(d.title)), ...(d.docNumber ? markedTokens("docNumber", queryTokens(d.docNumber), true) : [])].join(" ")}</p>${fields.join("")}</body></html>`;
}

/**
 * The text of an article page as a reader sees it, in two parts: the body
 * (with its attachments), and what stands around it: the breadcrumb, the
 * title, the 发布时间/来源 line, the 信息公开 table. The previous/next links
 * (other articles' titles) and the site's header and footer are not the
 * page's text. Blocks are on lines of their own; scripts and styles left out.
 */
export function pageText(page: string): { body: string; around: string } {
  const start = page.indexOf(BODY_MARK);
  const crumbs = page.indexOf(BREADCRUMB);
  if (start < 0) return { body: "", around: "" };
  const end = page.indexOf(BODY_END, start);
  const open = page.lastIndexOf("<", start);
  return {
    body: htmlText(page.slice(page.indexOf(">", start) + 1, end < 0 ? undefined : end)),
    around: crumbs < 0 || crumbs > open ? "" : htmlText(page.slice(crumbs, open)),
  };
}

const BREADCRUMB = '<nav class="breadcrumb"';

function htmlText(html: string): string {
  const out: string[] = [];
  let skip = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === "script" || name === "style") skip++;
        if (BLOCKS.has(name)) out.push("\n");
      },
      ontext(t) {
        if (!skip) out.push(t);
      },
      onclosetag(name) {
        if (name === "script" || name === "style") skip--;
        if (BLOCKS.has(name)) out.push("\n");
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return out.join("").replace(/[ \t\r]*\n\s*/g, "\n").trim();
}

const BLOCKS = new Set(["p", "div", "li", "ol", "ul", "nav", "span", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "br", "table", "section", "blockquote", "figcaption", "dd", "dt"]);
