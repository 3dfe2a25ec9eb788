import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { Browser, Page } from "playwright-core";
import rehypeStringify from "rehype-stringify";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified, type PluggableList } from "unified";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPortalFiles } from "../src/jobs/check.ts";
import { articleRehypePlugins } from "../src/site/markdown-pipeline.ts";
import { launchChromium } from "../src/adapters/chromium.ts";
import { runScript } from "./helpers/cli.ts";
import { FIXTURES, portalCopy, REPO, writeIn } from "./helpers/portal.ts";

/**
 * At least 20 XSS payloads in article bodies: each is rejected by `check` or
 * rendered inert by the build; and, as a second line of defence, every one
 * is also rendered by the site's sanitising pipeline alone. A real Chromium
 * loads the pages, clicks every link and reports whether any script ran.
 */
interface Payload { name: string; body: string; inert?: boolean }
const PAYLOADS = JSON.parse(readFileSync(join(FIXTURES, "xss-payloads.json"), "utf8")) as Payload[];
const head = "---\ntitle: 测试稿件\ncategory: submitted\nsource: 县政府办公室\nunit: office\n---\n";
const path = (p: Payload) => `content/news/updates/2026/xss-${p.name}.md`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Loads HTML (or a URL) with a trap: did any payload's script run? */
async function ran(load: (page: Page) => Promise<unknown>): Promise<string | undefined> {
  const page = await browser.newPage();
  let dialog: string | undefined;
  page.on("dialog", (d) => {
    dialog = d.message();
    void d.dismiss();
  });
  await load(page);
  for (const link of await page.locator("main a, body > a, a").all()) await link.click({ timeout: 200, noWaitAfter: true }).catch(() => undefined);
  await page.waitForTimeout(50);
  const flag = await page.evaluate(() => (window as unknown as { __xss?: string }).__xss).catch(() => undefined);
  await page.close();
  return flag ?? dialog;
}

describe("XSS payloads in articles", () => {
  it("the corpus holds at least 20 payloads", () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(20);
  });

  it("check rejects every executable payload and accepts only the inert ones", () => {
    const root = portalCopy();
    for (const p of PAYLOADS) writeIn(root, path(p), head + p.body + "\n");
    const result = checkPortalFiles(root);
    const rejected = new Set(result.errors.map((f) => f.file));
    const verdicts = PAYLOADS.map((p) => `${p.name}: ${rejected.has(path(p)) ? "rejected" : "accepted"}`);
    expect(verdicts).toEqual(PAYLOADS.map((p) => `${p.name}: ${p.inert ? "accepted" : "rejected"}`));
  });

  it("the built pages of the payloads check accepts run no script in Chromium", async () => {
    const root = portalCopy();
    const accepted = PAYLOADS.filter((p) => p.inert);
    for (const p of accepted) writeIn(root, path(p), head + p.body + "\n");
    const out = mkdtempSync(join(tmpdir(), "sanshen-xss-"));
    const build = runScript("build", ["--root", root, "--out", out], REPO, { SANSHEN_CACHE: join(REPO, "node_modules", ".astro-tests", basename(out)), CI: "1" });
    expect(build.code, build.stderr).toBe(0);
    for (const p of accepted) {
      const html = readFileSync(join(out, path(p).replace(/^content\//, "").replace(/\.md$/, ""), "index.html"), "utf8");
      expect(await ran((page) => page.setContent(html)), p.name).toBeUndefined();
    }
    rmSync(out, { recursive: true, force: true });
  });

  it("the sanitising pipeline alone renders every payload inert (second line of defence)", async () => {
    const render = unified()
      .use(remarkParse)
      .use(remarkRehype, { allowDangerousHtml: true })
      .use(articleRehypePlugins(join(REPO, "content")) as PluggableList)
      .use(rehypeStringify);
    for (const p of PAYLOADS) {
      const html = String(await render.process(p.body));
      expect(await ran((page) => page.setContent(`<!doctype html><html><body><main>${html}</main></body></html>`)), p.name).toBeUndefined();
    }
  });

  it("the trap itself works: unsanitised HTML does run", async () => {
    expect(await ran((page) => page.setContent("<img src=x onerror=\"window.__xss='control'\">"))).toBe("control");
  });
});
