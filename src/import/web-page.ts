import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import type { DocumentSource } from "./document-source.ts";
import { decodeTextFile } from "./plain-text.ts";

/** The charset a saved page declares (`<meta charset>` or the http-equiv form), read from its first bytes. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 4096));
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
}

/** A saved page's bytes → text, by its declared charset (gb2312 and gbk read as GB18030), else as a text file is read. */
export function decodeWebPage(bytes: Uint8Array): string {
  const charset = declaredCharset(bytes);
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
export function readWebPage(bytes: Uint8Array): DocumentSource {
  const { document } = parseHTML(decodeWebPage(bytes));
  const pageTitle = document.querySelector("title")?.textContent?.trim();
  const heading = document.querySelector("h1")?.textContent?.replace(/\s+/g, " ").trim();
  const article = new Readability(document as unknown as Document, { keepClasses: false }).parse();
  const html = article?.content ?? document.body?.innerHTML ?? "";
  const titleHint = heading || pageTitle?.replace(SITE_SUFFIX, "").trim() || article?.title?.trim() || undefined;
  return { html, pictures: new Map(), titleFromFirstLine: false, ...(titleHint ? { titleHint } : {}) };
}
