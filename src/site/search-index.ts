import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Parser } from "htmlparser2";
import type { Article } from "../articles/article.ts";
import { formatBeijing } from "../calendar/dates.ts";
import { isListed, isPublished } from "../publication/visibility.ts";
import type { SiteModel } from "./site-model.ts";
import { INDEX_LANGUAGE, indexText, markedTokens, queryTokens } from "./search-text.ts";

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

/** Every searchable page's record: published, listed (not withdrawn or expired) at `now`. */
export function searchRecords(model: SiteModel, dist: string, now: Date): SearchRecord[] {
  const today = formatBeijing(now, false);
  const out: SearchRecord[] = [];
  for (const a of model.articles) {
    const at = model.published.get(a.id);
    if (!at || !isPublished(a, at, now) || !isListed(a.data, today)) continue;
    let page: string;
    try {
      page = readFileSync(join(dist, a.id, "index.html"), "utf8");
    } catch {
      continue; // not built (a column kind without article pages)
    }
    out.push({ url: `/${a.id}/`, html: recordHtml(model, a, at, pageText(page)) });
  }
  return out;
}

function recordHtml(model: SiteModel, a: Article, at: Date, { body, around }: { body: string; around: string }): string {
  const { portal } = model;
  const trail: string[] = [];
  for (let c = portal.columnByPath.get(a.column.path); c; c = c.parent ? portal.columnByPath.get(c.parent) : undefined) trail.unshift(c.name);
  const d = a.data as typeof a.data & { docNumber?: string; topic?: string; validity?: string };
  const unit = portal.unitById.get(d.unit)?.name ?? d.unit;
  const words = indexText(body);
  // How many of the page's words are the body's: the search page takes its excerpt from them only.
  const bodyWords = words ? words.split(" ").length : 0;
  const meta: Record<string, string> = { title: d.title, column: trail.join(" › "), date: formatBeijing(at), bodyWords: String(bodyWords), ...(d.docNumber ? { docNumber: d.docNumber } : {}) };
  const filters: Record<string, string> = { 栏目: trail[0] ?? a.column.name, 年份: formatBeijing(at, false).slice(0, 4), 单位: unit, ...(d.topic ? { 主题分类: d.topic } : {}) };
  const fields = [
    ...Object.entries(meta).map(([k, v]) => `<span data-pagefind-meta="${attr(`${k}:${v}`)}"></span>`),
    ...Object.entries(filters).map(([k, v]) => `<span data-pagefind-filter="${attr(`${k}:${v}`)}"></span>`),
    `<span data-pagefind-sort="${attr(`date:${at.toISOString()}`)}"></span>`,
  ];
  const inForce = d.validity !== "expired" && d.validity !== "repealed";
  // The body first (the search page's excerpt is taken from it), then what stands around it on the page.
  return `<html lang="${INDEX_LANGUAGE}"><body data-pagefind-body><div>${text(words)}</div><div>${text(indexText(around))}</div><h1 data-pagefind-weight="${inForce ? TITLE_WEIGHT.valid : TITLE_WEIGHT.invalid}">${text(indexText(d.title))}</h1>${d.docNumber ? `<p data-pagefind-weight="${DOC_NUMBER_WEIGHT}">${text(indexText(d.docNumber))}</p>` : ""}<p>${[...markedTokens("title", queryTokens(d.title), true), ...(d.docNumber ? markedTokens("docNumber", queryTokens(d.docNumber), true) : [])].join(" ")}</p>${fields.join("")}</body></html>`;
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
