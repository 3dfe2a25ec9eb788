import { parseHTML } from "linkedom";
import { ASSET_EXTENSIONS } from "../articles/location.ts";
import type { CrawlSource } from "../columns/columns-schema.ts";
import { readWebPageText } from "../import/web-page.ts";
import { publishDateOf } from "./publish-date.ts";

/** What an article page gives: its body as HTML, the files the body names, and what the page says of itself. */
export interface ArticlePage {
  /** The body, with every picture's src and link's href made absolute. */
  html: string;
  title?: string | undefined;
  /** Beijing `YYYY-MM-DD HH:MM` from the page (a `selectors.date` element, the PubDate meta, or 发布时间：…). */
  date?: string | undefined;
  /** Pictures the body shows: absolute URLs, in order. */
  pictures: string[];
  /** Files the body links to that a portal may carry (pdf, doc, xls, ofd…): absolute URL and the link's words. */
  attachments: { url: string; text: string }[];
}

const ATTACHMENT_TYPES = new Set(ASSET_EXTENSIONS.filter((e) => ![".jpg", ".jpeg", ".png", ".webp", ".gif", ".mp4"].includes(e)));
const extensionOf = (url: URL) => /\.[a-z0-9]+$/i.exec(url.pathname)?.[0]?.toLowerCase() ?? "";

/** The page's own publish time: what `selectors.date` picks, the meta tags government sites carry, or the 发布时间 line. */
function pageDate(document: Document, text: string, selector: string | undefined): string | undefined {
  if (selector) return publishDateOf(document.querySelector(selector)?.textContent ?? undefined);
  for (const name of ["PubDate", "pubdate", "publishdate", "article:published_time"]) {
    const meta = document.querySelector(`meta[name="${name}"], meta[property="${name}"]`)?.getAttribute("content");
    const date = publishDateOf(meta ?? undefined);
    if (date) return date;
  }
  const said = /(?:发布时间|发布日期|发表时间|日期|时间)\s*[:：]\s*([^\n<]{8,25})/.exec(text);
  return publishDateOf(said?.[1]);
}

/**
 * An article page (already decoded) → its parts. The body is what
 * `selectors.body` picks, else Readability's reader view of the page.
 */
export function articlePage(text: string, pageUrl: string, selectors: CrawlSource["selectors"] = {}): ArticlePage {
  const { document } = parseHTML(text);
  let html: string;
  let title: string | undefined;
  if (selectors.body) {
    html = document.querySelector(selectors.body)?.innerHTML ?? "";
    title = document.querySelector("h1")?.textContent?.replace(/\s+/g, " ").trim() || undefined;
  } else {
    const read = readWebPageText(text);
    html = read.html;
    title = read.titleHint;
  }
  const date = pageDate(document as unknown as Document, document.body?.textContent ?? text, selectors.date);

  // The body again, to make its addresses absolute and list what it names.
  const { document: body } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const pictures: string[] = [];
  for (const img of body.querySelectorAll("img")) {
    const src = img.getAttribute("src") ?? "";
    try {
      const url = new URL(src, pageUrl);
      if (!/^https?:$/.test(url.protocol)) throw new Error("not on the web");
      img.setAttribute("src", url.href);
      if (!pictures.includes(url.href)) pictures.push(url.href);
    } catch {
      img.remove();
    }
  }
  const attachments: ArticlePage["attachments"] = [];
  for (const a of body.querySelectorAll("a[href]")) {
    let url: URL;
    try {
      url = new URL(a.getAttribute("href")!, pageUrl);
    } catch {
      continue;
    }
    if (!/^https?:$/.test(url.protocol)) continue;
    a.setAttribute("href", url.href);
    if (ATTACHMENT_TYPES.has(extensionOf(url) as (typeof ASSET_EXTENSIONS)[number]) && !attachments.some((x) => x.url === url.href)) {
      attachments.push({ url: url.href, text: a.textContent?.replace(/\s+/g, " ").trim() ?? "" });
    }
  }
  return { html: body.body.innerHTML, title, date, pictures, attachments };
}
