import { parseFeed } from "htmlparser2";
import { publishDateOf } from "./publish-date.ts";

/** One entry a source lists: where its page is, and what the list says about it. */
export interface SourceItem {
  url: string;
  title?: string | undefined;
  /** Beijing `YYYY-MM-DD HH:MM`, when the list gives it. */
  date?: string | undefined;
}

/** Whether a response is an RSS or Atom feed rather than a page. */
export function looksLikeFeed(text: string, contentType = ""): boolean {
  if (/(rss|atom)\+xml/i.test(contentType)) return true;
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(rss|feed|rdf:RDF)\b/i.test(text);
}

/** A feed's entries, newest first as feeds list them, with absolute links; undefined when it is no feed. */
export function feedItems(text: string, feedUrl: string): SourceItem[] | undefined {
  const feed = parseFeed(text, { xmlMode: true });
  if (!feed) return undefined;
  const items: SourceItem[] = [];
  for (const item of feed.items) {
    if (!item.link) continue;
    let url: string;
    try {
      url = new URL(item.link.trim(), feedUrl).href;
    } catch {
      continue;
    }
    items.push({ url, title: item.title?.replace(/\s+/g, " ").trim() || undefined, date: publishDateOf(item.pubDate) });
  }
  return items;
}
