import { Parser } from "htmlparser2";
import type { Verdict } from "../columns/national-indicators.ts";
import { attributeUrls, LINK_ATTRIBUTES } from "../site/link-attributes.ts";
import { linkedItemsOf, linkedState, problemReason } from "../columns/linked-columns.ts";
import type { Column } from "../columns/column-tree.ts";
import type { SourceItems, SourceProblem } from "../crawl/source-items.ts";

/**
 * The daily 读网 of a built site (seed 002 第十五条、第十七条; 004): what a
 * reader would find broken, out of date or tampered with. Pure: the built
 * files' texts and the portal's facts in, findings out.
 */

export interface InspectionFinding {
  rule: string;
  /** The page (site path, e.g. /news/updates/) where the problem is seen. */
  page: string;
  /** What it points at, when the problem is a link. */
  target?: string;
  /** For an external link: every page that links it (`page` is the first). */
  pages?: string[];
  message: string;
}

export interface InspectionReport {
  now: string;
  dist: string;
  pages: number;
  /** Problems: each makes the run fail (exit 1). */
  findings: InspectionFinding[];
  /** Worth a look, not a failure. */
  warnings: InspectionFinding[];
  /** What was checked and what was left out (external links, live site). */
  checked: { internal: boolean; external: boolean; linked: boolean; live: string | null; rescan: boolean };
  verdicts: Verdict[];
}

/** One page's links and anchors. */
export interface PageLinks {
  /** Every href/src with the link's text (for <a>). */
  links: { href: string; text: string; tag: string }[];
  /** Every id and a[name] on the page. */
  ids: Set<string>;
  /** Texts of elements with class "banner". */
  banners: string[];
}

export function readPage(html: string): PageLinks {
  const links: PageLinks["links"] = [];
  const ids = new Set<string>();
  const banners: string[] = [];
  let anchor: { href: string; text: string; tag: string } | undefined;
  let bannerDepth = 0;
  let depth = 0;
  let bannerText = "";
  const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (attrs.id) ids.add(attrs.id);
        if (name === "a" && attrs.name) ids.add(attrs.name);
        if (!VOID.has(name)) depth++;
        if (bannerDepth === 0 && (attrs.class ?? "").split(/\s+/).includes("banner")) {
          bannerDepth = depth;
          bannerText = "";
        }
        if (name === "a" && attrs.href !== undefined) anchor = { href: attrs.href, text: "", tag: "a" };
        else if (name === "link" && (attrs.rel === "preconnect" || attrs.rel === "dns-prefetch")) return;
        else {
          // What a page links is the build's one list (the same that decides which files are published), plus scripts.
          for (const attribute of name === "script" ? ["src"] : (LINK_ATTRIBUTES[name] ?? [])) {
            const value = attrs[attribute];
            if (value) for (const href of attributeUrls(attribute, value)) links.push({ href, text: "", tag: name });
          }
        }
      },
      ontext(text) {
        if (anchor) anchor.text += text;
        if (bannerDepth) bannerText += text;
      },
      onclosetag(name) {
        if (name === "a" && anchor) {
          links.push({ ...anchor, text: anchor.text.trim() });
          anchor = undefined;
        }
        if (!VOID.has(name)) {
          if (bannerDepth === depth) {
            banners.push(bannerText.trim());
            bannerDepth = 0;
          }
          depth--;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return { links, ids, banners };
}

/** Site path of a built file: `news/index.html` → `/news/`, `rss.xml` → `/rss.xml`. */
export function sitePathOf(file: string): string {
  const p = `/${file.replaceAll("\\", "/")}`;
  return p.endsWith("/index.html") ? p.slice(0, -"index.html".length) : p;
}

/** The built file a site path is served from, if the site has one. */
export function fileFor(path: string, files: ReadonlySet<string>): string | undefined {
  const clean = path.replace(/^\/+/, "");
  const candidates = clean === "" ? ["index.html"] : clean.endsWith("/") ? [`${clean}index.html`] : [clean, `${clean}/index.html`, `${clean}.html`];
  return candidates.find((c) => files.has(c));
}

const SKIPPED = /^(mailto:|tel:|javascript:|data:|blob:)/i;

/** A link's target on this site (path and fragment), or undefined for another site. */
export function internalTarget(href: string, fromPath: string, origin: string): { path: string; hash: string } | undefined {
  if (SKIPPED.test(href.trim())) return undefined;
  let url: URL;
  try {
    url = new URL(href.trim(), new URL(fromPath, origin));
  } catch {
    return { path: href, hash: "" };
  }
  if (url.origin !== new URL(origin).origin) return undefined;
  let path = url.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // kept as written
  }
  return { path, hash: url.hash ? decodeURIComponent(url.hash.slice(1)) : "" };
}

export function isExternal(href: string): boolean {
  return /^https?:\/\//i.test(href.trim());
}

/** The facts about documents the inspection needs from the portal. */
export interface ItemFacts {
  /** Site path of the item's page, e.g. /news/updates/2026/x/. */
  url: string;
  title: string;
  /** Past its `expires` (到期): no list, sitemap, feed or search may still show it. */
  expired: boolean;
  /** 失效 or 废止 (validity): its page shows the banner. */
  invalid?: "失效" | "废止";
}

export interface SiteTexts {
  origin: string;
  /** Every built file, relative to dist with forward slashes. */
  files: ReadonlySet<string>;
  /** HTML pages by file. */
  html: ReadonlyMap<string, string>;
  /** sitemap.xml, rss.xml, atom.xml, feed.json … by file. */
  feeds: ReadonlyMap<string, string>;
  /** Pagefind's indexed page URLs (decoded fragments), when readable. */
  searchUrls?: ReadonlySet<string>;
  /** Site paths of list pages (columns and the home page). */
  listPages: ReadonlySet<string>;
  items: readonly ItemFacts[];
}

/** Internal links, anchors, expired items, banners of 失效/废止 documents. */
export function inspectSite(site: SiteTexts): { findings: InspectionFinding[]; warnings: InspectionFinding[]; external: Map<string, Set<string>> } {
  const findings: InspectionFinding[] = [];
  const warnings: InspectionFinding[] = [];
  const external = new Map<string, Set<string>>();
  const pages = new Map([...site.html].map(([file, html]) => [file, readPage(html)] as const));
  const byUrl = new Map(site.items.map((i) => [i.url, i]));
  for (const [file, page] of pages) {
    const from = sitePathOf(file);
    if (file === "404.html") continue;
    for (const link of page.links) {
      if (isExternal(link.href) && !internalTarget(link.href, from, site.origin)) {
        const url = link.href.trim().replace(/#.*$/, "");
        if (!external.has(url)) external.set(url, new Set());
        external.get(url)!.add(from);
        continue;
      }
      const target = internalTarget(link.href, from, site.origin);
      if (!target) continue;
      const targetFile = fileFor(target.path, site.files);
      if (!targetFile) {
        findings.push({ rule: "INSPECT.BROKEN_LINK", page: from, target: link.href, message: `链接「${link.text || link.href}」指向的 ${target.path} 在网站上不存在` });
        continue;
      }
      if (target.hash && link.tag === "a") {
        const targetPage = pages.get(targetFile);
        if (targetPage && !targetPage.ids.has(target.hash)) {
          findings.push({ rule: "INSPECT.BROKEN_ANCHOR", page: from, target: link.href, message: `链接「${link.text || link.href}」指向的锚点 #${target.hash} 在 ${target.path} 上不存在` });
        }
      }
      const item = byUrl.get(target.path.endsWith("/") ? target.path : `${target.path}/`);
      if (!item || item.url === from) continue;
      if (item.expired && site.listPages.has(from)) {
        findings.push({ rule: "INSPECT.EXPIRED_LISTED", page: from, target: item.url, message: `已过有效期的「${item.title}」仍列在本页` });
      }
      if (item.invalid && link.tag === "a" && !link.text.includes(item.invalid) && !item.expired) {
        warnings.push({ rule: "INSPECT.INVALID_UNMARKED", page: from, target: item.url, message: `链接到已${item.invalid}的「${item.title}」，链接文字没有注明「${item.invalid}」` });
      }
    }
  }
  for (const item of site.items) {
    const file = fileFor(item.url, site.files);
    if (item.expired) {
      for (const [feed, text] of site.feeds) {
        if (text.includes(`${site.origin.replace(/\/$/, "")}${encodeURI(item.url)}`) || text.includes(`${site.origin.replace(/\/$/, "")}${item.url}`)) {
          findings.push({ rule: feed === "sitemap.xml" ? "INSPECT.EXPIRED_IN_SITEMAP" : "INSPECT.EXPIRED_IN_FEED", page: `/${feed}`, target: item.url, message: `已过有效期的「${item.title}」仍在 ${feed} 里` });
        }
      }
      if (site.searchUrls && (site.searchUrls.has(item.url) || site.searchUrls.has(encodeURI(item.url)))) {
        findings.push({ rule: "INSPECT.EXPIRED_IN_SEARCH", page: "/search/", target: item.url, message: `已过有效期的「${item.title}」仍能在站内搜索中查到` });
      }
    }
    if (item.invalid && file) {
      const page = pages.get(file);
      if (page && !page.banners.some((b) => b.includes(item.invalid!))) {
        findings.push({ rule: "INSPECT.NO_BANNER", page: item.url, message: `「${item.title}」已${item.invalid}，页面上没有「本文件已${item.invalid}」的提示` });
      }
    }
  }
  return { findings, warnings, external };
}

/** How a fetched external link ended. */
export type LinkOutcome = { ok: true } | { ok: false; why: string } | { ok: "skipped"; why: string };

export function deadLinkFindings(external: ReadonlyMap<string, ReadonlySet<string>>, outcomes: ReadonlyMap<string, LinkOutcome>): { findings: InspectionFinding[]; warnings: InspectionFinding[] } {
  const findings: InspectionFinding[] = [];
  const warnings: InspectionFinding[] = [];
  for (const [url, linking] of external) {
    const outcome = outcomes.get(url);
    if (!outcome || outcome.ok === true || !linking.size) continue;
    // One finding per link, with every page that links it: a dead site linked from the footer is one problem, not a hundred.
    const pages = [...linking].sort();
    const where = pages.length > 1 ? `（${pages.length} 个页面链接它：${pages.slice(0, 5).join("、")}${pages.length > 5 ? " 等" : ""}）` : "";
    if (outcome.ok === "skipped") warnings.push({ rule: "INSPECT.EXTERNAL_SKIPPED", page: pages[0]!, target: url, pages, message: `外部链接 ${url} 未检查：${outcome.why}${where}` });
    else findings.push({ rule: "INSPECT.DEAD_LINK", page: pages[0]!, target: url, pages, message: `外部链接 ${url} 打不开：${outcome.why}${where}` });
  }
  return { findings, warnings };
}

/** Live pages against the build: missing or different bytes (a stale or tampered page). */
export function liveFindings(base: string, results: readonly { path: string; status: number | string; same: boolean }[]): InspectionFinding[] {
  return results.flatMap((r): InspectionFinding[] => {
    if (r.status !== 200) return [{ rule: "INSPECT.LIVE_MISSING", page: r.path, target: new URL(r.path, base).href, message: `线上网站没有这个页面（${typeof r.status === "number" ? `HTTP ${r.status}` : r.status}）` }];
    if (!r.same) return [{ rule: "INSPECT.LIVE_DIFFERENT", page: r.path, target: new URL(r.path, base).href, message: "线上页面与构建结果不一致：可能被篡改，或没有更新到最新构建" }];
    return [];
  });
}

const GROUPS: Record<string, string> = {
  "INSPECT.BROKEN_LINK": "站内链接失效",
  "INSPECT.BROKEN_ANCHOR": "页内锚点不存在",
  "INSPECT.DEAD_LINK": "外部链接打不开",
  "INSPECT.LINK_COLUMN": "链接栏目打不开",
  "INSPECT.LINKED_DOWN": "被链接网站读不到最新信息",
  "INSPECT.LINKED_SILENT": "被链接网站长期未更新",
  "INSPECT.LINKED_UNDATED": "被链接网站的信息没有日期",
  "INSPECT.EXPIRED_LISTED": "过期信息仍在列表中",
  "INSPECT.EXPIRED_IN_SITEMAP": "过期信息仍在网站地图中",
  "INSPECT.EXPIRED_IN_FEED": "过期信息仍在订阅源中",
  "INSPECT.EXPIRED_IN_SEARCH": "过期信息仍可搜索到",
  "INSPECT.NO_BANNER": "失效、废止文件没有提示",
  "INSPECT.TEXT_RULE": "按今天的词表和个人信息规则复查",
  "INSPECT.LIVE_MISSING": "线上网站缺少页面",
  "INSPECT.LIVE_DIFFERENT": "线上页面与构建结果不一致",
  "INSPECT.INVALID_UNMARKED": "链接到失效、废止文件未注明",
  "INSPECT.EXTERNAL_SKIPPED": "外部链接未检查",
};

function grouped(lines: string[], list: readonly InspectionFinding[]): void {
  const rules = [...new Set(list.map((f) => f.rule))];
  for (const rule of rules) {
    const of = list.filter((f) => f.rule === rule);
    lines.push("", `${GROUPS[rule] ?? rule}（${of.length} 处，${rule}）：`);
    for (const f of of) lines.push(`  ${f.page}：${f.message}`);
  }
}

/** The report for a person; `forClerk`: shown on GitHub, so it names no command line. */
export function renderInspectionText(report: InspectionReport, when: string, forClerk = false): string {
  const lines = [`读网结果（${when}，${report.pages} 个页面）：${report.findings.length ? `发现 ${report.findings.length} 处问题` : "未发现问题"}`];
  const left = [
    !report.checked.linked && (forClerk ? "链接栏目和被链接网站" : "链接栏目和被链接网站（加 --linked 检查）"),
    !report.checked.external && (forClerk ? "外部链接（每月全面检查时检查）" : "外部链接（加 --external 或 --full 检查）"),
    !report.checked.live && (forClerk ? "线上网站与构建是否一致" : "线上网站与构建是否一致（加 --url 检查）"),
  ].filter(Boolean);
  if (left.length) lines.push(`本次未检查：${left.join("；")}`);
  grouped(lines, report.findings);
  if (report.warnings.length) {
    lines.push("", "提醒（不计为问题）：");
    grouped(lines, report.warnings);
  }
  lines.push("", "全国政府网站检查指标（单项否决）与提前预警：");
  for (const v of report.verdicts) {
    const unit = v.rule.endsWith("HOME_NOT_UPDATED") ? "天" : "个";
    lines.push(`  ${v.pass ? "✓ 通过" : "✗ 未通过"}  ${v.description}（现为 ${v.count} ${unit}，达到 ${v.threshold} ${unit}即不通过）${v.columns.length && !v.pass ? `：${v.columns.join("、")}` : ""}`);
  }
  return lines.join("\n");
}

export const INSPECT_LABEL = "读网";
export const INSPECT_MARKER = "<!-- sanshen:inspect -->";

/** The one 读网 issue's body: the findings, for the office. */
export function inspectionIssueBody(report: InspectionReport, when: string): string {
  return `${INSPECT_MARKER}\n${renderInspectionText(report, when, true).split("\n").map((l) => (l.startsWith("  ") ? `- ${l.trim()}` : l)).join("\n")}\n`;
}

/** What `inspect --linked` says about one linked site whose items it tried to read: a finding, a note, or nothing. */
export interface LinkedVerdict {
  rule: "INSPECT.LINKED_DOWN" | "INSPECT.LINKED_SILENT" | "INSPECT.LINKED_UNDATED";
  severity: "finding" | "warning";
  message: string;
}

/**
 * A linked site down (its feed or list page cannot be read, lists nothing,
 * or lists only another site's pages), silent (its newest item as old as
 * the column allows or older: seed 004 县区及开发区公开栏目 "应在第一时间更新"),
 * or undated (nothing to judge by). `unit`: the name of the unit that
 * answers for the linked site.
 */
export function linkedVerdict(column: Pick<Column, "name" | "feed" | "url" | "staleAfterDays">, unit: string, read: SourceItems | SourceProblem, now: Date): LinkedVerdict | undefined {
  const feed = column.feed?.url ?? column.url ?? "";
  const items = linkedItemsOf(read, column, now, Number.POSITIVE_INFINITY);
  if ("problem" in items) {
    const advice = items.robots ? "请与该网站商量放行，或删去该栏目的 feed（只显示链接）" : `请联系${unit}核实网站是否正常；地址改了，请更新栏目表（columns.yaml）中该栏目的 feed`;
    const why = items.robots ? "该网站的 robots.txt 不允许读取" : problemReason(items.problem);
    return { rule: "INSPECT.LINKED_DOWN", severity: "finding", message: `链接栏目「${column.name}」读不到被链接网站的最新信息（${feed}）：${why}。${advice}` };
  }
  const state = linkedState(items, column, now);
  if (!state.newest) {
    return { rule: "INSPECT.LINKED_UNDATED", severity: "warning", message: `链接栏目「${column.name}」读到 ${items.length} 条信息，都没有发布日期，无法判断是否按时更新（${feed}）` };
  }
  if (!state.silent) return undefined;
  return {
    rule: "INSPECT.LINKED_SILENT",
    severity: "finding",
    message: `链接栏目「${column.name}」链接的网站已 ${state.age} 天没有新信息（最新一条「${state.newest.title}」发布于 ${state.newest.date!.slice(0, 10)}），已到 ${state.silentDays} 天的更新期限：请督促${unit}及时更新`,
  };
}
