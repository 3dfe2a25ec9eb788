import { rankedSearch, type Pagefind, type PagefindResult } from "./search-ranking.ts";
import { excerptHtml, queryTokens } from "./search-text.ts";

/**
 * The search page in the reader's browser. A query is cut as the index was
 * cut (`search-text.ts`) and asked twice of Pagefind, at once: as a quoted
 * phrase (the pages that contain it) and as loose tokens (ranked, with the
 * title and document number weighted). Pages containing the phrase come
 * first, in the loose ranking's order; pages holding only its characters
 * apart follow, labelled as partial matches; a query found nowhere says so.
 * The query and filters are in the address, so a result page can be shared.
 */

type Found = Awaited<ReturnType<PagefindResult["data"]>>;

/** Results shown at a time: each costs a fragment download. */
const PAGE = 10;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

async function start(): Promise<void> {
  const form = $<HTMLFormElement>("search");
  const status = $("status");
  let pagefind: Pagefind;
  try {
    const path = "/pagefind/pagefind.js";
    pagefind = (await import(/* @vite-ignore */ path)) as Pagefind;
    // A large portal's index is written in parts (search-index.ts, PAGES_PER_PART): one search over all of them.
    for (const part of (form.dataset.indexParts ?? "").split(" ").filter(Boolean)) await pagefind.mergeIndex(part);
    // The bench and the tests ask the page's own ranking for every result of a query, and the merged index, without clicking through them.
    Object.assign(window, { sanshenSearch: (query: string) => rankedSearch(pagefind, queryTokens(query), { filters: {}, sort: {} }), sanshenPagefind: pagefind });
  } catch {
    status.textContent = "检索服务暂时不可用，请稍后再试，或通过网站地图浏览各栏目。";
    form.addEventListener("submit", (e) => e.preventDefault());
    return;
  }
  const q = $<HTMLInputElement>("q");
  const sort = $<HTMLSelectElement>("sort");
  const selects = [...form.querySelectorAll<HTMLSelectElement>("select[data-filter]")];
  const exactList = $<HTMLOListElement>("results");
  const partialList = $<HTMLOListElement>("partial");
  const partialLabel = $("partial-label");
  const more = $<HTMLButtonElement>("more");

  const params = new URLSearchParams(location.search);
  q.value = params.get("q") ?? "";
  if (params.get("sort") === "date") sort.value = "date";
  // The filter lists come with the page (built from the index's own values): choosing one from the address needs no download.
  for (const select of selects) {
    const wanted = params.get(select.dataset.filter!);
    if (wanted && [...select.options].some((o) => o.value === wanted)) select.value = wanted;
  }

  let queue: { result: PagefindResult; partial: boolean }[] = [];
  let shown = 0;
  let tokens: string[] = [];

  /** The next results; `fresh`: the first of a new search, replacing the last one's in one step (no flash, no shift). */
  async function showMore(fresh = false): Promise<void> {
    const next = queue.slice(shown, shown + PAGE);
    shown += next.length;
    const data = await Promise.all(next.map((x) => x.result.data()));
    if (fresh) {
      exactList.replaceChildren();
      partialList.replaceChildren();
      partialLabel.hidden = true;
    }
    let first: HTMLAnchorElement | undefined;
    next.forEach((x, i) => {
      const item = resultItem(data[i]!, x.partial);
      first ??= item.querySelector("a")!;
      (x.partial ? partialList : exactList).append(item);
      if (x.partial) partialLabel.hidden = false;
    });
    more.hidden = shown >= queue.length;
    if (first && document.activeElement === more) first.focus();
  }

  async function run(event?: Event): Promise<void> {
    event?.preventDefault();
    const chosen = Object.fromEntries(selects.filter((s) => s.value).map((s) => [s.dataset.filter!, s.value]));
    const options = { filters: chosen, sort: sort.value === "date" ? { date: "desc" } : ({} as Record<string, string>) };
    const term = q.value.trim();
    tokens = queryTokens(term);
    if (!tokens.length && !Object.keys(chosen).length) {
      exactList.replaceChildren();
      partialList.replaceChildren();
      partialLabel.hidden = more.hidden = true;
      status.textContent = term ? "检索词中没有可检索的文字，请输入汉字、字母或数字。" : "请输入检索词，或选择栏目、年份、单位。";
      return;
    }
    const address = new URLSearchParams();
    if (term) address.set("q", term);
    for (const [k, v] of Object.entries(chosen)) address.set(k, v);
    if (sort.value === "date") address.set("sort", "date");
    history.replaceState(null, "", address.size ? `?${address}` : location.pathname);
    let message: string;
    if (!tokens.length) {
      const all = await pagefind.search(null, options);
      queue = all.results.map((result) => ({ result, partial: false }));
      message = `共 ${queue.length} 条信息。`;
    } else {
      const { exact: ranked, partial } = await rankedSearch(pagefind, tokens, options);
      queue = [...ranked.map((result) => ({ result, partial: false })), ...partial.map((result) => ({ result, partial: true }))];
      partialLabel.textContent = `以下 ${partial.length} 条只包含「${term}」中的部分文字（不相连），仅供参考：`;
      message = ranked.length
        ? `找到 ${ranked.length} 条包含「${term}」的信息${partial.length ? `，另有 ${partial.length} 条部分匹配` : ""}。`
        : `没有找到完全匹配「${term}」的结果。${partial.length ? `有 ${partial.length} 条部分匹配的信息列在下面。` : "请换一个检索词，或放宽筛选条件。"}`;
    }
    shown = 0;
    await showMore(true);
    status.textContent = message;
  }

  /** One result: title, column, 发布时间, 文号 when there is one, the excerpt with the phrase marked. */
  function resultItem(d: Found, partial: boolean): HTMLLIElement {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = d.url;
    a.textContent = d.meta.title ?? d.url;
    const meta = document.createElement("p");
    meta.className = "result-meta";
    meta.textContent = [partial ? "部分匹配" : "", d.meta.column, d.meta.date && `发布时间：${d.meta.date}`, d.meta.docNumber && `文号：${d.meta.docNumber}`].filter(Boolean).join("　");
    const excerpt = document.createElement("p");
    excerpt.className = "excerpt";
    excerpt.innerHTML = excerptHtml(d.content, tokens, Number(d.meta.bodyWords ?? 0), 40, partial); // the page's text, escaped, the match in <mark>
    li.append(a, meta, excerpt);
    return li;
  }

  form.addEventListener("submit", run);
  for (const s of [...selects, sort]) s.addEventListener("change", run);
  more.addEventListener("click", () => void showMore());
  if (q.value || selects.some((s) => s.value)) await run();
}

void start();
