import { checkPortalFiles } from "../adapters/check-files.ts";
import { arrivalTimes } from "../adapters/git.ts";
import type { Article } from "../articles/article.ts";
import { formatText } from "../findings/format.ts";
import type { Portal } from "../portal/portal.ts";
import { beijingToDate } from "../schemas/dates.ts";

export interface SiteData {
  portal: Portal;
  articles: Article[];
  /** Publish time (发布时间) of each article id. */
  published: Map<string, Date>;
}

/** Thrown when the portal does not pass `check`: the build refuses what the checker refuses. */
export class PortalInvalidError extends Error {}

const cache = new Map<string, Promise<SiteData>>();

/**
 * The whole portal, checked exactly as `npm run check` checks it, with each
 * article's publish time: its frontmatter `date` when it has one (scheduled,
 * migrated or sample items), else the moment it reached main (git history).
 */
export function loadSite(root: string): Promise<SiteData> {
  let hit = cache.get(root);
  if (!hit) {
    hit = load(root);
    cache.set(root, hit);
  }
  return hit;
}

async function load(root: string): Promise<SiteData> {
  const result = checkPortalFiles(root);
  if (!result.ok || !result.portal) {
    throw new PortalInvalidError(`门户内容未通过检查，网站不予构建：\n${formatText({ ...result, warnings: [] })}`);
  }
  const arrivals = await arrivalTimes(root);
  const now = new Date();
  const published = new Map<string, Date>();
  for (const a of result.articles) {
    published.set(a.id, a.data.date ? beijingToDate(a.data.date) : (arrivals.get(a.file) ?? now));
  }
  return { portal: result.portal, articles: result.articles, published };
}
