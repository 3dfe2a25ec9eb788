import type { APIRoute } from "astro";
import { NEUTRAL_IMAGES } from "../site/brand.ts";

/**
 * The neutral site icon when `site.yaml` names no emblem: the neutral emblem
 * of the header (`src/site/brand.ts`), a red square with a white ring. An
 * office replaces both by naming its emblem in site.yaml.
 */
export const GET: APIRoute = () => new Response(`${NEUTRAL_IMAGES["emblem.svg"].svg}\n`, { headers: { "Content-Type": "image/svg+xml" } });
