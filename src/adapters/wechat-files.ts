import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The build's WeChat pages (site/wechat-article.ts), each written as <path>/index.html in the new site folder. */
export function writeWechatPages(siteFolder: string, pages: Iterable<[path: string, html: string]>): void {
  for (const [path, html] of pages) {
    mkdirSync(join(siteFolder, path), { recursive: true });
    writeFileSync(join(siteFolder, path, "index.html"), html);
  }
}
