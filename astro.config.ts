import mdx from "@astrojs/mdx";
import { unified } from "@astrojs/markdown-remark";
import { defineConfig } from "astro/config";
import rehypeRaw from "rehype-raw";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import { join } from "node:path";
import { copyContentAssets } from "./src/site/copy-assets.ts";
import { portalRoot } from "./src/site/portal-root.ts";
import { rehypeContentUrls } from "./src/site/rehype-content-urls.ts";

const root = portalRoot();

export default defineConfig({
  outDir: process.env.SANSHEN_OUT ?? "./dist",
  // Separate caches let several portals build at once (tests, 集约化 hosting).
  cacheDir: process.env.SANSHEN_CACHE ?? "./node_modules/.astro",
  trailingSlash: "always",
  build: { format: "directory" },
  devToolbar: { enabled: false },
  markdown: {
    syntaxHighlight: false,
    // Articles are untrusted: raw HTML is parsed, then sanitised (second line
    // of defence after `check`; Astro alone passes <script> through).
    processor: unified({
      rehypePlugins: [rehypeRaw, [rehypeSanitize, defaultSchema], rehypeContentUrls(join(root, "content"))],
    }),
  },
  integrations: [mdx(), copyContentAssets(root)],
});
