import { parseHTML } from "linkedom";
import type { CrawlSource } from "../columns/columns-schema.ts";
import type { SourceItem } from "./feed-items.ts";
import { publishDateOf } from "./publish-date.ts";

type Selectors = NonNullable<CrawlSource["selectors"]>;

const absolute = (href: string, base: string): URL | undefined => {
  try {
    const url = new URL(href, base);
    return /^https?:$/.test(url.protocol) ? url : undefined;
  } catch {
    return undefined;
  }
};

/** The folder a list page stands in: `/xwdt/index.html` → `/xwdt/`. */
const folderOf = (url: URL) => url.pathname.replace(/[^/]*$/, "");

const clean = (text: string | null | undefined) => text?.replace(/[\s\u3000\u00a0]+/g, " ").trim() || undefined;

/**
 * An HTML list page (栏目列表页) → its entries, in the page's order. With
 * `selectors.item`, each matching element is an entry (its `link`, `title`
 * and `date` inside it); without, every link to a page under the list's own
 * folder on the same site whose text reads like a title (five characters or
 * more) is one, its date found in the text around it (a 列表 row: title and
 * date in one <li>). Pagination, navigation and links to other sites are not
 * entries.
 */
export function listPageItems(html: string, listUrl: string, selectors: Selectors = {}): SourceItem[] {
  const { document } = parseHTML(html);
  const list = new URL(listUrl);
  const seen = new Set<string>();
  const items: SourceItem[] = [];
  const add = (anchor: Element | null, entry: Element) => {
    const href = anchor?.getAttribute("href");
    const url = href ? absolute(href, listUrl) : undefined;
    if (!url) return;
    url.hash = "";
    if (url.href === list.href || seen.has(url.href)) return;
    const titleEl = selectors.title ? entry.querySelector(selectors.title) : anchor;
    const title = clean(titleEl?.getAttribute("title")) ?? clean(titleEl?.textContent);
    const dateText = selectors.date ? entry.querySelector(selectors.date)?.textContent : entry.textContent;
    seen.add(url.href);
    items.push({ url: url.href, title, date: publishDateOf(dateText ?? undefined) });
  };
  if (selectors.item) {
    for (const entry of document.querySelectorAll(selectors.item)) {
      add(selectors.link ? entry.querySelector(selectors.link) : entry.matches("a[href]") ? entry : entry.querySelector("a[href]"), entry);
    }
    return items;
  }
  const folder = folderOf(list);
  for (const anchor of document.querySelectorAll(selectors.link ?? "a[href]")) {
    const url = absolute(anchor.getAttribute("href") ?? "", listUrl);
    if (!url || url.origin !== list.origin || !url.pathname.startsWith(folder) || folderOf(url) === url.pathname) continue;
    const text = clean(anchor.getAttribute("title")) ?? clean(anchor.textContent) ?? "";
    if (text.length < 5) continue;
    // The entry is the anchor's row: its parent element, where the date usually stands.
    add(anchor, anchor.parentElement ?? anchor);
  }
  return items;
}
