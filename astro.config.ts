import mdx from "@astrojs/mdx";
import { unified } from "@astrojs/markdown-remark";
import { defineConfig } from "astro/config";
import { join } from "node:path";
import { copyContentAssets } from "./src/site/copy-assets.ts";
import { portalRoot } from "./src/site/portal-root.ts";
import { handedOver } from "./src/site/site-model.ts";
import { articleRehypePlugins } from "./src/site/markdown-pipeline.ts";

// The model `npm run build` computed (check + publish times), handed over in
// this process. Astro started alone (`astro build`, `astro sync`) computes it
// here instead, once, with the same check and refusals.
const model = handedOver() ?? (await (await import("./src/jobs/build.ts")).siteForAstroAlone(portalRoot()));

export default defineConfig({
  // Feeds, the sitemap and canonical URLs need the portal's public address.
  site: `https://${model.portal.site.domain}`,
  outDir: process.env.SANSHEN_OUT ?? "./dist",
  // Separate caches let several portals build at once (tests, 集约化 hosting).
  cacheDir: process.env.SANSHEN_CACHE ?? "./node_modules/.astro",
  trailingSlash: "always",
  build: { format: "directory" },
  devToolbar: { enabled: false },
  markdown: {
    syntaxHighlight: false,
    // Curly quotes and dashes from ASCII (smartypants) are for English text; a
    // Chinese article is typed with full-width “” and —— (the proofreader
    // flags half-width punctuation). Off, it saved a quarter of content sync.
    processor: unified({ smartypants: false, rehypePlugins: articleRehypePlugins(join(model.root, "content")) }),
  },
  integrations: [mdx(), copyContentAssets(model.root)],
});
