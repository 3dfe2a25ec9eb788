import { parseHTML } from "linkedom";
import TurndownService from "turndown";
import { ATTACHMENT_NOTE, NUMBERED_POINT, ROLE } from "./official-document-styles.ts";

/**
 * An imported document's HTML (shaped by shape-document.ts) → the article's
 * Markdown body. Each paragraph of the source is a paragraph here; the text
 * means what it said (a `*` or a `1.` typed at the start of a line stays
 * text); tables stay tables, footnotes footnotes, pictures pictures.
 */

export interface BodyOptions {
  /** The file name a picture gets next to the article, by its src in the HTML; undefined: the picture cannot be kept. */
  pictureName: (src: string) => string | undefined;
  /** Alt text for a picture without caption or description: the article's title with the picture's number. */
  defaultAlt: (n: number) => string;
}

export interface ImportedBody {
  markdown: string;
  /** The pictures the body shows, in order, by their src in the HTML. */
  pictures: { src: string; name: string; alt: string }[];
  /** Pictures left out (src), e.g. a Word drawing in a format the web cannot show. */
  dropped: string[];
  /** Tables kept as HTML because Markdown cannot draw them (merged cells, several paragraphs in a cell). */
  htmlTables: number;
}

/** A soft line break, decided once the whole paragraph is known (see resolveBreaks). */
const SOFT_BREAK = "\uE000";
/** A line break that stays, as in a 落款 or a 附件说明. */
const HARD_BREAK = "\uE001";
/** A line that is a label and its value (联系人：张三, 电话：…): a list of such lines keeps its breaks. */
const LABEL = /^[\u4e00-\u9fff]{2,8}[：:]/;

/**
 * Escapes what Markdown would read as syntax, so text stays text: `*` `_`
 * `` ` `` `[` `]` `~` (GFM strikes through `1~3`) and `<`, `&` before what
 * looks like a tag or an entity; at a line's start also `#`, `>`, `-`, `+`,
 * `=` and `1.`/`1)`. Full-width punctuation is never touched.
 */
export function escapeMarkdownText(text: string): string {
  return escapeLineStart(
    text
      .replace(/\\/g, "\\\\")
      .replace(/([*_`[\]~|])/g, "\\$1")
      .replace(/<(?=[A-Za-z/!?])/g, "\\<")
      .replace(/&(?=#?[A-Za-z0-9]+;)/g, "\\&"),
  );
}

/** The escapes that matter only where a line starts. */
function escapeLineStart(line: string): string {
  return line.replace(/^(\d{1,9})([.)])(?=\s|$)/, "$1\\$2").replace(/^([#>+=-])/, "\\$1");
}

/** Turndown, taught the rules above. One instance per body: footnote numbers are per document. */
function converter(options: BodyOptions, found: ImportedBody, footnoteLabels: Map<string, number>): TurndownService {
  const service = new TurndownService({ headingStyle: "atx", bulletListMarker: "-", emDelimiter: "*", strongDelimiter: "**", hr: "---" });
  service.escape = escapeMarkdownText;

  service.addRule("line break", { filter: "br", replacement: () => SOFT_BREAK });

  service.addRule("paragraph", {
    filter: "p",
    replacement: (content, node) => {
      const el = node as HTMLElement;
      const keepBreaks = el.classList.contains(ROLE.signature) || el.classList.contains(ROLE.attachmentNote);
      // The first-line indent a clerk typed (full-width spaces) goes; what it hid at the line's start is escaped now.
      const text = escapeLineStart((keepBreaks ? content.replaceAll(SOFT_BREAK, HARD_BREAK) : content).replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, ""));
      return text ? `\n\n${text}\n\n` : "";
    },
  });

  // **bold** whose text starts or ends with punctuation does not close next to a Chinese character (CommonMark's flanking rules): the punctuation goes outside.
  const emphasis = (marker: string) => (content: string) => {
    const m = /^([\p{P}\p{S}\s\u3000]*)(.*?)([\p{P}\p{S}\s\u3000]*)$/su.exec(content)!;
    return m[2] ? `${m[1]}${marker}${m[2]}${marker}${m[3]}` : content;
  };
  service.addRule("strong", { filter: ["strong", "b"], replacement: emphasis("**") });
  service.addRule("emphasis", { filter: ["em", "i"], replacement: emphasis("*") });
  service.addRule("underline", { filter: (node) => ["U", "SPAN", "FONT"].includes(node.nodeName), replacement: (content) => content });

  // Turndown tries the rules added last first: the footnote rules come after the general ones they refine.
  service.addRule("superscript", { filter: ["sup", "sub"], replacement: (content, node) => `<${node.nodeName.toLowerCase()}>${content}</${node.nodeName.toLowerCase()}>` });
  service.addRule("footnote reference", {
    filter: (node) => node.nodeName === "SUP" && /^#(foot|end)note-/.test(node.querySelector("a")?.getAttribute("href") ?? ""),
    replacement: (_content, node) => {
      const id = (node as HTMLElement).querySelector("a")!.getAttribute("href")!.slice(1);
      if (!footnoteLabels.has(id)) footnoteLabels.set(id, footnoteLabels.size + 1);
      return `[^${footnoteLabels.get(id)}]`;
    },
  });
  service.addRule("footnotes", {
    filter: (node) => node.nodeName === "OL" && [...node.children].length > 0 && [...node.children].every((li) => /^(foot|end)note-/.test(li.id)),
    replacement: (_content, node) =>
      [...(node as HTMLElement).children]
        .map((li) => {
          li.querySelectorAll('a[href^="#footnote-ref-"], a[href^="#endnote-ref-"]').forEach((a) => a.remove());
          if (!footnoteLabels.has(li.id)) footnoteLabels.set(li.id, footnoteLabels.size + 1);
          const text = service.turndown(li as HTMLElement).replace(/\s*\n+\s*/g, " ").trim();
          return `\n\n[^${footnoteLabels.get(li.id)}]: ${text}`;
        })
        .join("") + "\n\n",
  });

  service.addRule("link", {
    filter: "a",
    replacement: (content, node) => {
      const href = (node as HTMLElement).getAttribute("href") ?? "";
      return /^(https?:\/\/|mailto:)/i.test(href) && content.trim() ? `[${content}](<${href.replace(/[<>\s]/g, encodeURIComponent)}>)` : content;
    },
  });

  service.addRule("picture", {
    filter: "img",
    replacement: (_content, node) => {
      const img = node as HTMLElement;
      const src = img.getAttribute("src") ?? "";
      const name = options.pictureName(src);
      if (!name) {
        found.dropped.push(src);
        return "";
      }
      const alt = img.getAttribute("data-alt") ?? options.defaultAlt(found.pictures.length + 1);
      found.pictures.push({ src, name, alt });
      return `![${escapeMarkdownText(alt)}](./${name})`;
    },
  });

  service.addRule("table", {
    filter: "table",
    replacement: (_content, node) => {
      const table = tableText(node as HTMLElement, options, found);
      return `\n\n${table}\n\n`;
    },
  });
  service.addRule("heading", {
    filter: ["h1", "h2", "h3", "h4", "h5", "h6"],
    replacement: (content, node) => {
      const text = content.replace(/[\uE000\uE001\s\u3000\u00a0]+/g, " ").trim();
      return text ? `\n\n${"#".repeat(Number(node.nodeName.charAt(1)))} ${text}\n\n` : "";
    },
  });
  service.remove(["script", "style", "noscript", "iframe", "object", "embed", "form", "button", "input", "select", "textarea", "canvas", "video", "audio"]);
  service.remove((node) => node.nodeName.toLowerCase() === "svg");
  return service;
}

const cellText = (cell: Element): string[] => {
  const paragraphs = [...cell.querySelectorAll("p, li")].map((p) => p.textContent ?? "");
  return (paragraphs.length ? paragraphs : [cell.textContent ?? ""]).map((t) => t.replace(/[\s\u3000\u00a0]+/g, " ").trim()).filter(Boolean);
};
const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * A table as GFM when Markdown can draw it (no merged cells, one paragraph a
 * cell, no picture inside; the first row is the header, as in Word tables),
 * else as HTML with only the tags and attributes check allows.
 */
function tableText(table: HTMLElement, options: BodyOptions, found: ImportedBody): string {
  const rows = [...table.querySelectorAll("tr")].filter((tr) => tr.closest("table") === table);
  const cells = rows.map((tr) => [...tr.children].filter((c) => c.tagName === "TD" || c.tagName === "TH"));
  const simple =
    cells.length > 0 &&
    cells.every((row) => row.length === cells[0]!.length) &&
    cells.flat().every((c) => !c.getAttribute("colspan") && !c.getAttribute("rowspan") && !c.querySelector("table, img") && cellText(c).length <= 1);
  if (simple) {
    const line = (row: Element[]) => `| ${row.map((c) => escapeMarkdownText(cellText(c)[0] ?? "").replace(/\\\|/g, "\\|")).join(" | ")} |`;
    return [line(cells[0]!), `|${cells[0]!.map(() => " --- |").join("")}`, ...cells.slice(1).map(line)].join("\n");
  }
  found.htmlTables++;
  const out = ["<table>"];
  for (const row of cells) {
    const tds = row.map((c) => {
      const tag = c.tagName.toLowerCase();
      const span = ["colspan", "rowspan"].map((a) => (Number(c.getAttribute(a)) > 1 ? ` ${a}="${Number(c.getAttribute(a))}"` : "")).join("");
      // A picture in a merged cell cannot be shown by an HTML table check allows: its alt text stands in, the picture follows the table.
      const pictures = [...c.querySelectorAll("img")].map((img) => `[图：${img.getAttribute("data-alt") ?? options.defaultAlt(found.pictures.length + 1)}]`);
      return `<${tag}${span}>${[...cellText(c), ...pictures].map(escapeHtml).join("<br>")}</${tag}>`;
    });
    out.push(`<tr>${tds.join("")}</tr>`);
  }
  out.push("</table>");
  return out.join("\n");
}

/**
 * Soft line breaks (Shift+Enter in Word, a wrapped line in a text file): a
 * break after a sentence, before a numbered point, or ending a short line
 * (an address, a list of names) stays; a break in the middle of a sentence
 * was only where the line ran out, and goes.
 */
export function resolveBreaks(markdown: string): string {
  const hard = (after: string) => `\\\n${escapeLineStart(after)}`;
  return markdown
    .split("\n")
    .map((line) => {
      if (!line.includes(SOFT_BREAK) && !line.includes(HARD_BREAK)) return line;
      const pieces = line.split(/([\uE000\uE001])/);
      let out = pieces[0]!.replace(/[\s\u3000\u00a0]+$/, "");
      let lineStart = 0;
      for (let i = 1; i < pieces.length; i += 2) {
        const after = pieces[i + 1]!.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, "");
        if (!after) continue;
        if (!out) {
          out = escapeLineStart(after);
          continue;
        }
        const current = out.slice(lineStart);
        const keep =
          pieces[i] === HARD_BREAK ||
          /[。！？!?；;：:”’」』）)]$/.test(current) ||
          current.replace(/\\/g, "").length <= 12 ||
          LABEL.test(current) ||
          LABEL.test(after) ||
          NUMBERED_POINT.test(after) ||
          ATTACHMENT_NOTE.test(after);
        if (keep) {
          out += hard(after);
          lineStart = out.lastIndexOf("\n") + 1;
        } else out += (/[A-Za-z0-9]$/.test(out) && /^[A-Za-z0-9]/.test(after) ? " " : "") + after;
      }
      return out;
    })
    .join("\n");
}

export function markdownFromHtml(html: string, options: BodyOptions): ImportedBody {
  const found: ImportedBody = { markdown: "", pictures: [], dropped: [], htmlTables: 0 };
  // linkedom's DOM, not turndown's built-in parser: the rules use the modern DOM (closest, classList, iterable lists).
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const markdown = converter(options, found, new Map()).turndown(document.body as unknown as HTMLElement);
  found.markdown = resolveBreaks(markdown)
    .split("\n")
    .map((line) => line.replace(/^[\u3000\u00a0]+/, "").replace(/[ \t]+$/, ""))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return found;
}
