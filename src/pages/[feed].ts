import type { APIRoute, GetStaticPaths } from "astro";
import { formatBeijing } from "../calendar/dates.ts";
import { allEntries } from "../site/entries.ts";
import { isListed } from "../publication/visibility.ts";
import { buildFeed, FEED_TYPES } from "../site/feeds.ts";
import { siteModel } from "../site/site-model.ts";

/** /rss.xml, /atom.xml, /feed.json for the whole portal. */
export const getStaticPaths = (() => Object.keys(FEED_TYPES).map((feed) => ({ params: { feed } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => {
  const { portal } = siteModel();
  const today = formatBeijing(new Date(), false);
  const entries = (await allEntries()).filter((e) => isListed(e.data, today));
  const kind = FEED_TYPES[params.feed as keyof typeof FEED_TYPES];
  return new Response(kind.render(buildFeed(portal, site!.origin, entries)), { headers: { "Content-Type": kind.type } });
};
