import { createHash, randomUUID } from "node:crypto";
import { cpSync, existsSync, lstatSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { rootOf, UsageError, type Args } from "../cli/args.ts";
import { Progress } from "../cli/progress.ts";
import { mainLineOf, SHALLOW_MESSAGE, textsAt, type MainLine, type MainLineReading } from "../adapters/git.ts";
import { formatText } from "../findings/format.ts";
import { formatBeijing } from "../calendar/dates.ts";
import { arrivalFrom, dateChangedSinceArrival, publishTimes, type ArrivalState } from "../publication/publish-time.ts";
import { handOver, type SiteBuild, type SiteModel } from "../site/site-model.ts";
import { fileSizes, readWorkflowTexts } from "../adapters/repository-files.ts";
import { cacheFolder, codeVersion, manifestName, readCached, readCachedEntries, writeCached, writeCachedEntries } from "../adapters/build-cache.ts";
import { linkFile, linkTree } from "../adapters/link-files.ts";
import { renderBodies } from "../site/article-bodies.ts";
import { builtPages, contentAssets, copyAssets, copyBrandFiles, pageLinks } from "../site/copy-assets.ts";
import { brandOf, type Brand } from "../site/brand.ts";
import { contentImageSizes } from "../site/image-size.ts";
import { listingsOf, pagedArticles } from "../site/entries.ts";
import { pagesToRender, planPages, type PageRoute } from "../site/page-plan.ts";
import { partPath, searchParts, searchRecords, type Searchable } from "../site/search-index.ts";
import { webEditorFiles } from "../web-editor/admin-page.ts";
import { writeWebEditor } from "../adapters/web-editor-files.ts";
import { writeWechatPages } from "../adapters/wechat-files.ts";
import { wechatPages, wechatPath } from "../site/wechat-article.ts";
import { readLinkedFeeds, type LinkedFeedsRead } from "../adapters/linked-feeds.ts";
import { parseWorkflows } from "../workflows/parse-workflows.ts";
import { fedLinkColumns, problemReason, type LinkedItem } from "../columns/linked-columns.ts";
import { checkPortalFiles, type CheckResult } from "./check.ts";

export interface BuildOptions {
  /** One line a step for a person: check, pages, search index. */
  progress: Progress;
  /** Astro's own (English) log in full; otherwise errors only. */
  verbose?: boolean;
  /** Read no other site: the linked sites' latest items come from the cache only. */
  offline?: boolean;
}

/**
 * Checks the portal, then builds it with Astro. A portal that fails `check`
 * is not built: the clerk sees check's Chinese findings, not Astro's trace.
 * A rebuild into a folder an earlier build of the same code and workflows
 * wrote renders only the pages whose content changed, and writes again only
 * the search-index parts that hold a changed page; the rest is kept.
 */
export async function buildPortal(root: string, outDir: string, appDir: string, { progress, verbose = false, offline = false }: BuildOptions): Promise<boolean> {
  const refused = outFolderProblem(outDir, root, appDir);
  if (refused) {
    console.error(refused);
    return false;
  }
  const cache = cacheFolder(appDir);
  const code = codeVersion(appDir);
  // One moment for the whole build: what is published, listed or expired is decided once.
  const now = new Date();
  // A portal whose link columns name a `feed:` has one more step: its linked sites' latest items (counted now, so the first line says so).
  if (fedLinkColumns(parseWorkflows(readWorkflowTexts(root)).portal?.columns ?? []).length) progress.addStep();
  const result = await progress.step("检查内容", () => checkPortalFiles(root), (r) => (r.ok ? `通过（${r.checked} 个文件，{s}）` : "未通过"));
  // Publish times before any page: a shallow clone or a changed date is refused in Chinese, not as Astro's failure.
  const site = await siteFrom(root, "网站不予构建", result, now);
  if ("refusal" in site) {
    console.error(site.refusal);
    return false;
  }
  if (site.note) console.error(site.note);
  // The live folder is never written into: the site is built in a sibling
  // folder and swapped in whole when complete. Astro imports its prerender
  // chunks from its output folder, and Node resolves their packages from
  // there, so a folder outside the app is built inside it first, then moved.
  // Read under one deadline, the cache standing in for a site that does not answer; never a reason not to build.
  const fed = fedLinkColumns(site.model.portal.columns);
  const linked = fed.length ? await progress.step("读取链接网站的最新信息", () => readLinkedFeeds(fed, cache, now, { offline }), linkedOutcome) : undefined;
  const id = randomUUID().slice(0, 8);
  const sibling = join(dirname(outDir), `.${basename(outDir)}.sanshen-new-${id}`);
  const indexOut = `${sibling}-index`;
  const inside = isInside(appDir, outDir);
  const astroOut = inside ? sibling : join(appDir, "node_modules", ".sanshen-out", id);
  removeLeftovers(outDir);
  // What every page depends on besides its own props: the code, the office's rules and its images (their sizes are in every header and footer).
  const brand = brandOf(root, site.model.portal.site);
  const global = createHash("sha1").update(code).update(JSON.stringify(readWorkflowTexts(root))).update(JSON.stringify(brand)).digest("base64url");
  const previous = previousBuild(outDir, cache, global);
  let indexed: Promise<IndexedParts> | undefined;
  try {
    const made = await progress.step(
      "生成页面",
      async () => {
        // Bodies an earlier build of the same code rendered are taken as they are.
        const { build, keptBodies } = await siteBuildOf(root, site.model, now, brand, global, new Map(readCachedEntries(cache, BODIES_CACHE, code)), linked?.latest);
        const { bodies, routes } = build;
        const rendering = pagesToRender(routes, previous?.pages, (path) => existsSync(join(outDir, path, "index.html")));
        // The one build every page is made from: Astro's config and pages read it, none checks or renders again.
        handOver({ ...build, rendering });
        // The search index is made from the same bodies, on the second core (Pagefind's process) while Astro writes the pages.
        const pageKeys = new Map(routes.map((r) => [r.path, r.key]));
        indexed = indexForSearch(indexOut, site.model, bodies, now, (pages) => partKey(global, pages.map((p) => pageKeys.get(p.article.id) ?? "")), previous && { parts: previous.parts, folder: join(outDir, "pagefind") });
        indexed.catch(() => {}); // awaited below; a failure is reported there
        await buildWithAstro(astroOut, appDir, verbose);
        if (!inside) moveFolder(astroOut, sibling);
        // The pages the earlier build wrote and this one did not, put back; then the files the pages link.
        const kept = routes.filter((r) => rendering && !rendering.has(r.path));
        for (const r of kept) linkFile(join(outDir, r.path, "index.html"), join(sibling, r.path, "index.html"));
        const links = copyLinkedFiles(root, sibling, site.model.portal.site.domain, routes, rendering, previous?.links);
        copyBrandFiles(root, sibling, site.model.portal.site);
        // Each article as the 公众号 editor takes it: for editors, linked from its page, in no list, site map or search.
        // A kept article page keeps its WeChat version: both are made from its props (its key) and what every page depends on.
        const keptWechat = new Set(kept.filter((r) => r.props.kind === "article" && existsSync(join(outDir, wechatPath(r.path), "index.html"))).map((r) => r.path));
        for (const path of keptWechat) linkFile(join(outDir, wechatPath(path), "index.html"), join(sibling, wechatPath(path), "index.html"));
        writeWechatPages(sibling, wechatPages(keptWechat.size ? routes.filter((r) => !keptWechat.has(r.path)) : routes, bodies, site.model.portal.site.domain));
        return { routes, kept: kept.length, links, keptBodies };
      },
      (m) => `完成（${countPages(sibling)} 个页面${!m.kept ? "" : m.kept === m.routes.length ? "，均无变动，沿用上次生成的" : `，其中 ${m.routes.length - m.kept} 个有变动，已重新生成，其余沿用上次的`}，{s}）`,
    );
    const parts = await progress.step("建立搜索索引", () => indexed!, (p) => `完成（${p.pages} 篇可检索${p.kept ? `，沿用上次的索引分块 ${p.kept} 个` : ""}，{s}）`);
    renameSync(indexOut, join(sibling, "pagefind"));
    // The web editor (/admin/), only when site.yaml opts in: a separate app, in no page, sitemap or search index.
    const editor = webEditorFiles(site.model.portal);
    if (editor) writeWebEditor(sibling, editor);
    writeFileSync(join(sibling, BUILD_MARKER), `${JSON.stringify({ builtBy: "sanshen", root: resolve(root), at: now.toISOString(), build: id })}\n`);
    swapIn(sibling, outDir);
    // What the next build may keep: written once this build is in place.
    const manifest: BuildManifest = { build: id, pages: Object.fromEntries(made.routes.map((r) => [r.path, r.key])), links: made.links, parts: parts.parts };
    writeCached(cache, manifestName(outDir), global, manifest);
    writeCachedEntries(cache, BODIES_CACHE, code, made.keptBodies);
    // What runs next in this process (the preview of `npm start`) reads the site where it now is.
    process.env.SANSHEN_OUT = outDir;
  } finally {
    await indexed?.catch(() => {});
    rmSync(sibling, { recursive: true, force: true });
    rmSync(indexOut, { recursive: true, force: true });
    if (!inside) rmSync(astroOut, { recursive: true, force: true });
  }
  return true;
}

/** The linked-feed step's words: how many sites were read, and which could not be (a note, never a failure). */
function linkedOutcome(r: LinkedFeedsRead): string {
  const parts = [`读到 ${r.read} 个网站`];
  if (r.recent) parts.push(`${r.recent} 个沿用上次读到的`);
  const byWhy = new Map<string, string[]>();
  for (const f of r.failed) {
    const why = problemReason(f.why).replace(/^无法读取（(.*)）$/, "$1");
    byWhy.set(why, [...(byWhy.get(why) ?? []), `${f.name}${f.cached ? "（显示上次读到的）" : ""}`]);
  }
  if (r.failed.length) parts.push(`${r.failed.length} 个未能读取（${[...byWhy].map(([why, names]) => `${why}：${names.join("、")}`).join("；")}），不影响生成`);
  return `完成（${parts.join("，")}，{s}）`;
}

/** Rendered article bodies kept between builds of the same code (`article-bodies.ts`). */
const BODIES_CACHE = "sanshen-bodies.jsonl";

/** What a build leaves in its cache for the next build into the same folder. */
interface BuildManifest {
  /** The build's id, also in the folder's marker: the manifest describes that folder and no other. */
  build: string;
  /** Each column and article page's key (`page-plan.ts`), by path. */
  pages: Record<string, string>;
  /** The images and attachments each such page links, by path (pages linking none are left out). */
  links: Record<string, string[]>;
  parts: IndexPart[];
}

/** The manifest of the build now in `outDir`, if it was made by the same code and rules and the folder is still that build. */
function previousBuild(outDir: string, cache: string, global: string): { pages: Map<string, string>; links: Record<string, string[]>; parts: IndexPart[] } | undefined {
  const manifest = readCached<BuildManifest>(cache, manifestName(outDir), global);
  if (!manifest) return undefined;
  let marker: { build?: string } = {};
  try {
    marker = JSON.parse(readFileSync(join(outDir, BUILD_MARKER), "utf8")) as { build?: string };
  } catch {
    return undefined;
  }
  if (marker.build !== manifest.build) return undefined;
  return { pages: new Map(Object.entries(manifest.pages)), links: manifest.links, parts: manifest.parts };
}

async function buildWithAstro(staging: string, appDir: string, verbose: boolean): Promise<void> {
  process.env.SANSHEN_OUT = staging;
  // Astro's telemetry would send usage data to astro.build from an office's build machine (and run git to do so): off.
  process.env.ASTRO_TELEMETRY_DISABLED = "1";
  const { build } = await import("astro");
  await build({ root: appDir, logLevel: verbose ? "info" : "error" });
}

/**
 * Copies into the built site the images and attachments its pages link, and
 * returns each column or article page's links for the next build. Pages
 * Astro wrote now are read (htmlparser2); a kept page's links are the ones
 * the earlier build read from it.
 */
function copyLinkedFiles(root: string, out: string, domain: string, routes: readonly PageRoute[], rendering: ReadonlySet<string> | undefined, before: Record<string, string[]> | undefined): Record<string, string[]> {
  const assets = contentAssets(root);
  const planned = new Set(routes.map((r) => r.path));
  const links: Record<string, string[]> = {};
  const wanted = new Set<string>();
  const keep = (path: string, urls: Iterable<string>) => {
    const found = [...urls].filter((u) => assets.has(u));
    for (const u of found) wanted.add(u);
    if (found.length && planned.has(path)) links[path] = found;
  };
  const kept = new Set(routes.filter((r) => rendering && !rendering.has(r.path)).map((r) => r.path));
  for (const page of builtPages(out, (p) => !kept.has(p.replace(/\/?index\.html$/, "")))) keep(page.path.replace(/\/?index\.html$/, ""), pageLinks(page, `https://${domain}`));
  for (const path of kept) keep(path, before?.[path] ?? []);
  copyAssets(root, out, assets, wanted);
  return links;
}

/** The site a build makes, or why it is not made (in Chinese, with the findings); `note` is shown but does not stop it. */
export type SiteReading = { model: SiteModel; note?: string } | { refusal: string };

/**
 * The site model from the build's own check of the portal: what it accepted,
 * with each article's publish time from the main line's history (one
 * `git log`, `mainLineOf`). Refused: a portal that fails check, a shallow
 * clone, a date changed after publication without a listed correction.
 * `refusing` says what is not done, for the refusal: 网站不予构建, 无法生成通报…
 */
export async function siteFrom(root: string, refusing: string, checked: CheckResult, now: Date, mainLine: Promise<MainLineReading> = mainLineOf(root)): Promise<SiteReading> {
  if (!checked.ok || !checked.portal) return { refusal: `${formatText({ ...checked, warnings: [] })}\n门户内容未通过检查，${refusing}。` };
  const history = await mainLine;
  if (history.kind === "shallow") return { refusal: `GIT.SHALLOW：${SHALLOW_MESSAGE}` };
  // Outside git nothing has arrived: every undated article shows the build time.
  const { arrivals, touching }: MainLine = history.kind === "git" ? history : { arrivals: new Map(), touching: new Map() };
  // What main first published for each article: its text at the commit that brought it, all in one `git cat-file --batch`.
  const first = textsAt(root, checked.articles.flatMap((a) => {
    const at = arrivals.get(a.file);
    return at ? [{ commit: at.commit, path: at.path, blob: at.blob }] : [];
  }));
  const arrived = new Map<string, ArrivalState>();
  for (const a of checked.articles) {
    const at = arrivals.get(a.file);
    if (at) arrived.set(a.file, arrivalFrom(a, at.when, first.get(`${at.commit}:${at.path}`)));
  }
  // Rare: a date changed since arrival. Then every commit that touched the file is read, again in one batch.
  const followed = new Set(checked.articles.filter((a) => dateChangedSinceArrival(a, arrived.get(a.file))).map((a) => a.file));
  const texts = textsAt(root, [...followed].flatMap((file) => (touching.get(file) ?? []).map((c) => ({ commit: c.commit, path: file }))));
  const commitsOf = (file: string) => (touching.get(file) ?? []).map((c) => ({ when: c.when, text: texts.get(`${c.commit}:${file}`) }));
  const { published, problems } = publishTimes(
    checked.articles,
    (a) => ({ arrival: arrived.get(a.file), commits: followed.has(a.file) ? commitsOf(a.file) : undefined }),
    checked.portal.dateCorrections,
    now,
  );
  if (problems.length) {
    return { refusal: `发布时间被改动，${refusing}：\n${formatText({ ok: false, checked: checked.checked, errors: problems, warnings: [] })}` };
  }
  const attachments = checked.articles.flatMap((a) => [...(a.data.attachments ?? []), ...(a.data.forms ?? [])].map((x) => `${a.file.slice(0, a.file.lastIndexOf("/"))}/${x.path.replace(/^\.\//, "")}`));
  const lastChanged = new Map([...touching].flatMap(([file, commits]) => (commits.length ? [[file, commits.at(-1)!.when] as const] : [])));
  const model: SiteModel = { root: resolve(root), portal: checked.portal, articles: checked.articles, published, history: history.kind, fileBytes: fileSizes(root, attachments), lastChanged };
  return history.kind === "none" ? { model, note: NO_HISTORY_NOTE } : { model };
}

const NO_HISTORY_NOTE = "提示：门户目录不是 git 仓库，没有提交历史：未写 date 的文章以本次构建的时间作为发布时间，仅供本地预览，不可用于正式发布。";

/**
 * For Astro started without this job (`astro build`, `astro sync`): checks
 * the portal, renders the bodies and plans every page here, once, and hands
 * them over, as `npm run build` would (without its cache); a portal the
 * build would refuse is refused with the same Chinese findings.
 */
export async function siteForAstroAlone(root: string): Promise<SiteBuild> {
  const now = new Date();
  const site = await siteFrom(root, "网站不予构建", checkPortalFiles(root), now);
  if ("refusal" in site) throw new SiteRefused(site.refusal);
  if (site.note) console.error(site.note);
  // Astro alone reads no other site: the linked sites' items the last build read, if any.
  const linked = await readLinkedFeeds(site.model.portal.columns, cacheFolder(fileURLToPath(new URL("../..", import.meta.url))), now, { offline: true });
  const { build } = await siteBuildOf(root, site.model, now, brandOf(root, site.model.portal.site), "astro-alone", new Map(), linked.latest);
  handOver(build);
  return build;
}

/**
 * What every page is made from, for the build job and for Astro started
 * alone alike: the bodies rendered (or taken from `cached`), every page
 * planned with its key (`global`: what every page depends on), the images'
 * sizes. `keptBodies`: the bodies by key, for the next build's cache.
 */
async function siteBuildOf(root: string, model: SiteModel, now: Date, brand: Brand, global: string, cached: ReadonlyMap<string, string>, linked?: ReadonlyMap<string, LinkedItem[]>): Promise<{ build: SiteBuild; keptBodies: Map<string, string> }> {
  const { bodies, cache: keptBodies } = await renderBodies(root, pagedArticles(model, now), cached);
  const listings = listingsOf({ model, bodies, now });
  const routes = planPages(model.portal, listings.sorted, listings.listedUnder, model.fileBytes, global, formatBeijing(now, false), linked);
  return { build: { model, bodies, now, routes, brand, imageSizes: contentImageSizes(root) }, keptBodies };
}

/** A portal the build refuses, its message the Chinese findings; without a stack, so Astro prints the findings and no trace for a clerk to decode. */
class SiteRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "门户内容不予构建";
    this.stack = "";
  }
}

/** Written into every build: the proof that a folder holds our site and nothing else, so the next build may replace it. */
export const BUILD_MARKER = ".sanshen-build";

/**
 * Why the build may not write to `outDir`, in Chinese, or undefined. The
 * folder is replaced whole, so it must hold nothing but an earlier build: not
 * the repository, the portal or anything above it, not content/ or workflows/,
 * and no folder with files of someone else's (`--out ../www` once deleted them).
 */
export function outFolderProblem(outDir: string, root: string, appDir: string): string | undefined {
  const out = resolve(outDir);
  const portal = resolve(root);
  const say = (why: string) => `不能输出到「${outDir}」：${why}。网站会整个替换输出目录，请用 --out 指定一个空目录或以前生成网站的目录（默认 dist）。`;
  for (const [folder, what] of [[portal, "门户仓库"], [resolve(appDir), "三审程序所在的仓库"]] as const) {
    if (out === folder || isInside(out, folder)) return say(`这是${what}本身或它的上级目录`);
  }
  for (const name of ["content", "workflows", ".git", ".github"]) {
    for (const base of [portal, resolve(appDir)]) {
      const guarded = join(base, name);
      if (out === guarded || isInside(guarded, out)) return say(`这里是 ${relative(base, guarded) || name}/，存放的是稿件、规则或代码`);
    }
  }
  for (const name of ["src", "scripts", "tests", "node_modules"]) {
    const guarded = join(resolve(appDir), name);
    if (out === guarded || isInside(guarded, out)) return say(`这里是程序目录 ${name}/`);
  }
  if (!existsSync(out)) return undefined;
  const kind = lstatSync(out);
  if (kind.isSymbolicLink()) return say("这是一个符号链接：请直接写它指向的目录");
  if (!kind.isDirectory()) return say("这是一个文件，不是目录");
  const entries = readdirSync(out);
  if (entries.length === 0 || entries.includes(BUILD_MARKER)) return undefined;
  // A build from before the marker existed: our search index, home page and sitemap.
  if (["index.html", "sitemap.xml"].every((f) => entries.includes(f)) && existsSync(join(out, "pagefind", "pagefind.js"))) return undefined;
  return say(`目录里已有不是三审生成的文件（如「${entries.slice(0, 3).join("」「")}」），为免删除它们，不予输出`);
}

/** `child` is strictly inside `parent`. */
function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}

/**
 * Puts the complete new site in place: the old folder is renamed aside, the
 * new one renamed in (both in the same parent folder, so each rename is
 * atomic), then the old one removed. Interrupted, the live folder is either
 * the old site or the new one, never a half-written mixture.
 */
function swapIn(staged: string, outDir: string): void {
  if (!existsSync(outDir)) {
    renameSync(staged, outDir);
    return;
  }
  const old = join(dirname(outDir), `.${basename(outDir)}.sanshen-old-${randomUUID().slice(0, 8)}`);
  renameSync(outDir, old);
  try {
    renameSync(staged, outDir);
  } catch (error) {
    renameSync(old, outDir);
    throw error;
  }
  rmSync(old, { recursive: true, force: true });
}

/**
 * Moves a finished build next to the output folder: a rename when both are
 * on one file system (instant; copying 11,000 pages took 8 s), else a copy.
 */
function moveFolder(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
    cpSync(from, to, { recursive: true });
  }
}

/** Staging folders an interrupted build left next to the output folder (only ours, by their name). */
function removeLeftovers(outDir: string): void {
  const parent = dirname(outDir);
  if (!existsSync(parent)) return;
  const prefix = `.${basename(outDir)}.sanshen-`;
  for (const name of readdirSync(parent)) {
    if (name.startsWith(prefix) && /-(new|old)-[0-9a-f]{8}(-index)?$/.test(name) && statSync(join(parent, name)).isDirectory()) {
      rmSync(join(parent, name), { recursive: true, force: true });
    }
  }
}

function countPages(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((p) => p.endsWith(".html")).length;
}

/** A part of the search index as a build wrote it: what it was made from, and the mark its records carry. */
interface IndexPart {
  key: string;
  mark: string;
}

interface IndexedParts {
  /** Pages a reader can find. */
  pages: number;
  parts: IndexPart[];
  /** Parts taken from the earlier build unchanged. */
  kept: number;
}

/** A part's key: the keys of its pages, in order, and what every page depends on. */
function partKey(global: string, pageKeys: readonly string[]): string {
  return createHash("sha1").update(global).update("\0").update(pageKeys.join(" ")).digest("base64url");
}

/**
 * The search index (Pagefind), written to `outDir` (then moved to
 * <out>/pagefind/): one record per page a reader can find, made from the
 * model and the rendered bodies (`searchRecords`), cut into the tokens the
 * search page cuts queries into (`src/site/search-text.ts`). Pagefind does
 * not crawl the site. A part whose key (`keyOf`: its pages' keys) is the one
 * the earlier build wrote into `previous.folder` is kept as it is.
 */
async function indexForSearch(outDir: string, model: SiteModel, bodies: ReadonlyMap<string, string>, now: Date, keyOf: (pages: readonly Searchable[]) => string, previous: { parts: readonly IndexPart[]; folder: string } | undefined): Promise<IndexedParts> {
  let pagefind: typeof import("pagefind") | undefined;
  const result: IndexedParts = { pages: 0, parts: [], kept: 0 };
  try {
    // One part at a time (`searchParts`): Pagefind's memory is one part's, whatever the portal's size.
    const ids = new Set<string>();
    for (const [i, part] of searchParts(model, now).entries()) {
      const sub = partPath(i).replace(/^\/pagefind\/?/, "");
      const folder = join(outDir, sub);
      const key = keyOf(part);
      const before = previous?.parts[i];
      const idsIn = () => (part.length ? readdirSync(join(folder, "fragment")).map((f) => f.replace(/\.pf_fragment$/, "")) : []);
      // A page's id is a short hash of its record, unique within a part, not
      // across parts: the search page matches results by id, so a part whose
      // ids meet an earlier part's is written again with another mark.
      let written: string[] | undefined;
      let mark = "";
      if (before?.key === key && existsSync(join(previous!.folder, sub, "pagefind-entry.json"))) {
        // The first part's folder holds the others' (part-2/ …): those are each their own part.
        linkTree(join(previous!.folder, sub), folder, (name) => i === 0 && /^part-\d+$/.test(name));
        written = idsIn();
        mark = before.mark;
        if (written.length !== part.length || written.some((id) => ids.has(id))) {
          rmSync(folder, { recursive: true, force: true });
          written = undefined;
        } else result.kept++;
      }
      for (let attempt = 0; !written; attempt++) {
        if (attempt === 5) throw new Error("Pagefind page ids of two index parts collide after 5 attempts");
        mark = `${i + 1}.${attempt}`;
        pagefind ??= await import("pagefind");
        await writeIndexPart(pagefind, searchRecords(model, bodies, part, now, mark), folder);
        const found = idsIn();
        if (found.length !== part.length) throw new Error(`Pagefind wrote ${found.length} fragments for ${part.length} pages: page ids cannot be checked`);
        if (found.some((id) => ids.has(id))) rmSync(folder, { recursive: true, force: true });
        else written = found;
      }
      for (const id of written) ids.add(id);
      result.parts.push({ key, mark });
      result.pages += part.length;
    }
  } finally {
    await pagefind?.close();
  }
  return result;
}

/** One part of the index: each record handed to Pagefind as soon as it is made, then the part written to `folder`. */
async function writeIndexPart(pagefind: typeof import("pagefind"), records: Iterable<{ url: string; html: string }>, folder: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind: ${errors.join("; ")}`);
  // The part's records are made in one go (about 1 s for 5,000 pages) and
  // handed to Pagefind's process at once, without waiting for any: it then
  // indexes at its own pace, whatever Astro is doing on this thread (made a
  // few at a time between Astro's work, they kept Pagefind waiting).
  const added: ReturnType<typeof index.addHTMLFile>[] = [];
  for (const r of records) added.push(index.addHTMLFile({ url: r.url, content: r.html }));
  for (const result of await Promise.all(added)) if (result.errors.length) throw new Error(`Pagefind: ${result.errors.join("; ")}`);
  await index.writeFiles({ outputPath: folder });
  await index.deleteIndex();
}

/** `npm run build`: the job's composition; scripts/build.ts gives it its command line. */
export async function buildJob(args: Args): Promise<number> {
  const out = resolve(typeof args.out === "string" ? args.out : "dist");
  const root = rootOf(args);
  const appDir = fileURLToPath(new URL("../..", import.meta.url));
  const refused = outFolderProblem(out, root, appDir);
  if (refused) throw new UsageError(refused);
  if (!(await buildPortal(root, out, appDir, { progress: new Progress(3), verbose: args.verbose === true, offline: args.offline === true }))) return 1;
  console.log(`网站已生成：${out}`);
  return 0;
}
