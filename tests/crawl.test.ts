import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crawlFetcher } from "../src/adapters/crawl-fetch.ts";
import { frontmatterData } from "../src/articles/frontmatter.ts";
import { articlePage } from "../src/crawl/article-page.ts";
import { feedItems, looksLikeFeed } from "../src/crawl/feed-items.ts";
import { listPageItems } from "../src/crawl/list-page.ts";
import { publishDateOf } from "../src/crawl/publish-date.ts";
import { decodeWebPage, headerCharset } from "../src/import/web-page.ts";
import { checkPortalFiles } from "../src/jobs/check.ts";
import { runScriptAsync } from "./helpers/cli.ts";
import { fakeGitHub } from "./helpers/fake-github.ts";
import { portalCopy, REPO } from "./helpers/portal.ts";

/**
 * 网上抓取 (seed 001 二（一）): "按照设定的地址，定时或不定时从各县、各部门网站
 * 抓取，将各网站已公开发布的信息与服务数据，导入州政府门户网站的相应栏目".
 * Tested against small local sites: a county's GBK list page with article
 * pages, a picture and an attachment, one page of it broken; a bureau's RSS
 * feed; a site whose robots.txt forbids crawling; a list page that is gone.
 */
const NOW = "2026-12-07T10:00:00+08:00";
const PHOTO = readFileSync(join(REPO, "content/news/politics/2026/chairs-visit-grassroots-members.png"));
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
const gbk = (text: string) => iconv.encode(text, "gbk");

interface Site {
  url: string;
  server: Server;
  requests: string[];
}

async function site(routes: Record<string, (res: ServerResponse) => void>): Promise<Site> {
  const requests: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(req.url ?? "");
    const route = routes[req.url ?? ""];
    if (route) route(res);
    else res.writeHead(404).end("not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, requests };
}

const send = (type: string, body: string | Uint8Array) => (res: ServerResponse) => res.writeHead(200, { "Content-Type": type }).end(body);

const countyArticle = (title: string, date: string, body: string) =>
  gbk(`<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>${title}_共和县人民政府</title>
<meta name="PubDate" content="${date}"></head><body><div class="nav"><a href="/">首页</a> <a href="/xwdt/">新闻动态</a></div>
<div class="article"><h1>${title}</h1><div class="info">发布时间：${date} 来源：共和县人民政府</div>
<div class="content">${body}</div></div><div class="footer">共和县人民政府 版权所有 青ICP备00000000号</div></body></html>`);

const COUNTY_BODY_1 = `<p>12月1日，共和县召开冬春农牧业生产工作会议，安排部署今冬明春农牧业生产各项工作。</p>
<p><img src="../../images/meeting.png" alt="会议现场"></p>
<p>会议要求，各乡镇要切实做好牲畜越冬保畜、防灾减灾和饲草料储备工作，确保牲畜安全越冬，保障农牧民群众生产生活秩序稳定。</p>
<p>会议还对冬季农田水利基本建设、农牧民技能培训等工作作了具体安排，要求各部门密切配合，狠抓落实。</p>
<p>附件：<a href="/xwdt/202612/W020261201.pdf">共和县冬春农牧业生产工作方案</a></p>`;
const COUNTY_BODY_2 = `<p>12月3日，共和县开展冬季安全生产大检查，重点检查了燃气、消防和道路交通安全等领域。</p>
<p>检查组深入企业、学校和集贸市场，现场查看安全隐患整改情况，督促相关单位落实安全生产主体责任。</p>
<p>县应急管理局表示，将持续加大检查力度，坚决防范和遏制各类安全事故发生，切实保障人民群众生命财产安全。</p>`;

const COUNTY_LIST = gbk(`<!DOCTYPE html><html><head><meta charset="gbk"><title>新闻动态_共和县人民政府</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="http://www.gov.cn/">中国政府网</a></div>
<ul class="list">
<li><a href="./202612/t20261201_1.html" title="共和县召开冬春农牧业生产工作会议">共和县召开冬春农牧业生产工作会议</a><span>2026-12-01</span></li>
<li><a href="./202612/t20261202_2.html">共和县组织开展消防安全知识培训</a><span>2026-12-02</span></li>
<li><a href="./202612/t20261203_3.html">共和县开展冬季安全生产大检查</a><span>2026-12-03</span></li>
</ul><div class="page"><a href="./index_1.html">下一页</a></div></body></html>`);

const FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>州发展和改革委员会·工作动态</title><link>BASE/gzdt/</link>
<item><title>州发改委召开重点项目推进会</title><link>BASE/gzdt/2026/1204.html</link><pubDate>Fri, 04 Dec 2026 02:30:00 GMT</pubDate></item>
</channel></rss>`;
const FEED_PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>州发改委召开重点项目推进会</title></head><body><header>州发展和改革委员会</header>
<article><h1>州发改委召开重点项目推进会</h1><p>12月4日，州发改委召开全州重点项目推进会，通报今年以来重点项目建设进展情况。</p>
<p>会议指出，要紧盯年度目标任务，倒排工期、挂图作战，加快推进在建项目建设进度，确保全年目标任务圆满完成。</p>
<p>会议要求，各县、各部门要强化要素保障，优化审批服务，全力以赴推动项目早开工、早建成、早见效。</p></article><footer>版权所有</footer></body></html>`;

let county: Site;
let bureau: Site;
let closed: Site;

beforeAll(async () => {
  county = await site({
    "/robots.txt": send("text/plain", "User-agent: *\nDisallow: /admin/\n"),
    "/xwdt/": send("text/html", COUNTY_LIST),
    "/xwdt/202612/t20261201_1.html": send("text/html; charset=GBK", countyArticle("共和县召开冬春农牧业生产工作会议", "2026-12-01 16:20", COUNTY_BODY_1)),
    "/xwdt/202612/t20261202_2.html": (res) => res.writeHead(500).end("error"),
    "/xwdt/202612/t20261203_3.html": send("text/html", countyArticle("共和县开展冬季安全生产大检查", "2026-12-03 09:05", COUNTY_BODY_2)),
    "/images/meeting.png": send("application/octet-stream", PHOTO),
    "/xwdt/202612/W020261201.pdf": send("application/pdf", PDF),
  });
  bureau = await site({});
  const feed = FEED.replaceAll("BASE", bureau.url);
  bureau.server.removeAllListeners("request");
  bureau.server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    bureau.requests.push(req.url ?? "");
    if (req.url === "/gzdt/rss.xml") send("application/rss+xml", feed)(res);
    else if (req.url === "/gzdt/2026/1204.html") send("text/html; charset=utf-8", FEED_PAGE)(res);
    else res.writeHead(404).end();
  });
  closed = await site({ "/robots.txt": send("text/plain", "User-agent: *\nDisallow: /\n"), "/xwdt/": send("text/html", "<a href='/xwdt/1.html'>不应抓取的文章标题</a>") });
});
afterAll(() => [county, bureau, closed].forEach((s) => s.server.close()));

/** The mini portal with 工作动态 fed by the four sources. */
function crawlPortal(): string {
  const root = portalCopy();
  const columns = join(root, "workflows/columns.yaml");
  const sources = [
    `{ url: "${county.url}/xwdt/", unit: office, name: 共和县人民政府网站, id: gonghe }`,
    `{ url: "${bureau.url}/gzdt/rss.xml", unit: bureau, type: feed, id: fgw-feed }`,
    `{ url: "${closed.url}/xwdt/", unit: office, name: 贵南县人民政府网站, id: guinan }`,
    `{ url: "${bureau.url}/gone/", unit: bureau, name: 州发改委网站·通知, id: fgw-gone }`,
  ];
  writeFileSync(
    columns,
    readFileSync(columns, "utf8").replace(
      "- { id: updates, name: 工作动态, kind: news, units: [office, bureau], timeliness: same-day }",
      `- id: updates\n      name: 工作动态\n      kind: news\n      units: [office, bureau]\n      timeliness: same-day\n      crawl:\n${sources.map((s) => `        - ${s}`).join("\n")}`,
    ),
  );
  return root;
}

const crawl = (root: string, more: string[] = [], env: Record<string, string> = {}) => runScriptAsync("crawl", ["--root", root, "--now", NOW, "--delay", "0.01", "--timeout", "3", "--json", ...more], env);

interface Summary {
  ok: boolean;
  failed: string[];
  sources: { id: string; found: number; skipped: number; imported: { file: string; title: string; date: string; pictures: number; attachments: number }[]; failures: { url: string; why: string }[]; problem?: string }[];
  errors: unknown[];
  pullRequest: { number: number; action: string } | null;
}

describe("reading what subordinate sites publish", () => {
  it("decodes a GBK page by its header, its meta charset, or its bytes", () => {
    const bytes = gbk("<html><head><meta charset=gb2312></head><body>共和县</body></html>");
    expect(decodeWebPage(bytes)).toContain("共和县");
    expect(decodeWebPage(gbk("<p>共和县人民政府</p>"))).toContain("共和县人民政府");
    expect(decodeWebPage(gbk("<p>兴海县</p>"), headerCharset("text/html; charset=GBK"))).toContain("兴海县");
    expect(headerCharset('text/html; charset="GB18030"')).toBe("gb18030");
  });

  it("reads publish times as sites write them, in Beijing time", () => {
    expect(publishDateOf("2026-12-01")).toBe("2026-12-01");
    expect(publishDateOf("发布时间：2026年12月1日 9:05")).toBe("2026-12-01 09:05");
    expect(publishDateOf("2026/12/3")).toBe("2026-12-03");
    expect(publishDateOf(new Date("2026-12-04T02:30:00Z"))).toBe("2026-12-04 10:30");
    expect(publishDateOf("no date here")).toBeUndefined();
  });

  it("finds a list page's entries under its own folder, with their dates; navigation and other sites are not entries", () => {
    const items = listPageItems(decodeWebPage(COUNTY_LIST), "https://gonghe.example.gov.cn/xwdt/");
    expect(items).toEqual([
      { url: "https://gonghe.example.gov.cn/xwdt/202612/t20261201_1.html", title: "共和县召开冬春农牧业生产工作会议", date: "2026-12-01" },
      { url: "https://gonghe.example.gov.cn/xwdt/202612/t20261202_2.html", title: "共和县组织开展消防安全知识培训", date: "2026-12-02" },
      { url: "https://gonghe.example.gov.cn/xwdt/202612/t20261203_3.html", title: "共和县开展冬季安全生产大检查", date: "2026-12-03" },
    ]);
    const bySelectors = listPageItems("<div class=row><a href='a.html'>甲</a><i>2026-11-30</i></div><div class=row><a href='b.html'>乙</a></div>", "https://x.example/list/", { item: ".row", date: "i" });
    expect(bySelectors.map((i) => [i.url.slice(-6), i.title, i.date])).toEqual([["a.html", "甲", "2026-11-30"], ["b.html", "乙", undefined]]);
  });

  it("reads an RSS feed's entries", () => {
    const text = FEED.replaceAll("BASE", "https://fgw.example.gov.cn");
    expect(looksLikeFeed(text)).toBe(true);
    expect(feedItems(text, "https://fgw.example.gov.cn/gzdt/rss.xml")).toEqual([{ url: "https://fgw.example.gov.cn/gzdt/2026/1204.html", title: "州发改委召开重点项目推进会", date: "2026-12-04 10:30" }]);
    expect(feedItems("<feed xmlns='http://www.w3.org/2005/Atom'><entry><title>甲</title><link href='/a.html'/><updated>2026-12-01T00:00:00Z</updated></entry></feed>", "https://x.example/atom.xml")).toEqual([{ url: "https://x.example/a.html", title: "甲", date: "2026-12-01 08:00" }]);
  });

  it("keeps an article page's body without the site's navigation and footer, and lists its picture and attachment", () => {
    const page = articlePage(decodeWebPage(countyArticle("标题", "2026-12-01 16:20", COUNTY_BODY_1)), "https://gonghe.example.gov.cn/xwdt/202612/t20261201_1.html");
    expect(page.date).toBe("2026-12-01 16:20");
    expect(page.html).toContain("冬春农牧业生产工作会议");
    expect(page.html).not.toContain("版权所有");
    expect(page.pictures).toEqual(["https://gonghe.example.gov.cn/images/meeting.png"]);
    expect(page.attachments).toEqual([{ url: "https://gonghe.example.gov.cn/xwdt/202612/W020261201.pdf", text: "共和县冬春农牧业生产工作方案" }]);
  });
});

describe("a polite fetcher", () => {
  it("asks one site one thing at a time, the delay apart, robots.txt first; a page that does not answer in time is a failure with why", async () => {
    const times: [string, number][] = [];
    const slow = await site({});
    slow.server.removeAllListeners("request");
    slow.server.on("request", (req: IncomingMessage, res: ServerResponse) => {
      times.push([req.url ?? "", Date.now()]);
      if (req.url === "/hang") return; // never answers
      res.writeHead(req.url === "/robots.txt" ? 404 : 200).end("ok");
    });
    try {
      const fetcher = crawlFetcher({ delayMs: 150, timeoutMs: 300, retries: 0, maxBytes: 1024 });
      const [a, b, hang] = await Promise.all([fetcher.get(`${slow.url}/a`), fetcher.get(`${slow.url}/b`), fetcher.get(`${slow.url}/hang`)]);
      expect([a.ok, b.ok]).toEqual([true, true]);
      expect(hang).toEqual({ ok: false, why: "0.3 秒内没有响应" });
      expect(times.map(([u]) => u)).toEqual(["/robots.txt", "/a", "/b", "/hang"]);
      for (let i = 1; i < times.length; i++) expect(times[i]![1] - times[i - 1]![1]).toBeGreaterThanOrEqual(140);
    } finally {
      slow.server.closeAllConnections();
      slow.server.close();
    }
  });
});

describe("npm run crawl", () => {
  it("names the sources it knows when --source names none", async () => {
    const run = await crawl(crawlPortal(), ["--source", "nowhere"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("栏目表中没有抓取来源「nowhere」：可用的来源有 gonghe、fgw-feed、guinan、fgw-gone");
  });

  it("imports new items as reprints with their pictures, reports the failing sources while the others succeed, and skips on a second run what it has", async () => {
    const root = crawlPortal();
    const started = Date.now();
    const first = await crawl(root);
    const seconds = (Date.now() - started) / 1000;
    expect(first.code, first.stderr).toBe(1);
    const out = JSON.parse(first.stdout) as Summary;
    const by = Object.fromEntries(out.sources.map((s) => [s.id, s]));

    // The county: two of three imported; the broken page is reported, not skipped silently.
    expect(by.gonghe!.found).toBe(3);
    expect(by.gonghe!.imported.map((a) => a.title)).toEqual(["共和县召开冬春农牧业生产工作会议", "共和县开展冬季安全生产大检查"]);
    expect(by.gonghe!.failures).toEqual([{ url: `${county.url}/xwdt/202612/t20261202_2.html`, title: "共和县组织开展消防安全知识培训", why: "HTTP 500" }]);
    // The feed: its one entry.
    expect(by["fgw-feed"]!.imported.map((a) => [a.title, a.date])).toEqual([["州发改委召开重点项目推进会", "2026-12-04 10:30"]]);
    // robots.txt says no: nothing but robots.txt was asked of that site.
    expect(by.guinan!.problem).toContain("robots.txt");
    expect(closed.requests).toEqual(["/robots.txt"]);
    // A list page that is gone.
    expect(by["fgw-gone"]!.problem).toContain("HTTP 404");
    expect(out.failed.sort()).toEqual(["fgw-gone", "gonghe", "guinan"]);
    expect(out.errors).toEqual([]);

    const meeting = by.gonghe!.imported[0]!;
    expect(meeting.file).toMatch(/^content\/news\/updates\/2026\/[a-z0-9-]+\.md$/);
    expect(meeting.pictures).toBe(1);
    expect(meeting.attachments).toBe(1);
    const text = readFileSync(join(root, meeting.file), "utf8");
    const fields = frontmatterData(text)!;
    expect(fields).toMatchObject({
      title: "共和县召开冬春农牧业生产工作会议",
      category: "reprint",
      source: "共和县人民政府网站",
      sourceUrl: `${county.url}/xwdt/202612/t20261201_1.html`,
      unit: "office",
      date: "2026-12-01 16:20",
      dateReason: "抓取自共和县人民政府网站，保留原发布时间",
    });
    expect(text).toContain("各乡镇要切实做好牲畜越冬保畜");
    expect(text).not.toContain("版权所有");
    const folder = join(root, "content/news/updates/2026");
    const picture = (fields.image as { src: string }).src.slice(2);
    expect(readFileSync(join(folder, picture))).toEqual(PHOTO);
    expect(text).toContain(`](./${picture})`);
    const pdf = (fields.attachments as { path: string; title: string }[])[0]!;
    expect(pdf.title).toBe("共和县冬春农牧业生产工作方案");
    expect(readFileSync(join(folder, pdf.path.slice(2)))).toEqual(PDF);
    expect(text).toContain("附件：共和县冬春农牧业生产工作方案\n"); // the body names it; the page lists it under 附件
    expect(frontmatterData(readFileSync(join(root, by["fgw-feed"]!.imported[0]!.file), "utf8"))).toMatchObject({ source: "县发展改革局", unit: "bureau", date: "2026-12-04 10:30" });

    // The whole portal checks clean with the new articles in it.
    if (process.env.SANSHEN_SHOW_CRAWL) console.log(text);
    expect(checkPortalFiles(root, undefined, new Date(NOW)).errors).toEqual([]);
    console.log(`crawl: 3 articles (2 pictures/attachments) in ${seconds.toFixed(2)} s including process start`);

    // Second run: what is there is skipped; only the broken page is tried again (and once more after its 500).
    const pagesBefore = county.requests.length;
    const second = JSON.parse((await crawl(root)).stdout) as Summary;
    const again = Object.fromEntries(second.sources.map((s) => [s.id, s]));
    expect(again.gonghe!.skipped).toBe(2);
    expect(again.gonghe!.imported).toEqual([]);
    expect(again["fgw-feed"]!.imported).toEqual([]);
    expect(county.requests.slice(pagesBefore).filter((r) => r.endsWith(".html"))).toEqual(["/xwdt/202612/t20261202_2.html", "/xwdt/202612/t20261202_2.html"]);
    expect(readdirSync(folder).filter((f) => f.endsWith(".md"))).toHaveLength(1 + 3); // the fixture's own article and the three
  }, 20_000);

  it("--github commits the run's articles on one branch and opens one pull request", async () => {
    const root = crawlPortal();
    const gh = await fakeGitHub("office", "portal", { number: 1, title: "x", author: "t-editor", head: "h", base: "main", files: [], reviews: [], commits: [] }, {});
    try {
      gh.seedBranch("main", { "workflows/columns.yaml": readFileSync(join(root, "workflows/columns.yaml"), "utf8") });
      const run = await crawl(root, ["--source", "news/updates", "--github", "--repo", "office/portal", "--api-url", gh.url], { GITHUB_TOKEN: "t" });
      const out = JSON.parse(run.stdout) as Summary;
      expect(out.pullRequest).toMatchObject({ number: 50, action: "created" });
      expect(gh.pulls).toHaveLength(1);
      const pull = gh.pulls[0]!;
      expect(pull.head).toMatch(/^crawl\/2026-12-07-1000$/);
      expect(pull.title).toBe("网上抓取：3 篇转载（2026-12-07）");
      expect(pull.body).toContain("抓取失败的来源");
      const files = out.sources.flatMap((s) => s.imported.map((a) => a.file));
      for (const file of files) expect(gh.fileOn(pull.head, file)).toBe(readFileSync(join(root, file), "utf8"));
      const picture = readdirSync(join(root, "content/news/updates/2026")).find((f) => f.endsWith(".png"))!;
      expect(Buffer.from(gh.bytesOn(pull.head, `content/news/updates/2026/${picture}`)!)).toEqual(PHOTO);
      expect(existsSync(join(root, files[0]!))).toBe(true);

      // The next run, on a checkout of main without that pull request merged: what it imports is skipped, no second pull request.
      const next = await crawl(crawlPortal(), ["--github", "--repo", "office/portal", "--api-url", gh.url], { GITHUB_TOKEN: "t" });
      const later = JSON.parse(next.stdout) as Summary;
      expect(later.sources.flatMap((s) => s.imported)).toEqual([]);
      expect(later.sources.find((s) => s.id === "gonghe")!.skipped).toBe(2);
      expect(later.pullRequest).toBeNull();
      expect(gh.pulls).toHaveLength(1);
    } finally {
      gh.server.close();
    }
  }, 20_000);
});
