import type { Article } from "../articles/article.ts";
import type { ArticleData } from "../articles/article-schema.ts";
import { formatBeijing } from "../calendar/dates.ts";
import { isListed, isPublished } from "../publication/visibility.ts";
import { siteBuild, type SiteBuild, type SiteModel } from "./site-model.ts";

/** An article as the pages show it: its data with its column and publish time, and its body as HTML. */
export interface Entry {
  id: string;
  data: ArticleData & { column: string; publishedAt: string };
  html: string;
}

export const pubDate = (e: Entry) => formatBeijing(new Date(e.data.publishedAt));

/**
 * The articles that have a page at `now`: published (a scheduled item once
 * its time has come), a withdrawn one only as its notice unless the site
 * removes withdrawn items. The pages, the bodies rendered and the search
 * index all start from this list.
 */
export function pagedArticles(model: SiteModel, now: Date): Article[] {
  return model.articles.filter((a) => isPublished(a, model.published.get(a.id)!, now, model.portal.site.withdrawn));
}

/** The build's articles in the orders its pages list them. */
export interface Listings {
  /** Every article with a page, newest first. */
  sorted: Entry[];
  /** A column's list (or its subtree's): not withdrawn, not expired at the build's moment; pinned first. */
  listedUnder(columnPath: string): Entry[];
}
const memo = new WeakMap<object, Listings>();

/**
 * The listings of a build, made once (by its bodies, which belong to one
 * build: the build job plans the pages with them, then every page asks
 * again); sorting per page made the build quadratic.
 */
export function listingsOf(build: Pick<SiteBuild, "model" | "bodies" | "now">): Listings {
  let hit = memo.get(build.bodies);
  if (!hit) {
    const { model, bodies, now } = build;
    const today = formatBeijing(now, false);
    const sorted = pagedArticles(model, now)
      .map((a): Entry => ({ id: a.id, data: { ...a.data, column: a.column.path, publishedAt: model.published.get(a.id)!.toISOString() }, html: bodies.get(a.id) ?? "" }))
      .sort((a, b) => b.data.publishedAt.localeCompare(a.data.publishedAt) || a.id.localeCompare(b.id));
    const listed = new Map<string, Entry[]>();
    hit = {
      sorted,
      listedUnder(columnPath) {
        let list = listed.get(columnPath);
        if (!list) {
          list = sorted
            .filter((e) => (e.data.column === columnPath || e.data.column.startsWith(`${columnPath}/`)) && isListed(e.data, today))
            .sort((a, b) => Number(Boolean(b.data.pinned)) - Number(Boolean(a.data.pinned)));
          listed.set(columnPath, list);
        }
        return list;
      },
    };
    memo.set(build.bodies, hit);
  }
  return hit;
}

/** Every article with a page, newest first. */
export function allEntries(): Entry[] {
  return listingsOf(siteBuild()).sorted;
}

/** Entries listed in a column (or below it) at the build's moment: not withdrawn, not expired; pinned first. */
export function listedUnder(columnPath: string): Entry[] {
  return listingsOf(siteBuild()).listedUnder(columnPath);
}
