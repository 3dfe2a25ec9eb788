import { isActive } from "../roster/roster.ts";
import type { Portal } from "../workflows/portal.ts";
import { problem, type GateProblem } from "./gate-problem.ts";
import { isActionsBot, lockChangeProblem } from "./lock-change.ts";
import { requirementsOf, type GateInfo, type Requirement } from "./chains.ts";
import type { Snapshot } from "./snapshot.ts";
import { targetBranchProblem } from "./target-branch.ts";

/**
 * The 三审三校 decision, as a tree that explains itself (policy-bot's
 * approval result): for each level, who signed and when, or who may still
 * sign, or why nobody can. Pure.
 */
export type StepStatus = "approved" | "waiting" | "blocked";

export interface StepResult {
  level: string;
  name: string;
  status: StepStatus;
  by: string | null;
  at: string | null;
  eligible: string[];
  /** The chain this step belongs to. */
  chain: string;
  comment: string | null;
  paper: boolean;
}

/** An approval that does not count, and why (policy-bot's dismissals): listed on the 审批单, never silently dropped. */
export interface DismissedApproval {
  user: string;
  at: string;
  reason: string;
}

export interface GateResult {
  state: "success" | "pending" | "failure";
  category: string;
  chain: StepResult[];
  description: string;
  /** The problems' messages, in order (the stable JSON field). */
  reasons: string[];
  /** Why it cannot pass: failure exactly when there is one. */
  problems: GateProblem[];
  dismissed: DismissedApproval[];
  info: GateInfo;
}

interface Approval {
  user: string;
  at: number;
  iso: string;
  comment: string | null;
}

export function evaluateGate(portal: Portal, pr: Snapshot): GateResult {
  const { needs, info, problems: requirementProblems } = requirementsOf(portal, pr);
  const { rules } = portal.review;
  const known = (login: string) => portal.personByLogin.get(login.toLowerCase());
  // One person, one account (seed 000): only a registered, unlocked account may submit.
  const submitter = known(pr.author);
  const problems: GateProblem[] = [];
  const branchProblem = targetBranchProblem(pr);
  if (branchProblem) problems.push(problem("GATE.TARGET_BRANCH", branchProblem));
  // The bot's one admitted change is the accounts job's lock (seed 000); anything else it opens fails here.
  // Admitted, the bot still approves nothing: it is the author, and on no roster.
  if (isActionsBot(pr.author)) {
    const notLock = lockChangeProblem(portal, pr);
    if (notLock) problems.push(notLock);
  } else if (!submitter) problems.push(problem("GATE.AUTHOR_UNREGISTERED", `提交人 @${pr.author} 不在 units.yaml 的人员名单中：一人一号，请网站主管部门先登记这个账号，再由本人提交`));
  else if (!isActive(submitter.person)) {
    problems.push(problem("GATE.AUTHOR_LOCKED", `提交人 @${pr.author} 的账号已锁定${submitter.person.locked?.reason ? `（${submitter.person.locked.reason}）` : ""}，不能提交稿件：请网站主管部门解除锁定，或改由在册人员提交`));
  }
  problems.push(...requirementProblems);
  // Whoever authored or committed a commit of the PR is an author of it too: their approval does not count.
  // Both fields are set by whoever makes the commit (`git commit --author`), so the real control is branch
  // protection's require_last_push_approval (setup-github): GitHub knows who pushed.
  const authors = new Set([pr.author, ...pr.commits.flatMap((c) => [c.author, c.committer].filter((l): l is string => Boolean(l)))].map((l) => l.toLowerCase()));

  // Each person's latest decisive review (a comment neither approves nor cancels).
  const latest = new Map<string, Snapshot["reviews"][number]>();
  for (const r of [...pr.reviews].sort((a, b) => Date.parse(a.submitted_at) - Date.parse(b.submitted_at))) {
    if (r.state !== "COMMENTED") latest.set(r.user.toLowerCase(), r);
  }
  const approvals: Approval[] = [];
  const dismissed: DismissedApproval[] = [];
  for (const [login, r] of latest) {
    const person = known(login);
    if (r.state === "CHANGES_REQUESTED" && person) problems.push(problem("GATE.CHANGES_REQUESTED", `@${r.user} 要求修改${r.body ? `：${r.body}` : ""}`));
    if (r.state !== "APPROVED") continue;
    const why =
      login === pr.author.toLowerCase()
        ? "提交人本人的批准不算审核"
        : authors.has(login)
          ? "是这个 PR 中提交的作者或提交者，不能审核自己改动的内容"
          : !person
            ? "不在 units.yaml 的人员名单中"
            : !isActive(person.person)
              ? `账号已锁定${person.person.locked?.reason ? `（${person.person.locked.reason}）` : ""}`
              : rules.fresh && r.commit_id !== pr.head_sha
                ? `批准的是较早的版本（${r.commit_id.slice(0, 7)}），之后又有新的提交，请对最新版本重新审核`
                : undefined;
    if (why) dismissed.push({ user: r.user, at: r.submitted_at, reason: why });
    else approvals.push({ user: r.user, at: Date.parse(r.submitted_at), iso: r.submitted_at, comment: r.body ?? null });
  }
  const firstCommit = Math.min(...pr.commits.map((c) => Date.parse(c.committed_at)), Number.POSITIVE_INFINITY);

  const chain: StepResult[] = [];
  for (const need of needs) {
    const assignment = assign(need.steps, approvals, pr.author, firstCommit, rules);
    // Who has signed a step of this chain cannot sign another one (one person, one level).
    const signed = new Set(assignment.flatMap((a) => (a ? [a.user.toLowerCase()] : [])));
    need.steps.forEach((step, i) => {
      const hit = assignment[i];
      const notAuthor = (l: string) => (step.byAuthor && l.toLowerCase() === pr.author.toLowerCase()) || !authors.has(l.toLowerCase());
      const possible = step.eligible.filter(notAuthor);
      // 待审 names who can sign now; when all of them signed another level, they stay named
      // (the chain can still be rearranged: someone else signs that level, they sign again).
      const free = possible.filter((l) => !(rules.distinct_people && signed.has(l.toLowerCase())));
      const others = hit ? possible : free.length ? free : possible;
      const status: StepStatus = hit ? "approved" : others.length ? "waiting" : "blocked";
      if (status === "blocked") {
        const pushers = step.eligible.filter((l) => !notAuthor(l));
        problems.push(
          problem(
            "GATE.NO_SIGNER",
            pushers.length
            ? `「${step.name}」只有 ${pushers.map((l) => `@${l}`).join(" ")} 能签，但他们是这个 PR 的提交人或向它提交过改动，不能审核自己改动的内容：请网站主管部门在 units.yaml 中为这一级补充人员`
            : `「${step.name}」没有可以签批的人：请网站主管部门在 units.yaml 中补充人员`,
          ),
        );
      }
      chain.push({ level: step.level, name: step.name, status, by: hit?.user ?? null, at: hit?.iso ?? null, eligible: others, chain: need.chain, comment: hit?.comment ?? null, paper: step.paper });
    });
  }
  if (!needs.length && !requirementProblems.length) problems.push(problem("GATE.EMPTY", "这个 PR 没有改动任何文件，不能合并"));

  const reasons = problems.map((p) => p.message);
  const state = problems.length ? "failure" : chain.some((s) => s.status === "waiting") ? "pending" : "success";
  const category = needs.map((n) => n.chain).join("+") || "none";
  return { state, category, chain, description: describe(state, chain, reasons), reasons, problems, dismissed, info };
}

/**
 * The best assignment of approvals to steps: distinct people, each level after
 * the level before (when the rules say so), as many steps as possible. Steps of
 * one level (one per unit) are not ordered among themselves: each needs only to
 * come after every approval of the level before. A level with a step unsigned
 * ends the count when order matters, since later levels must come after it.
 * A small backtracking search (chains have a handful of steps): a greedy
 * choice could spend one person's approval on the wrong level.
 */
function assign(steps: Requirement[], approvals: Approval[], author: string, firstCommit: number, rules: { distinct_people: boolean; ordered: boolean }): (Approval | undefined)[] {
  let best: (Approval | undefined)[] = [];
  let bestCount = -1;
  const chosen: (Approval | undefined)[] = [];
  const NONE = Number.NEGATIVE_INFINITY;
  /** `after`: the latest approval of the previous level; `levelMax`: the latest so far in this level; `gap`: a step left unsigned. */
  const walk = (i: number, after: number, levelMax: number, gap: boolean, used: Set<string>, count: number) => {
    if (count > bestCount) {
      bestCount = count;
      best = [...chosen];
    }
    if (i === steps.length || bestCount === steps.length) return;
    const step = steps[i]!;
    if (i > 0 && step.level !== steps[i - 1]!.level) {
      if (rules.ordered && gap) return;
      after = rules.ordered ? levelMax : NONE;
      levelMax = NONE;
    }
    const eligible = new Set(step.eligible.map((l) => l.toLowerCase()));
    const candidates: Approval[] = [];
    // 承办人初审 (seed 002): the author's own submission is the first review.
    if (step.byAuthor && eligible.has(author.toLowerCase())) candidates.push({ user: author, at: firstCommit === Number.POSITIVE_INFINITY ? 0 : firstCommit, iso: "", comment: "提交即初审" });
    for (const a of approvals) if (eligible.has(a.user.toLowerCase())) candidates.push(a);
    candidates.sort((a, b) => a.at - b.at);
    for (const c of candidates) {
      const who = c.user.toLowerCase();
      if (rules.distinct_people && used.has(who)) continue;
      // Strictly after the level before: a tie is not an order.
      if (rules.ordered && after !== NONE && c.at <= after) continue;
      chosen[i] = c;
      used.add(who);
      walk(i + 1, after, Math.max(levelMax, c.at), gap, used, count + 1);
      used.delete(who);
      chosen.length = i;
      if (bestCount === steps.length) return;
    }
    // Or leave this step unsigned: another unit's step of the same level may still be signed.
    chosen[i] = undefined;
    walk(i + 1, after, levelMax, true, used, count);
    chosen.length = i;
  };
  walk(0, NONE, NONE, false, new Set(), 0);
  return steps.map((_, i) => best[i]);
}

/** The commit status description: 初审✓ 复审✓ 终审待审：@leader1 @leader2 (GitHub allows 140 characters). */
export function describe(state: GateResult["state"], chain: StepResult[], reasons: string[]): string {
  const parts = chain.map((s) => (s.status === "approved" ? `${s.name}✓` : s.status === "blocked" ? `${s.name}无人可审` : `${s.name}待审`));
  const next = chain.find((s) => s.status === "waiting");
  let text = parts.join(" ");
  if (state === "failure" && reasons.length) text = `未通过：${reasons[0]}`;
  else if (next) text += `：${next.eligible.map((l) => `@${l}`).join(" ")}`;
  else if (state === "success") text = `审核完成：${parts.join(" ")}`;
  return [...text].length > 140 ? `${[...text].slice(0, 139).join("")}…` : text;
}
