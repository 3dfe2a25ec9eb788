import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../src/adapters/chromium.ts";
import { readLinkedFeeds } from "../src/adapters/linked-feeds.ts";
import { flattenColumns, type Column } from "../src/columns/column-tree.ts";
import { serve } from "../src/adapters/static-site.ts";
import { frontmatterData } from "../src/articles/frontmatter.ts";
import { latestItems, linkedItemsOf, linkedState, siteAddress } from "../src/columns/linked-columns.ts";
import { linkedVerdict } from "../src/site-inspection/site-inspection.ts";
import { runScript, runScriptAsync, STACK_TRACE } from "./helpers/cli.ts";
import { axeViolations } from "./helpers/axe.ts";
import { COUNTY_TITLES, hainanzhouSites, pointedAt, type HainanzhouSites } from "./helpers/hainanzhou-sites.ts";
import { portalCopy, REPO } from "./helpers/portal.ts";
import { pastedWechatVersion } from "./helpers/wechat-paste.ts";

/**
 * Issue 15's "done when", on the 海南州 example (seed 001 二（一）网上抓取,
 * 二（三）网站链接, and its 海南政务 WeChat account): `npm run crawl` against
 * the counties' and bureaus' sites (local servers standing in for their
 * hosts) imports their items as checked reprints; the build shows, under each
 * linked site, its latest items, and keeps showing them when the site is out
 * of reach; `inspect --linked` names the site that is down and the one that
 * is silent; a crawled article's WeChat version pastes with its picture.
 */
const NOW = "2026-12-07T10:00:00+08:00";

let sites: HainanzhouSites;
let root = "";
let out = "";
let cache = "";

beforeAll(async () => {
  sites = await hainanzhouSites();
  root = portalCopy(join(REPO, "examples/hainanzhou"));
  const columns = join(root, "workflows/columns.yaml");
  writeFileSync(columns, pointedAt(readFileSync(columns, "utf8"), sites.origins));
  out = mkdtempSync(join(tmpdir(), "sanshen-hainanzhou-"));
  cache = join(REPO, "node_modules", ".astro-tests", basename(out));
});
afterAll(() => sites.close());

const build = (more: string[] = []) => runScriptAsync("build", ["--root", root, "--out", out, ...more], { SANSHEN_CACHE: cache, CI: "1" });
const articlesIn = (folder: string) => (existsSync(join(root, "content", folder)) ? readdirSync(join(root, "content", folder), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".md")) : []);

describe("the 海南州 portal's channels", () => {
  it("crawls the counties' and bureaus' sites into the mapped columns as reprints that pass check; each failing source is named", async () => {
    const before = { counties: articlesIn("news/counties").length, departments: articlesIn("news/departments").length };
    const r = await runScriptAsync("crawl", ["--root", root, "--now", NOW, "--delay", "0.01", "--timeout", "3", "--json"]);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    const run = JSON.parse(r.stdout) as { ok: boolean; failed: string[]; sources: { url: string; column: string; imported: { file: string; title: string; pictures: number; attachments: number }[]; failures: { url: string; why: string }[]; problem?: string }[]; errors: unknown[] };
    expect(run.errors).toEqual([]);
    const of = (host: string) => run.sources.find((s) => s.url.startsWith(sites.origins[host as keyof typeof sites.origins]))!;
    // 共和县 (GBK): two of three, the broken page reported; its picture and attachment come along.
    expect(of("gonghe.example.gov.cn").imported.map((i) => [i.title, i.pictures, i.attachments]).sort()).toEqual([[COUNTY_TITLES[0], 1, 1], [COUNTY_TITLES[2], 0, 0]]);
    expect(of("gonghe.example.gov.cn").failures).toEqual([expect.objectContaining({ why: "HTTP 500" })]);
    expect(of("guide.example.gov.cn").imported.map((i) => i.title).sort()).toEqual(["贵德县召开黄河流域生态保护工作推进会", "贵德县开展冬季文化下乡活动"]);
    expect(of("fgw.hainanzhou.example.gov.cn").imported.map((i) => i.title)).toEqual(["州发改委召开重点项目推进会"]);
    expect(of("sthjj.hainanzhou.example.gov.cn").imported).toHaveLength(1);
    // The three that cannot be read, each with why; the others went on.
    expect(of("tongde.example.gov.cn").problem).toMatch(/robots\.txt 不允许抓取/);
    expect(of("xinghai.example.gov.cn").problem).toMatch(/列表页上没有找到任何条目：网站可能已改版/);
    expect(of("guinan.example.gov.cn").problem).toBe("无法读取（HTTP 404）");
    expect(sites.requests["tongde.example.gov.cn"]).not.toContain("/xwdt/");
    expect(run.ok).toBe(false);

    const counties = articlesIn("news/counties");
    expect(counties.length - before.counties).toBe(4); // 共和 2, 贵德 2
    expect(articlesIn("news/departments").length - before.departments).toBe(3); // 发改委, 生态环境局, 统计局
    const crawled = counties.map((f) => frontmatterData(readFileSync(join(root, "content/news/counties", f), "utf8"))!).filter((d) => String(d.sourceUrl).startsWith("http://127.0.0.1:"));
    expect(crawled.map((d) => [d.unit, d.source]).sort()).toEqual([["gonghe", "共和县人民政府网站·新闻动态"], ["gonghe", "共和县人民政府网站·新闻动态"], ["guide-county", "贵德县人民政府网站·新闻动态"], ["guide-county", "贵德县人民政府网站·新闻动态"]].sort());
    expect(crawled.every((d) => d.category === "reprint" && String(d.dateReason).endsWith("保留原发布时间"))).toBe(true);

    const check = runScript("check", ["--root", root]);
    expect(check.code, check.stdout + check.stderr).toBe(0);
  });

  it("shows under each linked site its address and latest items, read at build time; a site that does not answer leaves its link and never the build", async () => {
    const r = await build();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/读取链接网站的最新信息……完成（读到 6 个网站，1 个未能读取（HTTP 404：贵南县人民政府），不影响生成/);
    const homepages = readFileSync(join(out, "links/homepages/index.html"), "utf8");
    const gonghe = sites.origins["gonghe.example.gov.cn"];
    // 共和县: its list page's three entries, newest first, linking its own pages.
    expect(homepages).toContain(`<strong>共和县人民政府</strong><span class="address">${gonghe.replace("http://", "")}</span>`);
    const titles = [...homepages.matchAll(/<li><a href="([^"]+)" rel="noopener">([^<]+)<\/a><time datetime="([\d-]+)">/g)].map((m) => [m[1]!.startsWith(gonghe) ? "共和" : m[1]!.slice(0, 30), m[2], m[3]]);
    expect(titles.slice(0, 3)).toEqual([["共和", COUNTY_TITLES[2], "2026-12-03"], ["共和", COUNTY_TITLES[1], "2026-12-02"], ["共和", COUNTY_TITLES[0], "2026-12-01"]]);
    // 贵德县's feed carries a link to another site: not shown.
    expect(homepages).toContain("贵德县召开黄河流域生态保护工作推进会");
    expect(homepages).not.toContain("phishing.example.com");
    expect(homepages).toContain("州发改委召开重点项目推进会");
    // 贵南县 (gone) and 同德县 (no feed): name and address only.
    expect(homepages).toMatch(/<strong>贵南县人民政府<\/strong><span class="address">[^<]+<\/span><span class="visually-hidden">（外部网站）<\/span><\/a>\s*<\/li>/);
    const columnLinks = readFileSync(join(out, "links/column-links/index.html"), "utf8");
    expect(columnLinks).toContain("共和县2026年第三季度财政预算执行情况");
    expect(columnLinks).toContain("2026年10月海南州主要经济指标");
    // 共和县's 信息公开 page has a side menu under the same folder: the column's selectors pick the list.
    expect(columnLinks).not.toContain("机构职能");

    // Offline, the items read last stand in.
    const offline = await build(["--offline"]);
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.stdout).toMatch(/读到 0 个网站，6 个沿用上次读到的/);
    expect(readFileSync(join(out, "links/homepages/index.html"), "utf8")).toContain(COUNTY_TITLES[2]);
  });

  it("inspect --linked reports the linked site that is down and the one that is silent", async () => {
    const r = await runScriptAsync("inspect", ["--root", root, "--dist", out, "--now", NOW, "--linked", "--json"]);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    const report = JSON.parse(r.stdout) as { findings: { rule: string; page: string; target?: string; message: string }[]; warnings: { rule: string }[]; checked: { linked: boolean; external: boolean } };
    expect(report.checked).toMatchObject({ linked: true, external: false });
    const linked = report.findings.filter((f) => f.rule.startsWith("INSPECT.LINK"));
    // 贵南县 is gone: its address does not open, and its feed cannot be read.
    expect(linked.map((f) => [f.rule, f.page])).toEqual([
      ["INSPECT.LINK_COLUMN", "/links/homepages/"],
      ["INSPECT.LINKED_DOWN", "/links/homepages/"],
      ["INSPECT.LINKED_SILENT", "/links/column-links/"],
    ]);
    expect(linked[0]!.message).toBe(`链接栏目「贵南县人民政府」的网址 ${sites.origins["guinan.example.gov.cn"]}/ 打不开：HTTP 404`);
    linked.shift();
    expect(linked[0]!.message).toBe(`链接栏目「贵南县人民政府」读不到被链接网站的最新信息（${sites.origins["guinan.example.gov.cn"]}/xwdt/）：无法读取（HTTP 404）。请联系贵南县人民政府核实网站是否正常；地址改了，请更新栏目表（columns.yaml）中该栏目的 feed`);
    expect(linked[1]!.message).toBe("链接栏目「贵德县文化旅游」链接的网站已 97 天没有新信息（最新一条「贵德县梨花节活动圆满结束」发布于 2026-09-01），已到 14 天的更新期限：请督促贵德县人民政府及时更新");
    expect(r.code).toBe(1);
    const text = await runScriptAsync("inspect", ["--root", root, "--dist", out, "--now", NOW, "--linked"]);
    expect(text.stdout).toContain("被链接网站长期未更新（1 处，INSPECT.LINKED_SILENT）：");
  });

  describe("in Chromium", () => {
    let browser: Browser | undefined;
    let base = "";
    let close = () => {};
    beforeAll(async () => {
      const served = await serve(out);
      base = served.url;
      close = () => served.server.close();
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      close();
    });

    it("the linked sites' page fits a 375 px phone at the large font", async () => {
      const page = await browser!.newPage({ viewport: { width: 375, height: 812 } });
      await page.goto(`${base}/links/homepages/`);
      await page.evaluate(() => (document.documentElement.style.fontSize = "125%"));
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
      expect(await page.getByRole("list", { name: "共和县人民政府的最新信息" }).getByRole("link").count()).toBe(3);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    });

    it("a crawled article's WeChat version pastes into an editor with its text and picture", async () => {
      const file = articlesIn("news/counties").find((f) => readFileSync(join(root, "content/news/counties", f), "utf8").includes(COUNTY_TITLES[0]))!;
      const path = `news/counties/${file.replace(/\.md$/, "")}`;
      const pasted = await pastedWechatVersion(browser!, base, path);
      expect(pasted).toContain(COUNTY_TITLES[0]);
      expect(pasted).toContain("冬春农牧业生产工作会议");
      expect(pasted).toMatch(/<img[^>]+src="https:\/\/[a-z0-9.-]+\/news\/counties\/[^"]+\.png"/);
    });
  });
});

describe("a linked site's items", () => {
  const column = { url: "https://gonghe.example.gov.cn/", feed: { url: "https://www.gonghe.example.gov.cn/xwdt/rss.xml" }, name: "共和县人民政府", staleAfterDays: undefined };
  const now = new Date("2026-12-07T10:00:00+08:00");

  it("are the site's own pages, newest first, titles on one line and cut to length, no date from the future", () => {
    const items = latestItems([
      { url: "https://gonghe.example.gov.cn/a.html", title: "甲\n  乙", date: "2026-12-01" },
      { url: "javascript:alert(1)", title: "脚本" },
      { url: "https://evil.example.com/x", title: "别的网站" },
      { url: "https://www.gonghe.example.gov.cn/b.html", title: "丙".repeat(80), date: "2026-12-05 09:00" },
      { url: "https://gonghe.example.gov.cn/c.html", title: "明天的", date: "2026-12-09" },
      { url: "https://gonghe.example.gov.cn/a.html#top", title: "重复" },
      { url: "https://gonghe.example.gov.cn/d.html", title: "   " },
      { url: "https://xxgk.gonghe.example.gov.cn/e.html", title: "信息公开子站", date: "2026-11-30" },
      { url: "https://evilgonghe.example.gov.cn/f.html", title: "形似的网站" },
    ], [column.url, column.feed.url], now);
    expect(items).toEqual([
      { url: "https://www.gonghe.example.gov.cn/b.html", title: `${"丙".repeat(59)}…`, date: "2026-12-05 09:00" },
      { url: "https://gonghe.example.gov.cn/a.html", title: "甲 乙", date: "2026-12-01" },
      { url: "https://xxgk.gonghe.example.gov.cn/e.html", title: "信息公开子站", date: "2026-11-30" },
      { url: "https://gonghe.example.gov.cn/c.html", title: "明天的" },
    ]);
    // A feed listing only another site's pages is not a site with nothing new: it is read wrong.
    expect(linkedItemsOf({ items: [{ url: "https://evil.example.com/x", title: "别的网站" }], url: column.feed.url }, column, now)).toEqual({ problem: "列出的信息都不在该网站上（如 evil.example.com）：请核对 feed 地址" });
    // A feed that moved: items on the address that answered count as the site's.
    expect(linkedItemsOf({ items: [{ url: "https://new.example.cn/x.html", title: "搬家后" }], url: "https://new.example.cn/rss.xml" }, column, now)).toEqual([{ url: "https://new.example.cn/x.html", title: "搬家后" }]);
    expect(siteAddress("https://xn--fiqs8s.xn--io0a7i/%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80/")).toBe("中国.网络/信息公开");
  });

  it("are silent after two weeks, or the column's own stale_after", () => {
    const items = [{ url: "https://gonghe.example.gov.cn/a.html", title: "甲", date: "2026-11-23 18:00" }];
    expect(linkedState(items, column, now)).toMatchObject({ age: 14, silent: true, silentDays: 14 });
    expect(linkedState(items, { staleAfterDays: 30 }, now)).toMatchObject({ age: 14, silent: false });
    expect(linkedVerdict(column, "共和县人民政府", { items: [{ url: "https://gonghe.example.gov.cn/a.html", title: "甲" }], url: column.feed.url }, now)).toMatchObject({ rule: "INSPECT.LINKED_UNDATED", severity: "warning" });
    expect(linkedVerdict(column, "共和县人民政府", { problem: "x", robots: true }, now)?.message).toContain("robots.txt 不允许读取");
  });
});

describe("reading the linked sites at build time", () => {
  const column = (name: string, feed: string): Column => ({ ...flattenColumns([{ id: "x", name, kind: "link", url: feed, feed }])[0]! });

  it("ends a site that hangs at the deadline, names every column that shows a feed, and never throws on a damaged cache", async () => {
    const hanging = createServer(() => {}); // accepts, never answers
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    const feed = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/rss.xml`;
    const folder = mkdtempSync(join(tmpdir(), "sanshen-linked-"));
    writeFileSync(join(folder, "sanshen-linked-feeds.json"), JSON.stringify({ [feed]: { readAt: 7 }, other: null }));
    try {
      const started = Date.now();
      const read = await readLinkedFeeds([column("甲县网站", feed), column("甲县信息公开", feed)], folder, new Date(), { deadlineMs: 800 });
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(read.failed).toEqual([{ name: "甲县网站、甲县信息公开", why: "0.8 秒内没有读完", cached: false }]);
      expect(read.latest.size).toBe(0);
    } finally {
      hanging.closeAllConnections();
      hanging.close();
    }
  });
});

