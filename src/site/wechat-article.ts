import { render } from "dom-serializer";
import { Element, isTag, Text, type ChildNode } from "domhandler";
import { parseDocument } from "htmlparser2";
import { editorsPageHead } from "../web-editor/editors-page.ts";
import { pubDate } from "./entries.ts";
import type { PageRoute } from "./page-plan.ts";

/**
 * An article as the 公众号 editor takes it (seed 001 publishes the same
 * reviewed content to the WeChat account): pasted HTML keeps only inline
 * styles, so every element carries its own; images need absolute addresses;
 * links outside WeChat are not followed there, so an outside link shows its
 * address after its words; no classes, ids or scripts. Tables keep borders
 * and padding on every cell, which the editor keeps when pasted.
 */
const STYLE: Record<string, string> = {
  section: "font-size:16px;line-height:1.8;color:#222;letter-spacing:0.5px;overflow-wrap:anywhere;",
  h1: "font-size:22px;line-height:1.4;font-weight:bold;margin:0 0 12px;",
  h2: "font-size:19px;line-height:1.5;font-weight:bold;margin:24px 0 12px;",
  h3: "font-size:17px;line-height:1.5;font-weight:bold;margin:20px 0 10px;",
  h4: "font-size:16px;font-weight:bold;margin:16px 0 8px;",
  p: "margin:0 0 16px;text-align:justify;",
  img: "display:block;max-width:100%;height:auto;margin:12px auto;",
  table: "border-collapse:collapse;width:100%;margin:12px 0;font-size:14px;",
  th: "border:1px solid #bbb;padding:6px 8px;background:#f3f3f3;font-weight:bold;text-align:left;",
  td: "border:1px solid #bbb;padding:6px 8px;vertical-align:top;",
  ul: "margin:0 0 16px;padding-left:24px;",
  ol: "margin:0 0 16px;padding-left:24px;",
  li: "margin:0 0 6px;",
  blockquote: "margin:0 0 16px;padding:8px 12px;border-left:4px solid #c8161d;background:#f7f7f7;color:#555;",
  strong: "font-weight:bold;",
  a: "color:#c8161d;",
  hr: "border:none;border-top:1px solid #ddd;margin:20px 0;",
};
const META = "font-size:14px;color:#888;margin:0 0 20px;overflow-wrap:anywhere;word-break:break-all;";

export interface WechatArticle {
  title: string;
  source: string;
  /** 发布时间 as the page shows it (to the minute). */
  publishedAt: string;
  /** The rendered body (the article page's own HTML). */
  body: string;
  /** The article page's absolute address, for 原文链接 and for making relative addresses absolute. */
  pageUrl: string;
}

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Every element styled inline, addresses absolute, outside links written out; the body's own structure kept. */
function restyle(nodes: ChildNode[], base: URL): ChildNode[] {
  const out: ChildNode[] = [];
  for (const node of nodes) {
    // By type, not instanceof: htmlparser2 builds its nodes with its own copy of domhandler.
    if (!isTag(node)) {
      out.push(node);
      continue;
    }
    const children = restyle(node.children as ChildNode[], base);
    const tag = node.name;
    if (tag === "script" || tag === "style") continue;
    if (tag === "section" && node.attribs["data-footnotes"] !== undefined) {
      // The 注释: kept as text under a rule, without the back links WeChat cannot follow.
      out.push(new Element("hr", { style: STYLE.hr! }), ...children);
      continue;
    }
    if (tag === "a") {
      const href = node.attribs.href ?? "";
      const words = children;
      if (href.startsWith("#") || node.attribs["data-footnote-backref"] !== undefined) {
        if (node.attribs["data-footnote-backref"] === undefined) out.push(...words);
        continue;
      }
      let target: URL | undefined;
      try {
        target = new URL(href, base);
      } catch {
        target = undefined;
      }
      if (!target || target.protocol === "tel:" || target.protocol === "mailto:") {
        out.push(...words);
        continue;
      }
      const text = render(words, { decodeEntities: false });
      out.push(new Element("span", { style: STYLE.a! }, words as never));
      // The address may break anywhere, so a justified line is filled rather than stretched around it.
      if (!text.includes(target.href)) out.push(new Element("span", { style: "word-break:break-all;" }, [new Text(`（${target.href}）`)] as never));
      continue;
    }
    const attribs: Record<string, string> = {};
    if (tag === "img") {
      try {
        attribs.src = new URL(node.attribs.src ?? "", base).href;
      } catch {
        continue;
      }
      attribs.alt = node.attribs.alt ?? "";
    }
    if ((tag === "td" || tag === "th") && node.attribs.colspan) attribs.colspan = node.attribs.colspan;
    if ((tag === "td" || tag === "th") && node.attribs.rowspan) attribs.rowspan = node.attribs.rowspan;
    const style = STYLE[tag];
    if (style) attribs.style = style;
    out.push(new Element(tag, attribs, children as never));
  }
  return out;
}

/** The article's WeChat-ready HTML: one <section> with the title, the source line, the body and the original's address. */
export function wechatSection(article: WechatArticle): string {
  const base = new URL(article.pageUrl);
  const body = render(restyle(parseDocument(article.body).children as ChildNode[], base), { decodeEntities: false, selfClosingTags: false });
  return [
    `<section style="${STYLE.section}">`,
    `<h1 style="${STYLE.h1}">${escapeText(article.title)}</h1>`,
    `<p style="${META}">来源：${escapeText(article.source)}　发布时间：${escapeText(article.publishedAt)}</p>`,
    body,
    `<p style="${META}margin-top:24px;">原文链接：${escapeText(article.pageUrl)}</p>`,
    "</section>",
  ].join("\n");
}

/**
 * The editors' page around it: what to do, a 复制全文 button (the one script
 * here: it copies the section as HTML and as text), and the section. Not in
 * any list, the site map or search, and not for search engines.
 */
export function wechatPage(article: WechatArticle): string {
  return `${editorsPageHead(`公众号版：${article.title}`)}
<body style="margin:0 auto;max-width:680px;padding:16px;font-family:sans-serif;">
<p style="font-size:14px;color:#555;">供网站编辑复制到微信公众号后台：点「复制全文」，到公众号编辑器的正文中粘贴；图片、表格随文粘贴。</p>
<p><button type="button" id="copy" style="font-size:16px;padding:6px 16px;">复制全文</button> <span id="copied" role="status" style="font-size:14px;color:#2a7a2a;"></span></p>
<hr>
<div id="wechat-article">
${wechatSection(article)}
</div>
<script>
document.getElementById("copy").addEventListener("click", async () => {
  const node = document.getElementById("wechat-article");
  const done = (text) => { document.getElementById("copied").textContent = text; };
  try {
    await navigator.clipboard.write([new ClipboardItem({ "text/html": new Blob([node.innerHTML], { type: "text/html" }), "text/plain": new Blob([node.innerText], { type: "text/plain" }) })]);
    done("已复制，请到公众号编辑器中粘贴");
  } catch {
    const range = document.createRange();
    range.selectNodeContents(node);
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    done(document.execCommand("copy") ? "已复制，请到公众号编辑器中粘贴" : "请按 Ctrl+C 复制选中的内容");
  }
});
</script>
</body>
</html>
`;
}

/** Where an article's WeChat page is: /wechat/<article path>/, beside nothing a reader browses. */
export const wechatPath = (articleId: string): string => `wechat/${articleId}`;

/**
 * The WeChat pages of a build: one for each article page (not a withdrawn
 * article's notice, not an item that only links elsewhere), with their paths.
 */
export function* wechatPages(routes: readonly PageRoute[], bodies: ReadonlyMap<string, string>, domain: string): Generator<[path: string, html: string]> {
  // One page at a time: 10,000 of them are 68 MB of text, never all held at once.
  for (const route of routes) {
    if (route.props.kind !== "article") continue;
    const { entry } = route.props;
    if (entry.data.withdrawn || entry.data.link) continue;
    yield [wechatPath(entry.id), wechatPage({ title: entry.data.title, source: entry.data.source, publishedAt: pubDate(entry), body: bodies.get(entry.id) ?? "", pageUrl: `https://${domain}/${route.path}/` })];
  }
}
