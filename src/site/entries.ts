import { getCollection, type CollectionEntry } from "astro:content";
import { formatBeijing } from "../calendar/dates.ts";
import { isListed } from "../publication/visibility.ts";

export type Entry = CollectionEntry<"articles">;

export const pubDate = (e: Entry) => formatBeijing(new Date(e.data.publishedAt));
export const pubDay = (e: Entry) => formatBeijing(new Date(e.data.publishedAt), false);

let sorted: Promise<Entry[]> | undefined;
const listIds = new WeakMap<Entry[], number>();
let nextListId = 0;
/** A cache key for an entry list by identity: a different list must never get another list's listing. */
function entryListId(entries: Entry[]): number {
  let id = listIds.get(entries);
  if (id === undefined) listIds.set(entries, (id = nextListId++));
  return id;
}
const listings = new Map<string, Entry[]>();

/**
 * Every published entry, newest first. Computed once per build: each of
 * 10,000 pages asks, and sorting per page made the build quadratic.
 */
export function allEntries(): Promise<Entry[]> {
  sorted ??= getCollection("articles").then((entries) =>
    entries.sort((a, b) => b.data.publishedAt.localeCompare(a.data.publishedAt) || a.id.localeCompare(b.id)),
  );
  return sorted;
}

/** Entries listed in a column (or below it): not withdrawn, not expired; pinned first. Memoised per entry list and column. */
export function listedUnder(entries: Entry[], columnPath: string, now = new Date()): Entry[] {
  const today = formatBeijing(now, false);
  const key = `${entryListId(entries)}:${columnPath}@${today}`;
  let hit = listings.get(key);
  if (!hit) {
    hit = entries
      .filter((e) => (e.data.column === columnPath || e.data.column.startsWith(`${columnPath}/`)) && isListed(e.data, today))
      .sort((a, b) => Number(Boolean(b.data.pinned)) - Number(Boolean(a.data.pinned)));
    listings.set(key, hit);
  }
  return hit;
}

let byId: Map<string, Entry> | undefined;

export function entryById(entries: Entry[], id: string): Entry | undefined {
  byId ??= new Map(entries.map((e) => [e.id, e]));
  return byId.get(id);
}
