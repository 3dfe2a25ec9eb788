import { unified, type MarkdownRenderer, type RehypePlugins } from "@astrojs/markdown-remark";
import rehypeRaw from "rehype-raw";
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
  return [rehypeRaw, [rehypeSanitize, defaultSchema], rehypeContentUrls(contentRoot), rehypePhoneLinks];
}

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
  return unified({ smartypants: false, gfm: true, rehypePlugins: articleRehypePlugins(contentRoot) }).createRenderer({ syntaxHighlight: false });
}
