import type { Article } from "../articles/article.ts";
import { finding, type Finding } from "../findings/finding.ts";
import { DATE_CORRECTIONS_FILE, type DateCorrection } from "./date-corrections-schema.ts";
import { beijingToDate, formatBeijing } from "../calendar/dates.ts";

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

/** A change of an article's `date` on the main line after it arrived: when, from what, to what. */
export interface DateChange {
  when: Date;
  from: string | undefined;
  to: string | undefined;
  /** `scheduled: true` before and after the change. */
  scheduledBefore: boolean;
  scheduledAfter: boolean;
}

/** What the site knows of an article's publish time: its date now, and what main first published. */
export interface PublishTimeInput {
  file: string;
  /** The frontmatter `date` now. */
  date?: string | undefined;
  /** `scheduled: true` now. */
  scheduled?: boolean | undefined;
  /** When and how the article reached main; undefined when it has not (new, or no git history). */
  arrival?: { when: Date; date: string | undefined; scheduled: boolean } | undefined;
  /**
   * The changes of `date` on main since the arrival, oldest first; needed only
   * when the date now differs from the arrival's.
   */
  changes?: readonly DateChange[] | undefined;
}

/**
 * The publish time the site shows. An article keeps the time main first
 * published: its `date` then, or its arrival. Every change of the date on
 * main since must be either a correction the office listed (that exact
 * from → to) or an embargo moved while it held (scheduled before and after,
 * both times still ahead when the change reached main); otherwise the build
 * refuses (严禁篡改发布时间) rather than show either time. Pure.
 */
export function publishTime(input: PublishTimeInput, corrections: readonly DateCorrection[], now: Date): { at: Date } | { problem: Finding } {
  const current = (): Date => (input.date ? beijingToDate(input.date) : (input.arrival?.when ?? now));
  const { arrival } = input;
  if (!arrival || arrival.date === input.date) return { at: current() };
  const listed = (from: string | undefined, to: string | undefined) => corrections.some((c) => c.path === input.file && c.from === from && c.to === to);
  // Without the history, the change is judged as if made now.
  const changes = input.changes?.length ? input.changes : [{ when: now, from: arrival.date, to: input.date, scheduledBefore: arrival.scheduled, scheduledAfter: input.scheduled === true }];
  const wrong = changes.find((c) => !listed(c.from, c.to) && !embargoMoved(c));
  if (!wrong) return { at: current() };
  const was = wrong.from ?? `合并进主分支的时刻 ${formatBeijing(arrival.when)}`;
  return {
    problem: finding(
      input.file,
      "PUBLISH.DATE_CHANGED",
      `这篇文章的发布时间在 ${formatBeijing(wrong.when)} 从 ${was} 改成了 ${wrong.to ?? "（删除了 date）"}：发布后改动发布时间须由网站主管部门在 ${DATE_CORRECTIONS_FILE} 登记更正，否则网站不予构建。请恢复原发布时间`,
    ),
  };
}

/** A scheduled item not yet out, moved to another time still ahead: not a change of a publish time. */
function embargoMoved(c: DateChange): boolean {
  if (!c.scheduledBefore || !c.scheduledAfter || c.from === undefined || c.to === undefined) return false;
  return beijingToDate(c.from).getTime() > c.when.getTime() && beijingToDate(c.to).getTime() > c.when.getTime();
}
