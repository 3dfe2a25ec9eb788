import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../src/adapters/chromium.ts";
import { runScript } from "./helpers/cli.ts";
import { REPO } from "./helpers/portal.ts";

/**
 * The sample portal's 通报 for November 2026 as the office prints it: the
 * page opened in Debian Chromium at A4 width, printed to PDF, and kept as a
 * PNG (tests/.tmp/report.png) for a person to look at.
 */
let browser: Browser;
let html = "";

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), "sanshen-report-"));
  const r = runScript("report", ["--period", "2026-11", "--out", out]);
  expect(r.code, r.stderr).toBe(0);
  html = join(out, "report.html");
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe("the printable 通报", () => {
  it("fits an A4 page's width, shows its chart, and is set in a Chinese typeface, not boxes", async () => {
    // 210 mm at 96 dpi.
    const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
    await page.goto(pathToFileURL(html).href);
    const layout = await page.evaluate(() => {
      const svg = document.querySelector("figure svg")!.getBoundingClientRect();
      return { overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth, svg: { width: svg.width, height: svg.height }, title: document.querySelector("h1")!.textContent };
    });
    expect(layout.overflow).toBeLessThanOrEqual(0);
    expect(layout.svg.width).toBeGreaterThan(400);
    expect(layout.svg.height).toBeGreaterThan(100);
    expect(layout.title).toBe("门户网站信息报送情况通报（2026年11月）");
    // The fonts Chromium really drew the heading and the chart's labels with.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const { root } = await cdp.send("DOM.getDocument");
    for (const selector of ["h1", "table td", "figure svg text"]) {
      const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
      const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
      expect(fonts.map((f) => f.familyName).join(", "), selector).toMatch(/CJK|Source Han|PingFang|YaHei|SimSun|SimHei/);
    }
    mkdirSync(join(REPO, "tests/.tmp"), { recursive: true });
    await page.screenshot({ path: join(REPO, "tests/.tmp/report.png"), fullPage: true });
    await page.close();
  });

  it("prints to A4 pages", async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(html).href);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const text = pdf.toString("latin1");
    const pages = text.match(/\/Type\s*\/Page\b/g)?.length ?? 0;
    expect(pages).toBeGreaterThan(0);
    // A4 is 595 × 842 points.
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(text);
    expect(box && [Math.round(Number(box[1])), Math.round(Number(box[2]))]).toEqual([595, 842]);
    expect(readFileSync(html, "utf8")).toContain("@page { size: A4;");
    await page.close();
  });
});
