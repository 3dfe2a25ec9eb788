import type { Article } from "../articles/article.ts";
import { frontmatterData } from "../articles/frontmatter.ts";
import type { Finding } from "../findings/finding.ts";
import type { DateCorrection } from "./date-corrections-schema.ts";
import { publishTime, type DateChange } from "./publish-time.ts";

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
