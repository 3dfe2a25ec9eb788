import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DomUtils, parseDocument } from "htmlparser2";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { queryTokens } from "../src/site/search-text.ts";
import { sampleInBrowser } from "./helpers/served-sample.ts";

/**
 * Search on the sample portal as a reader uses it, in Debian Chromium. What
 * a page "contains" is read here from the built page itself (its breadcrumb
 * and article, without the previous/next links), independently of how the
 * index is made.
 */
// The index in parts of 30 pages (three on the sample), merged by the search page, as a large portal's is.
const sample = sampleInBrowser("sanshen-search-", { SANSHEN_SEARCH_PART_PAGES: "30" });

/** The search page's merged index (all parts), for listing what it holds. */
async function mergedIndex(): Promise<Page> {
  const page = await sample.browser.newPage();
  await page.goto(`${sample.base}/search/`);
  await page.waitForFunction("!!window.sanshenPagefind");
  return page;
}

/** The letters and digits of a text, as a phrase is compared (spaces and punctuation do not separate a phrase). */
const key = (s: string) => s.normalize("NFKC").replace(/[^\p{L}\p{N}]/gu, "").toLowerCase();

/** A built article page's text: the breadcrumb and the article, without the previous/next links; and the body with its attachments. */
function pageTexts(url: string): { all: string; body: string } {
  const doc = parseDocument(readFileSync(join(sample.out, url, "index.html"), "utf8"));
  const byClass = (tag: string, cls: string) => DomUtils.findOne((e) => e.name === tag && (e.attribs.class ?? "").split(" ").includes(cls), doc.children, true);
  const article = DomUtils.findOne((e) => e.name === "article", doc.children, true)!;
  const prevnext = byClass("nav", "prevnext");
  if (prevnext) DomUtils.removeElement(prevnext);
  const body = [byClass("div", "body"), byClass("section", "attachments")].map((e) => (e ? DomUtils.textContent(e) : "")).join("");
  return { all: DomUtils.textContent(byClass("nav", "breadcrumb")!) + DomUtils.textContent(article), body };
}

interface Shown { url: string; title: string; meta: string; excerpt: string; excerptHtml: string }

/** Opens the search page for a query and shows every result ("显示更多" until there is no more). */
async function search(query: string, page?: Page): Promise<{ status: string; exact: Shown[]; partial: Shown[]; page: Page }> {
  page ??= await sample.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${sample.base}/search/?q=${encodeURIComponent(query)}`);
  await page.waitForFunction(() => /找到|没有找到|共/.test(document.getElementById("status")!.textContent ?? ""), null, { timeout: 10_000 });
  while (await page.locator("#more").isVisible()) {
    const n = await page.locator("#found li").count();
    await page.click("#more");
    await page.waitForFunction((k) => document.querySelectorAll("#found li").length > k, n);
  }
  const read = (list: string) =>
    page!.$$eval(`${list} li`, (items) =>
      items.map((li) => ({
        url: new URL(li.querySelector("a")!.href).pathname,
        title: li.querySelector("a")!.textContent ?? "",
        meta: li.querySelector(".result-meta")!.textContent ?? "",
        excerpt: li.querySelector(".excerpt")!.textContent ?? "",
        excerptHtml: li.querySelector(".excerpt")!.innerHTML,
      })),
    );
  return { status: (await page.locator("#status").textContent()) ?? "", exact: await read("#results"), partial: await read("#partial"), page };
}

/** Every page the index holds (a search by filter alone lists them all). */
async function searchablePages(): Promise<string[]> {
  const page = await mergedIndex();
  // A string, not a function: vitest would rewrite a function's import() for Node.
  const urls = await page.evaluate(`(async () => {
    const pagefind = window.sanshenPagefind;
    const all = await pagefind.search(null, {});
    return Promise.all(all.results.map(async (r) => (await r.data()).url));
  })()`);
  await page.close();
  return urls as string[];
}

const PHRASES = ["政协", "委员履职", "履职积分", "养老服务", "营商环境", "社情民意", "政协动态", "市政协研究室", "西山县", "示政协办发", "示政协办发〔2026〕8号", "2026年", "住房公积金"];

describe("search on the sample portal", () => {
  it("indexes each page with exactly the text the page shows: its body first, then what stands around it", async () => {
    expect(existsSync(join(sample.out, "pagefind", "part-3", "pagefind-entry.json"))).toBe(true);
    const page = await mergedIndex();
    const indexed = (await page.evaluate(`(async () => {
      const pagefind = window.sanshenPagefind;
      const all = await pagefind.search(null, {});
      return Promise.all(all.results.map(async (r) => { const d = await r.data(); return [d.url, d.content]; }));
    })()`)) as [string, string][];
    await page.close();
    expect(indexed.length).toBeGreaterThan(50);
    for (const [url, content] of indexed) {
      const shown = pageTexts(url);
      const body = key(shown.body);
      const around = key(shown.all).replace(body, "");
      expect(key(content).slice(0, body.length + around.length), url).toBe(body + around);
    }
  });

  it("returns exactly the pages that contain the phrase, before any partial match, with excerpts of the article's own text", async () => {
    const pages = await searchablePages();
    expect(pages.length).toBeGreaterThan(50);
    const texts = new Map(pages.map((u) => [u, pageTexts(u)]));
    for (const phrase of PHRASES) {
      const { exact, partial, page } = await search(phrase);
      const truth = pages.filter((u) => key(texts.get(u)!.all).includes(key(phrase))).sort();
      expect(exact.map((r) => r.url).sort(), phrase).toEqual(truth); // recall 1.0, and nothing else among the exact ones
      expect(partial.filter((r) => truth.includes(r.url)), phrase).toEqual([]);
      for (const r of [...exact, ...partial]) {
        // The excerpt is the page's text: no hidden metadata, no index words.
        expect(r.excerptHtml, `${phrase} ${r.url}`).not.toMatch(/›|\d{4}-\d{2}-\d{2}T\d|q[td][ulbew][0-9a-f]|<(?!\/?mark>)/);
        const shown = r.excerpt.replace(/…/g, "");
        expect(key(texts.get(r.url)!.body), `${phrase} ${r.url}`).toContain(key(shown));
      }
      for (const r of exact.filter((x) => key(texts.get(x.url)!.body).includes(key(phrase)))) {
        const marks = await page.locator(`#results li a[href="${r.url}"] ~ .excerpt mark`).allTextContents();
        expect(marks.length, `${phrase} ${r.url}`).toBe(1);
        expect(key(marks[0]!), `${phrase} ${r.url}`).toBe(key(phrase));
      }
      expect(partial.every((r) => r.meta.startsWith("部分匹配"))).toBe(true);
      // A partial match holds every character (or word) of the phrase, only not together; in whichever part of the index it is.
      const tokens = queryTokens(phrase);
      for (const r of partial) expect(tokens.filter((t) => !key(texts.get(r.url)!.all).includes(t)), `${phrase} ${r.url}`).toEqual([]);
      await page.close();
    }
  });

  it("says plainly when a phrase occurs nowhere, and offers partial matches only as such", async () => {
    for (const phrase of ["火星基地", "不存在的词xyz", "住房公积金"]) {
      const { status, exact, partial, page } = await search(phrase);
      expect(exact, phrase).toEqual([]);
      expect(status, phrase).toContain(`没有找到完全匹配「${phrase}」的结果。`);
      if (partial.length) {
        expect(status).toContain(`有 ${partial.length} 条部分匹配的信息列在下面。`);
        expect(await page.locator("#partial-label").textContent()).toContain("只包含");
      }
      await page.close();
    }
    const none = await search("不存在的词xyz");
    expect(none.partial).toEqual([]);
    expect(none.status).toContain("请换一个检索词");
    await none.page.close();
  });

  it("puts the document first for its number, and the page of that exact title first", async () => {
    const byNumber = await search("示政协办发〔2026〕8号");
    expect(byNumber.exact[0]!.meta).toContain("文号：示政协办发〔2026〕8号");
    expect(byNumber.exact.length).toBeGreaterThan(1); // the measures that repealed it cite the number too
    await byNumber.page.close();
    const current = await search("示政协发〔2026〕21号");
    expect(current.exact[0]!.title).toBe("政协示例市委员会委员履职积分管理办法");
    await current.page.close();
    const byTitle = await search("政协示例市委员会委员履职积分管理办法");
    expect(byTitle.exact[0]!.title).toBe("政协示例市委员会委员履职积分管理办法");
    // Its repealed trial version and the interpretation contain the title too, below it.
    expect(byTitle.exact.map((r) => r.title)).toContain("政协示例市委员会委员履职积分管理办法（试行）");
    await byTitle.page.close();
  });

  it("lists each filter's values with the counts the index holds, and a search fetches no filter data", async () => {
    const page = await sample.browser.newPage();
    const fetched: string[] = [];
    page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
    await page.goto(`${sample.base}/search/?q=${encodeURIComponent("委员履职")}`);
    await page.waitForFunction(() => /找到/.test(document.getElementById("status")!.textContent ?? ""));
    expect(fetched.filter((p) => p.startsWith("/pagefind/filter/"))).toEqual([]);
    const listed = await page.evaluate(() =>
      Object.fromEntries([...document.querySelectorAll<HTMLSelectElement>("select[data-filter]")].map((s) => [s.dataset.filter!, [...s.options].slice(1).map((o) => o.textContent)])),
    );
    // Pagefind's own counts, asked of the index: the lists in the page must say the same.
    const indexed = (await page.evaluate(`window.sanshenPagefind.filters()`)) as Record<string, Record<string, number>>;
    for (const [name, values] of Object.entries(indexed)) {
      expect(new Set(listed[name]), name).toEqual(new Set(Object.entries(values).map(([v, n]) => `${v}（${n}）`)));
    }
    expect(Object.keys(listed).sort()).toEqual(Object.keys(indexed).sort());
    expect(listed["年份"]).toEqual(["2026（80）"]); // the sample's 81 articles, one expired
    await page.close();
  });

  it("keeps the query and the filters in the address, narrows by column, and works from the keyboard", async () => {
    const page = await sample.browser.newPage();
    await page.goto(`${sample.base}/search/`);
    await page.locator("#q").fill("委员履职");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => /找到/.test(document.getElementById("status")!.textContent ?? ""));
    await page.selectOption("#f-column", "政协概况");
    await page.waitForFunction(() => location.search.includes(encodeURIComponent("栏目")));
    await page.waitForFunction(() => [...document.querySelectorAll("#found .result-meta")].every((m) => /^(部分匹配　)?政协概况/.test(m.textContent ?? "")));
    const address = new URL(page.url());
    expect(address.searchParams.get("q")).toBe("委员履职");
    expect(address.searchParams.get("栏目")).toBe("政协概况");
    // The shared address opens the same results.
    const again = await search("委员履职", await sample.browser.newPage());
    await again.page.goto(page.url());
    await again.page.waitForFunction(() => /找到/.test(document.getElementById("status")!.textContent ?? ""));
    expect(await again.page.locator("#f-column").inputValue()).toBe("政协概况");
    await again.page.close();
    // 显示更多 by keyboard moves the focus to the first result it added.
    await page.selectOption("#f-column", "");
    await page.waitForFunction(() => !(document.getElementById("more") as HTMLButtonElement).hidden);
    await page.focus("#more");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.tagName === "A" && !!document.activeElement.closest("#found"));
    await page.close();
  });

  it("does not shift as results arrive, and fits a 375 px phone at the large font", async () => {
    for (const viewport of [{ width: 1280, height: 900 }, { width: 375, height: 740 }]) {
      const page = await sample.browser.newPage({ viewport });
      // A slow phone (and a loaded CI machine) paints before the page is parsed: what the first paint shows must not move.
      await (await page.context().newCDPSession(page)).send("Emulation.setCPUThrottlingRate", { rate: 6 });
      await page.addInitScript(() => {
        localStorage.setItem("sanshen-font-size", "125%");
        (window as unknown as { shift: number }).shift = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!e.hadRecentInput) (window as unknown as { shift: number }).shift += e.value;
        }).observe({ type: "layout-shift", buffered: true });
      });
      await page.goto(`${sample.base}/search/?q=${encodeURIComponent("政协")}`);
      await page.waitForFunction(() => /找到/.test(document.getElementById("status")!.textContent ?? ""));
      await page.waitForTimeout(300);
      const r = await page.evaluate(() => ({ shift: (window as unknown as { shift: number }).shift, overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth, font: document.documentElement.style.fontSize }));
      expect(r.shift, `layout shift at ${viewport.width} px`).toBeLessThan(0.05);
      expect(r.overflow, `${viewport.width} px`).toBeLessThanOrEqual(0);
      expect(r.font).toBe("125%");
      await page.close();
    }
  });
});
