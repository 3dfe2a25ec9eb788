import type { Browser } from "playwright-core";
import { expect } from "vitest";

/**
 * What an editor gets from an article's WeChat version: its page opened, 复制全文
 * pressed (the page says it copied), then pasted into a contenteditable on
 * the same origin, as into the 公众号 editor. Returns the editor's HTML.
 */
export async function pastedWechatVersion(browser: Browser, base: string, articlePath: string): Promise<string> {
  const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  try {
    const page = await context.newPage();
    await page.goto(`${base}/wechat/${articlePath}/`);
    await page.getByRole("button", { name: "复制全文" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toBe("已复制，请到公众号编辑器中粘贴");
    const editor = await context.newPage();
    await editor.goto(`${base}/404.html`); // any page of the same origin, to hold the editor
    await editor.evaluate(() => {
      document.body.innerHTML = '<div id="editor" contenteditable="true" style="min-height:200px"></div>';
      document.getElementById("editor")!.focus();
    });
    await editor.keyboard.press("ControlOrMeta+V");
    return await editor.evaluate(() => document.getElementById("editor")!.innerHTML);
  } finally {
    await context.close();
  }
}
