import { finding, type Finding } from "../findings/finding.ts";
import type { LineIndex } from "../content-safety/text-regions.ts";

/**
 * What a body pasted from Word turns into on the page, found before a reader
 * sees it. Word separates paragraphs with one line break and indents the
 * first line; Markdown joins lines without a blank line between them into one
 * paragraph and shows a line indented by four spaces as a code box. So a
 * pasted notice arrives as one run-on paragraph, its numbered points run
 * together, and an indented paragraph sits in a grey box.
 *
 * A line scan, not the Markdown parser: it runs on every body, and most
 * bodies need no parsing at all (check-markdown.ts skips them).
 */

const CJK = /[\u3400-\u9fff]/;
/** Lines Markdown itself gives a meaning: headings, lists, quotes, tables, HTML, fences, rules. */
const MARKDOWN_BLOCK = /^\s*(#{1,6}\s|[-*+]\s|\d{1,3}[.)]\s|>|\||<|```|~~~|([-*_])\s*\2\s*\2)/;
/** Numbered points of an official document: 一、 （一） 1. 1、 (1) ① 第一条. */
const NUMBERED = /^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,3}[.．、]|[①-⑳]|第[一二三四五六七八九十百\d]+[条章节])/;
/** A line that ends with a hard break (two spaces or a backslash): the writer chose a line break, not a new paragraph. */
const HARD_BREAK = /( {2,}|\\)$/;

export function checkWordPaste(file: string, body: string, bodyStart: number, lines: LineIndex): Finding[] {
  const out: Finding[] = [];
  const rows = body.split("\n");
  let offset = bodyStart;
  let fenced = false;
  let inList = false;
  let previousBlank = true;
  /** The run of prose lines that Markdown would join into one paragraph. */
  let run: { start: number; end: number; count: number; numbered: boolean } | undefined;
  const closeRun = () => {
    if (run && run.count > 1) {
      const at = lines.at(run.start);
      const what = run.numbered ? "编号的各条" : "这几行";
      const f = finding(
        file,
        "PASTE.LINES_MERGED",
        `从第 ${at.line} 行起的 ${run.count} 行之间没有空行，网页上${what}会连成一段：每段之间请空一行；只想换行不分段的，在行末加反斜杠 \\`,
        at,
        "warning",
      );
      // The office's automatic fix: a blank line between the lines, each its own paragraph.
      const joined = body.slice(run.start - bodyStart, run.end - bodyStart);
      f.fix = { start: run.start, end: run.end, text: joined.replace(/\n/g, "\n\n") };
      out.push(f);
    }
    run = undefined;
  };

  for (const row of rows) {
    const start = offset;
    offset += row.length + 1;
    if (/^\s*(```|~~~)/.test(row)) {
      fenced = !fenced;
      closeRun();
      previousBlank = false;
      continue;
    }
    if (fenced) continue;
    if (!row.trim()) {
      closeRun();
      previousBlank = true;
      continue;
    }
    if (/^\s*([-*+]|\d{1,3}[.)])\s/.test(row)) inList = true;
    else if (previousBlank && !/^\s/.test(row)) inList = false;

    // Four spaces or a tab after a blank line, outside a list: an indented code block.
    if (previousBlank && !inList && /^( {4,}|\t)/.test(row) && CJK.test(row)) {
      closeRun();
      const at = lines.at(start);
      const f = finding(file, "PASTE.INDENTED", "这一段开头有 4 个以上空格（多为 Word 的首行缩进），网页上会显示成灰色的代码框：请删去段首的空格，网站会自动排版", at, "warning");
      const indent = /^[ \t]+/.exec(row)![0].length;
      f.fix = { start, end: start + indent, text: "" };
      out.push(f);
      previousBlank = false;
      continue;
    }
    previousBlank = false;
    if (inList || MARKDOWN_BLOCK.test(row) || !CJK.test(row)) {
      closeRun();
      continue;
    }
    if (run) {
      run.count++;
      run.end = start + row.length;
      run.numbered ||= NUMBERED.test(row);
    } else {
      closeRun();
      run = { start, end: start + row.length, count: 1, numbered: NUMBERED.test(row) };
    }
    if (HARD_BREAK.test(row)) closeRun();
  }
  closeRun();
  return out;
}
