import type { Article } from "../articles/article.ts";
import { finding, type Finding } from "../findings/finding.ts";
import { DATE_CORRECTIONS_FILE } from "../portal/portal.ts";
import type { DateCorrection } from "../schemas/date-corrections.ts";
import { beijingToDate, formatBeijing } from "../schemas/dates.ts";

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

/** What the site knows of an article's publish time: its date now, and what main first published. */
export interface PublishTimeInput {
  file: string;
  /** The frontmatter `date` now. */
  date?: string | undefined;
  /** When and how the article reached main; undefined when it has not (new, or no git history). */
  arrival?: { when: Date; date: string | undefined; scheduled: boolean } | undefined;
}

/**
 * The publish time the site shows. An article keeps the time main first
 * published: its `date` then, or its arrival. A date added, changed or removed
 * since counts only when the office listed that correction; otherwise the
 * build refuses (严禁篡改发布时间) rather than show either time. An item
 * still scheduled may be rescheduled: `check` refuses it once published. Pure.
 */
export function publishTime(input: PublishTimeInput, corrections: readonly DateCorrection[], now: Date): { at: Date } | { problem: Finding } {
  const current = (): Date => (input.date ? beijingToDate(input.date) : (input.arrival?.when ?? now));
  const { arrival } = input;
  if (!arrival || arrival.date === input.date) return { at: current() };
  if (arrival.scheduled && input.date !== undefined) return { at: current() };
  if (corrections.some((c) => c.path === input.file && c.to === input.date)) return { at: current() };
  const was = arrival.date ?? `合并进主分支的时刻 ${formatBeijing(arrival.when)}`;
  return {
    problem: finding(
      input.file,
      "PUBLISH.DATE_CHANGED",
      `这篇文章发布时的发布时间是 ${was}，现在的 date ${input.date ?? "被删除了"}：发布后改动发布时间须由网站主管部门在 ${DATE_CORRECTIONS_FILE} 登记更正，否则网站不予构建。请恢复原发布时间`,
    ),
  };
}
