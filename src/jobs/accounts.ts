import { join } from "node:path";
import { writeFileAtomic } from "../adapters/atomic-write.ts";
import { commitRecords, rosterJoins } from "../adapters/git.ts";
import { defaultBranchHead, fileAt, github, keepIssues, keepPullRequest, pullRequestActivity, removeFromTeams, type KeptPullRequest } from "../adapters/github.ts";
import { readWorkflowTexts } from "../adapters/repository-files.ts";
import { formatBeijing } from "../calendar/dates.ts";
import { apiUrlOf, nowOf, portalRootOf, repoOf, UsageError, type Args } from "../cli/args.ts";
import { JobFailure } from "../cli/run.ts";
import { ACCOUNTS_LABEL, ACCOUNTS_MARKER, accountsNotice, accountStates, activityOfCommits, LOCK_DAYS, REMIND_DAYS, renderAccountsText, type Activity } from "../roster/inactivity.ts";
import { LOCK_BRANCH, lockPullRequest, pendingLockDate } from "../workflows/lock-pull-request.ts";
import { isActive } from "../roster/roster.ts";
import { parseWorkflows } from "../workflows/parse-workflows.ts";
import { WORKFLOW_FILES } from "../workflows/portal.ts";

const DAY = 24 * 3600 * 1000;
const PR_ACTIONS = { created: "已创建", updated: "已更新", unchanged: "没有变化", closed: "已关闭" } as const;

/** `npm run accounts`: the job's composition; scripts/accounts.ts gives it its command line. */
export async function accountsJob(args: Args): Promise<number> {
  if (args["lock-pr"] && !args.github) throw new UsageError("--lock-pr 要在 GitHub 上创建拉取请求：请同时使用 --github 和 --repo");
  const root = portalRootOf(args);
  const now = nowOf(args);
  const texts = readWorkflowTexts(root);
  const { portal } = parseWorkflows(texts);
  if (!portal) throw new JobFailure("网站规则文件有误，无法核对账号：请先运行 npm run check 并改正。", 1);
  const logins = new Set(portal.units.flatMap((u) => u.people.map((p) => p.login.toLowerCase())));
  // Commits from git (one log of every branch); pull requests and reviews only GitHub knows.
  const activity: Activity[] = activityOfCommits(await commitRecords(root), logins);
  const target = args.github ? repoOf(args) : undefined;
  const gh = target ? github(process.env.GITHUB_TOKEN, apiUrlOf(args)) : undefined;
  if (gh && target) {
    for (const a of await pullRequestActivity(gh, target, new Date(now.getTime() - (LOCK_DAYS + 1) * DAY))) if (logins.has(a.login)) activity.push(a);
  }
  // Offline, reviews are not known: only GitHub can say a reviewer is idle.
  const states = accountStates(portal, activity, await rosterJoins(root), now, { reviewsKnown: !!gh });
  const toLock = states.filter((s) => s.status === "lock");
  let locked: string[] = [];
  if (args.write && toLock.length) {
    const plan = lockPullRequest(texts, portal, states, now);
    if (!plan) throw new JobFailure("锁定账号后 units.yaml 无法解析，未写入任何文件：请把这段提示发给技术管理员。", 3);
    for (const [path, text] of Object.entries(plan.files)) writeFileAtomic(join(root, path), text);
    locked = plan.locked;
    console.error(`已在 workflows/units.yaml 锁定 ${locked.length} 个账号（${locked.join("、")}），并重新生成了 CODEOWNERS：请提交拉取请求，经审核后生效。`);
    // Locking can leave a unit or a review level without anyone: said now, so a successor is named before the lock is merged.
    if (plan.gaps.length) console.error(`锁定后还须补充人员，否则检查不能通过：\n${plan.gaps.map((g) => `  ${g}`).join("\n")}`);
  }
  let pullRequest: KeptPullRequest | null = null;
  let removedFromTeams: { login: string; team: string }[] = [];
  if (gh && target) {
    if (args["lock-pr"]) {
      // The lock is made on GitHub's default branch: the checkout must be that very roster.
      const base = await defaultBranchHead(gh, target);
      if ((await fileAt(gh, target, WORKFLOW_FILES.units, base.sha)) !== texts.units) {
        throw new JobFailure(`本地的 ${WORKFLOW_FILES.units} 与 GitHub 上默认分支 ${base.branch} 的不一致，未创建拉取请求：请在默认分支的最新版本上运行。`, 1);
      }
      const due = new Set(toLock.map((s) => s.login.toLowerCase()));
      const pending = due.size ? await fileAt(gh, target, WORKFLOW_FILES.units, LOCK_BRANCH) : null;
      const plan = lockPullRequest(texts, portal, states, now, pendingLockDate(texts.units ?? "", pending, due));
      pullRequest = await keepPullRequest(gh, target, LOCK_BRANCH, plan, `没有需要锁定的账号了（${formatBeijing(now)} 核对）：本拉取请求自动关闭，分支已删除。`);
      if (pullRequest) console.error(`锁定账号的拉取请求 #${pullRequest.number}：${PR_ACTIONS[pullRequest.action]}（${pullRequest.url}）`);
      // After the merge: the locked leave their unit's team, when an organisation token may do it.
      const org = portal.site.github?.org;
      const orgToken = process.env.SANSHEN_ORG_TOKEN?.trim();
      if (org && orgToken) {
        const members = portal.units.flatMap((u) => (u.team ? u.people.filter((p) => !isActive(p)).map((p) => ({ login: p.login, team: u.team! })) : []));
        removedFromTeams = await removeFromTeams(github(orgToken, apiUrlOf(args)), org, members);
        for (const m of removedFromTeams) console.error(`已把已锁定的 ${m.login} 移出 GitHub 团队 ${org}/${m.team}。`);
      }
    }
    const open = pullRequest && pullRequest.action !== "closed" ? pullRequest.number : undefined;
    const notice = accountsNotice(states, portal, open);
    await keepIssues(gh, target, notice ? [notice] : [], ACCOUNTS_MARKER, `没有 ${REMIND_DAYS} 天以上未使用的账号了（${formatBeijing(now)} 核对），本提醒自动关闭。`, ACCOUNTS_LABEL);
  }
  console.log(args.json ? JSON.stringify({ now: now.toISOString(), accounts: states, locked, pullRequest, removedFromTeams }, null, 2) : renderAccountsText(states, portal, now));
  return 0;
}
