import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import iconv from "iconv-lite";
import { REPO } from "./portal.ts";

/**
 * The counties' and bureaus' own sites the 海南州 example (seed 001) links and
 * crawls, each a small local HTTP server standing in for its host in
 * examples/hainanzhou/workflows/columns.yaml:
 *   共和县 (GBK, as many county sites still are): a list page of three
 *     articles, one of which is broken (HTTP 500), with a picture and an
 *     attachment, and its 信息公开 list page;
 *   同德县: a robots.txt that forbids crawling;
 *   贵德县: an RSS feed of its news, and a tourism list page silent since September;
 *   兴海县: a list page after a redesign (no entries where there were some);
 *   贵南县: gone (every address 404);
 *   州发改委: an Atom feed;
 *   州生态环境局, 州统计局: UTF-8 list pages (and 统计局's 统计公报);
 *   州网上办事大厅: its home page only.
 * Every host answers `/` (the link columns' addresses) except 贵南县.
 */

export const HOSTS = [
  "gonghe.example.gov.cn",
  "tongde.example.gov.cn",
  "guide.example.gov.cn",
  "xinghai.example.gov.cn",
  "guinan.example.gov.cn",
  "fgw.hainanzhou.example.gov.cn",
  "sthjj.hainanzhou.example.gov.cn",
  "tjj.hainanzhou.example.gov.cn",
  "zwfw.hainanzhou.example.gov.cn",
] as const;
export type Host = (typeof HOSTS)[number];

const PHOTO = readFileSync(join(REPO, "content/news/politics/2026/chairs-visit-grassroots-members.png"));
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

type Route = (res: ServerResponse, origin: string) => void;
const send = (type: string, body: string | Uint8Array | ((origin: string) => string | Uint8Array)): Route => (res, origin) =>
  res.writeHead(200, { "Content-Type": type }).end(typeof body === "function" ? body(origin) : body);
const html = (body: string | ((origin: string) => string)) => send("text/html; charset=utf-8", body);
const gbk = (text: string) => iconv.encode(text, "gbk");

const home = (name: string) => html(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>${name}</title></head><body><h1>${name}</h1><p>欢迎访问${name}网站。</p></body></html>`);

const page = (site: string, title: string, date: string, paragraphs: string[], extra = "") =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}_${site}</title><meta name="PubDate" content="${date}"></head><body>
<div class="nav"><a href="/">首页</a></div><div class="article"><h1>${title}</h1><div class="info">发布时间：${date} 来源：${site}</div>
<div class="content">${paragraphs.map((p) => `<p>${p}</p>`).join("\n")}${extra}</div></div><div class="footer">${site} 版权所有</div></body></html>`;

const list = (site: string, heading: string, items: [href: string, title: string, date: string][]) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${heading}_${site}</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="http://www.gov.cn/">中国政府网</a></div><h2>${heading}</h2>
<ul class="list">${items.map(([href, title, date]) => `<li><a href="${href}">${title}</a><span>${date}</span></li>`).join("\n")}</ul></body></html>`;

/** Paragraphs long and plain enough to be a real reprint (check's rules hold a crawled article too). */
const text = (what: string) => [
  `${what}，会议传达学习了全州有关工作会议精神，听取了前一阶段工作情况汇报，安排部署了下一阶段重点任务。`,
  "会议要求，各有关单位要提高思想认识，压实工作责任，细化工作措施，确保各项任务按时保质完成。",
  "会议强调，要加强统筹协调，密切配合，形成工作合力，及时研究解决工作中遇到的困难和问题。",
];

export const COUNTY_TITLES = ["共和县召开冬春农牧业生产工作会议", "共和县组织开展消防安全知识培训", "共和县开展冬季安全生产大检查"] as const;

const SITES: Record<Host, Record<string, Route>> = {
  "gonghe.example.gov.cn": {
    "/": home("共和县人民政府"),
    "/xwdt/": send("text/html; charset=gbk", gbk(list("共和县人民政府", "新闻动态", [
      ["./202612/t20261201_1.html", COUNTY_TITLES[0], "2026-12-01"],
      ["./202612/t20261202_2.html", COUNTY_TITLES[1], "2026-12-02"],
      ["./202612/t20261203_3.html", COUNTY_TITLES[2], "2026-12-03"],
    ]).replace('charset="utf-8"', 'charset="gbk"'))),
    "/xwdt/202612/t20261201_1.html": send("text/html; charset=gbk", gbk(page("共和县人民政府", COUNTY_TITLES[0], "2026-12-01 09:30", text("12月1日，共和县召开冬春农牧业生产工作会议"),
      '<p><img src="../../images/meeting.png" alt="会议现场"></p><p>附件：<a href="/xwdt/202612/W020261201.pdf">共和县冬春农牧业生产工作方案</a></p>').replace('charset="utf-8"', 'charset="gbk"'))),
    "/xwdt/202612/t20261202_2.html": (res) => res.writeHead(500).end("Internal Server Error"),
    "/xwdt/202612/t20261203_3.html": send("text/html; charset=gbk", gbk(page("共和县人民政府", COUNTY_TITLES[2], "2026-12-03 16:00", text("12月3日，共和县开展冬季安全生产大检查")).replace('charset="utf-8"', 'charset="gbk"'))),
    "/images/meeting.png": send("image/png", PHOTO),
    "/xwdt/202612/W020261201.pdf": send("application/pdf", PDF),
    "/xxgk/": html((o) => list("共和县人民政府", "政府信息公开", [
      ["./202611/t20261128_9.html", "共和县2026年第三季度财政预算执行情况", "2026-11-28"],
      ["./202611/t20261120_8.html", "共和县人民政府关于公布行政许可事项清单的通知", "2026-11-20"],
    ]).replace("<h2>", `<ul class="menu"><li><a href="${o}/xxgk/jgzn/index.html">机构职能与领导信息</a></li><li><a href="${o}/xxgk/zfxxgkzn/index.html">政府信息公开指南</a></li></ul><h2>`)),
  },
  "tongde.example.gov.cn": {
    "/": home("同德县人民政府"),
    "/robots.txt": send("text/plain", "User-agent: *\nDisallow: /xwdt/\n"),
    "/xwdt/": html(list("同德县人民政府", "新闻动态", [["./1.html", "不应抓取的文章标题", "2026-12-01"]])),
  },
  "guide.example.gov.cn": {
    "/": home("贵德县人民政府"),
    "/xwdt/": send("application/rss+xml; charset=utf-8", (o) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>贵德县人民政府·新闻动态</title><link>${o}/xwdt/</link>
<item><title>贵德县召开黄河流域生态保护工作推进会</title><link>${o}/xwdt/2026/1205.html</link><pubDate>Sat, 05 Dec 2026 02:00:00 GMT</pubDate></item>
<item><title>贵德县开展冬季文化下乡活动</title><link>${o}/xwdt/2026/1204.html</link><pubDate>Fri, 04 Dec 2026 03:00:00 GMT</pubDate></item>
<item><title>请点这里领取补贴</title><link>https://phishing.example.com/gift</link><pubDate>Fri, 04 Dec 2026 04:00:00 GMT</pubDate></item>
</channel></rss>`),
    "/xwdt/2026/1205.html": html(page("贵德县人民政府", "贵德县召开黄河流域生态保护工作推进会", "2026-12-05 10:00", text("12月5日，贵德县召开黄河流域生态保护工作推进会"))),
    "/xwdt/2026/1204.html": html(page("贵德县人民政府", "贵德县开展冬季文化下乡活动", "2026-12-04 11:00", text("12月4日，贵德县开展冬季文化下乡活动"))),
    "/lyfw/": html(list("贵德县人民政府", "文化旅游", [
      ["./202609/t20260901_1.html", "贵德县梨花节活动圆满结束", "2026-09-01"],
      ["./202608/t20260815_1.html", "贵德县黄河清旅游景区夏季开放公告", "2026-08-15"],
    ])),
  },
  "xinghai.example.gov.cn": {
    "/": home("兴海县人民政府"),
    // After a redesign the address shows a page with no entries in its folder.
    "/xwdt/": html(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>兴海县人民政府</title></head><body><p>网站改版中，敬请期待。</p><a href="/">返回首页</a></body></html>`),
  },
  "guinan.example.gov.cn": {},
  "fgw.hainanzhou.example.gov.cn": {
    "/": home("海南州发展和改革委员会"),
    "/gzdt/": send("application/atom+xml; charset=utf-8", (o) => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>州发展和改革委员会·工作动态</title><id>${o}/gzdt/</id><updated>2026-12-04T02:30:00Z</updated>
<entry><title>州发改委召开重点项目推进会</title><link href="${o}/gzdt/2026/1204.html"/><id>${o}/gzdt/2026/1204.html</id><updated>2026-12-04T02:30:00Z</updated></entry>
</feed>`),
    "/gzdt/2026/1204.html": html(page("海南州发展和改革委员会", "州发改委召开重点项目推进会", "2026-12-04 10:30", text("12月4日，州发改委召开全州重点项目推进会"))),
  },
  "sthjj.hainanzhou.example.gov.cn": {
    "/": home("海南州生态环境局"),
    "/gzdt/": html(list("海南州生态环境局", "工作动态", [["./2026/1202.html", "州生态环境局开展冬季大气污染防治督查", "2026-12-02"]])),
    "/gzdt/2026/1202.html": html(page("海南州生态环境局", "州生态环境局开展冬季大气污染防治督查", "2026-12-02 15:00", text("12月2日，州生态环境局开展冬季大气污染防治督查"))),
  },
  "tjj.hainanzhou.example.gov.cn": {
    "/": home("海南州统计局"),
    "/gzdt/": html(list("海南州统计局", "工作动态", [["./2026/1130.html", "州统计局部署年度统计调查工作", "2026-11-30"]])),
    "/gzdt/2026/1130.html": html(page("海南州统计局", "州统计局部署年度统计调查工作", "2026-11-30 09:00", text("11月30日，州统计局部署年度统计调查工作"))),
    "/tjgb/": html(list("海南州统计局", "统计公报", [
      ["./202611/t20261125_1.html", "2026年10月海南州主要经济指标", "2026-11-25"],
      ["./202610/t20261026_1.html", "2026年9月海南州主要经济指标", "2026-10-26"],
    ])),
  },
  "zwfw.hainanzhou.example.gov.cn": {
    "/": home("海南州网上办事大厅"),
  },
};

export interface HainanzhouSites {
  /** Each host's local origin (`http://127.0.0.1:port`). */
  origins: Record<Host, string>;
  /** Paths each host was asked for, in order. */
  requests: Record<Host, string[]>;
  close(): void;
}

export async function hainanzhouSites(): Promise<HainanzhouSites> {
  const servers: Server[] = [];
  const origins = {} as Record<Host, string>;
  const requests = {} as Record<Host, string[]>;
  for (const host of HOSTS) {
    requests[host] = [];
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      requests[host].push(req.url ?? "");
      const route = SITES[host][req.url ?? ""];
      if (route) route(res, origins[host]);
      else res.writeHead(404, { "Content-Type": "text/html; charset=utf-8" }).end("<h1>404 页面不存在</h1>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
    origins[host] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  return { origins, requests, close: () => servers.forEach((s) => s.close()) };
}

/** A portal's rule text with each fixture host's `https://` address pointed at its local server. */
export const pointedAt = (text: string, origins: Record<Host, string>): string => HOSTS.reduce((t, host) => t.replaceAll(`https://${host}`, origins[host]), text);
