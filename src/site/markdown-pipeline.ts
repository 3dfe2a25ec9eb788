import { unified, type MarkdownRenderer, type RehypePlugins } from "@astrojs/markdown-remark";
import type { Element, Root as HastRoot } from "hast";
import rehypeRaw from "rehype-raw";
import { visit } from "unist-util-visit";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import { rehypeContentUrls } from "./rehype-content-urls.ts";
import { rehypePhoneLinks } from "./rehype-phone-links.ts";

/**
 * The rehype plugins every article body goes through. Articles are untrusted:
 * raw HTML is parsed, then sanitised with GitHub's schema (no script, no
 * event handlers, no javascript: URLs). `check` rejects such HTML first; this
 * is the second line of defence (Astro alone passes <script> through).
 */
export function articleRehypePlugins(contentRoot: string): RehypePlugins {
  return [rehypeRaw, [rehypeSanitize, defaultSchema], rehypeFragmentLinks, rehypeContentUrls(contentRoot), rehypePhoneLinks];
}

/**
 * Sanitising prefixes every id with `user-content-` (so an article cannot
 * take the id of the page's own elements), but not the `#…` links that point
 * at them: a footnote's reference and its back link. GitHub mends those with
 * script; the page has none to spare, so they are mended here, once.
 */
function rehypeFragmentLinks() {
  return (tree: HastRoot) => {
    const ids = new Set<string>();
    visit(tree, "element", (node: Element) => {
      if (typeof node.properties.id === "string") ids.add(node.properties.id);
    });
    visit(tree, "element", (node: Element) => {
      const href = node.properties.href;
      if (node.tagName === "a" && typeof href === "string" && href.startsWith("#") && !ids.has(href.slice(1)) && ids.has(`${PREFIX}${href.slice(1)}`)) {
        node.properties.href = `#${PREFIX}${href.slice(1)}`;
      }
    });
  };
}
const PREFIX = defaultSchema.clobberPrefix ?? "user-content-";

/**
 * How an article body becomes HTML: Astro's own Markdown processor
 * (`unified`, GitHub-flavoured) with the plugins above, no code highlighting
 * (government articles hold no code), and no smartypants: curly quotes and
 * dashes from ASCII are for English text; a Chinese article is typed with
 * full-width “” and —— (the proofreader flags half-width punctuation), and
 * smartypants took a quarter of the rendering time. The build renders each
 * body once with it (`article-bodies.ts`); Astro itself renders no Markdown.
 */
export function articleMarkdownRenderer(contentRoot: string): Promise<MarkdownRenderer> {
  // Footnotes in Chinese; ids unprefixed here, since sanitising prefixes them (see rehypeFragmentLinks).
  const remarkRehype = { clobberPrefix: "", footnoteLabel: "注释", footnoteBackLabel: "返回正文" };
  return unified({ smartypants: false, gfm: true, remarkRehype, rehypePlugins: articleRehypePlugins(contentRoot) }).createRenderer({ syntaxHighlight: false });
}
