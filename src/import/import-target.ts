import { isLeaf, type Column } from "../columns/column-tree.ts";
import { mayDeliver } from "../columns/responsibility.ts";
import type { Unit } from "../roster/units-schema.ts";
import type { Portal } from "../workflows/portal.ts";

/** Where an imported article goes: its column and the unit that submits it, or why the clerk's choice cannot be. */
export type ImportTarget = { column: Column; unit: Unit } | { problem: string };

const named = (c: Column) => `${c.path}（${c.name}）`;
const unitNamed = (u: Unit) => `${u.id}（${u.name}）`;

/** Columns an article can go to: leaves that are not links. */
export const articleColumns = (portal: Portal): Column[] => portal.columns.filter((c) => isLeaf(c) && c.kind !== "link");

/** `--column` (an id or a path) and `--unit` (default: the column's one unit). */
export function importTarget(portal: Portal, columnArg: string, unitArg: string | undefined): ImportTarget {
  const wanted = columnArg.trim().replace(/^content\//, "").replace(/^\/+|\/+$/g, "");
  const byPath = portal.columnByPath.get(wanted);
  const byId = portal.columns.filter((c) => c.id === wanted);
  const choices = articleColumns(portal).map(named).join("、");
  if (!byPath && byId.length > 1) {
    return { problem: `栏目 id「${wanted}」不止一个：${byId.map(named).join("、")}。请写完整的栏目路径，例如 --column ${byId[0]!.path}` };
  }
  const column = byPath ?? byId[0];
  if (!column) return { problem: `没有栏目「${wanted}」。可以导入的栏目有：${choices}` };
  if (!isLeaf(column)) {
    const subs = column.children.map((p) => portal.columnByPath.get(p)!).filter((c) => c.kind !== "link");
    return { problem: `栏目「${column.name}」下设子栏目，文章要放在子栏目中，请选择：${subs.map(named).join("、")}` };
  }
  if (column.kind === "link") return { problem: `栏目「${column.name}」是外部链接栏目（${column.url}），不存放文章。可以导入的栏目有：${choices}` };

  const writers = column.units.map((id) => portal.unitById.get(id)).filter((u): u is Unit => !!u);
  const list = writers.map(unitNamed).join("、");
  if (unitArg === undefined) {
    if (writers.length === 1) return { column, unit: writers[0]! };
    if (!writers.length) return { problem: `栏目「${column.name}」在栏目表中没有责任单位，不能报送：请网站主管部门在 workflows/columns.yaml 中补上` };
    return { problem: `栏目「${column.name}」由多个单位报送，请用 --unit 写明是哪个单位：${list}` };
  }
  const unit = portal.unitById.get(unitArg.trim());
  if (!unit) return { problem: `没有单位「${unitArg}」。栏目「${column.name}」的报送单位有：${list}` };
  if (!mayDeliver(column, unit.id)) return { problem: `单位「${unit.name}」不负责栏目「${column.name}」，不能向该栏目报送。可以报送的单位有：${list}` };
  return { column, unit };
}
