import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Column } from "../columns/column-tree.ts";
import { fedLinkColumns, linkedItemsOf, type LinkedItem } from "../columns/linked-columns.ts";
import { readSourceItems } from "../crawl/source-items.ts";
import { writeFileAtomic } from "./atomic-write.ts";
import { crawlFetcher, CRAWL_LIMITS } from "./crawl-fetch.ts";

/**
 * The latest items of the linked sites (`feed:` on link columns), read when
 * the portal is built. A build never waits long and never fails for another
 * site: every feed is read at once under one deadline, and what was read
 * last time (kept in the build's cache folder) stands in for a feed that
 * cannot be read now, for up to a week. A feed read less than
 * `FRESH_MINUTES` ago is not read again: a clerk previewing ten times an hour
 * does not send a county's site ten requests. Offline (`--offline`, or Astro
 * started alone) only the cache is used. On GitHub the cache file is kept
 * between runs by its own cache step in deploy.yml.
 */

interface FeedRecord {
  /** When its items were last read. */
  readAt?: string | undefined;
  items: LinkedItem[];
  /** The last attempt's failure, when it failed. */
  failedAt?: string | undefined;
  why?: string | undefined;
}

const CACHE_FILE = "sanshen-linked-feeds.json";
const FRESH_MINUTES = 20;
const KEEP_DAYS = 7;
/** The whole reading's deadline; each request's own timeout is the same. */
export const LINKED_DEADLINE_MS = 10_000;

export interface LinkedFeedsRead {
  /** The items to show, by feed address (none: nothing to show). */
  latest: Map<string, LinkedItem[]>;
  /** Feeds read now, feeds taken from the cache because read lately, feeds that failed (by column name, with why). */
  read: number;
  recent: number;
  failed: { name: string; why: string; cached: boolean }[];
}

/** The cache's records that have the shape this code writes; anything else is dropped (a damaged cache costs a request, never the build). */
function readCache(folder: string): Record<string, FeedRecord> {
  const path = join(folder, CACHE_FILE);
  if (!existsSync(path)) return {};
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return {};
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const out: Record<string, FeedRecord> = {};
  for (const [feed, record] of Object.entries(value as Record<string, unknown>)) {
    const r = record as Partial<FeedRecord> | null;
    if (!r || typeof r !== "object" || !Array.isArray(r.items) || (r.readAt !== undefined && typeof r.readAt !== "string")) continue;
    const items = r.items.filter((i): i is LinkedItem => Boolean(i) && typeof i.title === "string" && typeof i.url === "string" && /^https?:\/\//.test(i.url) && (i.date === undefined || typeof i.date === "string"));
    out[feed] = { readAt: r.readAt, items, failedAt: typeof r.failedAt === "string" ? r.failedAt : undefined, why: typeof r.why === "string" ? r.why : undefined };
  }
  return out;
}

/** `at` lies less than `minutes` before `now` (a few minutes after it counts as now: two machines' clocks differ). */
const withinMinutes = (at: string | undefined, now: Date, minutes: number): boolean => {
  const age = now.getTime() - Date.parse(at ?? "");
  return Number.isFinite(age) && age > -5 * 60_000 && age < minutes * 60_000;
};

export async function readLinkedFeeds(columns: readonly Column[], cacheFolder: string, now: Date, { offline = false, deadlineMs = LINKED_DEADLINE_MS } = {}): Promise<LinkedFeedsRead> {
  const out: LinkedFeedsRead = { latest: new Map(), read: 0, recent: 0, failed: [] };
  try {
    await readInto(out, columns, cacheFolder, now, offline, deadlineMs);
  } catch {
    // Whatever went wrong, the build goes on: the links are shown without their sites' items.
  }
  return out;
}

async function readInto(out: LinkedFeedsRead, columns: readonly Column[], cacheFolder: string, now: Date, offline: boolean, deadlineMs: number): Promise<void> {
  // Each feed once, with every column that shows it (two columns may link one site's one list).
  const byFeed = new Map<string, Column[]>();
  for (const c of fedLinkColumns(columns)) byFeed.set(c.feed!.url, [...(byFeed.get(c.feed!.url) ?? []), c]);
  if (!byFeed.size) return;
  const cache = readCache(cacheFolder);
  // One deadline for the whole reading: when it passes, every request still running or waiting is ended.
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), deadlineMs);
  const fetcher = crawlFetcher({ ...CRAWL_LIMITS, delayMs: 200, maxDelayMs: 1_000, timeoutMs: deadlineMs, retries: 0, maxBytes: 5 * 1024 * 1024, signal: stop.signal });
  const next: Record<string, FeedRecord> = {};
  const failed: (LinkedFeedsRead["failed"][number] & { at: number })[] = [];
  try {
    await Promise.all(
      [...byFeed].map(async ([feed, shown], at) => {
        const name = shown.map((c) => c.name).join("、");
        const before = cache[feed];
        const kept = before && withinMinutes(before.readAt, now, KEEP_DAYS * 24 * 60) ? before : undefined;
        if (offline || (kept && withinMinutes(kept.readAt, now, FRESH_MINUTES))) {
          if (kept) {
            next[feed] = kept;
            out.recent++;
          }
          return;
        }
        const read = await readSourceItems(shown[0]!.feed!, fetcher);
        const items = linkedItemsOf("problem" in read && stop.signal.aborted ? { problem: `${deadlineMs / 1000} 秒内没有读完` } : read, shown[0]!, now);
        if ("problem" in items) {
          failed.push({ name, why: items.problem, cached: Boolean(kept?.items.length), at });
          next[feed] = { ...(kept ?? { items: [] }), failedAt: now.toISOString(), why: items.problem };
          return;
        }
        out.read++;
        next[feed] = { readAt: now.toISOString(), items };
      }),
    );
  } finally {
    clearTimeout(timer);
  }
  // In the table's order, whichever answered first.
  out.failed = failed.sort((a, b) => a.at - b.at).map(({ at: _at, ...f }) => f);
  for (const [feed, record] of Object.entries(next)) if (record.items.length) out.latest.set(feed, record.items);
  if (!offline) {
    try {
      mkdirSync(cacheFolder, { recursive: true });
      writeFileAtomic(join(cacheFolder, CACHE_FILE), JSON.stringify(next));
    } catch {
      // A cache that cannot be written costs the next build a request, nothing more.
    }
  }
}
