import { finding, type Finding } from "../findings/finding.ts";

/** Largest Markdown file accepted; a real article is a few tens of KB. */
export const MAX_ARTICLE_BYTES = 1024 * 1024;

const utf8 = new TextDecoder("utf-8", { fatal: true });
const gb18030 = new TextDecoder("gb18030", { fatal: true });

/**
 * Bytes → text, or a finding that says what is wrong with the file and how to
 * fix it. UTF-8 is required; a BOM and CRLF line ends are tolerated (Windows
 * Notepad writes both). GBK/GB18030, which older Chinese Windows tools still
 * save by default, is recognised so the message can say how to convert.
 */
export function decodeArticle(file: string, bytes: Uint8Array): { text: string } | { finding: Finding } {
  if (bytes.length === 0) {
    return { finding: finding(file, "FILE.EMPTY", "文件是空的：请写入信息头和正文，或删除该文件") };
  }
  return decodeText(file, bytes, MAX_ARTICLE_BYTES);
}

/** Any text file of the portal (articles, the office's rule files): UTF-8 required, BOM and CRLF tolerated. */
export function decodeText(file: string, bytes: Uint8Array, maxBytes = 16 * MAX_ARTICLE_BYTES): { text: string } | { finding: Finding } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { finding: finding(file, "ENCODING.UTF16", "文件是 UTF-16 编码（记事本「Unicode」格式），须为 UTF-8：在记事本中「另存为」并选择编码 UTF-8") };
  }
  if (bytes.length > maxBytes) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    return {
      finding: finding(file, "FILE.TOO_LARGE", `文件有 ${mb} MB，超过文章上限 1 MB：大段数据请作为附件（xlsx/pdf）上传，正文只写说明`),
    };
  }
  if (bytes.subarray(0, 8192).includes(0)) {
    return { finding: finding(file, "ENCODING.BINARY", "这不是文本文件（可能是 Word、图片或压缩包改了扩展名）：请把 Word 中的文字复制到 .md 文件中，图片和附件用它们本来的扩展名") };
  }
  let body = bytes;
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) body = body.subarray(3);
  try {
    return { text: utf8.decode(body).replace(/\r\n?/g, "\n") };
  } catch {
    let gb = false;
    try {
      gb = /[\u4e00-\u9fff]/.test(gb18030.decode(body));
    } catch {
      gb = false;
    }
    const at = firstInvalidUtf8(body);
    return {
      finding: gb
        ? finding(file, "ENCODING.GBK", "文件是 GBK/GB18030 编码，须为 UTF-8：在记事本中「另存为」并选择编码 UTF-8，或运行 iconv -f GB18030 -t UTF-8 原文件 > 新文件", at)
        : finding(file, "ENCODING.INVALID", "文件不是有效的 UTF-8 文本：请用记事本或 VS Code 以 UTF-8 编码重新保存", at),
    };
  }
}

/** A text already decoded (a pull request's file, a text from git history) as decodeText leaves bytes: no BOM, LF line ends. */
export function normalizeText(text: string): string {
  return text.replace(/^\ufeff/, "").replace(/\r\n?/g, "\n");
}

/** Line and column of the first byte that breaks UTF-8, for the message. */
function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >> 5 === 0b110 ? 2 : b >> 4 === 0b1110 ? 3 : b >> 3 === 0b11110 ? 4 : 0;
    if (len === 0) return { line, column };
    for (let k = 1; k < len; k++) if (bytes[i + k] === undefined || bytes[i + k]! >> 6 !== 0b10) return { line, column };
    if (b === 0x0a) [line, column] = [line + 1, 1];
    else column++;
    i += len;
  }
  return { line, column };
}
