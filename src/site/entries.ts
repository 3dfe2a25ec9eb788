import { getCollection, type CollectionEntry } from "astro:content";
import { formatBeijing } from "../schemas/dates.ts";
import { isListed } from "./publication.ts";

export type Entry = CollectionEntry<"articles">;

export const pubDate = (e: Entry) => formatBeijing(new Date(e.data.publishedAt));
export const pubDay = (e: Entry) => formatBeijing(new Date(e.data.publishedAt), false);

/** Every published entry, newest first. */
export async function allEntries(): Promise<Entry[]> {
  const entries = await getCollection("articles");
  return entries.sort((a, b) => b.data.publishedAt.localeCompare(a.data.publishedAt) || a.id.localeCompare(b.id));
}

/** Entries listed in a column (or below it): not withdrawn, not expired; pinned first. */
export function listedUnder(entries: Entry[], columnPath: string, now = new Date()): Entry[] {
  const today = formatBeijing(now, false);
  return entries
    .filter((e) => (e.data.column === columnPath || e.data.column.startsWith(`${columnPath}/`)) && isListed(e.data, today))
    .sort((a, b) => Number(Boolean(b.data.pinned)) - Number(Boolean(a.data.pinned)));
}
