import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { listContentFiles } from "../adapters/portal-files.ts";
import { ASSET_EXTENSIONS, extensionOf } from "../articles/location.ts";

/** Copies images and attachments from content/ to the same URL path in dist/. */
export function copyContentAssets(root: string): AstroIntegration {
  return {
    name: "sanshen-content-assets",
    hooks: {
      "astro:build:done": ({ dir }) => {
        const out = fileURLToPath(dir);
        for (const path of listContentFiles(root)) {
          if (!(ASSET_EXTENSIONS as readonly string[]).includes(extensionOf(path))) continue;
          const target = join(out, path.replace(/^content\//, ""));
          mkdirSync(dirname(target), { recursive: true });
          copyFileSync(join(root, path), target);
        }
      },
    },
  };
}
