import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFootnoteFromMarkdown } from "mdast-util-gfm-footnote";
import { gfmFootnote } from "micromark-extension-gfm-footnote";
import type { Nodes } from "mdast";
import { ASSET_EXTENSIONS, extensionOf, normalizePath } from "./location.ts";
import { appendAll, finding, type Finding } from "../findings/finding.ts";
import type { Portal } from "../workflows/portal.ts";
import { LineIndex } from "../content-safety/text-regions.ts";
import { hostIn } from "../content-safety/word-lists.ts";
import { markdownLimits, type LimitHit } from "../content-safety/markdown-limits.ts";

/**
 * Raw HTML, links and images in an article's body (seed 002: 不得与非法网站建立连接).
 * Articles are untrusted: raw HTML is an error but for a few table and text
 * tags; script, iframe, style, event handlers and javascript:/data: URLs
 * always are. The build sanitises as a second line of defence.
 */
const ALLOWED_TAGS = new Set(["table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col", "br", "sup", "sub"]);
const DANGEROUS_TAGS = new Set(["script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "link", "meta", "base", "form", "input", "button", "textarea", "svg", "math", "template"]);
const DANGEROUS_URL = /^\s*(javascript|data|vbscript):/i;
const IMAGE_EXTENSIONS = [".jpg", ".jpeg", ".png", ".webp", ".gif"];
const BARE_URL = /https?:\/\/[^\s<>()（），。；、“”]+/g;

export interface MarkdownInput {
  file: string;
  text: string;
  bodyStart: number;
  files: ReadonlySet<string>;
  /** Article ids and column paths, for links inside the portal. */
  internal: (path: string) => boolean;
}

export function checkMarkdown(input: MarkdownInput, portal: Portal): Finding[] {
  const body = input.text.slice(input.bodyStart);
  // Every body, before any parser: what passes here cannot overflow the build's recursive renderer.
  const limit = markdownLimits(body);
  if (limit) return [limitFinding(input.file, limit, new LineIndex(input.text).at(input.bodyStart + limit.offset))];
  // Parsing Markdown costs about 1 ms an article; most bodies have nothing to parse for.
  if (!/[<[]|https?:|www\./.test(body)) return [];
  const lines = new LineIndex(input.text);
  const at = (offset: number | undefined) => lines.at(input.bodyStart + (offset ?? 0));
  const out: Finding[] = [];
  const dir = input.file.slice(0, input.file.lastIndexOf("/") + 1);

  const checkUrl = (url: string, offset: number | undefined, image: boolean) => {
    if (DANGEROUS_URL.test(url)) {
      out.push(finding(input.file, "LINK.DANGEROUS", `链接「${url.slice(0, 40)}」会执行脚本：只能链接 http(s) 网址或本站文件`, at(offset)));
      return;
    }
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
    if (scheme === "mailto" || scheme === "tel") return;
    if (scheme === "http" || scheme === "https") {
      let host = "";
      try {
        host = new URL(url).hostname;
      } catch {
        out.push(finding(input.file, "LINK.INVALID", `「${url}」不是有效的网址：请核对`, at(offset)));
        return;
      }
      if (hostIn(host, portal.words.links.block)) {
        out.push(finding(input.file, "LINK.BLOCKED", `不得链接「${host}」：该网站在网站主管部门的外链黑名单中（workflows/words/links.yaml）`, at(offset)));
      } else if (scheme === "http") {
        out.push(finding(input.file, "LINK.INSECURE", `「${url}」是不加密的 http 链接：对方网站支持时请改为 https://`, at(offset), "warning"));
      }
      return;
    }
    if (scheme) {
      out.push(finding(input.file, "LINK.SCHEME", `不支持的链接类型「${scheme}:」：只能链接 http(s) 网址、邮箱（mailto:）或本站文件`, at(offset)));
      return;
    }
    if (url.startsWith("#")) return;
    const path = url.split(/[?#]/)[0]!;
    if (path.startsWith("/")) {
      if (!input.internal(path.replace(/^\/|\/$/g, ""))) {
        out.push(finding(input.file, "LINK.INTERNAL_MISSING", `本站链接「${url}」找不到对应的栏目或文章：请写成 /栏目路径/ 或 /栏目路径/年份/文件名/`, at(offset), "warning"));
      }
      return;
    }
    const ext = extensionOf(path);
    if (ext === ".md" || ext === ".mdx") {
      out.push(finding(input.file, "LINK.ARTICLE_FILE", `链接其他文章请写网址 /栏目路径/年份/文件名/，不要链接 .md 文件「${url}」`, at(offset)));
      return;
    }
    if (image ? !IMAGE_EXTENSIONS.includes(ext) : !(ASSET_EXTENSIONS as readonly string[]).includes(ext)) {
      out.push(finding(input.file, "ARTICLE.FILE_TYPE", `${image ? "图片" : "附件"}「${url}」的格式不支持：图片用 jpg/png/webp，附件用 pdf/docx/xlsx/ofd，视频用 mp4`, at(offset)));
      return;
    }
    if (!input.files.has(normalizePath(dir + decodeURI(path).replace(/^\.\//, "")))) {
      out.push(finding(input.file, "ARTICLE.FILE_MISSING", `${image ? "图片" : "附件"}「${url}」不存在：请把文件放在文章同一目录（${dir}），并核对文件名`, at(offset)));
    }
  };

  // A loop over an explicit stack, not recursion: no depth of nesting can overflow it.
  const visit = (node: Nodes): Nodes[] => {
    switch (node.type) {
      case "html":
        appendAll(out, checkHtml(input.file, node.value, at(node.position?.start.offset)));
        break;
      case "link":
      case "definition":
        checkUrl(node.url, node.position?.start.offset, false);
        break;
      case "image":
        checkUrl(node.url, node.position?.start.offset, true);
        if (!node.alt?.trim()) {
          out.push(finding(input.file, "IMAGE.ALT", "图片缺少替代文字：写成 ![图片内容的描述](文件名)，方便视障读者和搜索", at(node.position?.start.offset)));
        }
        break;
      case "text":
        for (const m of node.value.matchAll(BARE_URL)) checkUrl(m[0], (node.position?.start.offset ?? 0) + m.index, false);
        break;
      case "code":
      case "inlineCode":
        return [];
    }
    return "children" in node ? (node.children as Nodes[]) : [];
  };
  // Footnotes as the site reads them (GFM): `[^1]: 见《…》` is a note, not a link to a file named 见《…》.
  const pending: Nodes[] = [fromMarkdown(body, { extensions: [gfmFootnote()], mdastExtensions: [gfmFootnoteFromMarkdown()] })];
  while (pending.length) {
    const children = visit(pending.pop()!);
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]!);
  }
  return out;
}

const LIMIT_MESSAGES: Record<LimitHit["kind"], (limit: number) => [string, string]> = {
  block: (n) => ["MARKDOWN.TOO_DEEP", `正文的引用（>）或列表（- 1.）嵌套超过 ${n} 层：文章不需要这么深的嵌套，请检查是否误输入了一串「>」「-」或大量缩进，改为普通段落`],
  inline: (n) => ["MARKDOWN.TOO_DEEP", `正文同一段中未配对的 * _ ~ 或 [ 超过 ${n} 个：请删去多余的符号，或在要原样显示的符号前加反斜杠 \\`],
  html: (n) => ["MARKDOWN.TOO_DEEP", `正文中的 HTML 标签嵌套超过 ${n} 层：请补上缺少的结束标签（如 </sup>、</table>），或简化表格`],
  delimiters: (n) => ["MARKDOWN.TOO_COMPLEX", `正文（或其中一段）的 * _ ~ 符号超过 ${n} 个，网站无法在合理时间内排版：请分段并删去多余的符号`],
  brackets: (n) => ["MARKDOWN.TOO_COMPLEX", `正文（或其中一段）的方括号 [ 超过 ${n} 个，网站无法在合理时间内排版：请分段并删去多余的符号`],
};

function limitFinding(file: string, hit: LimitHit, at: { line: number; column: number }): Finding {
  const [rule, message] = LIMIT_MESSAGES[hit.kind](hit.limit);
  return finding(file, rule, message, { line: at.line, column: 1 });
}

/** Tags and attributes of one raw HTML fragment. A tokenizer, not a parser: anything unexpected is refused. */
function checkHtml(file: string, html: string, at: { line: number; column: number }): Finding[] {
  const out: Finding[] = [];
  // Closing tags add nothing to judge: each element is reported once, at its opening tag.
  for (const m of html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>?/g)) {
    const tag = m[1]!.toLowerCase();
    const attrs = m[2] ?? "";
    if (DANGEROUS_TAGS.has(tag) || /\bon\w+\s*=/i.test(attrs) || /(javascript|vbscript|data):/i.test(attrs)) {
      out.push(finding(file, "HTML.DANGEROUS", `正文中有会执行代码的 HTML「${m[0].slice(0, 50)}」：请删除；视频、地图等请联系网站主管部门`, at));
    } else if (!ALLOWED_TAGS.has(tag)) {
      out.push(finding(file, "HTML.NOT_ALLOWED", `正文中不能使用 HTML 标签 <${tag}>：请改用 Markdown（标题用 ##，加粗用 **文字**，图片用 ![描述](文件名)）；表格、上下标和换行可以用 HTML`, at));
    } else if (/\bstyle\s*=/i.test(attrs)) {
      out.push(finding(file, "HTML.NOT_ALLOWED", `HTML 标签 <${tag}> 不能带 style 样式：网站统一排版，请删除 style`, at));
    }
  }
  return out;
}
