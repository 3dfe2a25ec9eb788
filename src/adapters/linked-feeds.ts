import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Column } from "../columns/column-tree.ts";
import { fedLinkColumns, latestItems, type LinkedItem } from "../columns/linked-columns.ts";
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
 * started alone) only the cache is used.
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

function readCache(folder: string): Record<string, FeedRecord> {
  const path = join(folder, CACHE_FILE);
  if (!existsSync(path)) return {};
  try {
    const value = JSON.parse(readFileSync(path, "utf8")) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, FeedRecord>) : {};
  } catch {
    return {};
  }
}

const withinMinutes = (at: string | undefined, now: Date, minutes: number) => Boolean(at) && now.getTime() - Date.parse(at!) < minutes * 60_000 && Date.parse(at!) <= now.getTime();

export async function readLinkedFeeds(columns: readonly Column[], cacheFolder: string, now: Date, { offline = false, deadlineMs = LINKED_DEADLINE_MS } = {}): Promise<LinkedFeedsRead> {
  const fed = fedLinkColumns(columns);
  const cache = readCache(cacheFolder);
  const out: LinkedFeedsRead = { latest: new Map(), read: 0, recent: 0, failed: [] };
  if (!fed.length) return out;
  const fetcher = crawlFetcher({ ...CRAWL_LIMITS, delayMs: 500, timeoutMs: deadlineMs, retries: 0, maxBytes: 5 * 1024 * 1024 });
  const deadline = new Promise<{ problem: string }>((resolve) => setTimeout(() => resolve({ problem: `${deadlineMs / 1000} 秒内没有读完` }), deadlineMs).unref());
  const next: Record<string, FeedRecord> = {};
  const feeds = [...new Map(fed.map((c) => [c.feed!, c])).values()];
  await Promise.all(
    feeds.map(async (column) => {
      const feed = column.feed!;
      const before = cache[feed];
      const kept = before?.readAt && withinMinutes(before.readAt, now, KEEP_DAYS * 24 * 60) ? before : undefined;
      if (offline || (kept && withinMinutes(kept.readAt, now, FRESH_MINUTES))) {
        if (kept) {
          next[feed] = kept;
          out.recent++;
        }
        return;
      }
      let got: Awaited<ReturnType<typeof readSourceItems>>;
      try {
        got = await Promise.race([readSourceItems({ url: feed }, fetcher), deadline]);
      } catch (error) {
        got = { problem: `读取出错（${(error as Error).message}）` };
      }
      if ("problem" in got) {
        out.failed.push({ name: column.name, why: got.problem, cached: Boolean(kept?.items.length) });
        next[feed] = { ...(kept ?? { items: [] }), failedAt: now.toISOString(), why: got.problem };
        return;
      }
      out.read++;
      next[feed] = { readAt: now.toISOString(), items: latestItems(got, column, now) };
    }),
  );
  // In the table's order, whichever answered first.
  const order = new Map(feeds.map((c, i) => [c.name, i]));
  out.failed.sort((a, b) => order.get(a.name)! - order.get(b.name)!);
  for (const [feed, record] of Object.entries(next)) if (record.items.length) out.latest.set(feed, record.items);
  if (!offline) {
    try {
      mkdirSync(cacheFolder, { recursive: true });
      writeFileAtomic(join(cacheFolder, CACHE_FILE), JSON.stringify(next));
    } catch {
      // A cache that cannot be written costs the next build a request, nothing more.
    }
  }
  return out;
}
