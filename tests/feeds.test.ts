import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPortalFiles } from "../src/jobs/check.ts";
import type { Entry } from "../src/site/entries.ts";
import { buildFeed, FEED_TYPES } from "../src/site/feeds.ts";
import { launchChromium } from "../src/adapters/chromium.ts";
import { MINI, portalCopy, writeIn } from "./helpers/portal.ts";

/** Every C0 control but tab and newline, DEL, and the C1 controls: none may reach a feed. */
const CONTROLS = "\u0000\u0001\u0007\u000b\u000c\u001b\u001f\u007f\u0085\u009f";

describe("feeds stay well-formed XML whatever reaches them", () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
  });
  afterAll(() => browser?.close());

  /** Chromium's XML parser (strict XML 1.0): the error text, or "" when the document is well-formed. */
  const xmlError = (xml: string) =>
    page.evaluate((text) => new DOMParser().parseFromString(text, "application/xml").querySelector("parsererror")?.textContent ?? "", xml);

  it("control characters in title, summary and source are stripped by the feed writer", async () => {
    const portal = checkPortalFiles(MINI).portal!;
    const entry = {
      id: "news/updates/2026/county-meeting",
      data: { title: `县政府${CONTROLS}召开会议`, summary: `摘要${CONTROLS}内容`, source: `县政府${CONTROLS}办公室`, author: `记者${CONTROLS}`, column: "news/updates", publishedAt: "2026-11-02T02:00:00.000Z", category: "submitted", unit: "office" },
    } as unknown as Entry;
    const feed = buildFeed(portal, "https://test.example.gov.cn", [entry], "news/updates");
    for (const [name, { render }] of Object.entries(FEED_TYPES)) {
      const text = render(feed);
      expect(text, name).toContain("县政府召开会议");
      expect(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(text), name).toBe(false);
      if (name.endsWith(".xml")) expect(await xmlError(text), name).toBe("");
      else expect(JSON.parse(text).items[0].title).toBe("县政府召开会议");
    }
  });

  it("the parser used here does catch a control character (the test can fail)", async () => {
    expect(await xmlError("<a>x\u0001y</a>")).not.toBe("");
  });
});

describe("check refuses control characters in the information header", () => {
  const head = (fields: string) => `---\n${fields}category: submitted\nunit: office\n---\n正文。\n`;
  it("in a title, a summary (written as a YAML escape) and a source, with the line", () => {
    const root = portalCopy();
    const file = "content/news/updates/2026/controls.md";
    writeIn(root, file, head(`title: 县政府\u0007召开会议\nsummary: "摘要\\x1b内容"\nsource: 县政府\u0085办公室\n`));
    const r = checkPortalFiles(root);
    const found = r.errors.filter((f) => f.file === file).map((f) => `${f.line} ${f.rule}`);
    expect(found).toEqual(["2 TEXT.CONTROL_CHAR", "3 TEXT.CONTROL_CHAR", "4 TEXT.CONTROL_CHAR"]);
    expect(r.errors.find((f) => f.file === file)!.message).toMatch(/控制字符/);
  });
  it("tab and newline in a summary are fine", () => {
    const root = portalCopy();
    const file = "content/news/updates/2026/tabs.md";
    writeIn(root, file, head(`title: 县政府召开会议\nsummary: |\n  第一行\t说明\n  第二行\nsource: 县政府办公室\n`));
    expect(checkPortalFiles(root).errors.filter((f) => f.file === file)).toEqual([]);
  });
});
