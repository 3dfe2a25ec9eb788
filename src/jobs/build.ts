import { randomUUID } from "node:crypto";
import { cpSync, existsSync, lstatSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { rootOf, UsageError, type Args } from "../cli/args.ts";
import { Progress } from "../cli/progress.ts";
import { mainLineOf, SHALLOW_MESSAGE, textsAt, type MainLine, type MainLineReading } from "../adapters/git.ts";
import { formatText } from "../findings/format.ts";
import { arrivalFrom, dateChangedSinceArrival, publishTimes, type ArrivalState } from "../publication/publish-time.ts";
import { handOver, renderedBodies, type SiteModel } from "../site/site-model.ts";
import { fileSizes } from "../adapters/repository-files.ts";
import { partPath, searchParts, searchRecords } from "../site/search-index.ts";
import { checkPortalFiles, type CheckResult } from "./check.ts";

export interface BuildOptions {
  /** One line a step for a person: check, pages, search index. */
  progress: Progress;
  /** Astro's own (English) log in full; otherwise errors only. */
  verbose?: boolean;
}

/**
 * Checks the portal, then builds it with Astro. A portal that fails `check`
 * is not built: the clerk sees check's Chinese findings, not Astro's trace.
 */
export async function buildPortal(root: string, outDir: string, appDir: string, { progress, verbose = false }: BuildOptions): Promise<boolean> {
  const refused = outFolderProblem(outDir, root, appDir);
  if (refused) {
    console.error(refused);
    return false;
  }
  const result = await progress.step("检查内容", () => checkPortalFiles(root), (r) => (r.ok ? `通过（${r.checked} 个文件，{s}）` : "未通过"));
  // Publish times before any page: a shallow clone or a changed date is refused in Chinese, not as Astro's failure.
  const site = await siteFrom(root, "网站不予构建", result, new Date());
  if ("refusal" in site) {
    console.error(site.refusal);
    return false;
  }
  if (site.note) console.error(site.note);
  // The one model every page is built from: Astro's config, content loader and pages read it, none checks again.
  handOver(site.model);
  // The live folder is never written into: the site is built in a sibling
  // folder and swapped in whole when complete. Astro imports its prerender
  // chunks from its output folder, and Node resolves their packages from
  // there, so a folder outside the app is built inside it first, then copied.
  const id = randomUUID().slice(0, 8);
  const sibling = join(dirname(outDir), `.${basename(outDir)}.sanshen-new-${id}`);
  const inside = isInside(appDir, outDir);
  const astroOut = inside ? sibling : join(appDir, "node_modules", ".sanshen-out", id);
  removeLeftovers(outDir);
  try {
    await buildInto(astroOut, appDir, progress, verbose, site.model);
    if (!inside) moveFolder(astroOut, sibling);
    writeFileSync(join(sibling, BUILD_MARKER), `${JSON.stringify({ builtBy: "sanshen", root: resolve(root), at: new Date().toISOString() })}\n`);
    swapIn(sibling, outDir);
    // What runs next in this process (the preview of `npm start`) reads the site where it now is.
    process.env.SANSHEN_OUT = outDir;
  } finally {
    rmSync(sibling, { recursive: true, force: true });
    if (!inside) rmSync(astroOut, { recursive: true, force: true });
  }
  return true;
}

async function buildInto(staging: string, appDir: string, progress: Progress, verbose: boolean, model: SiteModel): Promise<void> {
  process.env.SANSHEN_OUT = staging;
  // Astro's telemetry would send usage data to astro.build from an office's build machine (and run git to do so): off.
  process.env.ASTRO_TELEMETRY_DISABLED = "1";
  // The search index is made from the bodies Astro's content loader renders,
  // on the second core while Astro writes the pages, into a folder of its
  // own (Astro owns its output folder until it is done), then moved in.
  const { bodies, cancel } = renderedBodies();
  const indexOut = `${staging}-index`;
  const indexed = bodies.then((b) => {
    if (!b) throw new Error("Astro finished without running the content loader: no bodies to index");
    return indexForSearch(indexOut, model, b);
  });
  indexed.catch(() => {}); // awaited below; a failure is reported there
  try {
    await progress.step(
      "生成页面",
      async () => {
        const { build } = await import("astro");
        await build({ root: appDir, logLevel: verbose ? "info" : "error" });
        return countPages(staging);
      },
      (pages) => `完成（${pages} 个页面，{s}）`,
    );
    cancel(); // nothing if the loader handed its bodies over, as it does
    await progress.step("建立搜索索引", () => indexed, (pages) => `完成（${pages} 篇可检索，{s}）`);
    renameSync(indexOut, join(staging, "pagefind"));
  } finally {
    cancel();
    await indexed.catch(() => {});
    rmSync(indexOut, { recursive: true, force: true });
  }
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
  const attachments = checked.articles.flatMap((a) => (a.data.attachments ?? []).map((x) => `${a.file.slice(0, a.file.lastIndexOf("/"))}/${x.path.replace(/^\.\//, "")}`));
  const lastChanged = new Map([...touching].flatMap(([file, commits]) => (commits.length ? [[file, commits.at(-1)!.when] as const] : [])));
  const model: SiteModel = { root: resolve(root), portal: checked.portal, articles: checked.articles, published, history: history.kind, fileBytes: fileSizes(root, attachments), lastChanged };
  return history.kind === "none" ? { model, note: NO_HISTORY_NOTE } : { model };
}

const NO_HISTORY_NOTE = "提示：门户目录不是 git 仓库，没有提交历史：未写 date 的文章以本次构建的时间作为发布时间，仅供本地预览，不可用于正式发布。";

/**
 * For Astro started without this job (`astro build`, `astro sync`): checks
 * the portal and computes the model here, once, and hands it over, exactly
 * as `npm run build` would; a portal the build would refuse is refused with
 * the same Chinese findings.
 */
export async function siteForAstroAlone(root: string): Promise<SiteModel> {
  const site = await siteFrom(root, "网站不予构建", checkPortalFiles(root), new Date());
  if ("refusal" in site) throw new SiteRefused(site.refusal);
  if (site.note) console.error(site.note);
  handOver(site.model);
  return site.model;
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

/**
 * The search index (Pagefind), written to `outDir` (then moved to
 * <out>/pagefind/): one record per page a reader can find, made from the
 * model and the rendered bodies (`searchRecords`), cut into the tokens the
 * search page cuts queries into (`src/site/search-text.ts`). Pagefind does
 * not crawl the site. Returns the number of pages a reader can find.
 */
async function indexForSearch(outDir: string, model: SiteModel, bodies: ReadonlyMap<string, string>): Promise<number> {
  const pagefind = await import("pagefind");
  const now = new Date();
  let pages = 0;
  try {
    // One part at a time (`searchParts`): Pagefind's memory is one part's, whatever the portal's size.
    const ids = new Set<string>();
    for (const [i, part] of searchParts(model, now).entries()) {
      const folder = join(outDir, partPath(i).replace(/^\/pagefind\/?/, ""));
      // A page's id is a short hash of its record, unique within a part, not
      // across parts: the search page matches results by id, so a part whose
      // ids meet an earlier part's is written again with another mark.
      for (let attempt = 0; ; attempt++) {
        await writeIndexPart(pagefind, searchRecords(model, bodies, part, now, `${i + 1}.${attempt}`), folder);
        const written = part.length ? readdirSync(join(folder, "fragment")).map((f) => f.replace(/\.pf_fragment$/, "")) : [];
        if (written.length !== part.length) throw new Error(`Pagefind wrote ${written.length} fragments for ${part.length} pages: page ids cannot be checked`);
        if (!written.some((id) => ids.has(id))) {
          for (const id of written) ids.add(id);
          break;
        }
        if (attempt === 4) throw new Error("Pagefind page ids of two index parts collide after 5 attempts");
        rmSync(folder, { recursive: true, force: true });
      }
      pages += part.length;
    }
  } finally {
    await pagefind.close();
  }
  return pages;
}


/** One part of the index: each record handed to Pagefind as soon as it is made, then the part written to `folder`. */
async function writeIndexPart(pagefind: typeof import("pagefind"), records: Iterable<{ url: string; html: string }>, folder: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind: ${errors.join("; ")}`);
  // Not waiting for the record before: Pagefind's process indexes on one core
  // while this one cuts the next pages (awaiting each in turn left both idle half the time).
  const added: ReturnType<typeof index.addHTMLFile>[] = [];
  for (const r of records) {
    added.push(index.addHTMLFile({ url: r.url, content: r.html }));
    // Let the queued records go out to Pagefind's process now and then (they are written only when this loop yields).
    if (added.length % 100 === 0) await new Promise(setImmediate);
  }
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
  if (!(await buildPortal(root, out, appDir, { progress: new Progress(3), verbose: args.verbose === true }))) return 1;
  console.log(`网站已生成：${out}`);
  return 0;
}
