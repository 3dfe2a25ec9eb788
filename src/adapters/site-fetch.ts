import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { robotsForbid, robotsRules, robotsUrl, type RobotsRules } from "./robots-rules.ts";
import type { LinkOutcome } from "../site-inspection/site-inspection.ts";

/** Every file of a built site, relative to `dist` with forward slashes. */
export function builtFiles(dist: string, prefix = ""): string[] {
  return readdirSync(join(dist, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.name.startsWith(".")) return [];
    return e.isDirectory() ? builtFiles(dist, rel) : [rel];
  });
}

export const readBuilt = (dist: string, file: string): string => readFileSync(join(dist, file), "utf8");

/** Page URLs Pagefind indexed: each fragment is a gzip of "pagefind_dcd" + JSON with `url`. */
export function searchUrls(dist: string, files: readonly string[]): Set<string> | undefined {
  const fragments = files.filter((f) => f.startsWith("pagefind/fragment/"));
  if (!fragments.length) return undefined;
  const urls = new Set<string>();
  for (const f of fragments) {
    try {
      const text = gunzipSync(readFileSync(join(dist, f))).toString("utf8");
      const json = JSON.parse(text.slice(text.indexOf("{"))) as { url?: string };
      if (json.url) urls.add(decodeURI(json.url.replace(/\.html$/, "").replace(/\/index$/, "/")));
    } catch {
      // an unreadable fragment is not a reader's problem
    }
  }
  return urls;
}

// Header values are Latin-1: fetch refuses a Chinese one.
const AGENT = "SanshenInspect/1.0 (site inspection)";

export interface FetchLimits {
  concurrency: number;
  timeoutMs: number;
  retries: number;
}

export const FETCH_LIMITS: FetchLimits = { concurrency: 4, timeoutMs: 10_000, retries: 2 };

/** Runs `work` on every item, at most `limit` at a time. */
export async function pooled<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  }));
  return out;
}

async function once(url: string, method: "HEAD" | "GET", timeoutMs: number): Promise<Response> {
  return fetch(url, { method, redirect: "follow", signal: AbortSignal.timeout(timeoutMs), headers: { "User-Agent": AGENT } });
}

/** One URL's status: HEAD, then GET when HEAD is refused; retried on network errors and 5xx. */
async function statusOf(url: string, limits: FetchLimits): Promise<number | string> {
  let last: number | string = "无法连接";
  for (let attempt = 0; attempt <= limits.retries; attempt++) {
    try {
      let res = await once(url, "HEAD", limits.timeoutMs);
      if (res.status === 405 || res.status === 403 || res.status === 501) res = await once(url, "GET", limits.timeoutMs);
      await res.body?.cancel();
      if (res.status < 500) return res.status;
      last = res.status;
    } catch (error) {
      last = (error as Error).name === "TimeoutError" ? `${limits.timeoutMs / 1000} 秒内没有响应` : "无法连接";
    }
  }
  return last;
}

/** Checks external links, honouring each host's robots.txt (read once per origin). */
export async function checkExternal(urls: readonly string[], limits: FetchLimits = FETCH_LIMITS): Promise<Map<string, LinkOutcome>> {
  const robots = new Map<string, Promise<RobotsRules | undefined>>();
  const robotsOf = (origin: string) => {
    if (!robots.has(origin)) {
      robots.set(origin, once(robotsUrl(origin), "GET", limits.timeoutMs).then(
        async (res) => robotsRules(origin, res.ok ? await res.text() : (await res.body?.cancel(), undefined)),
        () => undefined,
      ));
    }
    return robots.get(origin)!;
  };
  const outcomes = new Map<string, LinkOutcome>();
  await pooled(urls, limits.concurrency, async (url) => {
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      outcomes.set(url, { ok: false, why: "网址写法有误" });
      return;
    }
    const rules = await robotsOf(origin);
    if (robotsForbid(rules, url, AGENT)) {
      outcomes.set(url, { ok: "skipped", why: "该网站的 robots.txt 不允许抓取" });
      return;
    }
    const status = await statusOf(url, limits);
    outcomes.set(url, typeof status === "number" && status < 400 ? { ok: true } : { ok: false, why: typeof status === "number" ? `HTTP ${status}` : status });
  });
  return outcomes;
}

/** Each built page fetched from the live site, its bytes compared (sha256) with the build's. */
export async function compareLive(base: string, dist: string, files: readonly string[], paths: (file: string) => string, limits: FetchLimits = FETCH_LIMITS): Promise<{ path: string; status: number | string; same: boolean }[]> {
  const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
  return pooled(files, limits.concurrency * 2, async (file) => {
    const path = paths(file);
    const url = new URL(path.replace(/^\//, ""), base.endsWith("/") ? base : `${base}/`).href;
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(limits.timeoutMs), headers: { "User-Agent": AGENT } });
        const bytes = new Uint8Array(await res.arrayBuffer());
        if (res.status >= 500 && attempt < limits.retries) continue;
        return { path, status: res.status, same: res.status === 200 && sha(bytes) === sha(readFileSync(join(dist, file))) };
      } catch {
        if (attempt >= limits.retries) return { path, status: "无法连接", same: false };
      }
    }
  });
}
