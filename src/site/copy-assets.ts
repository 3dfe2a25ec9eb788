import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { Parser } from "htmlparser2";
import { attributeUrls, LINK_ATTRIBUTES } from "./link-attributes.ts";
import { listContentFiles } from "../adapters/repository-files.ts";
import { ASSET_EXTENSIONS, extensionOf } from "../articles/location.ts";
import type { Site } from "../workflows/site-schema.ts";
import { brandFiles } from "./brand.ts";
import { siteModel } from "./site-model.ts";
import { webEditorFiles } from "../web-editor/admin-page.ts";
import { writeWebEditor } from "../adapters/web-editor-files.ts";

/**
 * Only the images and attachments a built page links reach dist/: those of
 * published articles (题图, 附件, links in the body) and whatever another
 * published page links. A scheduled item before its time, a withdrawn one and
 * a file no article lists have no page that links them, so their bytes stay
 * off the site (an embargoed document is not public early, a removed one
 * does not stay online).
 */

/** The portal's images and attachments under content/, by the URL path they are served at (/news/x/2026/photo.jpg → content/news/x/2026/photo.jpg). */
export function contentAssets(root: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const path of listContentFiles(root)) {
    if ((ASSET_EXTENSIONS as readonly string[]).includes(extensionOf(path))) out.set(`/${path.replace(/^content\//, "")}`, path);
  }
  return out;
}

/** Copies the assets at `urls` (as `contentAssets` names them) into the built site `out`. */
export function copyAssets(root: string, out: string, assets: ReadonlyMap<string, string>, urls: Iterable<string>): void {
  for (const url of new Set(urls)) {
    const path = assets.get(url);
    if (!path) continue;
    const target = join(out, url.slice(1));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(root, path), target);
  }
}

/** The office's own header and footer images (site.yaml, workflows/brand/…) into the built site, at /brand/<name>. */
export function copyBrandFiles(root: string, out: string, site: Site): void {
  for (const [url, path] of brandFiles(site)) {
    if (!existsSync(join(root, path))) continue; // check reports it; the page shows the neutral image
    mkdirSync(join(out, "brand"), { recursive: true });
    copyFileSync(join(root, path), join(out, url.slice(1)));
  }
}

/** The built pages of a folder (paths relative to it, with `/`) and their HTML; `wanted` picks some by path. */
export function builtPages(out: string, wanted: (path: string) => boolean = () => true): { path: string; html: string }[] {
  return readdirSync(out, { recursive: true, encoding: "utf8" })
    .map((p) => p.split("\\").join("/"))
    .filter((p) => p.endsWith(".html") && wanted(p))
    .map((p) => ({ path: p, html: readFileSync(join(out, p), "utf8") }));
}

/**
 * For Astro started alone (`astro build` without `npm run build`): copies the
 * assets its pages link once they are written. The build job does the same
 * itself, after it has put back the pages an earlier build kept.
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
        copyAssets(root, out, contentAssets(root), linkedPaths(builtPages(out), site));
        copyBrandFiles(root, out, siteModel().portal.site);
        const editor = webEditorFiles(siteModel().portal);
        if (editor) writeWebEditor(out, editor);
      },
    },
  };
}

/** The article meta tags whose content is a URL (the national standard's Image and Url). */
const URL_META = new Set(["image", "url", "og:image"]);

/**
 * Every same-site URL path the pages link, resolved against each page's own
 * URL and percent-decoded; a link to another host (even with the same path)
 * does not count. Pure. HTML is tokenised with htmlparser2 (entities decoded,
 * attributes as the browser reads them), not scanned with patterns.
 */
export function linkedPaths(pages: readonly { path: string; html: string }[], site = "http://site.invalid"): Set<string> {
  const out = new Set<string>();
  for (const page of pages) for (const path of pageLinks(page, site)) out.add(path);
  return out;
}

/** The same-site URL paths one page links (see `linkedPaths`). */
export function pageLinks(page: { path: string; html: string }, site = "http://site.invalid"): Set<string> {
  const out = new Set<string>();
  const origin = new URL(site).origin;
  const base = new URL(`/${page.path.replace(/(^|\/)index\.html$/, "$1")}`, origin);
  const add = (value: string) => {
    let url: URL;
    try {
      url = new URL(value, base);
    } catch {
      return;
    }
    if (url.origin !== origin) return;
    try {
      out.add(decodeURIComponent(url.pathname));
    } catch {
      out.add(url.pathname);
    }
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "meta") {
          const key = (attributes.name ?? attributes.property ?? attributes.itemprop ?? "").toLowerCase();
          if (URL_META.has(key) && attributes.content) add(attributes.content.trim());
          return;
        }
        for (const attribute of LINK_ATTRIBUTES[name] ?? []) {
          const value = attributes[attribute];
          if (value) for (const url of attributeUrls(attribute, value)) add(url);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(page.html);
  parser.end();
  return out;
}
