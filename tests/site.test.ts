import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runScript, STACK_TRACE } from "./helpers/cli.ts";
import { caseNames, portalCopy, REPO, writeIn } from "./helpers/portal.ts";

/** Builds a portal into a fresh folder with its own Astro cache. */
function build(root: string): { out: string; code: number; stdout: string; stderr: string } {
  const out = mkdtempSync(join(tmpdir(), "sanshen-dist-"));
  // Astro's cache must sit inside the app folder (Vite serves the data store from it).
  const cache = join(REPO, "node_modules", ".astro-tests", basename(out));
  const r = runScript("build", ["--root", root, "--out", out], REPO, { SANSHEN_CACHE: cache, CI: "1" });
  return { out, ...r };
}
const html = (out: string, path: string) => readFileSync(join(out, path, "index.html"), "utf8");
const meta = (page: string, name: string) => new RegExp(`<meta name="${name}" content="([^"]*)"`).exec(page)?.[1];

function pages(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? pages(dir, join(prefix, e.name)) : e.name === "index.html" ? [prefix] : [],
  );
}

describe("the sample portal", () => {
  let out = "";
  beforeAll(() => {
    const r = build(REPO);
    expect(r.code, r.stderr).toBe(0);
    out = r.out;
  });

  it("the home page carries the site's national meta tags and footer", () => {
    const home = html(out, "");
    expect(home).toMatch(/^<!DOCTYPE html><html lang="zh-CN">/);
    expect(meta(home, "SiteName")).toBe("示例市政协");
    expect(meta(home, "SiteDomain")).toBe("zx.example.gov.cn");
    expect(meta(home, "SiteIDCode")).toBe("6199000001");
    for (const text of ["主办单位：政协示例市委员会", "承办单位：政协示例市委员会办公室", "网站标识码：6199000001", "陕ICP备00000000号-1", "陕公网安备 61100000000001号", "网站地图", "我为政府网站找错", "党政机关"]) {
      expect(home).toContain(text);
    }
  });

  it("every article page shows its publish time to the minute and carries the article tags", () => {
    const articles = pages(out).filter((p) => /\/\d{4}\/[a-z0-9-]+$/.test(p));
    expect(articles.length).toBeGreaterThanOrEqual(60);
    for (const p of articles) {
      const page = html(out, p);
      expect(meta(page, "PubDate"), p).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      expect(page, p).toContain(`发布时间：<time datetime=`);
      expect(page).toContain(`>${meta(page, "PubDate")}</time>`);
      expect(meta(page, "ArticleTitle"), p).toBeTruthy();
      expect(meta(page, "ContentSource"), p).toBeTruthy();
      expect(meta(page, "ColumnName"), p).toBeTruthy();
      expect(meta(page, "ColumnType"), p).toBeTruthy();
    }
  });

  it("every listed item shows its date, a policy document with its 文号 and 有效性", () => {
    for (const p of ["", "news", "news/politics", "parties"]) {
      const items = [...html(out, p).matchAll(/<ul class="list">(.*?)<\/ul>/gs)].flatMap((m) => m[1]!.match(/<li>.*?<\/li>/gs) ?? []);
      expect(items.length, p).toBeGreaterThan(0);
      for (const li of items) expect(li, p).toMatch(/<time datetime="[^"]+">\d{4}-\d{2}-\d{2}<\/time>/);
    }
    const rows = html(out, "about/rules").match(/<tbody>.*?<\/tbody>/s)![0].match(/<tr[^>]*>.*?<\/tr>/gs)!;
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) expect(row).toMatch(/<td class="number">示政协(办)?发〔2026〕\d+号<\/td><td class="day"><time datetime="[^"]+">\d{4}-\d{2}-\d{2}<\/time><\/td><td class="validity">(有效|失效|废止)<\/td>/);
  });

  it("a policy document shows the disclosure table", () => {
    const policy = pages(out).find((p) => p.startsWith("about/rules/20"))!;
    const page = html(out, policy);
    for (const th of ["索引号", "发布机构", "文号", "成文日期", "发布日期", "主题分类", "有效性"]) expect(page).toContain(`<th scope="row">${th}</th>`);
  });

  it("no page runs JavaScript but the font switch, and search on the search page", () => {
    for (const p of pages(out)) {
      const scripts = html(out, p).match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? [];
      // The search page's one module (src/site/search-page.ts, bundled by Astro), which loads Pagefind.
      const other = scripts.filter((s) => !s.includes("sanshen-font-size") && !(p === "search" && /^<script type="module" src="\/_astro\/search\.astro_[^"]+\.js"><\/script>$/.test(s)));
      expect(other, p).toEqual([]);
    }
  });

  it("the header names the portal and its host unit", () => {
    expect(html(out, "")).toMatch(/<a class="brand" href="\/"><img src="\/brand\/emblem\.svg" alt="" width="64" height="64"><span><span class="site-name">示例市政协<\/span><span class="host-unit">政协示例市委员会<\/span>/);
  });

  it("link columns point out of the portal", () => {
    const home = html(out, "");
    expect(home).toContain('href="https://tian.zx.example.gov.cn/"');
  });

  it("has a 404 page and a site map", () => {
    expect(readFileSync(join(out, "404.html"), "utf8")).toContain("您访问的页面不存在");
    expect(html(out, "sitemap")).toContain("履职指南");
  });

  it("the 404 page names no canonical address (it is served at any missing one) and asks not to be indexed", () => {
    const notFound = readFileSync(join(out, "404.html"), "utf8");
    expect(notFound).not.toContain('rel="canonical"');
    expect(notFound).toContain('<meta name="robots" content="noindex">');
    expect(html(out, "sitemap")).toContain('<link rel="canonical" href="https://zx.example.gov.cn/sitemap/">');
  });

  it("marks 首页 as the current page on the home page only, and every page declares an icon the site has", () => {
    const all = pages(out);
    expect(all.length).toBeGreaterThan(100);
    for (const p of [...all, "404.html"]) {
      const page = p === "404.html" ? readFileSync(join(out, p), "utf8") : html(out, p);
      expect(page.includes('aria-current="page">首页</a>'), p || "home").toBe(p === "");
      const icon = page.match(/<link rel="icon" href="([^"]+)">/)?.[1];
      expect(icon, p).toBe("/favicon.svg");
    }
    expect(readFileSync(join(out, "favicon.svg"), "utf8")).toMatch(/^<svg /);
  });
});

describe("building other portals", () => {
  for (const name of caseNames(join(REPO, "examples"))) {
    it(`examples/${name} builds with --root`, () => {
      const r = build(join(REPO, "examples", name));
      expect(r.code, r.stderr).toBe(0);
      expect(meta(html(r.out, ""), "SiteName")).toBeTruthy();
    });
  }

  it("a portal that fails check is not built, and the clerk sees why", () => {
    const root = portalCopy();
    writeIn(root, "content/news/updates/2026/bad.md", "---\ntitle: 会议\n---\n正文\n");
    const r = build(root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/SCHEMA.REQUIRED/);
    expect(r.stderr).toMatch(/网站不予构建/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it("an article without a date is published at the moment it reached main", () => {
    const root = portalCopy();
    writeIn(root, "content/news/updates/2026/undated.md", "---\ntitle: 无日期稿件\ncategory: submitted\nsource: 县政府办公室\nunit: office\n---\n正文\n");
    const env = { ...process.env, GIT_COMMITTER_DATE: "2026-11-20T01:30:00Z", GIT_AUTHOR_DATE: "2026-11-20T01:30:00Z" };
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...args], { cwd: root, env, stdio: "pipe" });
    git("init", "-q", "-b", "main");
    git("add", ".");
    git("commit", "-qm", "publish");
    const r = build(root);
    expect(r.code, r.stderr).toBe(0);
    expect(meta(html(r.out, "news/updates/2026/undated"), "PubDate")).toBe("2026-11-20 09:30"); // 01:30 UTC is 09:30 in Beijing
  });
});

describe("publication rules", () => {
  const head = (extra: string) => `---\ntitle: 测试稿件\ncategory: submitted\nsource: 县政府办公室\nunit: office\n${extra}---\n正文。\n`;
  function portal(withdrawn: "notice" | "remove") {
    const root = portalCopy();
    writeIn(root, "workflows/site.yaml", readFileSync(join(root, "workflows/site.yaml"), "utf8") + `withdrawn: ${withdrawn}\n`);
    writeIn(root, "content/news/updates/2026/scheduled.md", head("date: 2099-01-01 09:00\nscheduled: true\n"));
    writeIn(root, "content/news/updates/2026/expired.md", head("date: 2026-01-05 09:00\ndateReason: 测试\nexpires: 2026-02-01\n"));
    writeIn(root, "content/news/updates/2026/withdrawn.md", head("date: 2026-03-05 09:00\ndateReason: 测试\nwithdrawn: { date: 2026-03-06 10:00, reason: 信息有误 }\nimage: { src: ./withdrawn-photo.png, alt: 会场 }\nattachments:\n  - { path: ./withdrawn-doc.pdf, title: 文件 }\n"));
    writeIn(root, "content/news/updates/2026/withdrawn-photo.png", "not really a png");
    writeIn(root, "content/news/updates/2026/withdrawn-doc.pdf", "%PDF-1.4\n%%EOF\n");
    return build(root);
  }

  it("a scheduled item is not built before its time; an expired or withdrawn one is not listed; a withdrawn one leaves a notice", () => {
    const r = portal("notice");
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(r.out, "news/updates/2026/scheduled/index.html"))).toBe(false);
    const list = html(r.out, "news/updates");
    expect(list).not.toContain("/news/updates/2026/expired/");
    expect(list).not.toContain("/news/updates/2026/withdrawn/");
    expect(existsSync(join(r.out, "news/updates/2026/expired/index.html"))).toBe(true);
    // Past its term it is no longer offered to readers (seed 002 第十五条): not in the sitemap, not found by search; its address still answers.
    expect(readFileSync(join(r.out, "sitemap.xml"), "utf8")).not.toContain("/news/updates/2026/expired/");
    expect(html(r.out, "news/updates/2026/expired")).not.toContain("data-pagefind-body");
    const notice = html(r.out, "news/updates/2026/withdrawn");
    expect(notice).toContain("本信息已于 2026-03-06 10:00 撤稿。原因：信息有误");
    expect(notice).not.toContain("<div class=\"body\">");
    expect(notice).not.toContain("data-pagefind-body"); // not found by search
    // The notice keeps neither the body nor the files: they are not online any more.
    expect(notice).not.toMatch(/withdrawn-(photo|doc)/);
    expect(existsSync(join(r.out, "news/updates/2026/withdrawn-doc.pdf"))).toBe(false);
    expect(existsSync(join(r.out, "news/updates/2026/withdrawn-photo.png"))).toBe(false);
    for (const feed of ["rss.xml", "atom.xml", "feed.json", "news/updates/rss.xml"]) {
      const text = readFileSync(join(r.out, feed), "utf8");
      expect(text, feed).toContain("/news/updates/2026/county-meeting/");
      expect(text, feed).not.toMatch(/2026\/(expired|withdrawn|scheduled)\//);
    }
  });

  it("with withdrawn: remove, a withdrawn item has no page at all", () => {
    const r = portal("remove");
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(r.out, "news/updates/2026/withdrawn/index.html"))).toBe(false);
  });
});

describe("page weight and meta tags on every page type", () => {
  let out = "";
  beforeAll(() => {
    out = build(REPO).out;
  });

  it("an article page's HTML and CSS stay within 50 KB", () => {
    for (const p of ["news/politics/2026/chairs-visit-grassroots-members", "about/rules/2026/member-duty-points-measures"]) {
      const page = html(out, p);
      const css = [...page.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => readFileSync(join(out, m[1]!), "utf8").length).reduce((a, b) => a + b, 0);
      expect(Buffer.byteLength(page) + css, p).toBeLessThanOrEqual(50 * 1024);
    }
  });

  it("every column page carries the column tags, and uses at most three main colours", () => {
    for (const p of pages(out).filter((x) => x && !/\/\d{4}\//.test(x) && !["search", "sitemap", "accessibility"].includes(x))) {
      const page = html(out, p);
      for (const name of ["SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType"]) {
        expect(meta(page, name), `${p} ${name}`).toBeTruthy();
      }
    }
    // Main colours: one hue (the red), with ink and paper and the greys between them. Every colour
    // the portal's styles and components use must belong to them; a blue link would make four.
    const sources = [join(REPO, "src/styles/portal.css"), ...readdirSync(join(REPO, "src/components")).map((f) => join(REPO, "src/components", f)), join(REPO, "src/layouts/Base.astro")];
    const colours = sources.flatMap((f) => [...readFileSync(f, "utf8").matchAll(/#([0-9a-f]{6}|[0-9a-f]{3})\b/gi)].map((m) => m[1]!));
    expect(colours.length).toBeGreaterThan(3);
    const hueBuckets = new Set(colours.map(hueBucket).filter((b) => b !== undefined));
    expect([...hueBuckets], colours.join(" ")).toHaveLength(1);
  });
});

/** The 30° hue bucket of a chromatic colour; undefined for greys, near-black and near-white (ink and paper). */
function hueBucket(hex: string): number | undefined {
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const light = (max + min) / 2;
  const saturation = max === min ? 0 : (max - min) / (1 - Math.abs(2 * light - 1));
  if (saturation < 0.15 || light < 0.08 || light > 0.985) return undefined;
  const d = max - min;
  const hue = max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return Math.floor(((hue * 60 + 15) % 360) / 30);
}
