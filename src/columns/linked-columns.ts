import { domainToUnicode } from "node:url";
import { formatBeijing } from "../calendar/dates.ts";
import type { SourceItem } from "../crawl/feed-items.ts";
import type { SourceItems, SourceProblem } from "../crawl/source-items.ts";
import type { Column } from "./column-tree.ts";

/**
 * Linked columns (seed 001 二（三）网站链接: 主页链接 and 栏目链接, "将各县政府、
 * 州政府各部门网站中的重要栏目及其内容与州政府门户网站的相应栏目直接链接";
 * seed 004 县区及开发区公开 "转向链接到各单位公开类栏目"): a link column
 * points at a unit's own site, and with `feed:` shows that site's latest
 * items, so a citizen sees the linked column is alive, and `inspect --linked`
 * says when it is down or silent. Pure: what a feed or list page listed in,
 * what the portal shows and what inspection finds out.
 */

/** One of a linked site's latest items, as its column page shows it. */
export interface LinkedItem {
  title: string;
  url: string;
  /** Beijing `YYYY-MM-DD` or `YYYY-MM-DD HH:MM`, when the site gives it. */
  date?: string | undefined;
}

/** A linked site on a column page: its name, its address as a reader reads it, its latest items when read. */
export interface LinkedSite {
  name: string;
  url: string;
  /** The address without `https://` and the final slash: `gonghe.example.gov.cn/xxgk`. */
  address: string;
  latest?: LinkedItem[] | undefined;
}

/** Items shown under each linked site. */
export const LINKED_ITEMS_SHOWN = 5;
/** A title longer than this is cut (a feed's title is the site's, not ours: it must not swallow the page). */
const TITLE_MAX = 60;
/**
 * Days without a new item after which a linked site counts as silent, unless
 * the link column says `stale_after`: two weeks, the national inspection
 * indicators' limit for news columns (动态、要闻类栏目超过2周未更新).
 */
export const LINKED_SILENT_DAYS = 14;

/** The link columns whose site's latest items are read. */
export const fedLinkColumns = (columns: readonly Column[]): Column[] => columns.filter((c) => c.kind === "link" && c.url && c.feed);

/** `https://gonghe.example.gov.cn/xxgk/` → `gonghe.example.gov.cn/xxgk`; a Chinese domain or path as it is written, not encoded. */
export function siteAddress(url: string): string {
  try {
    const u = new URL(url);
    const path = `${u.pathname.replace(/\/+$/, "")}${u.search}`;
    let shown = path;
    try {
      shown = decodeURI(path);
    } catch {
      // A path that is not valid UTF-8 once decoded stays encoded.
    }
    return `${domainToUnicode(u.hostname) || u.hostname}${u.port ? `:${u.port}` : ""}${shown}`;
  } catch {
    return url;
  }
}

/** A host without a leading `www.`: www.gonghe.gov.cn and gonghe.gov.cn are one site. */
const siteHost = (url: string): string | undefined => {
  try {
    const u = new URL(url);
    return /^https?:$/.test(u.protocol) ? u.host.replace(/^www\./, "") : undefined;
  } catch {
    return undefined;
  }
};

/** On one of the sites: the same host, or a host under it (xxgk.gonghe.gov.cn is gonghe.gov.cn's). */
const onSites = (host: string, sites: ReadonlySet<string>) => [...sites].some((site) => host === site || host.endsWith(`.${site}`));

/**
 * The items the portal shows under a linked site: newest first, each on the
 * site itself (`sites`: the link column's address, its feed's and the
 * address that answered; an item pointing anywhere else, or at anything but
 * an http(s) page, is left out, since a feed is the other site's text and
 * the portal vouches for its links), each page once, titles on one line and
 * cut to length, a date later than `now` dropped (a site's mistake, not news
 * from tomorrow).
 */
export function latestItems(items: readonly SourceItem[], sites: readonly (string | undefined)[], now: Date, shown = LINKED_ITEMS_SHOWN): LinkedItem[] {
  const hosts = new Set(sites.map((u) => (u ? siteHost(u) : undefined)).filter((h): h is string => Boolean(h)));
  const today = formatBeijing(now);
  const seen = new Set<string>();
  const out: LinkedItem[] = [];
  for (const item of items) {
    const title = item.title?.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "").replace(/\s+/g, " ").trim();
    const host = siteHost(item.url);
    const page = item.url.replace(/#.*$/, "");
    if (!title || !host || !onSites(host, hosts) || seen.has(page)) continue;
    seen.add(page);
    const date = item.date && item.date <= today ? item.date : undefined;
    out.push({ title: [...title].length > TITLE_MAX ? `${[...title].slice(0, TITLE_MAX - 1).join("")}…` : title, url: item.url, ...(date ? { date } : {}) });
  }
  // Dated items newest first; the undated keep the site's order after them (a list page's order is its own).
  const order = new Map(out.map((item, i) => [item, i]));
  out.sort((a, b) => (a.date && b.date ? b.date.localeCompare(a.date) : a.date ? -1 : b.date ? 1 : 0) || order.get(a)! - order.get(b)!);
  return out.slice(0, shown);
}

/**
 * A linked column's items from what its feed answered, or why there are
 * none: a feed whose every item lies on another site (moved, or not this
 * site's feed) is a problem, not a silent site.
 */
export function linkedItemsOf(read: SourceItems | SourceProblem, column: Pick<Column, "url" | "feed">, now: Date, shown = LINKED_ITEMS_SHOWN): LinkedItem[] | SourceProblem {
  if ("problem" in read) return read;
  const items = latestItems(read.items, [column.url, column.feed?.url, read.url], now, shown);
  if (items.length) return items;
  const elsewhere = read.items.map((i) => siteHost(i.url)).find(Boolean);
  return { problem: elsewhere ? `列出的信息都不在该网站上（如 ${elsewhere}）：请核对 feed 地址` : "列出的信息都没有标题" };
}

/** A problem's reason without its advice: 「无法读取（HTTP 404）」, 「列表页上没有找到任何条目」. */
export const problemReason = (problem: string): string => problem.replace(/：.*$/, "");

/** How a linked site stands: its newest dated item, and whether it has been silent longer than its column allows. */
export interface LinkedState {
  newest: LinkedItem | undefined;
  silentDays: number;
  /** Days since the newest item (whole Beijing days), when an item is dated. */
  age: number | undefined;
  silent: boolean;
}

const DAY = 24 * 60 * 60 * 1000;

export function linkedState(items: readonly LinkedItem[], column: Pick<Column, "staleAfterDays">, now: Date): LinkedState {
  const silentDays = column.staleAfterDays ?? LINKED_SILENT_DAYS;
  const newest = items.filter((i) => i.date).sort((a, b) => b.date!.localeCompare(a.date!))[0];
  if (!newest) return { newest: undefined, silentDays, age: undefined, silent: false };
  const age = Math.floor((Date.parse(`${formatBeijing(now, false)}T00:00:00+08:00`) - Date.parse(`${newest.date!.slice(0, 10)}T00:00:00+08:00`)) / DAY);
  return { newest, silentDays, age, silent: age >= silentDays };
}

