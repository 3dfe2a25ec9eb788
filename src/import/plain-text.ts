import type { DocumentSource } from "./document-source.ts";
import { NUMBERED_POINT } from "./official-document-styles.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true });
const gb18030 = new TextDecoder("gb18030");

/**
 * A text file's bytes → text: UTF-8 (with or without BOM), UTF-16 with its
 * BOM (Notepad's "Unicode"), else GB18030, which reads GBK and GB2312 too
 * (what older Chinese Windows saves by default).
 */
export function decodeTextFile(bytes: Uint8Array): { text: string; encoding: "UTF-8" | "UTF-16" | "GB18030" } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "UTF-16" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "UTF-16" };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: utf8.decode(body), encoding: "UTF-8" };
  } catch {
    return { text: gb18030.decode(body), encoding: "GB18030" };
  }
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A plain-text document → HTML paragraphs. Each line is a paragraph, as
 * Notepad writes them, except a line wrapped by hand: one that runs to the
 * file's usual width without ending its sentence continues on the next line
 * (unless that one is indented or a numbered point), and the Markdown pass
 * joins the two.
 */
export function readPlainText(bytes: Uint8Array): DocumentSource & { encoding: string } {
  const { text, encoding } = decodeTextFile(bytes);
  const lines = text.replace(/\r\n?/g, "\n").split("\n").map((l) => l.replace(/[\s\u3000\u00a0]+$/, ""));
  const width = Math.max(0, ...lines.map((l) => l.trim().length));
  const wrapped = (line: string) => width >= 20 && line.trim().length >= width * 0.85 && !/[。！？!?；;：:”」』）)]$/.test(line);
  const blocks: string[][] = [];
  for (const [i, line] of lines.entries()) {
    if (!line.trim()) continue;
    const previous = lines[i - 1];
    const continues = previous?.trim() && wrapped(previous) && !/^[\s\u3000]/.test(line) && !NUMBERED_POINT.test(line);
    if (continues && blocks.length) blocks.at(-1)!.push(line);
    else blocks.push([line]);
  }
  const html = blocks.map((block) => `<p>${block.map(escapeHtml).join("<br>")}</p>`).join("\n");
  return { html, pictures: new Map(), titleFromFirstLine: true, encoding };
}
