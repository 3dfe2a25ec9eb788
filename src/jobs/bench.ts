import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readWorkflowTexts } from "../adapters/repository-files.ts";
import { generateCorpus } from "../bench/corpus.ts";
import { historyStream } from "../bench/history.ts";
import { parseWorkflows } from "../workflows/parse-workflows.ts";
import type { Words } from "../content-safety/word-lists.ts";
import type { Args } from "../cli/args.ts";
import { normalizeForWords, normalizeWord } from "../content-safety/normalize.ts";
import { WordScanner } from "../content-safety/word-scanner.ts";
import { buildNaive } from "../adapters/naive-site.ts";
import { runSampled } from "../adapters/process-tree.ts";
import { benchQueries, plantPhrases } from "../bench/search-queries.ts";
import { measureSearch } from "../adapters/search-measurement.ts";

const repo = fileURLToPath(new URL("../..", import.meta.url));

interface Timing { seconds: number; maxRssMb: number; checked: number }

/** One `npm run check` as a clerk or CI runs it, timed from outside (wall clock, peak memory). */
function timeCheck(root: string, extra: string[]): Timing {
  const start = process.hrtime.bigint();
  // GNU time reports the peak memory; without it (package `time`), memory is left out.
  const timed = existsSync("/usr/bin/time");
  const r = spawnSync(timed ? "/usr/bin/time" : process.execPath, [...(timed ? ["-f", "%M", process.execPath] : []), join(repo, "scripts/run.mjs"), "check", "--root", root, "--json", ...extra], { cwd: repo, encoding: "utf8", maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`check failed on the bench corpus:\n${r.stdout.slice(0, 2000)}${r.stderr.slice(0, 2000)}`);
  const maxRssKb = timed ? Number(r.stderr.trim().split("\n").pop()) : Number.NaN;
  return { seconds, maxRssMb: Math.round(maxRssKb / 1024), checked: (JSON.parse(r.stdout) as { checked: number }).checked };
}

interface BuildTiming { seconds: number; maxRssMb: number; pages: number; steps: Record<string, number>; out?: string }

/**
 * One `npm run build` of the corpus, timed from outside, its peak memory
 * the whole process tree's (Node and the Pagefind binary together, sampled
 * from /proc), with the seconds of each step as the build prints them
 * ("[2/3] 生成页面……完成（10950 个页面，63.9 秒）"). `keep`: the built site
 * is left for the search measurement (the caller removes it).
 */
async function timeBuild(root: string, keep = false, reuse?: { out: string; cache: string }): Promise<BuildTiming & { cache: string }> {
  const out = reuse?.out ?? mkdtempSync(join(tmpdir(), "sanshen-bench-dist-"));
  const cache = reuse?.cache ?? join(repo, "node_modules", ".astro-bench", basename(out));
  const r = await runSampled(process.execPath, [join(repo, "scripts/run.mjs"), "build", "--root", root, "--out", out], { cwd: repo, env: { ...process.env, CI: "1", SANSHEN_CACHE: cache } });
  if (!keep) rmSync(out, { recursive: true, force: true });
  if (!keep) rmSync(cache, { recursive: true, force: true });
  if (r.code !== 0) throw new Error(`build failed on the bench corpus:\n${r.stdout.slice(0, 2000)}${r.stderr.slice(-2000)}`);
  const steps: Record<string, number> = {};
  for (const m of r.stdout.matchAll(/^\[\d+\/\d+\] (\S+?)…….*?([\d.]+) 秒）$/gm)) steps[m[1]!] = Number(m[2]);
  const pages = Number(/（(\d+) 个页面/.exec(r.stdout)?.[1] ?? Number.NaN);
  return { seconds: r.seconds, maxRssMb: r.peakMb, pages, steps, cache, ...(keep ? { out } : {}) };
}

/** One job (`stale`, `report`) on the corpus as an office runs it, timed from outside; its JSON output parsed. */
function timeJob(root: string, job: string, extra: string[]): { seconds: number; maxRssMb: number; output: unknown } {
  const timed = existsSync("/usr/bin/time");
  const start = process.hrtime.bigint();
  const r = spawnSync(timed ? "/usr/bin/time" : process.execPath, [...(timed ? ["-f", "%M", process.execPath] : []), join(repo, "scripts/run.mjs"), job, "--root", root, "--json", ...extra], { cwd: repo, encoding: "utf8", maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`${job} failed on the bench corpus:\n${r.stdout.slice(0, 2000)}${r.stderr.slice(-2000)}`);
  const maxRssKb = timed ? Number(r.stderr.trim().split("\n").pop()) : Number.NaN;
  return { seconds, maxRssMb: Math.round(maxRssKb / 1024), output: JSON.parse(r.stdout) };
}

/**
 * The naive baseline for `stale` and `report`: one `git log -1 --format=%cI
 * -- <file>` per article (a per-file lookup of its last commit), timed on a
 * sample and extrapolated to every article (stated as such in the output).
 */
function naivePerFileLog(root: string, paths: string[], sample: number) {
  const step = Math.max(1, Math.floor(paths.length / sample));
  const picked = paths.filter((_, i) => i % step === 0).slice(0, sample);
  const start = process.hrtime.bigint();
  for (const path of picked) execFileSync("git", ["log", "-1", "--format=%cI", "--", path], { cwd: root, stdio: "pipe" });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { sampled: picked.length, sampleSeconds: +seconds.toFixed(2), extrapolatedSeconds: +((seconds / picked.length) * paths.length).toFixed(1) };
}

/** Every file under `dir` (relative paths, `/`-separated), sorted. */
function filesUnder(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1).split("\\").join("/"))
    .sort();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The word scanner (normalisation + Aho-Corasick, positions mapped back) over
 * every text, against the naive baseline doing the same job: normalise, then
 * one indexOf loop per term. Measured with the shipped lists and with 3,000
 * terms (offices receive lists of thousands); the naive run covers the first
 * 5 MB only (at 3,000 terms the whole corpus would take minutes).
 */
function benchWords(words: Words, texts: string[]) {
  const shipped = [...new Set(words.scanner.terms())];
  const rnd = (() => {
    let s = 7;
    return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  })();
  const large = [...shipped];
  while (large.length < 3000) large.push(Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => String.fromCharCode(0x4e00 + Math.floor(rnd() * 0x5000))).join(""));
  const mb = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1e6;
  const sample: string[] = [];
  let sampleBytes = 0;
  for (const t of texts) {
    if (sampleBytes > 5e6) break;
    sample.push(t);
    sampleBytes += Buffer.byteLength(t);
  }
  const measure = (terms: string[]) => {
    const scanner = new WordScanner(terms.map((word) => ({ level: "block" as const, word, source: "bench" })), []);
    const t0 = process.hrtime.bigint();
    let hits = 0;
    for (const t of texts) hits += scanner.scan(t).length;
    const speed = mb / (Number(process.hrtime.bigint() - t0) / 1e9);
    const keys = terms.map(normalizeWord);
    const t1 = process.hrtime.bigint();
    let naiveHits = 0;
    for (const t of sample) {
      const norm = normalizeForWords(t).text;
      for (const k of keys) for (let i = norm.indexOf(k); i >= 0; i = norm.indexOf(k, i + 1)) naiveHits++;
    }
    const naive = sampleBytes / 1e6 / (Number(process.hrtime.bigint() - t1) / 1e9);
    return { terms: terms.length, hits, megabytesPerSecond: +speed.toFixed(1), naiveMegabytesPerSecond: +naive.toFixed(1), ratio: +(speed / naive).toFixed(1) };
  };
  return { shipped: measure(shipped), large: measure(large) };
}



/** `npm run bench`: the job's composition; scripts/bench.ts gives it its command line. */
export async function benchJob(args: Args): Promise<number> {
  const count = Number(args.articles ?? args.count ?? 10_000);
  const runs = Number(args.runs ?? 3);
  // --build: the build with its search measured in Chromium, and the naive configuration in the same run.
  const searching = args.build === true;
  const builds = Number(args.builds ?? 1) || (searching ? 1 : 0);
  const commits = Number(args.commits ?? 0);
  const period = typeof args.period === "string" ? args.period : "2026-10";
  const staleNow = "2026-12-01T09:00:00+08:00";
  const root = mkdtempSync(join(tmpdir(), "sanshen-bench-"));
  cpSync(join(repo, "workflows"), join(root, "workflows"), { recursive: true });
  cpSync(join(repo, "CODEOWNERS"), join(root, "CODEOWNERS"));
  const { portal } = parseWorkflows(readWorkflowTexts(root));
  const files = generateCorpus(portal!, { count, dated: commits === 0 });
  if (searching) plantPhrases(files);
  let bytes = 0;
  for (const [path, text] of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
    bytes += Buffer.byteLength(text);
  }
  const git = (...a: string[]) => execFileSync("git", ["-c", "user.name=bench", "-c", "user.email=bench@example.invalid", ...a], { cwd: root, stdio: "pipe" });
  git("init", "-q", "-b", "main");
  let history: { commits: number; seconds: number } | undefined;
  if (commits > 0) {
    // One `git fast-import` of a generated stream: each article its own commit, then edits, spread over the months.
    const t0 = process.hrtime.bigint();
    const base = new Map(["CODEOWNERS", ...filesUnder(root, "workflows")].map((p) => [p, readFileSync(join(root, p), "utf8")]));
    const made = historyStream(base, files, { commits, from: new Date("2026-01-05T09:00:00+08:00"), to: new Date("2026-11-27T18:00:00+08:00") });
    execFileSync("git", ["fast-import", "--quiet"], { cwd: root, input: made.stream, stdio: ["pipe", "pipe", "pipe"], maxBuffer: 1 << 28 });
    git("reset", "-q", "--hard", "main");
    for (const [path, text] of made.final) files.set(path, text);
    history = { commits: made.commits, seconds: +(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1) };
  } else {
    git("add", ".");
    git("commit", "-qm", "corpus");
  }
  // Ten changed files, as in a pull request.
  for (const path of [...files.keys()].slice(0, 10)) appendFileSync(join(root, path), "\n会议还研究了其他事项。\n");

  const words = benchWords(portal!.words, [...files.values()]);
  const whole = Array.from({ length: runs }, () => timeCheck(root, []));
  const changed = Array.from({ length: runs }, () => timeCheck(root, ["--changed", "main"]));
  const built: (BuildTiming & { cache: string })[] = [];
  for (let i = 0; i < builds; i++) built.push(await timeBuild(root, searching && i === 0));
  let search: Record<string, unknown> | undefined;
  if (searching) {
    const queries = benchQueries(portal!, files);
    const ours = await measureSearch(built[0]!.out!, queries, "sanshen");
    // A rebuild after one article changed, with the cold build's Astro cache and output folder, as CI keeps them between runs.
    const changedArticle = [...files.keys()].find((p) => p.endsWith(".md"))!;
    appendFileSync(join(root, changedArticle), "\n本文已更新。\n");
    const again = await timeBuild(root, true, { out: built[0]!.out!, cache: built[0]!.cache });
    rmSync(again.cache, { recursive: true, force: true });
    const rebuild = { seconds: +again.seconds.toFixed(1), maxRssMb: again.maxRssMb, steps: again.steps, ofCold: +(again.seconds / built[0]!.seconds).toFixed(2) };
    const naive = await buildNaive(repo, root);
    const theirs = await measureSearch(naive.dist, queries, "pagefind", built[0]!.out!);
    const naiveBuild = { seconds: +(naive.astro.seconds + naive.pagefind.seconds).toFixed(1), astroSeconds: +naive.astro.seconds.toFixed(1), pagefindSeconds: +naive.pagefind.seconds.toFixed(1), maxRssMb: Math.max(naive.astro.peakMb, naive.pagefind.peakMb) };
    rmSync(built[0]!.out!, { recursive: true, force: true });
    rmSync(dirname(naive.dist), { recursive: true, force: true });
    search = { rebuild, sanshen: ours, naive: { build: naiveBuild, ...theirs } };
  }
  // `stale` and `report` read the whole history in one `git log`; the baseline asks git once per article.
  const staled = args.stale ? Array.from({ length: runs }, () => timeJob(root, "stale", ["--now", staleNow])) : [];
  const reported = args.stale ? Array.from({ length: runs }, () => timeJob(root, "report", ["--period", period])) : [];
  const naive = args.stale ? naivePerFileLog(root, [...files.keys()], Number(args.sample ?? 300)) : undefined;
  const result = {
    corpus: { articles: count, megabytes: +(bytes / 1e6).toFixed(1), ...(history ? { commits: history.commits, historySeconds: history.seconds } : {}) },
    wordScanner: words,
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    checkWhole: { seconds: +median(whole.map((t) => t.seconds)).toFixed(2), maxRssMb: median(whole.map((t) => t.maxRssMb)), checked: whole[0]!.checked },
    checkChanged: { seconds: +median(changed.map((t) => t.seconds)).toFixed(2), maxRssMb: median(changed.map((t) => t.maxRssMb)), checked: changed[0]!.checked },
    ...(built.length
      ? {
          build: {
            seconds: +median(built.map((t) => t.seconds)).toFixed(1),
            maxRssMb: median(built.map((t) => t.maxRssMb)),
            pages: built[0]!.pages,
            // Each step's median, as the build printed it: 检查内容, 生成页面, 建立搜索索引.
            steps: Object.fromEntries(Object.keys(built[0]!.steps).map((step) => [step, median(built.map((t) => t.steps[step] ?? Number.NaN))])),
          },
        }
      : {}),
    ...(search ? { search } : {}),
    ...(naive
      ? {
          stale: { seconds: +median(staled.map((t) => t.seconds)).toFixed(2), maxRssMb: median(staled.map((t) => t.maxRssMb)), now: staleNow, columns: (staled[0]!.output as { columns: unknown[] }).columns.length },
          report: { seconds: +median(reported.map((t) => t.seconds)).toFixed(2), maxRssMb: median(reported.map((t) => t.maxRssMb)), period },
          naivePerFileLog: naive,
        }
      : {}),
  };
  const ratio = +(result.checkWhole.seconds / result.checkChanged.seconds).toFixed(1);
  if (args.json) console.log(JSON.stringify({ ...result, wholeOverChanged: ratio }, null, 2));
  else {
    console.log(`语料：${count} 篇文章，${result.corpus.megabytes} MB（${root}）`);
    for (const w of [words.shipped, words.large]) console.log(`敏感词扫描（${w.terms} 个词）：${w.megabytesPerSecond} MB/s；逐词查找基线 ${w.naiveMegabytesPerSecond} MB/s，快 ${w.ratio} 倍`);
    console.log(`check 全部：${result.checkWhole.seconds} s，峰值内存 ${result.checkWhole.maxRssMb} MB，检查 ${result.checkWhole.checked} 个文件（${runs} 次取中位数）`);
    console.log(`check --changed（10 个文件）：${result.checkChanged.seconds} s，峰值内存 ${result.checkChanged.maxRssMb} MB；比全量检查快 ${ratio} 倍`);
    if (result.build) {
      const steps = Object.entries(result.build.steps).map(([step, s]) => `${step} ${s} s`).join("，");
      console.log(`生成网站：${result.build.seconds} s，峰值内存 ${result.build.maxRssMb} MB，${result.build.pages} 个页面（${steps}；${builds} 次取中位数）`);
    }
    if (search) {
      const { sanshen, naive } = search as { sanshen: Awaited<ReturnType<typeof measureSearch>>; naive: Awaited<ReturnType<typeof measureSearch>> & { build: { seconds: number; maxRssMb: number } } };
      const rebuilt = (search as { rebuild: { seconds: number; ofCold: number } }).rebuild;
      console.log(`改动一篇后重新生成：${rebuilt.seconds} s，为首次生成的 ${Math.round(rebuilt.ofCold * 100)}%`);
      console.log(`朴素做法（Astro 页面 + pagefind --site）：${naive.build.seconds} s，峰值内存 ${naive.build.maxRssMb} MB；本项目 ${result.build!.seconds} s、${result.build!.maxRssMb} MB`);
      for (const [name, f] of [["三审", sanshen], ["朴素做法", naive]] as const) {
        console.log(`检索（${name}，${f.summary.queries} 个检索词）：全部召回 ${f.summary.recallAll1 ? "是" : "否"}，平均准确率 ${f.summary.meanPrecision}，文号和标题排第一 ${f.summary.firstRight}，无结果的词返回空 ${f.summary.nowhereEmpty ? "是" : "否"}；首次检索下载 ${Object.entries(f.firstSearchKb).map(([q, kb]) => `「${q}」${kb} KB`).join("、")}（全部检索词：中位数 ${f.firstSearch.medianKb} KB，最多 ${f.firstSearch.maxKb} KB，不超过 300 KB 的 ${f.firstSearch.within300Kb}），索引 ${f.indexMb} MB`);
      }
    }
    if (history) console.log(`提交历史：${history.commits} 次提交（git fast-import 生成，${history.seconds} s）`);
    if (result.stale && result.report && naive) {
      console.log(`stale：${result.stale.seconds} s，峰值内存 ${result.stale.maxRssMb} MB（--now ${staleNow}，${runs} 次取中位数）`);
      console.log(`report --period ${period}：${result.report.seconds} s，峰值内存 ${result.report.maxRssMb} MB（${runs} 次取中位数）`);
      console.log(`逐篇 git log 基线：抽样 ${naive.sampled} 篇用时 ${naive.sampleSeconds} s，推算 ${count} 篇约 ${naive.extrapolatedSeconds} s；stale 快 ${(naive.extrapolatedSeconds / result.stale.seconds).toFixed(1)} 倍，report 快 ${(naive.extrapolatedSeconds / result.report.seconds).toFixed(1)} 倍`);
    }
  }
  if (!args.keep) rmSync(root, { recursive: true, force: true });
  return 0;
}
