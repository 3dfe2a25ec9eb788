import type { APIRoute, GetStaticPaths } from "astro";
import { NEUTRAL_IMAGES } from "../../site/brand.ts";

/** The neutral emblem, 党政机关 badge and 公安 icon (`src/site/brand.ts`), for a portal that has not supplied its own. */
export const getStaticPaths = (() => Object.keys(NEUTRAL_IMAGES).map((name) => ({ params: { name } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(`${NEUTRAL_IMAGES[params.name as keyof typeof NEUTRAL_IMAGES].svg}\n`, { headers: { "Content-Type": "image/svg+xml" } });
