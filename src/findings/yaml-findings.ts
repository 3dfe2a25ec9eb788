import { finding, type Finding } from "./finding.ts";
import type { PositionedYaml } from "../yaml/positioned-yaml.ts";

/**
 * YAML problems explained for people who have never seen YAML, in Chinese,
 * on the line where the clerk must act: the mistakes clerks make most (a Tab
 * for indentation, a full-width colon from a Chinese input method, an opened
 * quote or bracket, a value that needed quotes) get their own rule and fix.
 */

/** The yaml package's error codes, said in Chinese with the fix. */
const EXPLAIN: Record<string, string> = {
  BLOCK_AS_IMPLICIT_KEY: "这一行的值里有「: 」（冒号加空格）：整个值请用英文引号括起来，例如 title: \"关于…的通知: 第2号\"",
  MULTILINE_IMPLICIT_KEY: "这一行或上一行缺少冒号：每行应为「字段名: 值」，冒号用英文冒号加空格",
  BAD_INDENT: "缩进不对：同一层的字段要对齐，下一层比上一层多缩进两个空格",
  TAB_AS_INDENT: "这一行用了 Tab 键缩进：YAML 只能用空格缩进，请把 Tab 换成两个空格",
  MULTIPLE_DOCS: "出现了第二个 --- 或 ... 分隔行：信息头中间不能有这样的行",
  UNEXPECTED_TOKEN: "这里有无法识别的符号：值以 [ { * & ! @ ` | > % 开头，或含有「: 」「 #」时，请用英文引号把整个值括起来",
  DUPLICATE_KEY: "同一字段写了两次：请删去一个",
  MISSING_CHAR: "缺少配对的符号：检查引号、方括号 [ ]、花括号 { } 是否成对",
  ALIAS: "以 * 或 & 开头的值会被当作 YAML 引用：请用英文引号把整个值括起来，例如 title: \"*重要*通知\"",
  ALIAS_RECURSIVE: "这个 * 引用指向包含它自己的内容（循环引用），无法读出：请删去这个引用，把内容直接写出来",
  KEY_OVER_1024_CHARS: "字段名过长：请检查是否少了冒号",
};
const GENERIC = "格式有误：检查缩进、冒号后的空格、引号和括号是否成对；值中含「: 」或以特殊符号开头时请加英文引号";

export function yamlProblems(file: string, text: string, yaml: PositionedYaml, lineOffset: number): Finding[] {
  // Only a broken document, or one that is not a mapping at all, is scanned
  // line by line: in a valid block scalar a leading tab or a 「：」 is just text.
  const broken = yaml.syntaxErrors.length > 0 || yaml.data === null || typeof yaml.data !== "object";
  if (!broken) return [];
  const lines = text.split(/\r?\n/);
  const out: Finding[] = [];
  let blockIndent = -1; // inside a `key: |` block scalar, lines indented deeper are text
  lines.forEach((line, i) => {
    const at = { line: i + 1 + lineOffset, column: 1 };
    const indent = /^[ \t]*/.exec(line)![0].length;
    if (blockIndent >= 0 && (line.trim() === "" || indent > blockIndent)) return;
    blockIndent = /:\s*[|>][-+0-9]*\s*(#.*)?$/.test(line) ? indent : -1;
    if (/^ *\t/.test(line)) {
      out.push(finding(file, "YAML.TAB", EXPLAIN.TAB_AS_INDENT!, { ...at, column: indent }));
    }
    // `title:市政协…`: a field name, a colon and no space. Every such line is reported, each with the line to write.
    const noSpace = /^(\s*)([A-Za-z][A-Za-z0-9_]*):([^\s:/].*)$/.exec(line);
    if (noSpace) {
      out.push(
        finding(file, "YAML.NO_SPACE", `「${noSpace[2]}:」冒号后面少了空格：应写成「${noSpace[2]}: ${noSpace[3]!.trim().slice(0, 30)}」（英文冒号后加一个空格）`, {
          ...at,
          column: noSpace[1]!.length + noSpace[2]!.length + 1,
        }),
      );
    }
    // `title: "两会"精神…`: a value that opens with a quote and goes on after the closing one.
    const quoted = /^(\s*(?:-\s+)?[A-Za-z][A-Za-z0-9_]*:\s+)(["'])([^"']*)\2([^\s#].*)$/.exec(line);
    if (quoted) {
      const [, key, , inner, rest] = quoted;
      out.push(
        finding(file, "YAML.QUOTE_START", `值以引号开头、引号后面还有文字，YAML 会读错：中文里请用中文引号，写成「${key!.trim()} “${inner}”${rest!.trim().slice(0, 30)}」`, {
          ...at,
          column: key!.length + 1,
        }),
      );
    }
    const fullWidth = /^(\s*[^\s:：#-][^:：]*?)：/.exec(line);
    if (fullWidth && !line.includes(":")) {
      out.push(
        finding(file, "YAML.FULLWIDTH_COLON", `「${fullWidth[1]!.trim()}」后面用了中文冒号「：」：字段名后应为英文冒号加空格「: 」`, {
          ...at,
          column: fullWidth[1]!.length + 1,
        }),
      );
    }
  });
  const first = yaml.syntaxErrors[0];
  if (!first) return out;
  // The parser sees a missing closing quote or bracket only where the text
  // ends; the clerk needs the line where it was opened.
  if (first.code === "MISSING_CHAR" || /quote|flow/i.test(first.message)) {
    const i = lines.findIndex(opensWithoutClosing);
    if (i >= 0) {
      return [...out, finding(file, "YAML.SYNTAX", "这一行的引号或括号没有成对：请补上结尾的引号、] 或 }，或去掉开头的符号", { line: i + 1 + lineOffset, column: 1 })];
    }
  }
  // The parser may report a line without a colon's space on the line after it: the line scan already named it.
  if (out.some((f) => f.line === first.at.line || (f.rule === "YAML.NO_SPACE" && Math.abs(f.line - first.at.line) <= 1))) return out;
  if (/followed by map values/.test(first.message)) {
    return [...out, finding(file, "YAML.SYNTAX", "YAML 这一行缺少冒号：每行应为「字段名: 值」，冒号用英文冒号加空格", first.at)];
  }
  const rule = first.code === "DUPLICATE_KEY" ? "YAML.DUPLICATE_KEY" : first.code === "ALIAS" || first.code === "ALIAS_RECURSIVE" ? "YAML.ALIAS" : "YAML.SYNTAX";
  return [...out, finding(file, rule, `YAML ${EXPLAIN[first.code] ?? GENERIC}`, first.at)];
}

/** A `key: value` line whose value opens a quote, [ or { and does not close it on the line. */
function opensWithoutClosing(line: string): boolean {
  const value = /^\s*(?:-\s+)?[^\s:#][^:]*:\s+(.*)$/.exec(line)?.[1]?.trim() ?? /^\s*-\s+(.*)$/.exec(line)?.[1]?.trim();
  if (!value) return false;
  const pairs: Record<string, string> = { '"': '"', "'": "'", "[": "]", "{": "}" };
  const close = pairs[value[0]!];
  if (!close) return false;
  if (close === '"' || close === "'") return value.length === 1 || !value.replace(/\s+#.*$/, "").endsWith(close);
  let depth = 0;
  for (const ch of value) {
    if (ch === value[0]) depth++;
    else if (ch === close) depth--;
  }
  return depth > 0;
}
