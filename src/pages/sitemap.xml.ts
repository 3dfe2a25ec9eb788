import type { APIRoute } from "astro";
import { allEntries, listedUnder } from "../site/entries.ts";
import { isListed } from "../publication/visibility.ts";
import { siteBuild } from "../site/site-model.ts";
import { formatBeijing } from "../calendar/dates.ts";
import { articleUrl, columnUrl } from "../site/urls.ts";

/**
 * sitemap.xml under the name search engines and the national inspection look
 * for (@astrojs/sitemap can only write sitemap-index.xml): home, every
 * column, every listed article (not withdrawn, not expired) with its publish time.
 */
export const GET: APIRoute = async ({ site }) => {
  const { model, now } = siteBuild();
  const { portal } = model;
  const entries = allEntries();
  // Only what a reader is offered: a withdrawn or expired item keeps its address but leaves the map.
  const today = formatBeijing(now, false);
  const url = (path: string, lastmod?: string) => `  <url><loc>${new URL(path, site).href}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ""}</url>`;
  const lines = [
    url("/", entries[0]?.data.publishedAt),
    ...portal.columns.filter((c) => c.kind !== "link").map((c) => url(columnUrl(c.path), listedUnder(c.path)[0]?.data.publishedAt)),
    ...entries.filter((e) => isListed(e.data, today)).map((e) => url(articleUrl(e.id), e.data.publishedAt)),
  ];
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${lines.join("\n")}\n</urlset>\n`;
  return new Response(xml, { headers: { "Content-Type": "application/xml; charset=utf-8" } });
};
