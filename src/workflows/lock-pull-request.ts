import { formatBeijing } from "../calendar/dates.ts";
import { generateCodeowners } from "../codeowners/generate.ts";
import { LOCK_DAYS, LOCK_REASON, type AccountState } from "../roster/inactivity.ts";
import { lockInUnitsYaml } from "../roster/lock-accounts.ts";
import { parseUnits } from "../roster/units-schema.ts";
import { parseWorkflows, type WorkflowTexts } from "./parse-workflows.ts";
import { WORKFLOW_FILES, type Portal } from "./portal.ts";
import { checkWorkflowReferences } from "./workflow-references.ts";

/**
 * The pull request the accounts job keeps open while accounts are due for
 * locking (seed 000: 账号一个月未使用即锁定): units.yaml with `locked`
 * added and CODEOWNERS regenerated, exactly what the gate admits from the
 * bot (src/review/lock-change.ts), with a Chinese title and body for the
 * office. Pure: the rule files, the states and `now` in.
 */
export const LOCK_BRANCH = "sanshen/lock-accounts";
export const LOCK_PR_MARKER = "<!-- sanshen:lock-accounts -->";

export interface LockPullRequest {
  title: string;
  body: string;
  /** The commit's message (English, like every commit). */
  message: string;
  /** The files the commit writes, by path: units.yaml and CODEOWNERS. */
  files: Record<string, string>;
  /** The logins locked, as units.yaml spells them. */
  locked: string[];
  /** What check will refuse once they are locked: a unit or a level left without anyone. */
  gaps: string[];
}

/**
 * The lock date a pending lock PR already carries for the same people, so a
 * weekly re-run leaves its commit as it is: the date when `pending` (the
 * branch's units.yaml) is exactly `base` with these logins locked on one day.
 */
export function pendingLockDate(base: string, pending: string | null, logins: ReadonlySet<string>): string | undefined {
  if (pending === null) return undefined;
  const date = parseUnits(pending)?.flatMap((u) => u.people).find((p) => p.locked && logins.has(p.login.toLowerCase()))?.locked?.date;
  return date && lockInUnitsYaml(base, logins, date, LOCK_REASON).text === pending ? date : undefined;
}

export function lockPullRequest(texts: WorkflowTexts, portal: Portal, states: readonly AccountState[], now: Date, pendingDate?: string): LockPullRequest | undefined {
  const due = states.filter((s) => s.status === "lock");
  if (!due.length) return undefined;
  const logins = new Set(due.map((s) => s.login.toLowerCase()));
  const units = lockInUnitsYaml(texts.units ?? "", logins, pendingDate ?? formatBeijing(now, false), LOCK_REASON);
  const after = parseWorkflows({ ...texts, units: units.text }).portal;
  if (!after || !units.locked.length) return undefined;
  const gaps = checkWorkflowReferences(after).filter((f) => f.severity === "error").map((f) => f.message);
  const unitName = (id: string) => portal.unitById.get(id)?.name ?? id;
  const org = portal.site.github?.org;
  const row = (s: AccountState) => `| @${s.login} | ${s.name} | ${unitName(s.unit)} | ${s.lastActive ? s.lastActive.slice(0, 10) : "—"} | ${s.days} 天 |`;
  const team = (s: AccountState) => {
    const t = portal.unitById.get(s.unit)?.team;
    return org && t ? `- [ ] 把 @${s.login}（${s.name}）移出 GitHub 团队 @${org}/${t}` : `- [ ] 撤销 @${s.login}（${s.name}）对本仓库的访问权限（仓库 Settings → Collaborators and teams）`;
  };
  const body = [
    LOCK_PR_MARKER,
    `按规定，账号一个月未使用即锁定。以下 ${due.length} 位同事的账号已超过 ${LOCK_DAYS} 天没有提交、拉取请求或审核记录，本拉取请求在 workflows/units.yaml 中为他们加上锁定记录（原因：${LOCK_REASON}），并重新生成 CODEOWNERS：`,
    "",
    "| 账号 | 姓名 | 单位 | 最后一次使用 | 未使用 |",
    "|---|---|---|---|---|",
    ...due.map(row),
    "",
    "锁定后，这些账号不能报送也不能审核；需要恢复的，请网站主管部门删去 units.yaml 中该人的 locked 一行。本拉取请求与其他改动一样，须经 workflows/ 的审核链批准后合并；机器人自己的批准不算数。",
    ...(gaps.length
      ? ["", "**锁定后还须补充人员，否则检查不能通过：**", "", ...gaps.map((g) => `- ${g}`), "", "请网站主管部门另提一个拉取请求，在 workflows/units.yaml 中补充人员，先合并那一个。本拉取请求只能有锁定这一项改动（审核会拒绝机器人提交的其他改动），下次账号核对时会按新的人员名单自动更新。"]
      : []),
    "",
    "**合并后请技术管理员：**",
    "",
    ...due.map(team),
    "",
    "机器人创建或更新的拉取请求不会自动运行检查和「三审三校」：请网站主管部门点一次「Close pull request」再点「Reopen pull request」，两项检查随即运行。请勿在本拉取请求中另加改动：账号核对每次运行都会重新生成这个分支。",
    "",
    `（${formatBeijing(now)} 核对。若这些同事在合并前登录使用，下次核对时本拉取请求自动更新或关闭。）`,
  ].join("\n");
  return {
    title: `锁定 ${due.length} 个超过 ${LOCK_DAYS} 天未使用的账号`,
    body,
    message: `Lock accounts unused for ${LOCK_DAYS} days (seed 000): ${units.locked.join(", ")}`,
    files: { [WORKFLOW_FILES.units]: units.text, CODEOWNERS: generateCodeowners(after) },
    locked: units.locked,
    gaps,
  };
}
