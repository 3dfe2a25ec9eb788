import { parseHTML } from "linkedom";
import {
  AFTER_SIGNATURE, altFromCaption, ATTACHMENT_NOTE, DOC_NUMBER, isShortLine, looksLikeCaption, meaningfulAlt, NUMBERED_POINT, ROLE, writtenDateOf,
} from "./official-document-styles.ts";

/**
 * The first pass over an imported document, whatever it came from: finds its
 * title, its 文号, its 附件说明 and 落款 and the captions under its pictures,
 * and marks them in the HTML for the Markdown pass (markdown-from-html.ts).
 */
export interface ShapedDocument {
  /** The document's HTML, its title (and, for a policy document, its 文号) taken out, its parts marked by ROLE classes. */
  html: string;
  title: string | undefined;
  /** How the title was found, for the clerk: the style, a heading, the first line. */
  titleFrom: "style" | "heading" | "first-line" | undefined;
  docNumber: string | undefined;
  /** 发文机关: the 落款's name lines. */
  issuer: string | undefined;
  /** 成文日期: the 落款's date. */
  writtenDate: string | undefined;
}

export interface ShapeOptions {
  /** A policy document: its 文号 moves from the text to the header. */
  documentFields?: boolean;
  /** The first short line may be the title (a Word or text file; not a web page, whose first line is often its date and source). */
  titleFromFirstLine?: boolean;
}

/** Elements that hold one paragraph of text (a table is one block; its cells are not the document's paragraphs). */
const BLOCKS = "p, h1, h2, h3, h4, h5, h6, li, table, figcaption, blockquote";

const textOf = (el: Element): string => (el.textContent ?? "").replace(/[\s\u3000\u00a0]+/g, " ").trim();
const has = (el: Element, role: string) => el.classList.contains(role);
const isHeading = (el: Element) => /^H[1-6]$/.test(el.tagName);
const hasPicture = (el: Element) => el.tagName === "IMG" || !!el.querySelector("img");

export function shapeDocument(html: string, { documentFields = false, titleFromFirstLine = true }: ShapeOptions = {}): ShapedDocument {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const body = document.body;
  const blocks = () =>
    [...body.querySelectorAll(BLOCKS)].filter((el) => !el.parentElement?.closest("table, li, blockquote") && (textOf(el) || hasPicture(el)));

  // 文号: among the first lines, before or after the title.
  let docNumber: string | undefined;
  const numberBlock = blocks().slice(0, 5).find((el) => !isHeading(el) && (has(el, ROLE.docNumber) || DOC_NUMBER.test(textOf(el))));
  if (numberBlock) {
    docNumber = textOf(numberBlock).replace(/\s+/g, "");
    if (documentFields) numberBlock.remove();
    else numberBlock.classList.add(ROLE.docNumber);
  }

  const { title, titleFrom } = takeTitle(blocks(), titleFromFirstLine);
  markAttachmentNotes(blocks());
  const signature = markSignature(blocks());
  markCaptions(blocks());
  joinLines(blocks(), ROLE.attachmentNote);
  joinLines(blocks(), ROLE.signature);

  return { html: body.innerHTML, title, titleFrom, docNumber, ...signature };
}

/** The title: a paragraph in a title style, else a heading that opens the document, else (when allowed) a short first line. It leaves the body: the page shows it as the heading. */
function takeTitle(blocks: Element[], fromFirstLine: boolean): Pick<ShapedDocument, "title" | "titleFrom"> {
  const opening = blocks.slice(0, 4).filter((el) => !has(el, ROLE.docNumber));
  let first = opening.find((el) => has(el, ROLE.title));
  let titleFrom: ShapedDocument["titleFrom"] = first ? "style" : undefined;
  if (!first && opening[0] && isHeading(opening[0])) [first, titleFrom] = [opening[0], "heading"];
  if (!first && fromFirstLine && opening[0]?.tagName === "P") {
    const text = textOf(opening[0]);
    if (isShortLine(text, 60) && !/[：:，,]$/.test(text) && !NUMBERED_POINT.test(text) && !writtenDateOf(text) && !hasPicture(opening[0])) {
      [first, titleFrom] = [opening[0], "first-line"];
    }
  }
  if (!first) return { title: undefined, titleFrom: undefined };
  // A long title set on two centred lines, or in two title paragraphs, is one title.
  const parts = [first];
  const centred = (el: Element) => has(el, ROLE.title) || has(el, ROLE.center);
  for (let next = blocks[blocks.indexOf(first) + 1]; next && centred(first) && centred(next) && parts.length < 3; next = blocks[blocks.indexOf(next) + 1]) {
    const text = textOf(next);
    if (!isShortLine(text, 60) || writtenDateOf(text) || DOC_NUMBER.test(text) || hasPicture(next)) break;
    parts.push(next);
  }
  const title = parts.map(textOf).join("");
  for (const el of parts) el.remove();
  return { title, titleFrom };
}

/** 附件说明: the note and the numbered lines that continue it (`2．分工表`), one part. */
function markAttachmentNotes(blocks: Element[]): void {
  let inNote = false;
  for (const el of blocks) {
    const text = textOf(el);
    if (el.tagName === "P" && (has(el, ROLE.attachmentNote) || ATTACHMENT_NOTE.test(text))) {
      el.classList.add(ROLE.attachmentNote);
      inNote = true;
    } else if (inNote && el.tagName === "P" && /^\d+\s*[.．、]/.test(text) && isShortLine(text, 60)) {
      el.classList.add(ROLE.attachmentNote);
    } else inNote = false;
  }
}

/**
 * 落款: the 成文日期 among the last lines, with the name lines right above it
 * (right-aligned or short), or whatever the clerk put in the 落款 style.
 */
function markSignature(blocks: Element[]): Pick<ShapedDocument, "issuer" | "writtenDate"> {
  const styled = blocks.filter((el) => has(el, ROLE.signature));
  let lines = styled;
  if (!styled.length) {
    const tail = blocks.slice(-4);
    const dateAt = tail.findLastIndex((el) => el.tagName === "P" && writtenDateOf(textOf(el)));
    if (dateAt < 0 || tail.slice(dateAt + 1).some((el) => !AFTER_SIGNATURE.test(textOf(el)))) return { issuer: undefined, writtenDate: undefined };
    const start = blocks.length - tail.length + dateAt;
    lines = [blocks[start]!, ...tail.slice(dateAt + 1)];
    for (let i = start - 1; i >= 0 && i >= start - 3; i--) {
      const el = blocks[i]!;
      const text = textOf(el);
      const nameLine = el.tagName === "P" && (has(el, ROLE.right) || isShortLine(text, 30)) && !/[：:，,]$/.test(text) && !NUMBERED_POINT.test(text) && !has(el, ROLE.attachmentNote) && !hasPicture(el);
      if (!nameLine) break;
      lines.unshift(el);
    }
  }
  for (const el of lines) el.classList.add(ROLE.signature);
  const texts = lines.map(textOf);
  const date = texts.map(writtenDateOf).find(Boolean);
  const names = texts.filter((t) => !writtenDateOf(t) && !AFTER_SIGNATURE.test(t));
  return { issuer: names.length ? names.join("、") : undefined, writtenDate: date };
}

/** A picture's alt text: the caption under it (图1 …, the 题注 style, or a short centred line), else what Word says when it says something. */
function markCaptions(blocks: Element[]): void {
  for (const img of blocks.flatMap((el) => (el.tagName === "TABLE" ? [] : [...el.querySelectorAll("img")]))) {
    const holder = img.closest("figure") ?? img.closest(BLOCKS);
    const figcaption = img.closest("figure")?.querySelector("figcaption");
    const next = holder ? blocks[blocks.indexOf(holder) + 1] : undefined;
    let caption: string | undefined;
    if (figcaption && textOf(figcaption)) caption = textOf(figcaption);
    else if (next && next.tagName === "P" && !hasPicture(next) && !has(next, ROLE.signature)) {
      const text = textOf(next);
      if (has(next, ROLE.caption) || looksLikeCaption(text, has(next, ROLE.center))) {
        next.classList.add(ROLE.caption);
        caption = text;
      }
    }
    const alt = caption ? altFromCaption(caption) : meaningfulAlt(img.getAttribute("alt") ?? undefined);
    if (alt) img.setAttribute("data-alt", alt);
  }
}

/** Consecutive paragraphs of one part (the 落款's lines, the 附件说明's) become one paragraph of lines. */
function joinLines(blocks: Element[], role: string): void {
  let head: Element | undefined;
  for (const el of blocks) {
    if (!has(el, role) || el.tagName !== "P") {
      head = undefined;
      continue;
    }
    if (!head) {
      head = el;
      continue;
    }
    head.append(head.ownerDocument.createElement("br"), ...el.childNodes);
    el.remove();
  }
}
