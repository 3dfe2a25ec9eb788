import type { CrawlFetcher } from "../adapters/crawl-fetch.ts";
import type { ItemSource } from "../columns/columns-schema.ts";
import { decodeWebPage, headerCharset } from "../import/web-page.ts";
import { feedItems, looksLikeFeed, type SourceItem } from "./feed-items.ts";
import { listPageItems } from "./list-page.ts";

/** What a source lists, and the address that answered (after redirects). */
export interface SourceItems {
  items: SourceItem[];
  url: string;
}
export interface SourceProblem {
  problem: string;
  robots?: true;
}

/**
 * The entries a source lists now, or why it cannot be read (in Chinese): an
 * RSS or Atom feed, or an HTML list page, decided by `type` or by what the
 * address answers; charset-aware (GBK pages are common). A list that reads
 * as nothing is a problem too: the site changed its layout, or the address
 * now shows another page.
 */
export async function readSourceItems(source: ItemSource, fetcher: CrawlFetcher): Promise<SourceItems | SourceProblem> {
  const { url, type, selectors } = source;
  const res = await fetcher.get(url);
  if (!res.ok) return res.robots ? { problem: "该网站的 robots.txt 不允许抓取这个地址，没有抓取：请与该网站商量放行，或改用信息报送", robots: true } : { problem: `无法读取（${res.why}）` };
  const text = decodeWebPage(res.bytes, headerCharset(res.contentType));
  const feed = type === "feed" || (type === undefined && looksLikeFeed(text, res.contentType));
  const items = feed ? feedItems(text, res.url) : listPageItems(text, res.url, selectors);
  if (!items) return { problem: "这个地址不是 RSS 或 Atom 订阅：请核对地址，或把 type 改为 list" };
  if (!items.length) return { problem: feed ? "订阅中没有任何条目" : "列表页上没有找到任何条目：网站可能已改版，请核对地址，必要时在 selectors 中写明列表和链接的位置" };
  return { items, url: res.url };
}
