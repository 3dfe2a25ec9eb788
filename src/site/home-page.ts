import type { Column } from "../columns/column-tree.ts";
import type { Portal } from "../workflows/portal.ts";
import type { Entry } from "./entries.ts";
import { listItem, type ListItem } from "./page-plan.ts";
import { columnUrl } from "./urls.ts";

/**
 * What the home page shows, block by block, each item once: the headline
 * (the newest pinned item), the photo (the newest item with a 题图), the
 * newest news beside it, the notices (pinned first), then one block per
 * first-level column with its sub-column named on each line, the 政务公开
 * entries, the 互动交流 and 办事服务 systems, topics and linked sites. A block
 * with nothing to show is left out: an inspector counts an empty block as a
 * blank column. Pure; `imageSize` reads a photo's pixel size.
 */
export interface HomePlan {
  headline?: (ListItem & { summary?: string | undefined }) | undefined;
  photo?: { item: ListItem; src: string; alt: string; width: number; height: number } | undefined;
  news: ListItem[];
  notices: { column: Column; items: ListItem[] } | undefined;
  blocks: { column: Column; items: LabelledItem[]; links: Column[] }[];
  topics: Column[];
  links: Column[];
}

/** A line of a first-level column's block: its sub-column's name before the title. */
export interface LabelledItem extends ListItem {
  label?: string | undefined;
}

const PER_BLOCK = 7;

export function planHome(portal: Portal, listedEntries: readonly Entry[], listed: (columnPath: string) => readonly Entry[], imageSize: (src: string) => { width: number; height: number } | undefined): HomePlan {
  const shown = new Set<string>();
  const take = (e: Entry) => (shown.add(e.id), listItem(e));
  const fresh = (list: readonly Entry[]) => list.filter((e) => !shown.has(e.id) && !e.data.link);
  const byDate = [...listedEntries].sort((a, b) => b.data.publishedAt.localeCompare(a.data.publishedAt));

  const pinned = byDate.find((e) => e.data.pinned && !e.data.link);
  const headline = pinned && { ...take(pinned), summary: pinned.data.summary };

  let photo: HomePlan["photo"];
  for (const e of fresh(byDate)) {
    if (!e.data.image) continue;
    const src = `/${e.id.slice(0, e.id.lastIndexOf("/"))}/${e.data.image.src.replace(/^\.\//, "")}`;
    const size = imageSize(src);
    if (!size) continue;
    photo = { item: take(e), src, alt: e.data.image.alt, ...size };
    break;
  }

  const newsColumns = portal.columns.filter((c) => c.kind === "news" && !c.children.length).map((c) => c.path);
  const news = fresh(byDate.filter((e) => newsColumns.includes(e.data.column))).slice(0, photo ? 8 : 10).map(take);

  const noticeColumns = portal.columns.filter((c) => c.kind === "notice" && !c.children.length);
  const noticeItems = fresh(noticeColumns.flatMap((c) => listed(c.path)))
    .sort((a, b) => Number(Boolean(b.data.pinned)) - Number(Boolean(a.data.pinned)) || b.data.publishedAt.localeCompare(a.data.publishedAt))
    .slice(0, 8)
    .map(take);
  const notices = noticeItems.length ? { column: noticeColumns.length === 1 ? noticeColumns[0]! : { ...noticeColumns[0]!, name: "通知公告" }, items: noticeItems } : undefined;

  const blocks: HomePlan["blocks"] = [];
  for (const column of portal.columns.filter((c) => !c.parent && c.kind !== "link")) {
    const subtree = portal.columns.filter((c) => c.path === column.path || c.path.startsWith(`${column.path}/`));
    const links = subtree.filter((c) => c.kind === "link");
    const nameOf = (path: string) => portal.columnByPath.get(path)?.name;
    const items = fresh(listed(column.path))
      .slice(0, PER_BLOCK)
      .map((e) => ({ ...take(e), label: column.children.length ? nameOf(e.data.column) : undefined }));
    if (items.length || links.length) blocks.push({ column, items, links: items.length ? [] : links });
  }

  // Topics a column block already shows (a first-level 专题专栏 column) are not listed again.
  const inBlock = (c: Column) => blocks.some((b) => c.path.startsWith(`${b.column.path}/`));
  const topics = portal.columns.filter((c) => c.kind === "topic" && !c.children.length && listed(c.path).length > 0 && !inBlock(c));
  const inBlocks = new Set(blocks.flatMap((b) => b.links.map((c) => c.path)));
  const links = portal.columns.filter((c) => c.kind === "link" && c.url && !inBlocks.has(c.path));
  return { headline, photo, news, notices, blocks, topics, links };
}

/** Where a column's block heading links: its page, or for a link column its site. */
export const columnHref = (c: Column) => (c.kind === "link" && c.url ? c.url : columnUrl(c.path));
