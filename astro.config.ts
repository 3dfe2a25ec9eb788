import { defineConfig } from "astro/config";
import { copyContentAssets } from "./src/site/copy-assets.ts";
import { portalRoot } from "./src/site/portal-root.ts";
import { handedOver } from "./src/site/site-model.ts";

// What `npm run build` made (the checked model with publish times, the
// rendered bodies, the page plan), handed over in this process. Astro
// started alone (`astro build`, `astro sync`) makes it here instead, once,
// with the same check and refusals, and then copies the linked files itself.
const handed = handedOver();
const build = handed ?? (await (await import("./src/jobs/build.ts")).siteForAstroAlone(portalRoot()));

export default defineConfig({
  // Feeds, the sitemap and canonical URLs need the portal's public address.
  site: `https://${build.model.portal.site.domain}`,
  outDir: process.env.SANSHEN_OUT ?? "./dist",
  // Separate caches let several portals build at once (tests, 集约化 hosting).
  cacheDir: process.env.SANSHEN_CACHE ?? "./node_modules/.astro",
  trailingSlash: "always",
  build: { format: "directory", concurrency: 8 },
  devToolbar: { enabled: false },
  integrations: handed ? [] : [copyContentAssets(build.model.root)],
});
