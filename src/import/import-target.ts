import { isLeaf, type Column } from "../columns/column-tree.ts";
import { mayDeliver } from "../columns/responsibility.ts";
import { findColumn, writableColumns } from "../columns/writable-columns.ts";
import type { Unit } from "../roster/units-schema.ts";
import type { Portal } from "../workflows/portal.ts";

/** Where an imported article goes: its column and the unit that submits it, or why the clerk's choice cannot be. */
export type ImportTarget = { column: Column; unit: Unit } | { problem: string };

const named = (c: Column) => `${c.path}（${c.name}）`;
const unitNamed = (u: Unit) => `${u.id}（${u.name}）`;

/** `--column` (an id, a path or a name) and `--unit` (an id or the unit's name; default: the column's one unit). */
export function importTarget(portal: Portal, columnArg: string, unitArg: string | undefined): ImportTarget {
  const choices = writableColumns(portal.columns).map(named).join("、");
  const found = findColumn(portal.columns, columnArg);
  if ("candidates" in found) {
    const { candidates } = found;
    if (candidates.length > 1) return { problem: `栏目「${columnArg.trim()}」不止一个：${candidates.map(named).join("、")}。请写完整的栏目路径，例如 --column ${candidates[0]!.path}` };
    return { problem: `没有栏目「${columnArg.trim()}」。可以导入的栏目有：${choices}` };
  }
  const { column } = found;
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
  const unit = portal.unitById.get(unitArg.trim()) ?? portal.units.find((u) => u.name === unitArg.trim());
  if (!unit) return { problem: `没有单位「${unitArg}」。栏目「${column.name}」的报送单位有：${list}` };
  if (!mayDeliver(column, unit.id)) return { problem: `单位「${unit.name}」不负责栏目「${column.name}」，不能向该栏目报送。可以报送的单位有：${list}` };
  return { column, unit };
}
