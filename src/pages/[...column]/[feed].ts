import type { APIRoute, GetStaticPaths } from "astro";
import { listedUnder } from "../../site/entries.ts";
import { buildFeed, FEED_TYPES } from "../../site/feeds.ts";
import { siteModel } from "../../site/site-model.ts";

/** /<column>/rss.xml, atom.xml and feed.json for every column that holds articles. */
export const getStaticPaths = (async () => {
  const { portal } = siteModel();
  return portal.columns
    .filter((c) => c.kind !== "link")
    .flatMap((c) => Object.keys(FEED_TYPES).map((feed) => ({ params: { column: c.path, feed } })));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => {
  const { portal } = siteModel();
  const entries = listedUnder(params.column!);
  const sorted = [...entries].sort((a, b) => b.data.publishedAt.localeCompare(a.data.publishedAt));
  const kind = FEED_TYPES[params.feed as keyof typeof FEED_TYPES];
  return new Response(kind.render(buildFeed(portal, site!.origin, sorted, params.column)), { headers: { "Content-Type": kind.type } });
};
