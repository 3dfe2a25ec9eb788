import type { GraphCommit } from "../adapters/git.ts";
import { loginOf, mergedPullRequest } from "../roster/inactivity.ts";

/**
 * A submission (报送): what brought articles to the main line, one per
 * first-parent commit: a merged pull request, a squashed one, or a commit
 * pushed directly. Who submitted it, when it was opened and merged (its
 * review time is the difference) and whether the reviewers sent it back.
 */
export interface Submission {
  /** The main-line commit that brought it: the merge, the squash, or the commit itself. */
  commit: string;
  /** The pull request's number when known (a merge's or a squash's subject, or GitHub). */
  number: number | null;
  /** The submitter's roster login (lower case), or null when the commit names nobody on the roster. */
  author: string | null;
  /** When it was opened: GitHub's `created_at`, or offline the earliest author date on its branch; null when unknown (a squash, a direct push). */
  opened: Date | null;
  merged: Date;
  /** Reviews that requested changes; null when not known (git records no reviews). */
  changesRequested: number | null;
}

/**
 * The submissions of the main line from the commit graph alone (newest
 * first, as `git log` prints it), by main-line commit. A merge's branch is
 * the commits its second parent brings that the main line did not already
 * have: walked from the second parent, stopping at the main line and at
 * commits an earlier merge brought, so each commit belongs to one merge and
 * the walk is linear in the history. Its author is the subject's login
 * ("Merge pull request #7 from login/…"), else the author of the branch's
 * first commit; its opening time the earliest author date on the branch.
 * Squashes and direct pushes have no branch: their review time is unknown
 * offline. Pure.
 */
export function submissionsFromGraph(graph: readonly GraphCommit[], logins: ReadonlySet<string>): Map<string, Submission> {
  const byId = new Map(graph.map((c) => [c.commit, c]));
  const mainLine: GraphCommit[] = [];
  for (let c = graph[0]; c; c = c.parents[0] ? byId.get(c.parents[0]) : undefined) mainLine.push(c);
  mainLine.reverse();
  const claimed = new Set(mainLine.map((c) => c.commit));
  const out = new Map<string, Submission>();
  for (const m of mainLine) {
    const branch: GraphCommit[] = [];
    const stack = m.parents.slice(1);
    while (stack.length) {
      const id = stack.pop()!;
      if (claimed.has(id)) continue;
      claimed.add(id);
      const c = byId.get(id);
      if (!c) continue; // beyond a shallow boundary
      branch.push(c);
      stack.push(...c.parents);
    }
    branch.sort((a, b) => a.authored.getTime() - b.authored.getTime() || a.commit.localeCompare(b.commit));
    const pr = mergedPullRequest(m.subject);
    const squashed = /\(#(\d+)\)$/.exec(m.subject);
    const author = (pr && logins.has(pr.author) ? pr.author : undefined) ?? (branch[0] ? loginOf(branch[0].authorName, branch[0].authorEmail, logins) : loginOf(m.authorName, m.authorEmail, logins));
    out.set(m.commit, {
      commit: m.commit,
      number: pr?.number ?? (squashed ? Number(squashed[1]) : null),
      author: author ?? null,
      opened: branch[0]?.authored ?? null,
      merged: m.at,
      changesRequested: null,
    });
  }
  return out;
}

/** A merged pull request as GitHub knows it. */
export interface MergedPullRequest {
  number: number;
  author: string;
  createdAt: Date;
  mergedAt: Date;
  /** The commit GitHub put on the base branch (a merge, a squash, or the last rebased commit). */
  mergeCommit: string | null;
  changesRequested: number;
}

/**
 * The submissions with what GitHub knows laid over git's: the pull request's
 * author, its opening time and its reviews, by the commit it was merged as.
 * A pull request whose commit is not on the main line (merged elsewhere) is
 * left out. Pure.
 */
export function withPullRequests(submissions: ReadonlyMap<string, Submission>, pulls: readonly MergedPullRequest[]): Map<string, Submission> {
  const out = new Map(submissions);
  for (const p of pulls) {
    const s = p.mergeCommit ? out.get(p.mergeCommit) : undefined;
    if (!s) continue;
    out.set(s.commit, { ...s, number: p.number, author: p.author.toLowerCase(), opened: p.createdAt, merged: p.mergedAt, changesRequested: p.changesRequested });
  }
  return out;
}

/** The median of `values`, or null when there are none (the mean of the middle two when even). */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}
