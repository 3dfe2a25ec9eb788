import { robotsForbid, robotsRules, robotsUrl, type RobotsRules } from "./robots-rules.ts";

/**
 * HTTP for 网上抓取: a polite client. Each site (origin) gets one request at
 * a time, `delayMs` apart (or its robots.txt's Crawl-delay, when longer);
 * its robots.txt is read first and obeyed; a slow or failing request is
 * retried a bounded number of times; an answer is read up to `maxBytes`.
 */

// Header values are Latin-1: fetch refuses a Chinese one.
export const CRAWL_AGENT = "SanshenCrawl/1.0 (government portal reprints)";

export interface CrawlLimits {
  /** Pause between two requests to one site. */
  delayMs: number;
  timeoutMs: number;
  /** Retries after a network error, a timeout or a 5xx. */
  retries: number;
  maxBytes: number;
  /** The longest pause a robots.txt Crawl-delay may ask for (a build's reading cannot wait a minute). */
  maxDelayMs?: number;
  /** Ends every request in flight and every one still waiting its turn (a deadline passed). */
  signal?: AbortSignal;
}

export const CRAWL_LIMITS: CrawlLimits = { delayMs: 2_000, timeoutMs: 20_000, retries: 1, maxBytes: 30 * 1024 * 1024, maxDelayMs: 60_000 };

export type Fetched = { ok: true; url: string; contentType: string; bytes: Uint8Array } | { ok: false; why: string; robots?: true };

interface Site {
  /** The end of the last request's turn: the next waits on it. */
  turn: Promise<void>;
  robots: Promise<RobotsRules | undefined> | undefined;
  delayMs: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function crawlFetcher(limits: CrawlLimits = CRAWL_LIMITS) {
  const sites = new Map<string, Site>();
  let requests = 0;

  const siteOf = (origin: string): Site => {
    let site = sites.get(origin);
    if (!site) sites.set(origin, (site = { turn: Promise.resolve(), robots: undefined, delayMs: limits.delayMs }));
    return site;
  };

  /** One request in the site's turn; the next may start `delayMs` after it ends. */
  const polite = <T>(site: Site, work: () => Promise<T>): Promise<T> => {
    const run = site.turn.then(work);
    site.turn = run.then(
      () => sleep(site.delayMs),
      () => sleep(site.delayMs),
    );
    return run;
  };

  const tooBig = `超过 ${Math.round(limits.maxBytes / 1024 / 1024)} MB`;
  const once = async (url: string): Promise<Fetched & { status?: number }> => {
    if (limits.signal?.aborted) return { ok: false, why: "已停止等待" };
    requests++;
    const signal = limits.signal ? AbortSignal.any([AbortSignal.timeout(limits.timeoutMs), limits.signal]) : AbortSignal.timeout(limits.timeoutMs);
    try {
      const res = await fetch(url, { redirect: "follow", signal, headers: { "User-Agent": CRAWL_AGENT, Accept: "*/*" } });
      if (!res.ok) {
        await res.body?.cancel();
        return { ok: false, why: `HTTP ${res.status}`, status: res.status };
      }
      if (Number(res.headers.get("content-length") ?? 0) > limits.maxBytes) {
        await res.body?.cancel();
        return { ok: false, why: tooBig, status: res.status };
      }
      // Read up to the limit as it arrives: an answer without a length is never held whole before it is measured.
      const chunks: Uint8Array[] = [];
      let size = 0;
      const reader = res.body?.getReader();
      for (let part = await reader?.read(); part && !part.done; part = await reader!.read()) {
        size += part.value.length;
        if (size > limits.maxBytes) {
          await reader!.cancel();
          return { ok: false, why: tooBig };
        }
        chunks.push(part.value);
      }
      return { ok: true, url: res.url || url, contentType: res.headers.get("content-type") ?? "", bytes: Buffer.concat(chunks), status: res.status };
    } catch (error) {
      if (limits.signal?.aborted) return { ok: false, why: "已停止等待" };
      const name = (error as Error).name;
      return { ok: false, why: name === "TimeoutError" || name === "AbortError" ? `${limits.timeoutMs / 1000} 秒内没有响应` : "无法连接" };
    }
  };

  const robotsOf = (origin: string): Promise<RobotsRules | undefined> => {
    const site = siteOf(origin);
    site.robots ??= polite(site, () => once(robotsUrl(origin))).then((res) => {
      const robots = robotsRules(origin, res.ok ? new TextDecoder().decode(res.bytes) : undefined);
      if (!robots) return undefined;
      const crawlDelay = robots.getCrawlDelay(CRAWL_AGENT);
      if (crawlDelay) site.delayMs = Math.max(site.delayMs, Math.min(crawlDelay * 1000, limits.maxDelayMs ?? 60_000));
      return robots;
    });
    return site.robots;
  };

  /** GET `url` when the site's robots.txt allows it. */
  const get = async (url: string): Promise<Fetched> => {
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      return { ok: false, why: "网址写法有误" };
    }
    const robots = await robotsOf(origin);
    if (robotsForbid(robots, url, CRAWL_AGENT)) return { ok: false, why: "该网站的 robots.txt 不允许抓取此网址", robots: true };
    const site = siteOf(origin);
    let last: Fetched & { status?: number } = { ok: false, why: "无法连接" };
    for (let attempt = 0; attempt <= limits.retries; attempt++) {
      last = await polite(site, () => once(url));
      if (last.ok || (last.status !== undefined && last.status < 500)) break;
    }
    const { status: _status, ...out } = last;
    return out;
  };

  return { get, requests: () => requests };
}
export type CrawlFetcher = ReturnType<typeof crawlFetcher>;
