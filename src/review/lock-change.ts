import { generateCodeowners } from "../codeowners/generate.ts";
import { lockInUnitsYaml } from "../roster/lock-accounts.ts";
import { rosterOf } from "../roster/roster.ts";
import { parseUnits, UNITS_FILE } from "../roster/units-schema.ts";
import type { Portal } from "../workflows/portal.ts";
import { problem, type GateProblem } from "./gate-problem.ts";
import type { Snapshot } from "./snapshot.ts";

/**
 * The one pull request a bot may author: the accounts job's lock of idle
 * accounts (seed 000). GitHub Actions' own token opens it as
 * `github-actions[bot]`, who is on no roster; the gate admits that author
 * only when the change is exactly what the job makes: `locked` added to
 * people in units.yaml, every other byte as it was, and CODEOWNERS
 * regenerated from the new roster. The PR then needs the approvals of the
 * chain that governs workflows/ like any other change to the rules, and the
 * bot, being the author and on no roster, can approve nothing. Pure.
 */
export const ACTIONS_BOT = "github-actions[bot]";
export const isActionsBot = (login: string): boolean => login.toLowerCase() === ACTIONS_BOT;

/** The files a lock changes; the snapshot carries their base and head texts when the bot is the author. */
export const LOCK_FILES: readonly string[] = [UNITS_FILE, "CODEOWNERS"];

/** Why a PR the bot authored is not exactly a lock of accounts; undefined when it is. */
export function lockChangeProblem(portal: Portal, pr: Snapshot): GateProblem | undefined {
  const not = (why: string) => problem("GATE.BOT_CHANGE_NOT_LOCK", `这个 PR 由 GitHub Actions 机器人（@${ACTIONS_BOT}）提交，机器人只能提交锁定账号的改动（在 workflows/units.yaml 中加上 locked，并重新生成 CODEOWNERS）：${why}`);
  const others = pr.files.filter((f) => !LOCK_FILES.includes(f.path) || f.status !== "modified");
  if (others.length) return not(`它还改动了 ${others.slice(0, 3).map((f) => f.path).join("、")}${others.length > 3 ? ` 等 ${others.length} 个文件` : ""}，不能合并，请关闭`);
  const units = pr.files.find((f) => f.path === UNITS_FILE);
  if (!units || units.base === null || units.head === null) return not("没有改动 workflows/units.yaml，不能合并，请关闭");
  const before = parseUnits(units.base);
  const after = parseUnits(units.head);
  if (!before || !after) return not("改动后的 workflows/units.yaml 不是有效的人员名单，不能合并，请关闭");
  // The lock is judged against the roster the gate holds: a PR made on an older units.yaml is stale.
  if (JSON.stringify(before) !== JSON.stringify(portal.units)) return not("它是在较早的人员名单上生成的，主分支的 units.yaml 此后已有改动；账号核对下次运行时会按新的名单重新生成");
  const wasLocked = new Set(before.flatMap((u) => u.people.filter((p) => p.locked).map((p) => p.login.toLowerCase())));
  const newly = after.flatMap((u) => u.people.filter((p) => p.locked && !wasLocked.has(p.login.toLowerCase())));
  const first = newly[0]?.locked;
  if (!first) return not("workflows/units.yaml 中没有新锁定的人，不能合并，请关闭");
  if (newly.some((p) => p.locked!.date !== first.date || p.locked!.reason !== first.reason)) return not("各人的锁定日期或原因不一致，不能合并，请关闭");
  const expected = lockInUnitsYaml(units.base, new Set(newly.map((p) => p.login.toLowerCase())), first.date, first.reason);
  if (expected.text !== units.head) return not("workflows/units.yaml 中除了加上 locked 还有别的改动，不能合并，请关闭");
  const want = generateCodeowners({ ...portal, ...rosterOf(after) });
  const codeowners = pr.files.find((f) => f.path === "CODEOWNERS");
  // Left out of the PR, CODEOWNERS stays as on the base, which is right only when the lock changes no owner.
  const have = codeowners ? codeowners.head : generateCodeowners(portal);
  if (have !== want) return not("CODEOWNERS 与锁定后的人员名单不一致，不能合并，请关闭");
  return undefined;
}
