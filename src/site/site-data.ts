import { checkPortalFiles } from "../jobs/check.ts";
import { arrivals, commitsTouching, historyOf, type History, SHALLOW_MESSAGE, textsAt } from "../adapters/git.ts";
import { frontmatterData } from "../articles/frontmatter.ts";
import type { CheckResult } from "../jobs/check.ts";
import type { Finding } from "../findings/finding.ts";
import type { Article } from "../articles/article.ts";
import { formatText } from "../findings/format.ts";
import type { Portal } from "../workflows/portal.ts";
import { publishTime, type DateChange } from "../publication/publish-time.ts";

export interface SiteData {
  portal: Portal;
  articles: Article[];
  /** Publish time (发布时间) of each article id. */
  published: Map<string, Date>;
  /** "none" outside git: undated articles then show the build time (a local preview only). */
  history: History["kind"];
}

/** Thrown when the portal does not pass `check`: the build refuses what the checker refuses. */
export class PortalInvalidError extends Error {}
/** The portal passes `check` but its publish times cannot be trusted: a shallow clone, or a date changed without a correction. */
export class PublishTimeError extends PortalInvalidError {}

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

async function load(root: string, checked?: CheckResult): Promise<SiteData> {
  const result = checked ?? checkPortalFiles(root);
  if (!result.ok || !result.portal) {
    throw new PortalInvalidError(`门户内容未通过检查，网站不予构建：\n${formatText({ ...result, warnings: [] })}`);
  }
  const history = await historyOf(root);
  if (history.kind === "shallow") throw new PublishTimeError(`GIT.SHALLOW：${SHALLOW_MESSAGE}`);
  const arrived = await arrivals(root);
  const now = new Date();
  // What main first published for each article: its text at the commit that brought it.
  const first = textsAt(root, result.articles.flatMap((a) => {
    const at = arrived.get(a.file);
    return at ? [{ commit: at.commit, path: at.path }] : [];
  }));
  const published = new Map<string, Date>();
  const problems: Finding[] = [];
  for (const a of result.articles) {
    const at = arrived.get(a.file);
    const then = at ? frontmatterData(first.get(`${at.commit}:${at.path}`) ?? "") : undefined;
    const arrival = at && then ? { when: at.when, date: dateOf(then), scheduled: then.scheduled === true } : at && { when: at.when, date: a.data.date, scheduled: false };
    const time = publishTime(
      {
        file: a.file,
        date: a.data.date,
        scheduled: a.data.scheduled === true,
        arrival,
        // Rare (a date changed since arrival): then every change on main is judged on its own.
        changes: arrival && arrival.date !== a.data.date ? await dateChanges(root, a.file, { date: a.data.date, scheduled: a.data.scheduled === true }, now) : undefined,
      },
      result.portal.dateCorrections,
      now,
    );
    if ("problem" in time) problems.push(time.problem);
    else published.set(a.id, time.at);
  }
  if (problems.length) {
    throw new PublishTimeError(`发布时间被改动，网站不予构建：\n${formatText({ ok: false, checked: result.checked, errors: problems, warnings: [] })}`);
  }
  return { portal: result.portal, articles: result.articles, published, history: history.kind };
}

const dateOf = (data: Record<string, unknown>): string | undefined => (data.date === undefined || data.date === null ? undefined : String(data.date));

/**
 * How an article's `date` changed on the main line, commit by commit, oldest
 * first, then in the working tree (a local edit not yet committed, as of `now`).
 */
async function dateChanges(root: string, file: string, current: { date: string | undefined; scheduled: boolean }, now: Date): Promise<DateChange[]> {
  const commits = await commitsTouching(root, file);
  const texts = textsAt(root, commits.map((c) => ({ commit: c.commit, path: file })));
  const out: DateChange[] = [];
  let previous: { date: string | undefined; scheduled: boolean } | undefined;
  for (const c of commits) {
    const text = texts.get(`${c.commit}:${file}`);
    if (text === undefined) continue;
    const data = frontmatterData(text) ?? {};
    const state = { date: dateOf(data), scheduled: data.scheduled === true };
    if (previous && previous.date !== state.date) out.push({ when: c.when, from: previous.date, to: state.date, scheduledBefore: previous.scheduled, scheduledAfter: state.scheduled });
    previous = state;
  }
  if (previous && previous.date !== current.date) out.push({ when: now, from: previous.date, to: current.date, scheduledBefore: previous.scheduled, scheduledAfter: current.scheduled });
  return out;
}

/**
 * Before a build starts pages: the publish times must be known. Returns why
 * the build is refused (a shallow clone, a date changed without a listed
 * correction), or a note to show (no git history: a local preview only).
 * Content findings are left to the build's own check; `checked`, the
 * build's own check of the portal, is used rather than checking it again.
 */
export async function publishTimesBeforeBuild(root: string, checked?: CheckResult): Promise<{ refusal?: string; note?: string }> {
  try {
    const site = await (checked ? load(root, checked) : loadSite(root));
    return site.history === "none" ? { note: NO_HISTORY_NOTE } : {};
  } catch (error) {
    if (error instanceof PublishTimeError) return { refusal: error.message };
    if (error instanceof PortalInvalidError) return {};
    throw error;
  }
}

const NO_HISTORY_NOTE = "提示：门户目录不是 git 仓库，没有提交历史：未写 date 的文章以本次构建的时间作为发布时间，仅供本地预览，不可用于正式发布。";
