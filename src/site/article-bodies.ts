import { createHash } from "node:crypto";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Article } from "../articles/article.ts";
import { articleMarkdownRenderer } from "./markdown-pipeline.ts";

/**
 * Each article body as HTML, rendered once per build for its page and its
 * search record alike (the content layer rendered every body, then Astro
 * serialised them all into its data store and compiled that: 15 s of a
 * 10,000-article build). A body already rendered by an earlier build with
 * the same code is taken from `cached` (by `bodyKey`), so a rebuild renders
 * only what changed.
 */
export async function renderBodies(root: string, articles: readonly Article[], cached: ReadonlyMap<string, string>): Promise<RenderedBodies> {
  const bodies = new Map<string, string>();
  const cache = new Map<string, string>();
  let renderer: Awaited<ReturnType<typeof articleMarkdownRenderer>> | undefined;
  let rendered = 0;
  for (const article of articles) {
    const key = bodyKey(article);
    let html = cached.get(key);
    if (html === undefined) {
      renderer ??= await articleMarkdownRenderer(join(root, "content"));
      html = (await renderer.render(article.body, { fileURL: pathToFileURL(join(root, article.file)) })).code;
      rendered++;
    }
    bodies.set(article.id, html);
    cache.set(key, html);
  }
  return { bodies, cache, rendered };
}

export interface RenderedBodies {
  /** HTML by article id. */
  bodies: Map<string, string>;
  /** The same HTML by `bodyKey`, for the next build (only this build's bodies: a removed article's leaves the cache). */
  cache: Map<string, string>;
  /** How many were rendered, not taken from the cache. */
  rendered: number;
}

/** What a rendered body depends on besides the code: its text and where it lives (relative links resolve against its folder). */
export function bodyKey(article: Pick<Article, "file" | "body">): string {
  return createHash("sha1").update(article.file).update("\0").update(article.body).digest("base64url");
}
