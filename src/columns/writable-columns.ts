import { isLeaf, type Column } from "./column-tree.ts";
import { mayDeliver } from "./responsibility.ts";

/**
 * The columns an article can be written into: leaves of the table that take
 * articles (a link column only points elsewhere), and, given a unit, only
 * those the unit may deliver to (责任单位, 牵头 or 配合).
 */
export function writableColumns(columns: readonly Column[], unit?: string): Column[] {
  return columns.filter((c) => isLeaf(c) && c.kind !== "link" && c.units.length > 0 && (unit === undefined || mayDeliver(c, unit)));
}

/** A column by its id or its path (`updates` or `news/updates`): the column, or the candidates when an id is ambiguous. */
export function findColumn(columns: readonly Column[], idOrPath: string): { column: Column } | { candidates: Column[] } {
  const wanted = idOrPath.trim().replace(/^\/+|\/+$/g, "").replace(/^content\//, "");
  const byPath = columns.find((c) => c.path === wanted);
  if (byPath) return { column: byPath };
  const byId = columns.filter((c) => c.id === wanted || c.name === wanted);
  return byId.length === 1 ? { column: byId[0]! } : { candidates: byId };
}
