import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Args } from "../cli/args.ts";
import { Progress } from "../cli/progress.ts";
import { JobFailure } from "../cli/run.ts";
import { launchChromium } from "../adapters/chromium.ts";
import { serve } from "../adapters/static-site.ts";
import { brokenLinks, lighthouseScores, nuErrors, VALIDATOR_VERSIONS } from "../adapters/validators.ts";
import { buildPortal } from "./build.ts";

const repo = fileURLToPath(new URL("../..", import.meta.url));

/** What the national inspection and the office ask of every portal (issue targets): no HTML error, full accessibility and SEO, a fast phone page, no broken link. */
const TARGETS = { nuErrors: 0, accessibility: 100, seo: 100, performance: 95, axe: 0, brokenLinks: 0 };

interface PortalFigures {
  portal: string;
  pages: number;
  nuErrors: { file: string; line: number | undefined; message: string }[];
  lighthouse: Record<string, Record<string, number>>;
  axe: Record<string, string[]>;
  brokenLinks: { url: string; status: number; parent: string | undefined }[];
  /** Internal links linkinator followed. */
  linksChecked: number;
  ok: boolean;
}

/** The built HTML pages of a site, relative to it. */
const htmlFiles = (dist: string) => readdirSync(dist, { recursive: true, encoding: "utf8" }).filter((p) => p.endsWith(".html")).map((p) => p.split("\\").join("/"));

/** One page of each kind to score: home, a column, an article, a policy document, a search. */
function pageKinds(dist: string): Record<string, string> {
  const files = htmlFiles(dist).filter((p) => p.endsWith("/index.html"));
  const article = files.find((p) => /\/\d{4}\/[^/]+\/index\.html$/.test(p) && !readFileSync(join(dist, p), "utf8").includes('class="disclosure"'));
  const policy = files.find((p) => /\/\d{4}\/[^/]+\/index\.html$/.test(p) && readFileSync(join(dist, p), "utf8").includes("<th scope=\"row\">文号</th>"));
  const column = files.find((p) => readFileSync(join(dist, p), "utf8").includes('<ul class="list">') && !/\/\d{4}\//.test(p) && p !== "index.html");
  const url = (p: string | undefined) => (p ? `/${p.replace(/index\.html$/, "")}` : undefined);
  return Object.fromEntries(Object.entries({ home: "/", column: url(column), article: url(article), policy: url(policy), search: "/search/?q=%E5%B7%A5%E4%BD%9C" }).filter((e): e is [string, string] => !!e[1]));
}

async function axeViolations(browser: Awaited<ReturnType<typeof launchChromium>>, url: string): Promise<string[]> {
  const source = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
  try {
    await page.goto(url);
    if (url.includes("/search/")) await page.waitForFunction(() => /找到|没有找到/.test(document.getElementById("status")?.textContent ?? ""), undefined, { timeout: 15_000 });
    await page.addScriptTag({ content: source });
    return await page.evaluate(async () => {
      const r = await (window as unknown as { axe: { run: (o: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run({ runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] });
      return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
    });
  } finally {
    await page.close();
  }
}

async function validatePortal(root: string, name: string, chromium: string, progress: Progress): Promise<PortalFigures> {
  const dist = mkdtempSync(join(tmpdir(), "sanshen-validate-"));
  rmSync(dist, { recursive: true, force: true });
  try {
    const quiet = new Progress(3, () => {});
    // A portal check refuses is not validated: check's findings are printed above, as for npm run build.
    if (!(await buildPortal(root, dist, repo, { progress: quiet }))) throw new JobFailure(`门户「${name}」未通过检查，没有生成网站，无法检测：请先按上面的提示修改，再运行 npm run validate`, 1);
    const files = htmlFiles(dist);
    const served = await serve(dist);
    const browser = await launchChromium();
    try {
      const nu = await progress.step(`${name}：W3C 检查 ${files.length} 个页面`, () => nuErrors(files.map((f) => join(dist, f))), (e) => `${e.length} 个错误`);
      const kinds = pageKinds(dist);
      const lighthouse: PortalFigures["lighthouse"] = {};
      const axe: PortalFigures["axe"] = {};
      await progress.step(`${name}：Lighthouse 与 axe（${Object.keys(kinds).join("、")}）`, async () => {
        for (const [kind, path] of Object.entries(kinds)) {
          lighthouse[kind] = await lighthouseScores(served.url + path, chromium);
          axe[kind] = await axeViolations(browser, served.url + path);
        }
      }, () => "完成");
      const { checked, broken } = await progress.step(`${name}：检查站内链接`, () => brokenLinks(`${served.url}/`), (b) => `${b.checked} 个链接，${b.broken.length} 个失效`);
      const ok = nu.length === TARGETS.nuErrors && broken.length === TARGETS.brokenLinks && Object.values(axe).every((v) => v.length === TARGETS.axe) && Object.values(lighthouse).every((s) => s.accessibility! >= TARGETS.accessibility && s.seo! >= TARGETS.seo && s.performance! >= TARGETS.performance);
      return { portal: name, pages: files.length, nuErrors: nu, lighthouse, axe, brokenLinks: broken, linksChecked: checked, ok };
    } finally {
      await browser.close();
      served.server.close();
    }
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
}

/** `npm run validate`: the job's composition; scripts/validate.ts gives it its command line. */
export async function validateJob(args: Args): Promise<number> {
  const roots = typeof args.root === "string" ? [resolve(args.root)] : [repo, ...readdirSync(join(repo, "examples"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(repo, "examples", e.name))];
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const progress = new Progress(roots.length * 3, args.json ? () => {} : undefined);
  const figures: PortalFigures[] = [];
  for (const root of roots) figures.push(await validatePortal(root, root === repo ? "示例门户" : basename(root), chromium, progress));
  if (args.json) console.log(JSON.stringify({ targets: TARGETS, tools: VALIDATOR_VERSIONS, portals: figures }, null, 2));
  else {
    for (const f of figures) {
      console.log(`${f.portal}：${f.pages} 个页面，W3C 错误 ${f.nuErrors.length}，站内链接 ${f.linksChecked} 个、失效 ${f.brokenLinks.length} 个，axe 违规 ${Object.values(f.axe).flat().length}`);
      for (const [kind, s] of Object.entries(f.lighthouse)) console.log(`  Lighthouse（手机）${kind}：性能 ${s.performance}，无障碍 ${s.accessibility}，最佳实践 ${s["best-practices"]}，SEO ${s.seo}`);
      for (const e of f.nuErrors.slice(0, 10)) console.log(`  W3C：${e.file} 第 ${e.line} 行：${e.message}`);
      for (const b of f.brokenLinks.slice(0, 10)) console.log(`  失效链接：${b.url}（${b.status}，出自 ${b.parent}）`);
    }
    console.log(figures.every((f) => f.ok) ? "全部达标。" : "有未达标项，见上。");
  }
  return figures.every((f) => f.ok) ? 0 : 1;
}
