import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScript, runScriptAsync, STACK_TRACE } from "./helpers/cli.ts";
import { fakeGitHub } from "./helpers/fake-github.ts";
import { portalCopy, REPO, writeIn } from "./helpers/portal.ts";
import { serve } from "../src/adapters/static-site.ts";

/**
 * `npm run inspect` on a small portal built once: broken links and anchors,
 * an expired item still in the sitemap, a repealed document's banner, today's
 * word lists, external links against a local server, the live site against the build.
 */
const NOW = "2026-12-02T09:00:00+08:00";
const head = (title: string, extra = "") => `---\ntitle: ${title}\ndate: 2026-11-20 09:00\ndateReason: 测试\ncategory: submitted\nsource: 县政府办公室\nunit: office\n${extra}---\n`;
interface Report {
  findings: { rule: string; page: string; target?: string; pages?: string[]; message: string }[];
  warnings: { rule: string; page: string; target?: string }[];
  checked: { external: boolean; live: string | null };
  verdicts: { rule: string; pass: boolean }[];
  pages: number;
}
const json = (stdout: string) => JSON.parse(stdout) as Report;
const rules = (r: Report) => r.findings.map((f) => f.rule);

let root = "";
let dist = "";
const copies: string[] = [];
/** A copy of the built site to tamper with. */
function distCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "sanshen-inspect-"));
  cpSync(dist, dir, { recursive: true });
  copies.push(dir);
  return dir;
}
const inspect = (args: string[], env: Record<string, string> = {}) => runScriptAsync("inspect", ["--root", root, "--now", NOW, ...args], env);

beforeAll(() => {
  root = portalCopy();
  const policy = join(root, "content/open/policy/2026/enterprise-support.md");
  writeFileSync(policy, readFileSync(policy, "utf8").replace(/^topic: .*$/m, (line) => `${line}\nvalidity: repealed\nreplacedBy: 无`));
  writeIn(root, "content/news/updates/2026/links.md", head("相关链接") + "见[常务会议](/news/updates/2026/county-meeting/#nowhere)、[旧稿](/news/updates/2026/missing/)和[支持措施](/open/policy/2026/enterprise-support/)。\n");
  writeIn(root, "content/news/updates/2026/expired.md", head("已过期的通知", "expires: 2026-11-30\n") + "正文。\n");
  dist = mkdtempSync(join(tmpdir(), "sanshen-dist-"));
  const r = runScript("build", ["--root", root, "--out", dist], REPO, { SANSHEN_CACHE: join(REPO, "node_modules", ".astro-tests", basename(dist)), CI: "1" });
  expect(r.code, r.stderr).toBe(0);
}, 120_000);
afterAll(() => {
  for (const d of [dist, ...copies]) rmSync(d, { recursive: true, force: true });
});

describe("npm run inspect", () => {
  it("asks for a build first when there is none, with its rule id and no stack", async () => {
    const r = await inspect(["--dist", join(root, "no-such-dist")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("INSPECT.NO_BUILD");
    expect(r.stderr).toContain("请先生成网站");
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it("finds broken links and anchors, leaves the build's expired item alone, and ends with the national verdicts", async () => {
    const r = await inspect(["--dist", dist, "--json"]);
    expect(r.code, r.stderr).toBe(1);
    const report = json(r.stdout);
    const page = "/news/updates/2026/links/";
    expect(report.findings).toContainEqual(expect.objectContaining({ rule: "INSPECT.BROKEN_LINK", page, target: "/news/updates/2026/missing/" }));
    expect(report.findings).toContainEqual(expect.objectContaining({ rule: "INSPECT.BROKEN_ANCHOR", page, target: "/news/updates/2026/county-meeting/#nowhere" }));
    // The build leaves an expired item out of the sitemap and the search index (tampered below to show the finding).
    expect(rules(report)).not.toContain("INSPECT.EXPIRED_IN_SITEMAP");
    expect(rules(report)).not.toContain("INSPECT.EXPIRED_IN_SEARCH");
    // The policy list marks the repealed document (（已废止）): only the article's own unmarked link is noted.
    expect(report.warnings.filter((w) => w.rule === "INSPECT.INVALID_UNMARKED").map((w) => w.page)).toEqual([page]);
    // The repealed document has its banner: only the unmarked link to it is noted.
    expect(rules(report)).not.toContain("INSPECT.NO_BANNER");
    expect(report.warnings).toContainEqual(expect.objectContaining({ rule: "INSPECT.INVALID_UNMARKED", page, target: "/open/policy/2026/enterprise-support/" }));
    expect(report.checked).toMatchObject({ external: false, live: null });
    expect(report.verdicts.map((v) => v.rule)).toContain("NATIONAL.HOME_NOT_UPDATED");
    const text = await inspect(["--dist", dist]);
    expect(text.stdout).toContain("站内链接失效");
    expect(text.stdout).toContain("全国政府网站检查指标");
  });

  it("finds a repealed document without its banner, an expired item still on a list page or in the sitemap", async () => {
    const copy = distCopy();
    const doc = join(copy, "open/policy/2026/enterprise-support/index.html");
    writeFileSync(doc, readFileSync(doc, "utf8").replace(/<p class="banner"[\s\S]*?<\/p>/, ""));
    const list = join(copy, "news/updates/index.html");
    writeFileSync(list, readFileSync(list, "utf8").replace("</main>", '<a href="/news/updates/2026/expired/">已过期的通知</a></main>'));
    const sitemap = join(copy, "sitemap.xml");
    writeFileSync(sitemap, readFileSync(sitemap, "utf8").replace("</urlset>", "  <url><loc>https://test.example.gov.cn/news/updates/2026/expired/</loc></url>\n</urlset>"));
    const r = await inspect(["--dist", copy, "--json"]);
    const report = json(r.stdout);
    expect(report.findings).toContainEqual(expect.objectContaining({ rule: "INSPECT.EXPIRED_IN_SITEMAP", target: "/news/updates/2026/expired/" }));
    expect((await inspect(["--dist", copy])).stdout).toContain("过期信息仍在网站地图中");
    expect(report.findings).toContainEqual(expect.objectContaining({ rule: "INSPECT.NO_BANNER", page: "/open/policy/2026/enterprise-support/" }));
    expect(report.findings).toContainEqual(expect.objectContaining({ rule: "INSPECT.EXPIRED_LISTED", page: "/news/updates/", target: "/news/updates/2026/expired/" }));
  });

  it("re-scans published articles with a word added to the list today", async () => {
    const before = json((await inspect(["--dist", dist, "--json"])).stdout);
    const county = (r: Report) => r.findings.filter((f) => f.rule === "INSPECT.TEXT_RULE" && f.page === "/news/updates/2026/county-meeting/");
    expect(county(before)).toEqual([]);
    const block = join(root, "workflows/words/block.yaml");
    const original = readFileSync(block, "utf8");
    writeFileSync(block, original.replace("words: [绝密,", "words: [常务会议,"));
    try {
      const after = json((await inspect(["--dist", dist, "--json"])).stdout);
      expect(county(after)).toContainEqual(expect.objectContaining({ message: expect.stringContaining("content/news/updates/2026/county-meeting.md") }));
    } finally {
      writeFileSync(block, original);
    }
  });

  it("with --external: a dead link with the page linking it, robots.txt obeyed, retries on a flaky server", async () => {
    let flaky = 0;
    const server: Server = createServer((req, res) => {
      if (req.url === "/robots.txt") res.writeHead(200).end("User-agent: *\nDisallow: /private/\n");
      else if (req.url === "/ok") res.writeHead(200).end("ok");
      else if (req.url === "/flaky") res.writeHead(flaky++ < 1 ? 503 : 200).end();
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const copy = distCopy();
      const page = join(copy, "news/updates/2026/county-meeting/index.html");
      writeFileSync(page, readFileSync(page, "utf8").replace("</main>", `<a href="${base}/ok">好</a><a href="${base}/gone">坏</a><a href="${base}/flaky">时好时坏</a><a href="${base}/private/x">不让抓</a></main>`));
      for (const file of ["index.html", "news/updates/index.html"]) writeFileSync(join(copy, file), readFileSync(join(copy, file), "utf8").replace("</main>", `<a href="${base}/moved">已搬走</a></main>`));
      const r = await inspect(["--dist", copy, "--external", "--json"]);
      const report = json(r.stdout);
      const dead = report.findings.filter((f) => f.rule === "INSPECT.DEAD_LINK" && f.target?.startsWith(base) && f.target !== `${base}/moved`);
      expect(dead).toEqual([expect.objectContaining({ page: "/news/updates/2026/county-meeting/", pages: ["/news/updates/2026/county-meeting/"], target: `${base}/gone` })]);
      // A dead link on many pages is one finding naming its pages, not one per page.
      const twice = report.findings.filter((f) => f.rule === "INSPECT.DEAD_LINK" && f.target === `${base}/moved`);
      expect(twice).toEqual([expect.objectContaining({ pages: ["/", "/news/updates/"] })]);
      expect(report.warnings).toContainEqual(expect.objectContaining({ rule: "INSPECT.EXTERNAL_SKIPPED", target: `${base}/private/x` }));
      expect(report.checked.external).toBe(true);
    } finally {
      server.close();
    }
  });

  it("with --url: finds the tampered and the missing page of the live site", async () => {
    const live = distCopy();
    const tampered = join(live, "news/updates/2026/county-meeting/index.html");
    writeFileSync(tampered, readFileSync(tampered, "utf8").replace("常务会议", "被篡改的会议"));
    rmSync(join(live, "services/guides/2026/project-filing"), { recursive: true });
    const { url, server } = await serve(live);
    try {
      const report = json((await inspect(["--dist", dist, "--url", url, "--json"])).stdout);
      const of = (rule: string) => report.findings.filter((f) => f.rule === rule).map((f) => f.page);
      expect(of("INSPECT.LIVE_DIFFERENT")).toEqual(["/news/updates/2026/county-meeting/"]);
      expect(of("INSPECT.LIVE_MISSING")).toEqual(["/services/guides/2026/project-filing/"]);
    } finally {
      server.close();
    }
  });

  it("with --github: one 读网 issue, edited in place on the next run", async () => {
    const server = await fakeGitHub("office", "portal", { number: 1, title: "", author: "x", head: "h", base: "b", files: [], reviews: [], commits: [] }, {});
    try {
      const run = (d: string) => inspect(["--dist", d, "--github", "--repo", "office/portal", "--api-url", server.url], { GITHUB_TOKEN: "t" });
      expect((await run(dist)).stderr).toContain("新建 1 个");
      const copy = distCopy();
      const doc = join(copy, "open/policy/2026/enterprise-support/index.html");
      writeFileSync(doc, readFileSync(doc, "utf8").replace(/<p class="banner"[\s\S]*?<\/p>/, ""));
      expect((await run(copy)).stderr).toContain("更新 1 个");
      expect(server.issues).toHaveLength(1);
      expect(server.issues[0]!.labels.map((l) => l.name)).toEqual(["读网"]);
      expect(server.issues[0]!.body).toContain("失效、废止文件没有提示");
      expect(server.issues[0]!.body).not.toMatch(/npm run|--(external|full|url|dist)/);
    } finally {
      server.server.close();
    }
  });
});
