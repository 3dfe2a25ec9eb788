import { posix, relative, sep } from "node:path";
import type { Element, Root } from "hast";
import { visit } from "unist-util-visit";
import { contentImageSize } from "./image-size.ts";

/**
 * Rewrites an article's relative image and link URLs (./photo.jpg, as clerks
 * write them next to the article) to the absolute URL where the build copies
 * the file: /<column path>/<yyyy>/photo.jpg. An image of the portal's own
 * gets its width and height (read from the file with `image-size`), so the
 * page keeps its place for it before it loads (no layout shift on a phone).
 */
export function rehypeContentUrls(contentRoot: string) {
  return () => (tree: Root, file: { path?: string }) => {
    if (!file.path) return;
    const dir = posix.dirname(relative(contentRoot, file.path).split(sep).join("/"));
    if (dir.startsWith("..")) return;
    visit(tree, "element", (node: Element) => {
      const attr = node.tagName === "img" ? "src" : node.tagName === "a" ? "href" : undefined;
      const value = attr ? node.properties?.[attr] : undefined;
      if (typeof value !== "string") return;
      if (!/^(?:[a-z][a-z0-9+.-]*:|\/|#)/i.test(value)) node.properties![attr!] = "/" + posix.normalize(posix.join(dir, value));
      if (node.tagName === "img" && node.properties!.width === undefined && node.properties!.height === undefined) {
        const size = contentImageSize(contentRoot, String(node.properties!.src));
        if (size) Object.assign(node.properties!, size);
      }
    });
  };
}
