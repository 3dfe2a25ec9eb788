import type { RehypePlugins } from "@astrojs/markdown-remark";
import { raw } from "hast-util-raw";
import type { Root, Nodes } from "hast";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import { rehypeContentUrls } from "./rehype-content-urls.ts";

/**
 * The rehype plugins every article body goes through. Articles are untrusted:
 * raw HTML is parsed, then sanitised with GitHub's schema (no script, no
 * event handlers, no javascript: URLs). `check` rejects such HTML first; this
 * is the second line of defence (Astro alone passes <script> through).
 */
export function articleRehypePlugins(contentRoot: string): RehypePlugins {
  return [rehypeRawWhenPresent, [rehypeSanitize, defaultSchema], rehypeContentUrls(contentRoot)];
}

/**
 * rehype-raw, only for a body that has raw HTML in it. Re-parsing a tree
 * through parse5 is the costliest step of the pipeline, and most articles
 * are plain Markdown: a tree without `raw` nodes comes out of it unchanged,
 * so it is skipped. Sanitising runs on every body either way.
 */
function rehypeRawWhenPresent() {
  return (tree: Root) => (hasRaw(tree) ? (raw(tree) as Root) : tree);
}

/** Iterative: a deep tree must not overflow the stack here (check caps the depth, but this does not rely on it). */
function hasRaw(root: Nodes): boolean {
  const stack: Nodes[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === "raw") return true;
    if ("children" in node) stack.push(...(node.children as Nodes[]));
  }
  return false;
}
