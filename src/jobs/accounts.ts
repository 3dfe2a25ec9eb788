import { join } from "node:path";
import { writeFileAtomic } from "../adapters/atomic-write.ts";
import { commitRecords, rosterJoins } from "../adapters/git.ts";
import { github, keepIssues, pullRequestActivity } from "../adapters/github.ts";
import { readWorkflowTexts } from "../adapters/repository-files.ts";
import { formatBeijing } from "../calendar/dates.ts";
import { apiUrlOf, nowOf, portalRootOf, repoOf, type Args } from "../cli/args.ts";
import { JobFailure } from "../cli/run.ts";
import { generateCodeowners } from "../codeowners/generate.ts";
import { ACCOUNTS_LABEL, ACCOUNTS_MARKER, accountsNotice, accountStates, activityOfCommits, LOCK_DAYS, LOCK_REASON, REMIND_DAYS, renderAccountsText, type Activity } from "../roster/inactivity.ts";
import { lockInUnitsYaml } from "../roster/lock-accounts.ts";
import { parseWorkflows } from "../workflows/parse-workflows.ts";
import { checkWorkflowReferences } from "../workflows/workflow-references.ts";

const DAY = 24 * 3600 * 1000;

/** `npm run accounts`: the job's composition; scripts/accounts.ts gives it its command line. */
export async function accountsJob(args: Args): Promise<number> {
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
    const units = lockInUnitsYaml(texts.units ?? "", new Set(toLock.map((s) => s.login.toLowerCase())), formatBeijing(now, false), LOCK_REASON);
    const after = parseWorkflows({ ...texts, units: units.text }).portal;
    if (!after) throw new JobFailure("锁定账号后 units.yaml 无法解析，未写入任何文件：请把这段提示发给技术管理员。", 3);
    writeFileAtomic(join(root, "workflows/units.yaml"), units.text);
    writeFileAtomic(join(root, "CODEOWNERS"), generateCodeowners(after));
    locked = units.locked;
    console.error(`已在 workflows/units.yaml 锁定 ${locked.length} 个账号（${locked.join("、")}），并重新生成了 CODEOWNERS：请提交拉取请求，经审核后生效。`);
    // Locking can leave a unit or a review level without anyone: said now, so the same pull request names a successor.
    const gaps = checkWorkflowReferences(after).filter((f) => f.severity === "error");
    if (gaps.length) console.error(`锁定后还须补充人员，否则检查不能通过：\n${gaps.map((f) => `  ${f.message}`).join("\n")}`);
  }
  if (gh && target) {
    const notice = accountsNotice(states, portal);
    await keepIssues(gh, target, notice ? [notice] : [], ACCOUNTS_MARKER, `没有 ${REMIND_DAYS} 天以上未使用的账号了（${formatBeijing(now)} 核对），本提醒自动关闭。`, ACCOUNTS_LABEL);
  }
  console.log(args.json ? JSON.stringify({ now: now.toISOString(), accounts: states, locked }, null, 2) : renderAccountsText(states, portal, now));
  return 0;
}
