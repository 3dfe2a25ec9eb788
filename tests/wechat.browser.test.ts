import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../src/adapters/chromium.ts";
import { serve } from "../src/adapters/static-site.ts";
import { runScript } from "./helpers/cli.ts";
import { portalCopy, REPO, writeIn } from "./helpers/portal.ts";
import { pastedWechatVersion } from "./helpers/wechat-paste.ts";

/**
 * The WeChat version of an article (seed 001 publishes reviewed content to
 * the 公众号 too): the build writes it for every article, the article page
 * links to it for editors, and what its 复制全文 button copies survives a
 * paste into an editor (a contenteditable, as the 公众号 editor is): text,
 * pictures at absolute addresses, tables with their borders.
 */
const PNG = readFileSync(join(REPO, "content/news/politics/2026/chairs-visit-grassroots-members.png"));
const ARTICLE = "news/updates/2026/wechat-sample";
const head = (extra = "") => `---\ntitle: 县政府召开专题会议\ncategory: submitted\nsource: 县政府办公室\nunit: office\ndate: 2026-03-05 09:00\ndateReason: 测试\n${extra}---\n`;

describe("an article's WeChat version", () => {
  let out = "";
  let url = "";
  let close = () => {};
  let browser: Browser | undefined;

  beforeAll(async () => {
    const root = portalCopy();
    writeIn(root, `content/${ARTICLE}.md`, head() + [
      "会议强调[^1]，要抓好落实。",
      "",
      "![会议现场](./wechat-photo.png)",
      "",
      "## 工作安排",
      "",
      "| 事项 | 时限 |",
      "|---|---|",
      "| 摸清底数 | 3月底 |",
      "",
      "详见[县政府网站](https://www.gov.cn/zhengce/)。",
      "",
      "[^1]: 见《实施方案》。",
      "",
    ].join("\n"));
    writeIn(root, "content/news/updates/2026/wechat-photo.png", PNG);
    writeIn(root, "content/news/updates/2026/wechat-withdrawn.md", head("withdrawn: { date: 2026-03-06 10:00, reason: 信息有误 }\n") + "撤下的正文。\n");
    out = mkdtempSync(join(tmpdir(), "sanshen-dist-"));
    const r = runScript("build", ["--root", root, "--out", out], REPO, { SANSHEN_CACHE: join(REPO, "node_modules", ".astro-tests", basename(out)), CI: "1" });
    expect(r.code, r.stderr).toBe(0);
    const served = await serve(out);
    url = served.url;
    close = () => served.server.close();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    close();
  });

  it("is built for each article, linked from its page for editors, and kept out of the site map; a withdrawn article has none", () => {
    const page = readFileSync(join(out, ARTICLE, "index.html"), "utf8");
    expect(page).toContain(`<a href="/wechat/${ARTICLE}/" rel="nofollow">公众号版（供网站编辑复制）</a>`);
    const wechat = readFileSync(join(out, "wechat", ARTICLE, "index.html"), "utf8");
    expect(wechat).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(existsSync(join(out, "wechat/news/updates/2026/wechat-withdrawn"))).toBe(false);
    expect(readFileSync(join(out, "sitemap.xml"), "utf8")).not.toContain("/wechat/");
    // Inline styles only, addresses absolute, the outside link written out, the footnotes without back links.
    const section = wechat.slice(wechat.indexOf("<section"), wechat.lastIndexOf("</section>"));
    expect(section).not.toMatch(/\sclass=|\sid=|<script/);
    expect(section).toMatch(/<img src="https:\/\/[a-z0-9.-]+\/news\/updates\/2026\/wechat-photo\.png" alt="会议现场" style="/);
    expect(section).toMatch(/<td style="border:1px solid #bbb;[^"]*">摸清底数<\/td>/);
    expect(section).toContain('县政府网站</span><span style="word-break:break-all;">（https://www.gov.cn/zhengce/）</span>');
    expect(section).not.toContain("↩");
  });

  it("fits a phone: a long address breaks rather than widening the page", async () => {
    const page = await browser!.newPage({ viewport: { width: 375, height: 812 } });
    await page.goto(`${url}/wechat/${ARTICLE}/`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
    await page.close();
  });

  it("copies with one button and pastes into an editor with its text, pictures and table", async () => {
    const pasted = await pastedWechatVersion(browser!, url, ARTICLE);
    expect(pasted).toContain("县政府召开专题会议");
    expect(pasted).toContain("要抓好落实");
    expect(pasted).toMatch(/<img[^>]+src="https:\/\/[a-z0-9.-]+\/news\/updates\/2026\/wechat-photo\.png"/);
    expect(pasted).toMatch(/<td[^>]*style="[^"]*border: ?1px solid[^"]*"[^>]*>摸清底数<\/td>/);
  });
});
