import type { RehypePlugins } from "@astrojs/markdown-remark";
import rehypeRaw from "rehype-raw";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import { rehypeContentUrls } from "./rehype-content-urls.ts";

/**
 * The rehype plugins every article body goes through. Articles are untrusted:
 * raw HTML is parsed, then sanitised with GitHub's schema (no script, no
 * event handlers, no javascript: URLs). `check` rejects such HTML first; this
 * is the second line of defence (Astro alone passes <script> through).
 */
export function articleRehypePlugins(contentRoot: string): RehypePlugins {
  return [rehypeRaw, [rehypeSanitize, defaultSchema], rehypeContentUrls(contentRoot)];
}
