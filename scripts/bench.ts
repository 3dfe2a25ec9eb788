// npm run bench -- [--count N] [--runs N] [--json]: times `check` on a generated corpus.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readWorkflowTexts } from "../src/adapters/portal-files.ts";
import { generateCorpus } from "../src/bench/corpus.ts";
import { parseArgs } from "../src/cli/args.ts";
import { run } from "../src/cli/run.ts";
import { parseWorkflows } from "../src/portal/parse-workflows.ts";
import type { Words } from "../src/words/word-lists.ts";

const repo = fileURLToPath(new URL("..", import.meta.url));

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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The word scanner (normalisation + Aho-Corasick) over every text, against
 * the naive baseline: one `includes` per term, on raw text, over the first
 * 5 MB only (the whole corpus would take half a minute).
 */
function benchWords(words: Words, texts: string[]) {
  const terms = [...new Set(readWordTerms(words))];
  const mb = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1e6;
  let hits = 0;
  const t0 = process.hrtime.bigint();
  for (const t of texts) hits += words.scanner.scan(t).length;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const sample: string[] = [];
  let sampleBytes = 0;
  for (const t of texts) {
    if (sampleBytes > 5e6) break;
    sample.push(t);
    sampleBytes += Buffer.byteLength(t);
  }
  const t1 = process.hrtime.bigint();
  let naiveHits = 0;
  for (const t of sample) for (const term of terms) if (t.includes(term)) naiveHits++;
  const naiveSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
  const speed = mb / seconds;
  const naive = sampleBytes / 1e6 / naiveSeconds;
  return { terms: terms.length, hits, naiveHits, megabytesPerSecond: +speed.toFixed(1), naiveMegabytesPerSecond: +naive.toFixed(2), ratio: +(speed / naive).toFixed(1) };
}

function readWordTerms(words: Words): string[] {
  return words.scanner.terms();
}

run(() => {
  const args = parseArgs(process.argv.slice(2), { options: ["count", "runs"], flags: ["json", "keep"] });
  const count = Number(args.count ?? 10_000);
  const runs = Number(args.runs ?? 3);
  const root = mkdtempSync(join(tmpdir(), "sanshen-bench-"));
  cpSync(join(repo, "workflows"), join(root, "workflows"), { recursive: true });
  cpSync(join(repo, "CODEOWNERS"), join(root, "CODEOWNERS"));
  const { portal } = parseWorkflows(readWorkflowTexts(root));
  const files = generateCorpus(portal!, { count });
  let bytes = 0;
  for (const [path, text] of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
    bytes += Buffer.byteLength(text);
  }
  const git = (...a: string[]) => execFileSync("git", ["-c", "user.name=bench", "-c", "user.email=bench@example.invalid", ...a], { cwd: root, stdio: "pipe" });
  git("init", "-q", "-b", "main");
  git("add", ".");
  git("commit", "-qm", "corpus");
  // Ten changed files, as in a pull request.
  for (const path of [...files.keys()].slice(0, 10)) appendFileSync(join(root, path), "\n会议还研究了其他事项。\n");

  const words = benchWords(portal!.words, [...files.values()]);
  const whole = Array.from({ length: runs }, () => timeCheck(root, []));
  const changed = Array.from({ length: runs }, () => timeCheck(root, ["--changed", "main"]));
  const result = {
    corpus: { articles: count, megabytes: +(bytes / 1e6).toFixed(1) },
    wordScanner: words,
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    checkWhole: { seconds: +median(whole.map((t) => t.seconds)).toFixed(2), maxRssMb: median(whole.map((t) => t.maxRssMb)), checked: whole[0]!.checked },
    checkChanged: { seconds: +median(changed.map((t) => t.seconds)).toFixed(2), maxRssMb: median(changed.map((t) => t.maxRssMb)), checked: changed[0]!.checked },
  };
  const ratio = +(result.checkWhole.seconds / result.checkChanged.seconds).toFixed(1);
  if (args.json) console.log(JSON.stringify({ ...result, wholeOverChanged: ratio }, null, 2));
  else {
    console.log(`语料：${count} 篇文章，${result.corpus.megabytes} MB（${root}）`);
    console.log(`敏感词扫描（${words.terms} 个词）：${words.megabytesPerSecond} MB/s；逐词 includes 基线 ${words.naiveMegabytesPerSecond} MB/s，快 ${words.ratio} 倍`);
    console.log(`check 全部：${result.checkWhole.seconds} s，峰值内存 ${result.checkWhole.maxRssMb} MB，检查 ${result.checkWhole.checked} 个文件（${runs} 次取中位数）`);
    console.log(`check --changed（10 个文件）：${result.checkChanged.seconds} s，峰值内存 ${result.checkChanged.maxRssMb} MB；比全量检查快 ${ratio} 倍`);
  }
  if (!args.keep) rmSync(root, { recursive: true, force: true });
  return 0;
});
