import { createHash } from "node:crypto";
import { shownAttachments, validityMark, type ShownAttachment } from "./article-parts.ts";
import { VALIDITY_NAME } from "../articles/article-schema.ts";
import type { Entry } from "./entries.ts";
import type { Portal } from "../workflows/portal.ts";
import { siteAddress, type LinkedItem, type LinkedSite } from "../columns/linked-columns.ts";

/**
 * The column and article pages of a build (`[...path].astro`), each with
 * everything its template shows besides the portal's own settings: the
 * props it is rendered from. A page is a function of its props and the
 * build's code and workflows, so a hash of the two (`key`) says whether the
 * page an earlier build wrote is still right: a rebuild renders only the
 * pages whose key changed and keeps the others (`jobs/build.ts`).
 */
export interface PageRoute {
  /** The page's path without slashes at either end: `news/politics`, `news/politics/page/2`, `news/politics/2026/x`. */
  path: string;
  props: ColumnPageProps | ArticlePageProps;
  key: string;
}

/** A link to another article as a page shows it: its title and, for a document no longer in force, the mark after it. */
export interface ArticleLink {
  id: string;
  title: string;
  /** （已废止）, （已失效） or nothing. */
  mark: string;
}

/** One line of a list: the article's title and day, pinned first, an outside link for a link item. */
export interface ListItem extends ArticleLink {
  link?: string | undefined;
  pinned: boolean;
  publishedAt: string;
  /** In a column with sub-columns: the sub-column it is in, named before the title. */
  label?: string | undefined;
  /** A policy document's 文号, 有效性 and 主题分类 (a policy column lists them). */
  doc?: { number: string | undefined; validity: string; topic: string | undefined } | undefined;
}

export interface ColumnPageProps {
  kind: "column";
  columnPath: string;
  /** 1-based; 20 items a page (`PAGE_SIZE`). */
  page: number;
  pages: number;
  items: ListItem[];
  /** A policy column's list by 主题分类 or year (its own pages: no script needed to filter). */
  filter?: { by: "topic" | "year"; value: string } | undefined;
  /** The filters a policy column offers, each with its page and count. */
  filters?: { topics: FilterChoice[]; years: FilterChoice[] } | undefined;
  /** A column whose sub-columns are all links to other sites: those (with their latest items, when read), and no list. */
  links?: LinkedSite[] | undefined;
}

export interface FilterChoice {
  value: string;
  href: string;
  count: number;
}

export interface ArticlePageProps {
  kind: "article";
  columnPath: string;
  entry: Entry;
  /** The previous and next article of its column's list (newer, older). */
  newer?: ArticleLink | undefined;
  older?: ArticleLink | undefined;
  /** The document that replaced it (a policy no longer in force). */
  replacement?: ArticleLink | undefined;
  /** A policy's interpretations (政策解读), newest first. */
  interpretations: ArticleLink[];
  /** The policy an interpretation interprets, when it has a page. */
  interpreted?: ArticleLink | undefined;
  attachments: ShownAttachment[];
  /** A 办事指南's forms to download (表格下载), shown like attachments. */
  forms: ShownAttachment[];
  /** Its 有效期 (expires) has passed: the page says so, and no list, feed, site map or search shows it. */
  expired: boolean;
}

/** Items a column page lists. */
export const PAGE_SIZE = 20;

export const articleLink = (e: Entry): ArticleLink => ({ id: e.id, title: e.data.title, mark: validityMark(e) });
export const listItem = (e: Entry): ListItem => ({ ...articleLink(e), link: e.data.link, pinned: Boolean(e.data.pinned), publishedAt: e.data.publishedAt });

const docOf = (e: Entry): ListItem["doc"] => ({ number: e.data.docNumber, validity: VALIDITY_NAME[(e.data.validity ?? "valid") as keyof typeof VALIDITY_NAME], topic: e.data.topic });

/** A path segment for a filter's value (主题分类 are Chinese words; a few characters cannot stand in a path). */
export const filterSegment = (value: string) => value.replace(/[\/\\?#%\s]+/g, "-");

/**
 * Every column page and article page. `entries`: the articles with a page,
 * newest first; `listed(path)`: a column's list (pinned first, without
 * withdrawn or expired items); `global`: what every page depends on besides
 * its props (the code and the workflows), folded into each key; `linked`:
 * the linked sites' latest items by feed address (`readLinkedFeeds`).
 */
export function planPages(portal: Portal, entries: readonly Entry[], listed: (columnPath: string) => readonly Entry[], fileBytes: ReadonlyMap<string, number>, global: string, today: string, linked: ReadonlyMap<string, LinkedItem[]> = new Map()): PageRoute[] {
  const routes: PageRoute[] = [];
  const add = (path: string, props: PageRoute["props"]) => routes.push({ path, props, key: pageKey(global, props) });
  const nameOf = (path: string) => portal.columnByPath.get(path)?.name;
  for (const column of portal.columns) {
    if (column.kind === "link") continue;
    const list = listed(column.path);
    const subtree = portal.columns.filter((c) => c.path.startsWith(`${column.path}/`));
    // A column whose sub-columns are all links (履职系统, 网站链接) lists those sites, not articles.
    if (subtree.length && subtree.every((c) => c.kind === "link" || c.children.length) && !list.length) {
      add(column.path, { kind: "column", columnPath: column.path, page: 1, pages: 1, items: [], links: subtree.filter((c) => c.kind === "link" && c.url).map((c) => ({ name: c.name, url: c.url!, address: siteAddress(c.url!), ...(c.feed && linked.get(c.feed.url)?.length ? { latest: linked.get(c.feed.url) } : {}) })) });
      continue;
    }
    const policy = column.kind === "policy";
    const item = (e: Entry): ListItem => ({ ...listItem(e), ...(column.children.length ? { label: nameOf(e.data.column) } : {}), ...(policy ? { doc: docOf(e) } : {}) });
    const filters = policy ? policyFilters(column.path, list) : undefined;
    const paginate = (base: string, items: readonly Entry[], filter?: ColumnPageProps["filter"]) => {
      const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
      for (let page = 1; page <= pages; page++) {
        add(page === 1 ? base : `${base}/page/${page}`, { kind: "column", columnPath: column.path, page, pages, items: items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(item), ...(filters ? { filters } : {}), ...(filter ? { filter } : {}) });
      }
    };
    paginate(column.path, list);
    if (filters) {
      for (const t of filters.topics) paginate(`${column.path}/topic/${filterSegment(t.value)}`, list.filter((e) => e.data.topic === t.value), { by: "topic", value: t.value });
      for (const y of filters.years) paginate(`${column.path}/year/${y.value}`, list.filter((e) => e.data.publishedAt.slice(0, 4) === y.value), { by: "year", value: y.value });
    }
  }
  const byId = new Map(entries.map((e) => [e.id, e]));
  const interpretationsOf = new Map<string, ArticleLink[]>();
  for (const e of entries) if (e.data.interprets) interpretationsOf.set(e.data.interprets, [...(interpretationsOf.get(e.data.interprets) ?? []), articleLink(e)]);
  // Each column's list once, with each item's place in it (previous/next links).
  const places = new Map<string, { list: readonly Entry[]; at: Map<string, number> }>();
  for (const entry of entries) {
    const d = entry.data;
    let place = places.get(d.column);
    if (!place) {
      const list = listed(d.column);
      places.set(d.column, (place = { list, at: new Map(list.map((e, i) => [e.id, i])) }));
    }
    const i = place.at.get(entry.id);
    const replacement = d.replacedBy && d.replacedBy !== "无" ? byId.get(d.replacedBy) : undefined;
    const interpreted = d.interprets ? byId.get(d.interprets) : undefined;
    const column = portal.columnByPath.get(d.column)!;
    add(entry.id, {
      kind: "article",
      columnPath: d.column,
      entry,
      newer: i !== undefined && i > 0 ? articleLink(place.list[i - 1]!) : undefined,
      older: i !== undefined && i + 1 < place.list.length ? articleLink(place.list[i + 1]!) : undefined,
      replacement: replacement && articleLink(replacement),
      interpretations: column.kind === "policy" ? (interpretationsOf.get(entry.id) ?? []) : [],
      interpreted: interpreted && articleLink(interpreted),
      attachments: shownAttachments(entry.id, d.attachments ?? [], fileBytes),
      forms: shownAttachments(entry.id, d.forms ?? [], fileBytes),
      expired: Boolean(d.expires && d.expires < today),
    });
  }
  return routes;
}

/** A policy column's 主题分类 and years, each with its page and how many documents it lists; newest year first, topics by count. */
function policyFilters(columnPath: string, list: readonly Entry[]): NonNullable<ColumnPageProps["filters"]> {
  const count = (values: (string | undefined)[]) => {
    const n = new Map<string, number>();
    for (const v of values) if (v) n.set(v, (n.get(v) ?? 0) + 1);
    return n;
  };
  const topics = [...count(list.map((e) => e.data.topic))].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "zh-CN"));
  const years = [...count(list.map((e) => e.data.publishedAt.slice(0, 4)))].sort((a, b) => b[0].localeCompare(a[0]));
  return {
    topics: topics.map(([value, n]) => ({ value, count: n, href: `/${columnPath}/topic/${encodeURIComponent(filterSegment(value))}/` })),
    years: years.map(([value, n]) => ({ value, count: n, href: `/${columnPath}/year/${value}/` })),
  };
}

/** A page's key: its props and what every page depends on. */
function pageKey(global: string, props: PageRoute["props"]): string {
  return createHash("sha1").update(global).update("\0").update(JSON.stringify(props)).digest("base64url");
}

/**
 * The routes a build renders: every one whose key differs from the page the
 * earlier build wrote at its path (`before`), or whose file is gone; none
 * kept when there is no earlier build (undefined: render all).
 */
export function pagesToRender(routes: readonly PageRoute[], before: ReadonlyMap<string, string> | undefined, written: (path: string) => boolean): Set<string> | undefined {
  if (!before) return undefined;
  const out = new Set(routes.filter((r) => before.get(r.path) !== r.key || !written(r.path)).map((r) => r.path));
  return out.size === routes.length ? undefined : out;
}
