import type { APIRoute } from "astro";

/**
 * The neutral site icon when `site.yaml` names no emblem: a plain red square
 * with a white ring (no text, so no font is needed), 1 KB. An office replaces
 * it by naming its emblem in site.yaml.
 */
export const GET: APIRoute = () =>
  new Response(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="4" fill="#b5121b"/><circle cx="16" cy="16" r="9" fill="none" stroke="#fff" stroke-width="3"/></svg>\n',
    { headers: { "Content-Type": "image/svg+xml" } },
  );
