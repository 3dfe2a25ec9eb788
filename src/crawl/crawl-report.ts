import { formatBeijing } from "../calendar/dates.ts";
import type { Finding } from "../findings/finding.ts";

/** What one source gave in one run: the articles written, what failed, or why the source could not be read at all. */
export interface SourceOutcome {
  id: string;
  url: string;
  column: string;
  unit: string;
  name: string;
  /** Entries the source lists now. */
  found: number;
  /** Entries already imported (their address is some article's sourceUrl). */
  skipped: number;
  imported: { file: string; title: string; url: string; date: string | undefined; pictures: number; attachments: number; notes: string[] }[];
  /** Entries that could not be imported, each with why. */
  failures: { url: string; title?: string | undefined; why: string }[];
  /** The source itself failed (unreachable, refused by robots.txt, a list with no entries): nothing of it was imported. */
  problem?: string;
}

export interface CrawlRun {
  now: Date;
  seconds: number;
  requests: number;
  sources: SourceOutcome[];
  /** check's findings on the files written. */
  errors: Finding[];
  warnings: Finding[];
}

const sourceLine = (s: SourceOutcome): string =>
  s.problem
    ? `✗ ${s.name}（${s.id}，${s.url}）：${s.problem}`
    : `${s.failures.length ? "!" : "✓"} ${s.name}（${s.id}）→ ${s.column}：列出 ${s.found} 条，已导入过 ${s.skipped} 条，本次导入 ${s.imported.length} 篇${s.failures.length ? `，${s.failures.length} 条失败` : ""}`;

/** The run for people: one line a source, its articles and failures under it, then check's verdict on the new files. */
export function renderCrawlText(run: CrawlRun, pull?: { number: number; url: string; action: string } | null): string {
  const lines = [`网上抓取（${formatBeijing(run.now)}）：${run.sources.length} 个来源，${run.requests} 次请求，用时 ${run.seconds.toFixed(1)} 秒`];
  for (const s of run.sources) {
    lines.push(sourceLine(s));
    for (const a of s.imported) lines.push(`    + ${a.file}「${a.title}」${a.date ? `（原发布时间 ${a.date}）` : "（原网页没有发布时间，以合并时间为准）"}${a.pictures ? `，图片 ${a.pictures} 张` : ""}${a.attachments ? `，附件 ${a.attachments} 个` : ""}`);
    for (const a of s.imported) for (const note of a.notes) lines.push(`        请留意 ${a.file}：${note}`);
    for (const f of s.failures) lines.push(`    ✗ ${f.title ? `「${f.title}」` : ""}${f.url}：${f.why}`);
  }
  const failed = run.sources.filter((s) => s.problem || s.failures.length);
  if (failed.length) lines.push("", `有 ${failed.length} 个来源抓取失败或部分失败（见上面的 ✗）：请核对网址、联系该网站，或在 columns.yaml 中更新 selectors；其余来源已照常导入。`);
  if (run.errors.length || run.warnings.length) {
    lines.push("", "新文章的检查结果：");
    for (const f of [...run.errors, ...run.warnings]) lines.push(`  ${f.severity === "warning" ? "提醒" : "错误"} ${f.file}:${f.line} ${f.message}（${f.rule}）`);
  }
  if (pull) lines.push("", `拉取请求 #${pull.number}：${pull.url}`);
  return lines.join("\n");
}

/** The run's one pull request: its branch (one a run, by Beijing time), title, description and commit message. */
export function crawlPullRequest(run: CrawlRun, digest: string): { branch: string; title: string; body: string; message: string } {
  const stamp = formatBeijing(run.now).replace(/[: ]/g, "-").replace(/-(\d\d)-(\d\d)$/, "-$1$2");
  const articles = run.sources.flatMap((s) => s.imported.map((a) => ({ ...a, source: s.name })));
  const failed = run.sources.filter((s) => s.problem || s.failures.length);
  const body = [
    `网上抓取（${formatBeijing(run.now)}）导入 ${articles.length} 篇转载，均记为 category: reprint，保留原发布时间和原文网址，请按转载类的审核链审核。`,
    "",
    ...articles.map((a) => `- \`${a.file}\` ${a.title}（${a.source}，[原文](${a.url})）`),
    ...(failed.length ? ["", "抓取失败的来源：", ...failed.flatMap((s) => [`- ${s.name}（${s.id}）：${s.problem ?? `${s.failures.length} 条失败`}`, ...s.failures.map((f) => `  - ${f.url}：${f.why}`)])] : []),
    "",
    // The addresses this pull request imports: the next run skips them while it is open.
    [CRAWLED_MARKER, ...articles.map((a) => a.url.replace(/-->/g, "--%3E")), "-->"].join("\n"),
  ].join("\n");
  return { branch: `${CRAWL_BRANCH_PREFIX}${stamp}`, title: `网上抓取：${articles.length} 篇转载（${formatBeijing(run.now, false)}）`, body, message: `网上抓取：${articles.length} 篇转载\n\nSanshen-Digest: ${digest}` };
}

export const CRAWL_BRANCH_PREFIX = "crawl/";
const CRAWLED_MARKER = "<!-- sanshen:crawled";

/** The addresses an open crawl pull request imports (listed in its description), which are not on the default branch yet. */
export function addressesInCrawlPull(body: string): string[] {
  const at = body.indexOf(CRAWLED_MARKER);
  if (at < 0) return [];
  const end = body.indexOf("-->", at);
  return body.slice(at + CRAWLED_MARKER.length, end < 0 ? undefined : end).split("\n").map((l) => l.trim()).filter((l) => /^https?:\/\//.test(l));
}
