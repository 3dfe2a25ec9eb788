import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { sampleInBrowser } from "./helpers/served-sample.ts";

/** The sample portal built, served and used in Debian Chromium as a reader would. */
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const sample = sampleInBrowser("sanshen-portal-");

async function open(path: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await sample.browser.newPage({ viewport });
  await page.goto(sample.base + path);
  return page;
}

async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (o: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run({ runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  });
  return result;
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
      expect(await axe(page)).toEqual([]);
      await page.close();
    });
  }

  it("lays out for a 375 px phone without sideways scrolling", async () => {
    const page = await open("/", { width: 375, height: 812 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
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
