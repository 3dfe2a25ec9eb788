import type { Article } from "../articles/article.ts";
import { finding, type Finding } from "../findings/finding.ts";
import { DATE_CORRECTIONS_FILE, type DateCorrection } from "./date-corrections-schema.ts";
import { beijingToDate, formatBeijing } from "../calendar/dates.ts";
import { frontmatterData } from "../articles/frontmatter.ts";

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

/** The frontmatter facts a publish time depends on. */
interface DateState {
  date: string | undefined;
  scheduled: boolean;
}

/** How an article reached main: when, and its `date` and `scheduled` then. */
export type ArrivalState = { when: Date } & DateState;

/** What the main line's history says of one article; the texts are read by the caller (git), this module only judges them. */
export interface ArticleHistory {
  arrival?: ArrivalState | undefined;
  /**
   * Every first-parent commit that touched it, oldest first, with its text
   * there (undefined where the commit removed it). Needed only when
   * `dateChangedSinceArrival`: a changed date is rare.
   */
  commits?: readonly { when: Date; text: string | undefined }[] | undefined;
}

const stateOf = (data: Record<string, unknown>): DateState => ({
  date: data.date === undefined || data.date === null ? undefined : String(data.date),
  scheduled: data.scheduled === true,
});

/** The arrival of an article from its text in the commit that brought it (its date now when that text cannot be read). */
export function arrivalFrom(article: Article, when: Date, text: string | undefined): ArrivalState {
  const then = text === undefined ? undefined : frontmatterData(text);
  return then ? { when, ...stateOf(then) } : { when, date: article.data.date, scheduled: false };
}

/** Whether the article's `date` now differs from the one main first published: then its history on main must be read. */
export function dateChangedSinceArrival(article: Article, arrival: ArrivalState | undefined): boolean {
  return arrival !== undefined && arrival.date !== article.data.date;
}

/**
 * How an article's `date` changed on the main line, commit by commit, oldest
 * first, then in the working tree (a local edit not yet committed, as of `now`).
 */
function dateChanges(commits: NonNullable<ArticleHistory["commits"]>, current: DateState, now: Date): DateChange[] {
  const out: DateChange[] = [];
  let previous: DateState | undefined;
  for (const c of commits) {
    if (c.text === undefined) continue;
    const state = stateOf(frontmatterData(c.text) ?? {});
    if (previous && previous.date !== state.date) out.push({ when: c.when, from: previous.date, to: state.date, scheduledBefore: previous.scheduled, scheduledAfter: state.scheduled });
    previous = state;
  }
  if (previous && previous.date !== current.date) out.push({ when: now, from: previous.date, to: current.date, scheduledBefore: previous.scheduled, scheduledAfter: current.scheduled });
  return out;
}

/**
 * The publish time (发布时间) of every article, by id: its frontmatter `date`
 * when it has one (scheduled, migrated or sample items), else the moment it
 * reached main; a date changed after publication counts only when listed
 * (`publishTime`). The problems are the articles whose time was changed
 * without a correction: the build refuses them. Pure.
 */
export function publishTimes(
  articles: readonly Article[],
  historyOf: (article: Article) => ArticleHistory,
  corrections: readonly DateCorrection[],
  now: Date,
): { published: Map<string, Date>; problems: Finding[] } {
  const published = new Map<string, Date>();
  const problems: Finding[] = [];
  for (const a of articles) {
    const { arrival, commits } = historyOf(a);
    const current = { date: a.data.date, scheduled: a.data.scheduled === true };
    const time = publishTime(
      {
        file: a.file,
        ...current,
        arrival,
        // Rare (a date changed since arrival): then every change on main is judged on its own.
        changes: dateChangedSinceArrival(a, arrival) && commits ? dateChanges(commits, current, now) : undefined,
      },
      corrections,
      now,
    );
    if ("problem" in time) problems.push(time.problem);
    else published.set(a.id, time.at);
  }
  return { published, problems };
}
