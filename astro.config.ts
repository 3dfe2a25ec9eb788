import mdx from "@astrojs/mdx";
import { unified } from "@astrojs/markdown-remark";
import { defineConfig } from "astro/config";
import { join } from "node:path";
import { copyContentAssets } from "./src/site/copy-assets.ts";
import { portalRoot } from "./src/site/portal-root.ts";
import { siteUrl } from "./src/site/site-url.ts";
import { articleRehypePlugins } from "./src/site/markdown-pipeline.ts";

const root = portalRoot();
// Feeds, the sitemap and canonical URLs need the portal's public address.
const site = siteUrl(root) ?? "https://localhost";

export default defineConfig({
  site,
  outDir: process.env.SANSHEN_OUT ?? "./dist",
  // Separate caches let several portals build at once (tests, 集约化 hosting).
  cacheDir: process.env.SANSHEN_CACHE ?? "./node_modules/.astro",
  trailingSlash: "always",
  build: { format: "directory" },
  devToolbar: { enabled: false },
  markdown: {
    syntaxHighlight: false,
    processor: unified({ rehypePlugins: articleRehypePlugins(join(root, "content")) }),
  },
  integrations: [mdx(), copyContentAssets(root)],
});
