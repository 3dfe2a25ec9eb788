import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileTypeFromBuffer } from "file-type";
import { crawlFetcher, CRAWL_LIMITS, type CrawlFetcher, type CrawlLimits } from "../adapters/crawl-fetch.ts";
import { github, keepPullRequest, openPullBodies, type KeptPullRequest } from "../adapters/github.ts";
import { createFiles, type NewFile } from "../adapters/new-files.ts";
import { listContentFiles, readWorkflowTexts } from "../adapters/repository-files.ts";
import { pooled } from "../adapters/site-fetch.ts";
import { frontmatterData } from "../articles/frontmatter.ts";
import { ARTICLE_EXTENSIONS, ASSET_EXTENSIONS, locate } from "../articles/location.ts";
import { apiUrlOf, nowOf, portalRootOf, repoOf, UsageError, type Args } from "../cli/args.ts";
import { JobFailure } from "../cli/run.ts";
import { articlePage } from "../crawl/article-page.ts";
import { crawledArticle, crawlPlace } from "../crawl/crawled-article.ts";
import { crawlSources, importedAddresses, sameAddress, selectSources, type SourceEntry } from "../crawl/crawl-sources.ts";
import { addressesInCrawlPull, CRAWL_BRANCH_PREFIX, crawlPullRequest, renderCrawlText, type CrawlRun, type SourceOutcome } from "../crawl/crawl-report.ts";
import { readSourceItems } from "../crawl/source-items.ts";
import { pictureOf, type Picture } from "../import/document-source.ts";
import { decodeWebPage, headerCharset } from "../import/web-page.ts";
import { parseWorkflows } from "../workflows/parse-workflows.ts";
import { checkPortalFiles } from "./check.ts";

/** Entries taken from one source in one run: a first run does not import a site's whole archive. */
const DEFAULT_LIMIT = 20;
/** Sources crawled at once (each site still sees one request at a time). */
const SOURCES_AT_ONCE = 4;

const number = (args: Args, name: string, fallback: number, min: number): number => {
  if (args[name] === undefined) return fallback;
  const n = Number(args[name]);
  if (!Number.isFinite(n) || n < min) throw new UsageError(`--${name} 应为不小于 ${min} 的数，现在是「${args[name]}」`);
  return n;
};

/** What the portal holds already: addresses imported, slugs per column, names per folder. */
function portalState(root: string, portal: NonNullable<ReturnType<typeof parseWorkflows>["portal"]>) {
  const paths = listContentFiles(root);
  const headers: (Record<string, unknown> | undefined)[] = [];
  const slugs = new Map<string, Set<string>>();
  const names = new Map<string, Set<string>>();
  for (const path of paths) {
    const folder = dirname(path);
    if (!names.has(folder)) names.set(folder, new Set());
    names.get(folder)!.add(basename(path).toLowerCase());
    if (!(ARTICLE_EXTENSIONS as readonly string[]).some((e) => path.endsWith(e))) continue;
    headers.push(frontmatterData(readFileSync(join(root, path), "utf8")));
    const where = locate(path, portal);
    if (where.ok && where.kind === "article") {
      if (!slugs.has(where.column.path)) slugs.set(where.column.path, new Set());
      slugs.get(where.column.path)!.add(where.slug);
    }
  }
  const setOf = (map: Map<string, Set<string>>, key: string) => map.get(key) ?? map.set(key, new Set()).get(key)!;
  return { imported: importedAddresses(headers), slugsOf: (column: string) => setOf(slugs, column), namesIn: (folder: string) => setOf(names, folder) };
}

/** A fetched file's type from its bytes (a server's Content-Type is often wrong for files). */
async function extensionOf(bytes: Uint8Array, url: string): Promise<string | undefined> {
  const type = await fileTypeFromBuffer(bytes);
  const ext = type ? `.${type.ext === "jpeg" ? "jpg" : type.ext}` : /\.[a-z0-9]+$/i.exec(new URL(url).pathname)?.[0]?.toLowerCase();
  // A Word or Excel file is a zip (docx, xlsx) or an OLE file (doc, xls) by its bytes: its address says which.
  if (ext === ".zip" || ext === ".cfb") return /\.[a-z0-9]+$/i.exec(new URL(url).pathname)?.[0]?.toLowerCase();
  return ext;
}

interface Context {
  fetcher: CrawlFetcher;
  state: ReturnType<typeof portalState>;
  limit: number;
  now: Date;
  root: string;
}

async function crawlOne(entry: SourceEntry, ctx: Context, files: NewFile[]): Promise<SourceOutcome> {
  const outcome: SourceOutcome = { id: entry.id, url: entry.source.url, column: entry.column.path, unit: entry.unit.id, name: entry.name, found: 0, skipped: 0, imported: [], failures: [] };
  const read = await readSourceItems(entry.source, ctx.fetcher);
  if ("problem" in read) return { ...outcome, problem: read.problem };
  const { items } = read;
  outcome.found = items.length;
  const fresh = items.filter((i) => !ctx.state.imported.has(sameAddress(i.url)));
  outcome.skipped = items.length - fresh.length;
  for (const item of fresh.slice(0, ctx.limit)) {
    // Taken now: another source listing the same page in this run skips it.
    ctx.state.imported.add(sameAddress(item.url));
    const res = await ctx.fetcher.get(item.url);
    if (!res.ok) {
      outcome.failures.push({ url: item.url, title: item.title, why: res.robots ? "robots.txt 不允许抓取" : res.why });
      continue;
    }
    const page = articlePage(decodeWebPage(res.bytes, headerCharset(res.contentType)), res.url, entry.source.selectors);
    if (!page.html.replace(/<[^>]*>/g, "").trim() && !page.pictures.length) {
      outcome.failures.push({ url: item.url, title: item.title, why: entry.source.selectors?.body ? `页面上没有找到正文（selectors.body「${entry.source.selectors.body}」）` : "页面上没有找到正文" });
      continue;
    }
    const pictures = new Map<string, Picture>();
    for (const src of page.pictures) {
      const got = await ctx.fetcher.get(src);
      if (!got.ok) continue; // left out, with the import room's note
      const ext = await extensionOf(got.bytes, src);
      const mime = { ".jpg": "image/jpeg", ".png": "image/png", ".gif": "image/gif", ".webp": "image/webp" }[ext ?? ""] ?? `image/${ext?.slice(1) ?? "unknown"}`;
      pictures.set(src, pictureOf(got.bytes, mime));
    }
    const attachments: { url: string; text: string; extension: string; bytes: Uint8Array }[] = [];
    for (const a of page.attachments) {
      const got = await ctx.fetcher.get(a.url);
      if (!got.ok) continue;
      const ext = await extensionOf(got.bytes, a.url);
      if (ext && (ASSET_EXTENSIONS as readonly string[]).includes(ext)) attachments.push({ ...a, extension: ext, bytes: got.bytes });
    }
    const { folder } = crawlPlace(entry, item, page, ctx.now);
    const article = crawledArticle({ entry, item, page, pictures, attachments, takenSlugs: ctx.state.slugsOf(entry.column.path), takenNames: ctx.state.namesIn(folder), now: ctx.now });
    // The names are taken at once: the next article of this run sees them.
    const names = ctx.state.namesIn(article.folder);
    ctx.state.slugsOf(entry.column.path).add(article.slug);
    const own: NewFile[] = [
      ...article.pictures.map((p) => ({ path: `${article.folder}/${p.name}`, data: p.bytes })),
      ...article.attachmentNames.map((name, i) => ({ path: `${article.folder}/${name}`, data: attachments[i]!.bytes })),
      { path: `${article.folder}/${article.slug}.md`, data: article.text },
    ];
    for (const f of own) names.add(basename(f.path).toLowerCase());
    files.push(...own);
    outcome.imported.push({ file: `${article.folder}/${article.slug}.md`, title: article.title, url: item.url, date: article.date, pictures: article.pictures.length, attachments: article.attachmentNames.length, notes: article.notes });
  }
  return outcome;
}

/** `npm run crawl`: the job's composition; scripts/crawl.ts gives it its command line. */
export async function crawlJob(args: Args): Promise<number> {
  const root = portalRootOf(args);
  const now = nowOf(args);
  const limits: CrawlLimits = { ...CRAWL_LIMITS, delayMs: number(args, "delay", CRAWL_LIMITS.delayMs / 1000, 0) * 1000, timeoutMs: number(args, "timeout", CRAWL_LIMITS.timeoutMs / 1000, 0.01) * 1000 };
  const limit = number(args, "limit", DEFAULT_LIMIT, 1);
  const target = args.github ? repoOf(args) : undefined;

  const { portal } = parseWorkflows(readWorkflowTexts(root));
  if (!portal) throw new JobFailure("门户的规则文件（workflows/）有错误，无法读取抓取来源：请先运行 npm run check 查看并改正", 1);
  const chosen = selectSources(crawlSources(portal), typeof args.source === "string" ? args.source : undefined);
  if ("problem" in chosen) throw new JobFailure(chosen.problem, 2);

  const started = Date.now();
  const ctx: Context = { fetcher: crawlFetcher(limits), state: portalState(root, portal), limit, now, root };
  const gh = target ? github(process.env.GITHUB_TOKEN, apiUrlOf(args)) : undefined;
  // What earlier runs' pull requests import is not on the default branch until merged: skipped as imported.
  if (gh && target) for (const body of await openPullBodies(gh, target, CRAWL_BRANCH_PREFIX)) for (const url of addressesInCrawlPull(body)) ctx.state.imported.add(sameAddress(url));
  const files: NewFile[] = [];
  const sources = await pooled(chosen, SOURCES_AT_ONCE, async (entry) => {
    try {
      return await crawlOne(entry, ctx, files);
    } catch (error) {
      // One source's surprise is reported with it; the others go on.
      return { id: entry.id, url: entry.source.url, column: entry.column.path, unit: entry.unit.id, name: entry.name, found: 0, skipped: 0, imported: [], failures: [], problem: `抓取时出错：${(error as Error).message}` } satisfies SourceOutcome;
    }
  });

  // Pictures and attachments first: an article never names a file that is not there yet.
  const ordered = [...files.filter((f) => !f.path.endsWith(".md")), ...files.filter((f) => f.path.endsWith(".md"))];
  createFiles(ordered.map((f) => ({ ...f, path: join(root, f.path) })));
  const written = ordered.map((f) => f.path);
  const checked = written.length ? checkPortalFiles(root, written, now) : undefined;
  const mine = new Set(written);
  const errors = (checked?.errors ?? []).filter((f) => mine.has(f.file));
  const warnings = (checked?.warnings ?? []).filter((f) => mine.has(f.file));

  let pullRequest: KeptPullRequest | null = null;
  const run: CrawlRun = { now, seconds: (Date.now() - started) / 1000, requests: ctx.fetcher.requests(), sources, errors, warnings };
  if (gh && target && written.length) {
    const digest = createHash("sha256");
    for (const f of ordered) digest.update(f.path).update("\0").update("data" in f ? f.data : "").update("\0");
    const plan = crawlPullRequest(run, digest.digest("hex").slice(0, 16));
    pullRequest = await keepPullRequest(gh, target, plan.branch, { ...plan, files: Object.fromEntries(ordered.map((f) => [f.path, "data" in f ? f.data : ""])) }, "");
  }

  const failed = sources.filter((s) => s.problem || s.failures.length);
  if (args.json) {
    console.log(JSON.stringify({ ok: !failed.length && !errors.length, now: now.toISOString(), seconds: run.seconds, requests: run.requests, failed: failed.map((s) => s.id), sources, errors: errors.map(({ file, line, column, rule, message }) => ({ file, line, column, rule, message })), warnings: warnings.map(({ file, line, column, rule, message }) => ({ file, line, column, rule, message })), pullRequest }, null, 2));
  } else {
    console.log(renderCrawlText(run, pullRequest));
  }
  return failed.length || errors.length ? 1 : 0;
}
