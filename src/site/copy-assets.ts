import { copyFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { listContentFiles } from "../adapters/portal-files.ts";
import { ASSET_EXTENSIONS, extensionOf } from "../articles/location.ts";

/**
 * Copies to dist/ only the images and attachments a built page links: those
 * of published articles (题图, 附件, links in the body) and whatever another
 * published page links. A scheduled item before its time, a withdrawn one and
 * a file no article lists have no page that links them, so their bytes stay
 * off the site (an embargoed document is not public early, a removed one
 * does not stay online).
 */
export function copyContentAssets(root: string): AstroIntegration {
  let site: string | undefined;
  return {
    name: "sanshen-content-assets",
    hooks: {
      "astro:config:done": ({ config }) => {
        site = config.site;
      },
      "astro:build:done": ({ dir }) => {
        const out = fileURLToPath(dir);
        const pages = readdirSync(out, { recursive: true, encoding: "utf8" })
          .filter((p) => p.endsWith(".html"))
          .map((p) => ({ path: p.split("\\").join("/"), html: readFileSync(join(out, p), "utf8") }));
        const linked = linkedPaths(pages, site);
        for (const path of listContentFiles(root)) {
          if (!(ASSET_EXTENSIONS as readonly string[]).includes(extensionOf(path))) continue;
          const url = path.replace(/^content\//, "");
          if (!linked.has(`/${url}`)) continue;
          const target = join(out, url);
          mkdirSync(dirname(target), { recursive: true });
          copyFileSync(join(root, path), target);
        }
      },
    },
  };
}

const ENTITIES: Record<string, string> = { amp: "&", quot: '"', apos: "'", lt: "<", gt: ">" };
const decodeEntities = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
    e[0] === "#" ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e.toLowerCase()] ?? m),
  );

/**
 * Every same-site URL path the pages link (href, src, and meta content such as
 * the article image), resolved against each page's own URL and percent-decoded;
 * a link to another host (even with the same path) does not count. Pure.
 */
export function linkedPaths(pages: readonly { path: string; html: string }[], site = "http://site.invalid"): Set<string> {
  const out = new Set<string>();
  const origin = new URL(site).origin;
  for (const page of pages) {
    const base = new URL(`/${page.path.replace(/(^|\/)index\.html$/, "$1")}`, origin);
    for (const m of page.html.matchAll(/\s(?:href|src|content|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
      for (const candidate of decodeEntities(m[1] ?? m[2] ?? "").split(/,\s*/)) {
        const value = candidate.trim().split(/\s+/)[0];
        if (!value) continue;
        let url: URL;
        try {
          url = new URL(value, base);
        } catch {
          continue;
        }
        if (url.origin !== origin) continue;
        try {
          out.add(decodeURIComponent(url.pathname));
        } catch {
          out.add(url.pathname);
        }
      }
    }
  }
  return out;
}
