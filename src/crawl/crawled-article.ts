import { parseHTML } from "linkedom";
import type { Picture } from "../import/document-source.ts";
import { importedArticle, type ImportedArticle } from "../import/imported-article.ts";
import type { ArticlePage } from "./article-page.ts";
import type { SourceEntry } from "./crawl-sources.ts";
import type { SourceItem } from "./feed-items.ts";
import { keptPublishDate } from "./publish-date.ts";
import { formatBeijing } from "../calendar/dates.ts";

export interface CrawlRequest {
  entry: SourceEntry;
  item: SourceItem;
  page: ArticlePage;
  /** The pictures fetched, by their absolute URL (the src in `page.html`); one not fetched is left out with a note. */
  pictures: ReadonlyMap<string, Picture>;
  /** The attachments fetched, with the extension their bytes showed. */
  attachments: readonly { url: string; text: string; extension: string }[];
  takenSlugs: ReadonlySet<string>;
  /** File names already in the year folder (lower case). */
  takenNames: ReadonlySet<string>;
  now: Date;
}

export interface CrawledArticle extends ImportedArticle {
  /** `content/<column path>/<yyyy>`: the year of its original publish time, else of now. */
  folder: string;
  date: string | undefined;
  /** The attachments with the names they get beside the article, in the order of `request.attachments`. */
  attachmentNames: string[];
}

const stemOf = (url: string) => decodeURIComponent(new URL(url).pathname.replace(/^.*\//, "").replace(/\.[^.]+$/, "")) || "attachment";

/** The body with the links to attachments it carries made plain words: the article lists them under 附件, beside it. */
function withoutLinksTo(html: string, urls: readonly string[]): string {
  if (!urls.length) return html;
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  for (const a of document.querySelectorAll("a[href]")) if (urls.includes(a.getAttribute("href")!)) a.replaceWith(...a.childNodes);
  return document.body.innerHTML;
}

/** The original publish time kept (the list's, else the page's; never one after `now`) and the year folder it puts the article in. */
export function crawlPlace(entry: SourceEntry, item: SourceItem, page: ArticlePage, now: Date): { date: string | undefined; folder: string } {
  const listed = keptPublishDate(item.date, now);
  const onPage = keptPublishDate(page.date, now);
  // A list gives the day; the page often the minute too: the page's time on the same day is the more exact.
  const date = listed && onPage?.slice(0, 10) === listed.slice(0, 10) ? onPage : (listed ?? onPage);
  return { date, folder: `content/${entry.column.path}/${(date ?? formatBeijing(now, false)).slice(0, 4)}` };
}

/**
 * A crawled page → a reprint (转载) in the source's column, under the
 * source's unit, with 来源 the source's name, `sourceUrl` the page, and the
 * original publish time kept (`date`, with `dateReason` naming the site).
 * The import room turns the body into Markdown and names the files.
 */
export function crawledArticle(request: CrawlRequest): CrawledArticle {
  const { entry, item, page, now } = request;
  const { date, folder } = crawlPlace(entry, item, page, now);
  const title = (item.title ?? page.title)?.trim();
  const article = importedArticle({
    source: { html: withoutLinksTo(page.html, request.attachments.map((a) => a.url)), pictures: new Map(request.pictures), titleFromFirstLine: false, ...(page.title ? { titleHint: page.title } : {}) },
    fileName: `${stemOf(item.url)}.html`,
    column: entry.column,
    unit: entry.unit,
    title,
    category: "reprint",
    sourceName: entry.name,
    origin: { sourceUrl: item.url, date, dateReason: `抓取自${entry.name}，保留原发布时间` },
    attachments: request.attachments.map((a) => ({ original: `${a.text.replace(/\.[a-z0-9]+$/i, "") || stemOf(a.url)}${a.extension}`, extension: a.extension })),
    takenSlugs: request.takenSlugs,
    takenNames: request.takenNames,
  });
  return { ...article, folder, date, attachmentNames: article.attachments.map((a) => a.name) };
}
