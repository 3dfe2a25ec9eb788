import type { Portal } from "../workflows/portal.ts";
import { KIND_NAMES } from "./columns-schema.ts";
import { describeResponsibility } from "./responsibility.ts";
import { describeTimeliness } from "./timeliness.ts";
import { writableColumns } from "./writable-columns.ts";

/**
 * The table of columns in the 通讯员指南: where each column's articles go and
 * which units may write them, made from columns.yaml and units.yaml so the
 * guide never tells a clerk a folder the table has not got. Written between
 * two marker lines by `npm run codeowners`; `check` compares (GUIDE.STALE).
 */
export const CORRESPONDENT_GUIDE_FILE = "docs/通讯员指南.md";
const START = "<!-- 栏目表开始：由 npm run codeowners 根据 workflows/columns.yaml 生成，请勿手工修改 -->";
const END = "<!-- 栏目表结束 -->";

export function renderColumnTable(portal: Portal): string {
  // With its id: what `unit:` takes when an article is written by hand.
  const nameOf = (id: string) => `${portal.unitById.get(id)?.name ?? id} \`${id}\``;
  const rows = writableColumns(portal.columns).map((c) => {
    const parent = c.parent ? `${portal.columnByPath.get(c.parent)?.name ?? c.parent} › ` : "";
    const due = c.timeliness ? describeTimeliness(c.timeliness) : "—";
    return `| ${parent}${c.name} | ${KIND_NAMES[c.kind]} | \`content/${c.path}/年份/\` | ${describeResponsibility(c, nameOf)} | ${due} |`;
  });
  return [START, "", "| 栏目 | 类型 | 文章放在 | 可以报送的单位（unit 填写的 id） | 更新要求 |", "|---|---|---|---|---|", ...rows, "", END].join("\n");
}

/** The guide's text with its column table replaced; undefined when the guide has no marker lines to put it between. */
export function withColumnTable(guide: string, table: string): string | undefined {
  const text = guide.replace(/\r\n/g, "\n");
  const start = text.indexOf(START);
  const end = text.indexOf(END, start);
  if (start < 0 || end < 0) return undefined;
  return text.slice(0, start) + table + text.slice(end + END.length);
}
