import type { Column } from "../columns/column-tree.ts";
import type { CrawlSource } from "../columns/columns-schema.ts";
import type { Unit } from "../roster/units-schema.ts";
import type { Portal } from "../workflows/portal.ts";

/** One 网上抓取 source of the column table, with the column it feeds and the unit it is filed under. */
export interface SourceEntry {
  /** `source.id`, else `<column path>#<n>`. */
  id: string;
  source: CrawlSource;
  column: Column;
  unit: Unit;
  /** 来源 on the articles: the source's name, else its unit's. */
  name: string;
}

/** Every crawl source of the table, in the table's order; a source whose unit is unknown is left to check (COLUMNS.CRAWL_UNIT). */
export function crawlSources(portal: Portal): SourceEntry[] {
  return portal.columns.flatMap((column) =>
    column.crawl.flatMap((source, i) => {
      const unit = portal.unitById.get(source.unit);
      return unit ? [{ id: source.id ?? `${column.path}#${i + 1}`, source, column, unit, name: source.name?.trim() || unit.name }] : [];
    }),
  );
}

/** `--source`: a source's id, its address, or a column's path or id (all of its sources). */
export function selectSources(all: readonly SourceEntry[], wanted: string | undefined): SourceEntry[] | { problem: string } {
  if (wanted === undefined) return [...all];
  const chosen = all.filter((s) => s.id === wanted || s.source.url === wanted || s.column.path === wanted || s.column.id === wanted);
  if (chosen.length) return chosen;
  const known = all.map((s) => s.id).join("、");
  return { problem: `栏目表中没有抓取来源「${wanted}」：${known ? `可用的来源有 ${known}，也可以写栏目 id 或路径` : "workflows/columns.yaml 中还没有写任何 crawl 来源"}` };
}

/** An address as the already-imported test compares it: without its #fragment. */
export const sameAddress = (url: string): string => url.replace(/#.*$/, "");

/** The addresses already imported: every article's `sourceUrl`, from the header fields of each article. */
export function importedAddresses(headers: Iterable<Record<string, unknown> | undefined>): Set<string> {
  const out = new Set<string>();
  for (const data of headers) if (typeof data?.sourceUrl === "string") out.add(sameAddress(data.sourceUrl.trim()));
  return out;
}
