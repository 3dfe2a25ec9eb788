import { createHash } from "node:crypto";
import { shownAttachments, validityMark, type ShownAttachment } from "./article-parts.ts";
import type { Entry } from "./entries.ts";
import type { Portal } from "../workflows/portal.ts";

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
}

export interface ColumnPageProps {
  kind: "column";
  columnPath: string;
  /** 1-based; 20 items a page (`PAGE_SIZE`). */
  page: number;
  pages: number;
  items: ListItem[];
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
}

/** Items a column page lists. */
export const PAGE_SIZE = 20;

export const articleLink = (e: Entry): ArticleLink => ({ id: e.id, title: e.data.title, mark: validityMark(e) });
export const listItem = (e: Entry): ListItem => ({ ...articleLink(e), link: e.data.link, pinned: Boolean(e.data.pinned), publishedAt: e.data.publishedAt });

/**
 * Every column page and article page. `entries`: the articles with a page,
 * newest first; `listed(path)`: a column's list (pinned first, without
 * withdrawn or expired items); `global`: what every page depends on besides
 * its props (the code and the workflows), folded into each key.
 */
export function planPages(portal: Portal, entries: readonly Entry[], listed: (columnPath: string) => readonly Entry[], fileBytes: ReadonlyMap<string, number>, global: string): PageRoute[] {
  const routes: PageRoute[] = [];
  const add = (path: string, props: PageRoute["props"]) => routes.push({ path, props, key: pageKey(global, props) });
  for (const column of portal.columns) {
    if (column.kind === "link") continue;
    const list = listed(column.path);
    const pages = Math.max(1, Math.ceil(list.length / PAGE_SIZE));
    for (let page = 1; page <= pages; page++) {
      const items = list.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(listItem);
      add(page === 1 ? column.path : `${column.path}/page/${page}`, { kind: "column", columnPath: column.path, page, pages, items });
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
    });
  }
  return routes;
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
