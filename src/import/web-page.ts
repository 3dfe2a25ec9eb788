import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import type { DocumentSource } from "./document-source.ts";
import { decodeTextFile } from "./plain-text.ts";

/** The charset a page declares (`<meta charset>`, the http-equiv form, or an XML declaration's encoding), read from its first bytes. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 4096));
  return (/<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head) ?? /^\s*<\?xml[^>]+encoding\s*=\s*["']([\w-]+)/i.exec(head))?.[1]?.toLowerCase();
}

/** The charset of a Content-Type header (`text/html; charset=GBK`), lower case. */
export const headerCharset = (contentType: string | null | undefined): string | undefined => /charset\s*=\s*["']?([\w-]+)/i.exec(contentType ?? "")?.[1]?.toLowerCase();

/**
 * A page's bytes → text: by the charset the server's Content-Type names,
 * else the one the page declares (gb2312 and gbk read as GB18030), else as a
 * text file is read (a BOM, valid UTF-8, else GB18030).
 */
export function decodeWebPage(bytes: Uint8Array, fromHeader?: string): string {
  const charset = fromHeader ?? declaredCharset(bytes);
  if (charset && /^(gb2312|gbk|gb18030|x-gbk)$/.test(charset)) return new TextDecoder("gb18030").decode(bytes);
  if (charset && charset !== "utf-8" && charset !== "utf8") {
    try {
      return new TextDecoder(charset).decode(bytes);
    } catch {
      // an unknown label: read it as a text file
    }
  }
  return decodeTextFile(bytes).text;
}

/** A site name after the title in <title>: `标题_某某县人民政府` or `标题 - 某某网`. */
const SITE_SUFFIX = /\s*(?:[_|｜]|\s[-–—]\s).*$/;

/**
 * A saved web page (网页，全部 or 仅 HTML) → its article: Readability (the
 * reader view of Firefox) keeps the body and drops the site's navigation,
 * sidebars and footer. The page's own heading, when the body opens with it,
 * is the title; else the page's <title> without the site name.
 */
export function readWebPage(bytes: Uint8Array, fromHeader?: string): DocumentSource {
  return readWebPageText(decodeWebPage(bytes, fromHeader));
}

/** The same for a page already decoded. */
export function readWebPageText(text: string): DocumentSource {
  const { document } = parseHTML(text);
  const pageTitle = document.querySelector("title")?.textContent?.trim();
  const heading = document.querySelector("h1")?.textContent?.replace(/\s+/g, " ").trim();
  const article = new Readability(document as unknown as Document, { keepClasses: false }).parse();
  const html = article?.content ?? document.body?.innerHTML ?? "";
  const titleHint = heading || pageTitle?.replace(SITE_SUFFIX, "").trim() || article?.title?.trim() || undefined;
  return { html, pictures: new Map(), titleFromFirstLine: false, ...(titleHint ? { titleHint } : {}) };
}
