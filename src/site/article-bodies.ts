import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
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
  const folders = new Map<string, string>();
  for (const article of articles) {
    const folder = dirname(article.file);
    let images = folders.get(folder);
    if (images === undefined) folders.set(folder, (images = folderImages(join(root, folder))));
    const key = bodyKey(article, images);
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

/**
 * What a rendered body depends on besides the code: its text, where it lives
 * (relative links resolve against its folder), and the images beside it (an
 * image's width and height are written into the body: `folderImages`).
 */
export function bodyKey(article: Pick<Article, "file" | "body">, images = ""): string {
  return createHash("sha1").update(article.file).update("\0").update(article.body).update("\0").update(images).digest("base64url");
}

/** The images of a folder by name and byte size: a replaced photo changes it (its size, in all likelihood, with it). */
function folderImages(folder: string): string {
  try {
    return readdirSync(folder)
      .filter((name) => /\.(jpe?g|png|webp|gif)$/i.test(name))
      .sort()
      .map((name) => `${name}:${statSync(join(folder, name)).size}`)
      .join("\n");
  } catch {
    return "";
  }
}
