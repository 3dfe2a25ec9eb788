import { Feed } from "feed";
import type { Portal } from "../workflows/portal.ts";
import type { Entry } from "./entries.ts";
import { articleUrl, columnUrl } from "./urls.ts";

/**
 * RSS 2.0, Atom 1.0 and JSON Feed for the whole portal or one column, with
 * the `feed` library: a parent portal crawls these (seed 001: 网上抓取).
 */
/**
 * Text as XML 1.0 allows it, without the C0/C1 controls `check` refuses:
 * one such character would make the whole feed malformed, so the writer
 * strips them even though check should have stopped them.
 */
export function feedText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "");
}

export function buildFeed(portal: Portal, site: string, entries: Entry[], columnPath?: string): Feed {
  const column = columnPath ? portal.columnByPath.get(columnPath) : undefined;
  const base = column ? new URL(columnUrl(column.path), site).href : `${site}/`;
  const feed = new Feed({
    title: feedText(column ? `${column.name}_${portal.site.name}` : portal.site.name),
    description: feedText(column?.description ?? portal.site.description ?? portal.site.name),
    id: base,
    link: base,
    language: "zh-CN",
    copyright: feedText(`${portal.site.host_unit} 版权所有`),
    updated: entries[0] ? new Date(entries[0].data.publishedAt) : new Date(0),
    feedLinks: {
      rss: new URL("rss.xml", base).href,
      atom: new URL("atom.xml", base).href,
      json: new URL("feed.json", base).href,
    },
    author: { name: feedText(portal.site.organizer) },
  });
  for (const e of entries.slice(0, 50)) {
    const link = e.data.link ?? new URL(articleUrl(e.id), site).href;
    feed.addItem({
      title: feedText(e.data.title),
      id: new URL(articleUrl(e.id), site).href,
      link,
      date: new Date(e.data.publishedAt),
      description: feedText(e.data.summary ?? ""),
      author: [{ name: feedText(e.data.source) }],
      category: [{ name: feedText(portal.columnByPath.get(e.data.column)?.name ?? e.data.column) }],
    });
  }
  return feed;
}

export const FEED_TYPES = {
  "rss.xml": { type: "application/rss+xml; charset=utf-8", render: (f: Feed) => f.rss2() },
  "atom.xml": { type: "application/atom+xml; charset=utf-8", render: (f: Feed) => f.atom1() },
  "feed.json": { type: "application/feed+json; charset=utf-8", render: (f: Feed) => f.json1() },
} as const;
