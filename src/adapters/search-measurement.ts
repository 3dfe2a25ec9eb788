import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { DomUtils, parseDocument } from "htmlparser2";
import { launchChromium } from "./chromium.ts";
import { serve } from "./static-site.ts";
import type { BenchQuery } from "../bench/search-queries.ts";

/**
 * Search measured as a reader meets it: the built site served locally and
 * searched in headless Chromium, each query's results compared with the
 * pages that really contain the phrase (read from the built pages: the
 * breadcrumb and the article, without the previous/next links).
 */
export interface QueryFigures {
  query: string;
  kind: BenchQuery["kind"];
  /** Pages containing the phrase; pages returned as containing it; of those, right. */
  truth: number;
  returned: number;
  right: number;
  recall: number;
  precision: number;
  /** Pages returned as partial matches (after every exact one). */
  partial: number;
  /** For a document number or an exact title: whether that page came first. */
  firstRight?: boolean;
  /** kB this query's first search downloads (see `firstSearchKb`). */
  firstSearchKb?: number | undefined;
}

export interface SearchFigures {
  queries: QueryFigures[];
  /** kB a first search downloads, gzip-compressed as a static host serves them (the page, its script, Pagefind, its index chunks, the fragments shown), by query: a rare phrase, a 文号, a phrase on almost every page. */
  firstSearchKb: Record<string, number>;
  /** The same for every query: median, largest, smallest, and how many within the issue's 300 kB. */
  firstSearch: { medianKb: number; maxKb: number; minKb: number; within300Kb: string };
  indexMb: number;
  summary: { queries: number; recallAll1: boolean; meanPrecision: number; firstRight: string; nowhereEmpty: boolean };
}

const key = (s: string) => s.normalize("NFKC").replace(/[^\p{L}\p{N}]/gu, "").toLowerCase();

/** Each searchable page's text, by URL path. */
function pageTexts(dist: string, urls: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const url of urls) {
    const doc = parseDocument(readFileSync(join(dist, url, "index.html"), "utf8"));
    const find = (test: (e: { name: string; attribs: Record<string, string> }) => boolean) => DomUtils.findOne(test, doc.children, true);
    const article = find((e) => e.name === "article");
    const crumbs = find((e) => e.name === "nav" && (e.attribs.class ?? "").includes("breadcrumb"));
    const prevnext = find((e) => e.name === "nav" && (e.attribs.class ?? "").includes("prevnext"));
    if (prevnext) DomUtils.removeElement(prevnext);
    out.set(url, key((crumbs ? DomUtils.textContent(crumbs) : "") + (article ? DomUtils.textContent(article) : "")));
  }
  return out;
}

/**
 * `how`: "sanshen" asks the search page's own ranking (`window.sanshenSearch`);
 * "pagefind" asks Pagefind's default search on any page of the site (the
 * naive configuration: every result counts as returned).
 */
export async function measureSearch(dist: string, queries: readonly BenchQuery[], how: "sanshen" | "pagefind", truthFrom = dist): Promise<SearchFigures> {
  const served = await serve(dist);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${served.url}${how === "sanshen" ? "/search/" : "/"}`);
    if (how === "sanshen") await page.waitForFunction("!!window.sanshenPagefind");
    // A string, not a function: the bench may run under a transform that rewrites import().
    const ask = (query: string) =>
      page.evaluate(`(async () => {
        const urls = async (rs) => Promise.all(rs.map(async (r) => (await r.data()).url));
        ${how === "sanshen"
          ? `const r = await window.sanshenSearch(${JSON.stringify(query)}); return { exact: await urls(r.exact), partial: await urls(r.partial) };`
          : `const pf = await import("/pagefind/pagefind.js"); const r = await pf.search(${JSON.stringify(query)}); return { exact: await urls(r.results), partial: [] };`}
      })()`) as Promise<{ exact: string[]; partial: string[] }>;
    // Every page the index holds: the search page's merged index (all its parts), or the naive site's one index.
    const all = (await page.evaluate(`(async () => {
      const pf = ${how === "sanshen" ? "window.sanshenPagefind" : `await import("/pagefind/pagefind.js")`};
      const r = await pf.search(null, {});
      return Promise.all(r.results.map(async (x) => (await x.data()).url));
    })()`)) as string[];
    const texts = pageTexts(truthFrom, all.filter((u) => existsSync(join(truthFrom, u, "index.html"))));
    const figures: QueryFigures[] = [];
    for (const q of queries) {
      const found = await ask(q.query);
      const truth = new Set([...texts].filter(([, t]) => t.includes(key(q.query))).map(([u]) => u));
      const right = found.exact.filter((u) => truth.has(u)).length;
      figures.push({
        query: q.query,
        kind: q.kind,
        truth: truth.size,
        returned: found.exact.length,
        right,
        recall: truth.size ? +(right / truth.size).toFixed(3) : 1,
        precision: found.exact.length ? +(right / found.exact.length).toFixed(3) : truth.size ? 0 : 1,
        partial: found.partial.length,
        ...(q.first ? { firstRight: found.exact[0] === q.first } : {}),
      });
    }
    // Every query's first search, each in a fresh page (nothing cached); three named in `firstSearchKb` as before.
    const bytesOf = new Map<string, number>();
    for (const q of queries) bytesOf.set(q.query, how === "sanshen" ? await firstSearchBytes(browser, served.url, dist, q.query) : await firstSearchBytesNaive(browser, served.url, dist, q.query));
    const firstSearchKb: Record<string, number> = {};
    for (const q of [queries.find((x) => x.kind === "planted" && x.query === "河湖长制"), queries.find((x) => x.kind === "docNumber"), queries.find((x) => x.kind === "common")]) {
      if (q) firstSearchKb[q.query] = bytesOf.get(q.query)!;
    }
    const sorted = [...bytesOf.values()].sort((a, b) => a - b);
    for (const f of figures) f.firstSearchKb = bytesOf.get(f.query);
    const firsts = figures.filter((f) => f.firstRight !== undefined);
    return {
      queries: figures,
      firstSearchKb,
      firstSearch: { medianKb: sorted[Math.floor(sorted.length / 2)] ?? 0, maxKb: sorted.at(-1) ?? 0, minKb: sorted[0] ?? 0, within300Kb: `${sorted.filter((kb) => kb <= 300).length}/${sorted.length}` },
      indexMb: +(dirBytes(join(dist, "pagefind")) / 1e6).toFixed(1),
      summary: {
        queries: figures.length,
        recallAll1: figures.every((f) => f.recall === 1),
        meanPrecision: +(figures.reduce((n, f) => n + f.precision, 0) / figures.length).toFixed(3),
        firstRight: `${firsts.filter((f) => f.firstRight).length}/${firsts.length}`,
        nowhereEmpty: figures.filter((f) => f.kind === "nowhere").every((f) => f.returned === 0),
      },
    };
  } finally {
    await browser.close();
    served.server.close();
  }
}

/** What a reader's first search on the search page downloads, gzip-compressed, in kB. */
async function firstSearchBytes(browser: import("playwright-core").Browser, base: string, dist: string, query: string): Promise<number> {
  const page = await browser.newPage();
  const files: string[] = [];
  page.on("request", (r) => files.push(new URL(r.url()).pathname));
  await page.goto(`${base}/search/?q=${encodeURIComponent(query)}`);
  await page.waitForFunction(() => /找到|没有找到/.test(document.getElementById("status")?.textContent ?? ""));
  await page.close();
  return gzipKb(dist, files);
}

async function firstSearchBytesNaive(browser: import("playwright-core").Browser, base: string, dist: string, query: string): Promise<number> {
  const page = await browser.newPage();
  const files: string[] = [];
  page.on("request", (r) => files.push(new URL(r.url()).pathname));
  await page.goto(`${base}/`);
  await page.evaluate(`(async () => { const pf = await import("/pagefind/pagefind.js"); const r = await pf.search(${JSON.stringify(query)}); await Promise.all(r.results.slice(0, 10).map((x) => x.data())); })()`);
  await page.close();
  return gzipKb(dist, files);
}

/** The files' bytes as a host compressing with gzip serves them (Pagefind's own files are compressed already). */
function gzipKb(dist: string, paths: readonly string[]): number {
  let bytes = 0;
  for (const p of new Set(paths)) {
    let file = join(dist, decodeURIComponent(p));
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) continue;
    const raw = readFileSync(file);
    bytes += /\.(pf_\w+|pagefind)$/.test(file) ? raw.length : gzipSync(raw).length;
  }
  return Math.round(bytes / 1024);
}

function dirBytes(dir: string): number {
  let n = 0;
  for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })) if (f.isFile()) n += statSync(join(f.parentPath, f.name)).size;
  return n;
}
