import type { Article } from "../articles/article.ts";

// What a reader can see at a moment: published (a scheduled item only once its time has come), listed (not withdrawn, not expired).

/**
 * Whether an item is on the portal at `now`: a scheduled item only once its
 * time has come (a scheduled rebuild publishes it). Expired and withdrawn
 * items still get a page (a notice); listings leave them out.
 */
export function isPublished(article: Article, publishedAt: Date, now: Date, withdrawn: "notice" | "remove" = "notice"): boolean {
  if (article.data.withdrawn && withdrawn === "remove") return false;
  return publishedAt.getTime() <= now.getTime() || !article.data.scheduled;
}

export function isListed(article: { expires?: string | undefined; withdrawn?: unknown }, today: string): boolean {
  if (article.withdrawn) return false;
  return !article.expires || article.expires >= today;
}
