import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { defineCollection } from "astro:content";
import { z } from "zod";
import { storedArticleSchema } from "./articles/article-schema.ts";
import { bodiesRendered, siteModel } from "./site/site-model.ts";
import { isPublished } from "./publication/visibility.ts";

/**
 * One collection, filled by our own loader: the same reading, schema and
 * rules as `npm run check`, so the site never accepts what check rejects.
 */
const articles = defineCollection({
  loader: {
    name: "sanshen-articles",
    load: async ({ store, renderMarkdown }) => {
      const { root, articles, published, portal } = siteModel();
      store.clear();
      const now = new Date();
      const bodies = new Map<string, string>();
      for (const article of articles) {
        const publishedAt = published.get(article.id)!;
        if (!isPublished(article, publishedAt, now, portal.site.withdrawn)) continue;
        const rendered = await renderMarkdown(article.body, { fileURL: pathToFileURL(join(root, article.file)) });
        store.set({
          id: article.id,
          data: { ...article.data, column: article.column.path, publishedAt: publishedAt.toISOString() },
          body: article.body,
          rendered,
        });
        bodies.set(article.id, rendered.html);
      }
      // The build indexes them for search now, while Astro goes on to write the pages.
      bodiesRendered(bodies);
    },
  },
  schema: storedArticleSchema.extend({ column: z.string(), publishedAt: z.string() }),
});

export const collections = { articles };
