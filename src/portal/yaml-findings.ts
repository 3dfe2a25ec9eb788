import { finding, type Finding } from "../findings/finding.ts";
import type { PositionedYaml } from "../yaml/positioned-yaml.ts";

/**
 * YAML syntax errors, explained for people who have never seen YAML: the two
 * mistakes clerks make most (a tab for indentation, a full-width colon from a
 * Chinese input method) get their own rule and fix.
 */
export function yamlProblems(file: string, text: string, yaml: PositionedYaml, lineOffset: number): Finding[] {
  // Only a broken document, or one that is not a mapping at all, is scanned
  // line by line: in a valid block scalar a leading tab or a 「：」 is just text.
  const broken = yaml.syntaxErrors.length > 0 || yaml.data === null || typeof yaml.data !== "object";
  if (!broken) return [];
  const lines = text.split(/\r?\n/);
  const out: Finding[] = [];
  lines.forEach((line, i) => {
    const at = { line: i + 1 + lineOffset, column: 1 };
    const tab = /^\s*\t/.exec(line);
    if (tab) {
      out.push(finding(file, "YAML.TAB", "这一行用了 Tab 键缩进：YAML 只能用空格缩进，请把 Tab 换成两个空格", { ...at, column: tab[0].length }));
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
  if (out.length) return out;
  const first = yaml.syntaxErrors[0];
  if (!first) return [];
  if (/quote/i.test(first.message)) {
    // The parser notices a missing closing quote only where the text ends; the
    // clerk needs the line where the quote was opened.
    const i = lines.findIndex((l) => (l.match(/"/g)?.length ?? 0) % 2 === 1 || (l.match(/'/g)?.length ?? 0) % 2 === 1);
    if (i >= 0) {
      return [finding(file, "YAML.SYNTAX", "YAML 格式有误：这一行的引号没有成对，请补上结尾的引号，或去掉引号", { line: i + 1 + lineOffset, column: 1 })];
    }
  }
  const what = first.code === "DUPLICATE_KEY" ? "同一字段写了两次，请删去一个" : "格式有误：检查缩进、冒号后的空格和引号是否成对";
  return [finding(file, first.code === "DUPLICATE_KEY" ? "YAML.DUPLICATE_KEY" : "YAML.SYNTAX", `YAML ${what}（${first.message.split("\n")[0]}）`, first.at)];
}
