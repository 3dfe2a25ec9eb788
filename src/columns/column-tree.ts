import type { Category, ColumnInput, ColumnKind, CrawlSource, ItemSource, OpenEntry, Timeliness } from "./columns-schema.ts";
import { staleDays } from "./staleness.ts";

/** A column of the responsibility table, with its place in the tree. */
export interface Column {
  id: string;
  /** Folder path under content/, e.g. `news/politics`. */
  path: string;
  name: string;
  description: string | undefined;
  keywords: string[];
  kind: ColumnKind;
  /**
   * Every unit that may deliver here (责任单位), in the table's order: the
   * lead, then the units of equal standing, then the supporters. Ask
   * responsibility.ts who answers for what; this is only the list.
   */
  units: string[];
  /** 牵头单位: the one unit that answers for the column's timeliness; undefined when the units are of equal standing. */
  lead: string | undefined;
  /** 配合单位: may deliver to the column; held only to `supportTimeliness`, when the table sets one. */
  support: string[];
  timeliness: Timeliness | undefined;
  /** The supporters' own deadline for what they provide (support_timeliness). */
  supportTimeliness: Timeliness | undefined;
  weeklyQuota: number | undefined;
  /** Days without a new item after which the column counts as stale (不更新). */
  staleAfterDays: number | undefined;
  url: string | undefined;
  /** A link column's source of latest items (RSS/Atom feed or list page), always in the crawl's `{ url, type, selectors }` form. */
  feed: ItemSource | undefined;
  /** Categories accepted here; undefined means all (own or inherited). */
  categories: Category[] | undefined;
  /** Review chain for every item here, overriding the category's (own or inherited). */
  chain: string | undefined;
  crawl: CrawlSource[];
  /** The 政务公开 entry of the national guideline this column is, if any. */
  open: OpenEntry | undefined;
  parent: string | undefined;
  children: string[];
  /** Position of the entry in columns.yaml, as a path for positionOf. */
  yamlPath: (string | number)[];
}

/** Flattens the tree, depth first, in the table's order. */
export function flattenColumns(tree: ColumnInput[]): Column[] {
  const out: Column[] = [];
  const walk = (nodes: ColumnInput[], parent: Column | undefined, yamlPath: (string | number)[]) => {
    nodes.forEach((node, i) => {
      const here = [...yamlPath, i];
      const leaf = !node.children?.length;
      const kind: ColumnKind = node.kind ?? (node.url ? "link" : "news");
      const column: Column = {
        id: node.id,
        path: parent ? `${parent.path}/${node.id}` : node.id,
        name: node.name,
        description: node.description,
        keywords: node.keywords ?? [],
        kind,
        units: [...new Set([...(node.lead ? [node.lead] : []), ...(node.units ?? []), ...(node.support ?? [])])],
        lead: node.lead,
        support: node.support ?? [],
        timeliness: node.timeliness,
        supportTimeliness: node.support_timeliness,
        weeklyQuota: node.quota?.weekly,
        staleAfterDays: leaf ? staleDays(node.stale_after, kind) : undefined,
        url: node.url,
        feed: typeof node.feed === "string" ? { url: node.feed } : node.feed,
        categories: node.categories ?? parent?.categories,
        chain: node.chain ?? parent?.chain,
        crawl: node.crawl ?? [],
        open: node.open,
        parent: parent?.path,
        children: (node.children ?? []).map((c) => (parent ? `${parent.path}/${node.id}/${c.id}` : `${node.id}/${c.id}`)),
        yamlPath: here,
      };
      out.push(column);
      if (node.children?.length) walk(node.children, column, [...here, "children"]);
    });
  };
  walk(tree, undefined, []);
  return out;
}

export function isLeaf(column: Column): boolean {
  return column.children.length === 0;
}
