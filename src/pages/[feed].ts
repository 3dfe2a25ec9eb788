import type { APIRoute, GetStaticPaths } from "astro";
import { allEntries } from "../site/entries.ts";
import { buildFeed, FEED_TYPES } from "../site/feeds.ts";
import { siteBuild } from "../site/site-model.ts";
import { formatBeijing } from "../calendar/dates.ts";
import { isListed } from "../publication/visibility.ts";

/** /rss.xml, /atom.xml, /feed.json for the whole portal. */
export const getStaticPaths = (() => Object.keys(FEED_TYPES).map((feed) => ({ params: { feed } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => {
  const { model, now } = siteBuild();
  const today = formatBeijing(now, false);
  const entries = allEntries().filter((e) => isListed(e.data, today));
  const kind = FEED_TYPES[params.feed as keyof typeof FEED_TYPES];
  return new Response(kind.render(buildFeed(model.portal, site!.origin, entries)), { headers: { "Content-Type": kind.type } });
};
