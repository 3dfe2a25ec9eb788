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

/** The pages a reader browses: every index.html but the editors' own (the WeChat versions, the web editor), tested on their own. */
function pages(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (prefix === "" && EDITORS_PAGES.has(e.name) ? [] : pages(dir, join(prefix, e.name))) : e.name === "index.html" ? [prefix] : [],
  );
}
const EDITORS_PAGES = new Set(["wechat", "admin"]);

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

describe("the portal for its readers and its inspectors, on all five portals (issue 13)", () => {
  const portals = [["the sample", REPO], ...caseNames(join(REPO, "examples")).map((n) => [n, join(REPO, "examples", n)])] as const;
  const built = new Map<string, string>();
  beforeAll(() => {
    for (const [name, root] of portals) {
      const r = build(root);
      expect(r.code, r.stderr).toBe(0);
      built.set(name, r.out);
    }
  }, 240_000);
  const everyPage = (out: string) => [...pages(out).map((p) => ({ p, page: html(out, p) })), { p: "404.html", page: readFileSync(join(out, "404.html"), "utf8") }];

  it("no page shows an empty block: no 暂无信息, no list without items, no feed links for an empty column", () => {
    for (const [name] of portals) {
      for (const { p, page } of everyPage(built.get(name)!)) {
        expect(page, `${name} ${p}`).not.toContain("暂无信息");
        expect(page, `${name} ${p}`).not.toMatch(/<ul class="list[^"]*"><\/ul>/);
        if (/<p class="feeds">/.test(page)) expect(page, `${name} ${p}`).toMatch(/<ul class="list|<table class="docs"/);
      }
    }
  });

  it("no id is used twice on a page, and every image has its width and height", () => {
    for (const [name] of portals) {
      for (const { p, page } of everyPage(built.get(name)!)) {
        const ids = [...page.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
        expect(ids.filter((id, i) => ids.indexOf(id) !== i), `${name} ${p}`).toEqual([]);
        for (const img of page.match(/<img [^>]*>/g) ?? []) expect(img, `${name} ${p}`).toMatch(/ width="\d+" height="\d+"/);
      }
    }
  });

  it("a column's description and keywords say more than its name", () => {
    for (const [name] of portals) {
      for (const { p, page } of everyPage(built.get(name)!)) {
        const column = meta(page, "ColumnName");
        if (!column) continue;
        expect(meta(page, "ColumnDescription"), `${name} ${p}`).not.toBe(column);
        expect(meta(page, "ColumnKeywords"), `${name} ${p}`).not.toBe(column);
      }
    }
  });

  it("the footer can be verified: the 党政机关 image, 我为政府网站找错 by the site's code, the 公安 icon and record, the postcode", () => {
    for (const [name, root] of portals) {
      const home = html(built.get(name)!, "");
      const site = readFileSync(join(root, "workflows/site.yaml"), "utf8");
      const code = /^site_code: "?(\w+)"?/m.exec(site)![1]!;
      expect(home, name).toMatch(/<img src="\/brand\/[\w.-]+" alt="党政机关网站标识[^"]*" width="\d+" height="\d+">/);
      expect(home, name).toContain(`errorInfo_querySiteInfo.action?siteCode=${code}" rel="noopener">我为政府网站找错</a>`);
      expect(home, name).toMatch(/<img src="\/brand\/[\w.-]+" alt="" width="\d+" height="\d+">[^<]*公网安备/);
      expect(home, name).toContain(`邮编：${/postcode: "(\d{6})"/.exec(site)![1]}`);
      expect(home, name).not.toMatch(/<span[^>]*aria-label=/); // the W3C checker's one error: aria-label on a plain span
    }
    const sample = html(built.get("the sample")!, "");
    expect(sample).toContain('<a href="https://bszs.conac.cn/sitename?method=show&amp;id=00000000000000000000000000000001" rel="noopener"><img src="/brand/party-mark.svg"');
    expect(existsSync(join(built.get("the sample")!, "brand/party-mark.svg"))).toBe(true);
  });

  it("phone numbers are tel: links wherever a page shows them: footer, 办事指南 tables, article text", () => {
    const out = built.get("the sample")!;
    expect(html(out, "")).toContain('联系电话：<a href="tel:0914-0000000" class="tel">0914-0000000</a>');
    const guide = html(out, "duties/guides/2026/member-proposal-submission-guide");
    expect(guide).toContain('<th scope="row">咨询电话</th><td><a href="tel:0914-0000012" class="tel">0914-0000012</a></td>');
    expect(guide).toContain('<th scope="row">监督电话</th><td><a href="tel:0914-0000010" class="tel">0914-0000010</a></td>');
    expect(html(out, "about/organization/2026/organs-and-committees")).toContain('<a href="tel:0914-0000011">0914-0000011</a>');
    // No number left as plain text in any 办事指南 of the five portals.
    for (const [name] of portals) {
      for (const { p, page } of everyPage(built.get(name)!).filter((x) => x.page.includes("办事指南要素"))) {
        const cells = [...page.matchAll(/<th scope="row">(咨询电话|监督电话)<\/th><td>(.*?)<\/td>/g)];
        expect(cells.length, `${name} ${p}`).toBe(2);
        for (const [, , cell] of cells) expect(cell!.replace(/<a href="tel:[^"]+" class="tel">[^<]+<\/a>/g, ""), `${name} ${p}`).not.toMatch(/\d{5,}/);
      }
    }
  });

  it("a 办事指南 links 在线办理 and 表格下载 when the guide names them, and the form is published", () => {
    const out = built.get("the sample")!;
    expect(html(out, "duties/guides/2026/member-proposal-submission-guide")).toContain('<a href="https://tian.zx.example.gov.cn/" rel="noopener">在线办理</a>');
    expect(html(out, "open/application/2026/disclosure-application-guide")).toContain('<a href="/open/application/2026/disclosure-application-form.pdf">表格下载：政府信息公开申请表（PDF，1 KB）</a>');
    expect(readFileSync(join(out, "open/application/2026/disclosure-application-form.pdf")).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("政务公开: the five entries on the home page in the guideline's order, policy lists with 文号, 发布日期 and 有效性, a page per 主题分类 and per year, a 名称 row", () => {
    const out = built.get("the sample")!;
    const home = html(out, "");
    const entries = [...home.match(/<section class="open-entry".*?<\/section>/s)![0].matchAll(/<strong>([^<]+)<\/strong>/g)].map((m) => m[1]);
    expect(entries).toEqual(["信息公开指南", "信息公开制度", "法定主动公开内容", "信息公开年报", "依申请公开"]);
    const rules = html(out, "about/rules");
    expect(rules).toContain('<th scope="col">名称</th><th scope="col">文号</th><th scope="col">发布日期</th><th scope="col">有效性</th>');
    // 主题分类 and year pages list exactly their documents, and say which filter is on.
    const topic = html(out, "about/rules/topic/综合政务-政务公开");
    expect(topic).toContain("（主题分类：综合政务/政务公开）");
    expect(topic.match(/<tr[ >]/g)!.length - 1).toBe(1);
    expect(rules).toContain('href="/about/rules/topic/%E7%BB%BC%E5%90%88%E6%94%BF%E5%8A%A1-%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80/"');
    expect(html(out, "about/rules/year/2026").match(/<tr[ >]/g)!.length - 1).toBe(rules.match(/<tr[ >]/g)!.length - 1);
    expect(html(out, "about/rules/2026/member-duty-points-measures")).toContain('<tr><th scope="row">名称</th><td colspan="3">政协示例市委员会委员履职积分管理办法</td></tr>');
  });

  it("the home page shows each item once, the pinned notice first among the notices", () => {
    // The photo's image and caption are one item's two links.
    const home = html(built.get("the sample")!, "").replace(/<figure class="photo">.*?<\/figure>/s, "");
    const links = [...home.matchAll(/<a href="(\/[a-z-]+\/[a-z-]+\/\d{4}\/[^"]+\/)"/g)].map((m) => m[1]);
    expect(links.filter((l, i) => links.indexOf(l) !== i)).toEqual([]);
    const notices = home.match(/<section class="block" aria-labelledby="home-notices">.*?<\/section>/s)?.[0] ?? "";
    expect(notices).toMatch(/<ul class="list"><li><a href="[^"]+"><span class="pin">置顶<\/span>/);
  });

  it("an expired item's page says so; it is in no list, feed, site map or search index", () => {
    const out = built.get("the sample")!;
    const page = html(out, "news/notices/2026/livelihood-research-opinion-call");
    expect(page).toContain("本信息已过期（有效期至 2026-11-30）");
    expect(readFileSync(join(out, "sitemap.xml"), "utf8")).not.toContain("livelihood-research-opinion-call");
    expect(html(out, "news/notices")).not.toContain("livelihood-research-opinion-call");
  });
});
