import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations } from "./helpers/axe.ts";
import { sampleInBrowser } from "./helpers/served-sample.ts";

/** The sample portal built, served and used in Debian Chromium as a reader would. */
const sample = sampleInBrowser("sanshen-portal-");

async function open(path: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await sample.browser.newPage({ viewport });
  await page.goto(sample.base + path);
  return page;
}

describe("the sample portal in a browser", () => {
  it("a reader goes from the home page to a column and to an article, and sees its publish time", async () => {
    const page = await open("/");
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "政协新闻" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toBeDefined();
    expect(await page.locator("h1").first().textContent()).toBe("政协新闻");
    await page.locator("ul.list li a").first().click();
    expect(await page.locator("article .meta").textContent()).toMatch(/发布时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await page.close();
  });

  it("search finds a phrase from an article, and the filters narrow it", async () => {
    const page = await open("/search/?q=履职积分");
    await page.waitForSelector("#results li", { timeout: 10_000 });
    const all = await page.locator("#results li").count();
    expect(all).toBeGreaterThan(1);
    expect(await page.locator("#results li").first().textContent()).toMatch(/发布时间：\d{4}-\d{2}-\d{2}/);
    await page.selectOption("#f-column", "政协概况");
    await page.waitForFunction((n) => document.querySelectorAll("#results li").length < n, all, { timeout: 10_000 });
    const narrowed = await page.locator("#results li .result-meta").allTextContents();
    expect(narrowed.length).toBeGreaterThan(0);
    expect(narrowed.every((t) => t.startsWith("政协概况"))).toBe(true);
    await page.close();
  });

  it("the font switch enlarges the text and remembers the choice", async () => {
    const page = await open("/");
    await page.getByRole("button", { name: "大" }).click();
    expect(await page.evaluate(() => document.documentElement.style.fontSize)).toBe("125%");
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.style.fontSize)).toBe("125%");
    expect(await page.getByRole("button", { name: "大" }).getAttribute("aria-pressed")).toBe("true");
    await page.close();
  });

  it("the keyboard reaches the skip link first, with a visible focus outline", async () => {
    const page = await open("/news/");
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { text: el.textContent, outline: style.outlineStyle, width: style.outlineWidth, left: el.getBoundingClientRect().left };
    });
    expect(focused.text).toBe("跳到主要内容");
    expect(focused.outline).not.toBe("none");
    expect(focused.left).toBeGreaterThanOrEqual(0); // on screen when focused
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => location.hash)).toBe("#main");
    await page.close();
  });

  it("an unknown address gets the 404 page", async () => {
    const page = await sample.browser.newPage();
    const response = await page.goto(`${sample.base}/no-such-page/`);
    expect(response?.status()).toBe(404);
    expect(await page.locator("h1").textContent()).toContain("页面不存在");
    await page.close();
  });

  for (const [what, path] of [
    ["home", "/"],
    ["a column", "/news/politics/"],
    ["an article", "/news/politics/2026/chairs-visit-grassroots-members/"],
    ["a policy document", "/about/rules/2026/member-duty-points-measures/"],
    ["search", "/search/?q=协商"],
    ["404", "/404.html"],
  ] as const) {
    it(`axe-core finds no WCAG 2.1 AA violation on ${what}`, async () => {
      const page = await open(path);
      if (path.startsWith("/search")) await page.waitForSelector("#results li", { timeout: 10_000 });
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    });
  }

  it("lays out for a 375 px phone without sideways scrolling", async () => {
    const page = await open("/", { width: 375, height: 812 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.close();
  });
});

/** Every kind of page the portal has, by an example of it in the sample. */
const PAGE_TYPES = {
  home: "/",
  "a parent column": "/news/",
  "a leaf column": "/news/politics/",
  "a link-only column": "/cloud/",
  "a policy list": "/about/rules/",
  "a policy list by year": "/about/rules/year/2026/",
  "an article": "/news/politics/2026/chairs-visit-grassroots-members/",
  "a policy document": "/about/rules/2026/member-duty-points-measures/",
  "a 办事指南": "/open/application/2026/disclosure-application-guide/",
  "an expired item": "/news/notices/2026/livelihood-research-opinion-call/",
  search: "/search/?q=协商",
  "the site map": "/sitemap/",
  "the accessibility page": "/accessibility/",
  "404": "/404.html",
} as const;

/** A page opened at a viewport, with the font switch set to `size` before the first paint (as a returning reader has it). */
async function openAt(path: string, viewport: { width: number; height: number }, size = "100%"): Promise<Page> {
  const context = await sample.browser.newContext({ viewport });
  await context.addInitScript(`localStorage.setItem("sanshen-font-size", "${size}")`);
  const page = await context.newPage();
  await page.goto(sample.base + path);
  page.on("close", () => void context.close());
  return page;
}

describe("the portal on a phone and at the large font (issue 13)", () => {
  for (const [size, label] of [["100%", "中"], ["125%", "大"]] as const) {
    it(`no page type scrolls sideways at 375 px with the font at ${label}, nor at 1366 px`, async () => {
      for (const [what, path] of Object.entries(PAGE_TYPES)) {
        for (const width of [375, 1366]) {
          const page = await openAt(path, { width, height: 812 }, size);
          expect(await page.evaluate(() => document.documentElement.scrollWidth), `${what} at ${width} px`).toBeLessThanOrEqual(width);
          await page.close();
        }
      }
    });
  }

  it("the header leaves a phone's first screen to the page: at most a quarter of it at 中, two fifths at 大", async () => {
    for (const [size, share] of [["100%", 0.25], ["125%", 0.4]] as const) {
      const page = await openAt("/news/", { width: 375, height: 812 }, size);
      const height = await page.evaluate(() => document.querySelector("header")!.getBoundingClientRect().height);
      expect(height, size).toBeLessThanOrEqual(812 * share);
      await page.close();
    }
  });

  it("on a phone the 公开属性表 keeps each label on one line and each date whole, and footer links never break inside a word", async () => {
    for (const size of ["100%", "125%"]) {
      const page = await openAt(PAGE_TYPES["a policy document"], { width: 375, height: 812 }, size);
      const cells = await page.evaluate(() =>
        [...document.querySelectorAll(".disclosure th, .disclosure td")].map((c) => {
          const line = parseFloat(getComputedStyle(c).lineHeight);
          const range = document.createRange();
          range.selectNodeContents(c);
          return { text: c.textContent ?? "", th: c.tagName === "TH", lines: Math.round(range.getBoundingClientRect().height / line) };
        }),
      );
      for (const c of cells.filter((x) => x.th || /^\d{4}-\d{2}-\d{2}$/.test(x.text))) expect(c.lines, `${size} ${c.text}`).toBe(1);
      const links = await page.evaluate(() => [...document.querySelectorAll(".site-footer nav a, .site-footer .record a")].map((a) => ({ text: a.textContent, boxes: a.getClientRects().length })));
      for (const l of links) expect(l.boxes, `${size} ${l.text}`).toBe(1);
      await page.close();
    }
  });

  it("at 1366 px the header's name and the page's content start at the same left edge", async () => {
    const page = await openAt("/news/", { width: 1366, height: 900 });
    const [brand, main] = await page.evaluate(() => [document.querySelector(".brand")!.getBoundingClientRect().left, document.querySelector("main h1")!.getBoundingClientRect().left]);
    expect(Math.abs(brand! - main!)).toBeLessThanOrEqual(1);
    await page.close();
  });

  it("an expired item is not found by search, though its page says it has expired", async () => {
    const page = await openAt("/search/", { width: 1280, height: 900 });
    await page.waitForFunction("!!window.sanshenSearch");
    const found = (await page.evaluate(`(async () => { const r = await window.sanshenSearch("专题调研公开征求意见的公告"); return Promise.all(r.exact.map(async (x) => (await x.data()).url)); })()`)) as string[];
    expect(found.some((u) => u.includes("livelihood-research-opinion-call"))).toBe(false);
    await page.close();
  });

  it("takes the README's screenshots of the home page, desktop and phone", async () => {
    const dir = process.env.SANSHEN_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), "sanshen-shots-"));
    mkdirSync(dir, { recursive: true });
    for (const [name, viewport] of [["home-desktop", { width: 1280, height: 900 }], ["home-phone", { width: 375, height: 812 }]] as const) {
      const page = await open("/", viewport);
      const png = await page.screenshot({ path: join(dir, `${name}.png`) });
      expect(png.length).toBeGreaterThan(10_000);
      await page.close();
    }
  });
});
