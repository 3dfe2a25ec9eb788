import { Parser } from "htmlparser2";
import type { Article } from "../articles/article.ts";
import { GUIDE_ELEMENTS, VALIDITY_NAME } from "../articles/article-schema.ts";
import { shownAttachments, validityMark } from "./article-parts.ts";
import { formatBeijing } from "../calendar/dates.ts";
import { isListed } from "../publication/visibility.ts";
import { pagedArticles } from "./entries.ts";
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


/** Pagefind's weight of a current document's title; a document no longer in force ranks below its successor. */
const TITLE_WEIGHT = { valid: 7, invalid: 2 };
/** A document number is the surest way to a document: above everything else. */
const DOC_NUMBER_WEIGHT = 10;

const attr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
const text = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A page a reader can find: an article published and listed (not withdrawn, removed or expired) at `now`. */
export interface Searchable {
  article: Article;
  at: Date;
}

function searchable(model: SiteModel, now: Date): Searchable[] {
  const today = formatBeijing(now, false);
  return pagedArticles(model, now).flatMap((article) => (isListed(article.data, today) ? [{ article, at: model.published.get(article.id)! }] : []));
}

/**
 * Pages per part of the search index, on average. Pagefind holds a whole
 * index in memory while it writes it: 0.9 GB for 2,500 of these pages, 1.8 GB
 * for 5,000, 3.1 GB for 10,000 (measured). So the index is written in parts,
 * one after another, and the search page merges them (Pagefind's
 * `mergeIndex`, which reuses the first part's WebAssembly): the build's
 * memory stays the same at any portal size, and a rebuild writes again only
 * a changed page's part. Most portals have fewer pages and get one index.
 * Each part costs a first search one chunk per query word: on 10,000 pages,
 * parts of 2,500 against 5,000 took the build from 2.9 to 1.9 GB and the
 * one-article rebuild from 53 % to 41 % of a cold build, and a first search's
 * median from 1.2 to 1.4 MB (docs/BENCHMARKS.md). `SANSHEN_SEARCH_PART_PAGES`
 * overrides it (the tests make parts of a small portal).
 */
export const PAGES_PER_PART = Number(process.env.SANSHEN_SEARCH_PART_PAGES) || 2500;

/** Where each part of the index is served: the first at /pagefind/ (the search page loads its pagefind.js), the others beneath it. */
export const partPath = (i: number) => (i === 0 ? "/pagefind/" : `/pagefind/part-${i + 1}/`);

/**
 * The searchable pages in the index's parts. A page's part follows from its
 * column and the month it was published alone (a hash of the two, over as
 * many parts as the portal's size needs; hundreds of such groups spread
 * evenly), so a new or changed article changes its own part and no other: a
 * rebuild writes that part again and keeps the rest. Within a part, the
 * model's order (a column's pages together).
 */
export function searchParts(model: SiteModel, now: Date): Searchable[][] {
  const pages = searchable(model, now);
  const count = Math.max(1, Math.ceil(pages.length / PAGES_PER_PART));
  const parts: Searchable[][] = Array.from({ length: count }, () => []);
  for (const page of pages) parts[count === 1 ? 0 : fnv1a(`${page.article.column.path}@${formatBeijing(page.at, false).slice(0, 7)}`) % count]!.push(page);
  const filled = parts.filter((p) => p.length);
  return filled.length ? filled : [[]];
}

/** FNV-1a, 32 bits: a stable, evenly spread number for a short text. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * The records of a part's pages (`searchParts`), from the model and each
 * body as the content loader rendered it (`bodies`, by article id): made
 * before Astro writes a page, so the index is built on the second core
 * while the pages are written. One at a time, so the index can take each as
 * it comes. `part` is written into each record's metadata: it changes the
 * page ids Pagefind derives from a record's content, when two parts' ids
 * collide (see `indexForSearch`).
 */
export function* searchRecords(model: SiteModel, bodies: ReadonlyMap<string, string>, pages: readonly Searchable[], now: Date, part: string): Generator<SearchRecord> {
  const shown = new Map(pagedArticles(model, now).map((a) => [a.id, a]));
  for (const { article, at } of pages) {
    yield { url: `/${article.id}/`, html: recordHtml(model, article, at, articleText(model, article, at, bodies.get(article.id) ?? "", shown), part) };
  }
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

function recordHtml(model: SiteModel, a: Article, at: Date, { body, around }: { body: string; around: string }, part: string): string {
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
    `<span data-pagefind-meta="${attr(`part:${part}`)}"></span>`,
  ];
  const inForce = d.validity !== "expired" && d.validity !== "repealed";
  // The body first (the search page's excerpt is taken from it), then what stands around it on the page.
  return `<html lang="${INDEX_LANGUAGE}"><body data-pagefind-body><div>${text(words)}</div><div>${text(indexText(around))}</div><h1 data-pagefind-weight="${inForce ? TITLE_WEIGHT.valid : TITLE_WEIGHT.invalid}">${text(indexText(d.title))}</h1>${d.docNumber ? `<p data-pagefind-weight="${DOC_NUMBER_WEIGHT}">${text(indexText(d.docNumber))}</p>` : ""}<p>${[titleMark(queryTokens(d.title)), ...(d.docNumber ? markedTokens("docNumber", queryTokens(d.docNumber), true) : [])].join(" ")}</p>${fields.join("")}</body></html>`;
}

/**
 * The text of an article page as a reader sees it, in two parts: the body
 * (with its attachments), and what stands around it: the breadcrumb, the
 * title, the 发布时间/来源 line, the validity notice, the 信息公开 and
 * 办事指南 tables. The previous/next links (other articles' titles) and the
 * site's header and footer are not the page's text. Made from the model in
 * the page's own structure ([...path].astro), so the text cuts into the same
 * words; the search tests compare it with every built page. `shown`: the
 * articles that have a page, by id (links to a successor or a policy).
 */
export function articleText(model: SiteModel, a: Article, at: Date, bodyHtml: string, shown: ReadonlyMap<string, Article>): { body: string; around: string } {
  const d = a.data as typeof a.data & Record<string, unknown> & { docNumber?: string; topic?: string; validity?: keyof typeof VALIDITY_NAME; replacedBy?: string; indexNumber?: string; issuer?: string; writtenDate?: string; interprets?: string; guide?: Record<string, string>; author?: string; online?: string; forms?: { title: string; path: string }[] };
  const e = (x: unknown) => text(String(x ?? ""));
  const attachments = shownAttachments(a.id, d.attachments ?? [], model.fileBytes);
  const body = bodyHtml + (attachments.length ? `<section><h2>附件</h2><ul>${attachments.map((x) => `<li>${e(x.title)} <span>（${x.type}，${x.size}）</span></li>`).join("")}</ul></section>` : "");
  const head: string[] = [`<nav><ol><li>首页</li>${trailOf(model, a).map((n) => `<li>${e(n)}</li>`).join("")}</ol></nav>`];
  head.push(`<h1>${e(d.title)}</h1><p><span>发布时间：${formatBeijing(at)}</span><span>来源：${e(d.source)}</span><span>${d.author ? `作者：${e(d.author)}` : `报送单位：${e(model.portal.unitById.get(d.unit)?.name ?? d.unit)}`}</span></p>`);
  const replacement = d.replacedBy && d.replacedBy !== "无" ? shown.get(d.replacedBy) : undefined;
  const replacedByText = d.replacedBy && d.replacedBy !== "无" ? d.replacedBy : undefined;
  if (d.validity === "expired" || d.validity === "repealed") {
    head.push(`<p>本文件已${VALIDITY_NAME[d.validity]}。${replacement ? `现行文件：${e(replacement.data.title)}` : replacedByText ? `替代文件：${e(replacedByText)}` : "没有替代文件。"}</p>`);
  }
  if (a.column.kind === "policy") {
    const validity = `${VALIDITY_NAME[d.validity ?? "valid"]}${replacement ? `（替代文件：${e(replacement.data.title)}）` : replacedByText ? `（替代文件：${e(replacedByText)}）` : ""}`;
    const rows = [["索引号", d.indexNumber ?? "—", "发布机构", d.issuer], ["文号", d.docNumber, "成文日期", d.writtenDate], ["发布日期", formatBeijing(at, false), "主题分类", d.topic]];
    head.push(`<table>信息公开属性<tbody><tr><th>名称</th><td>${e(d.title)}</td></tr>${rows.map((r) => `<tr>${r.map((c, i) => (i % 2 ? `<td>${e(c)}</td>` : `<th>${c}</th>`)).join("")}</tr>`).join("")}<tr><th>有效性</th><td>${validity}</td></tr></tbody></table>`);
    // In the page's order: newest first, as every list of the site.
    const interpretations = [...shown.values()]
      .filter((x) => (x.data as { interprets?: string }).interprets === a.id)
      .sort((x, y) => model.published.get(y.id)!.getTime() - model.published.get(x.id)!.getTime() || x.id.localeCompare(y.id));
    if (interpretations.length) head.push(`<p>政策解读：${interpretations.map((x) => e(x.data.title)).join("")}</p>`);
  }
  if (d.interprets) {
    const policy = shown.get(d.interprets);
    head.push(`<p>解读文件：${policy ? e(policy.data.title + validityMark(policy)) : e(d.interprets)}</p>`);
  }
  if (a.column.kind === "guide" && d.guide) {
    head.push(`<table>办事指南要素<tbody>${Object.entries(GUIDE_ELEMENTS).map(([k, label]) => `<tr><th>${label}</th><td>${e(d.guide?.[k])}</td></tr>`).join("")}</tbody></table>`);
  }
  const forms = shownAttachments(a.id, d.forms ?? [], model.fileBytes);
  if (a.column.kind === "guide" && (d.online || forms.length)) {
    head.push(`<section><h2>办理</h2><p>${d.online ? "<span>在线办理</span>" : ""}${forms.map((f) => `<span>表格下载：${e(f.title)}（${f.type}，${f.size}）</span>`).join("")}</p></section>`);
  }
  return { body: htmlText(body), around: htmlText(head.join("")) };
}

/** Text of HTML as a reader reads it: blocks on lines of their own, entities decoded, scripts and styles left out. */
export function htmlText(html: string): string {
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
