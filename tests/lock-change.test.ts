import { describe, expect, it } from "vitest";
import { readWorkflowTexts } from "../src/adapters/repository-files.ts";
import { generateCodeowners } from "../src/codeowners/generate.ts";
import { evaluateGate } from "../src/review/count-approvals.ts";
import { ACTIONS_BOT } from "../src/review/lock-change.ts";
import type { Snapshot } from "../src/review/snapshot.ts";
import { LOCK_REASON } from "../src/roster/inactivity.ts";
import { lockInUnitsYaml } from "../src/roster/lock-accounts.ts";
import { parseWorkflows, type WorkflowTexts } from "../src/workflows/parse-workflows.ts";
import { MINI } from "./helpers/portal.ts";

/**
 * The accounts job's lock PR, opened by github-actions[bot]: admitted as
 * author only when it is exactly a lock, and then reviewed like any change
 * to workflows/ (the mini portal's code chain: the technical admin).
 */
const TEXTS = readWorkflowTexts(MINI);
const HEAD = "h1";
const portalOf = (texts: WorkflowTexts) => parseWorkflows(texts).portal!;
const approve = (user: string) => ({ user, state: "APPROVED" as const, commit_id: HEAD, submitted_at: "2026-11-25T02:00:00Z" });

/** The bot's PR locking `logins` as the job makes it: units.yaml and, when it changes, CODEOWNERS. */
function lockPr(texts: WorkflowTexts, logins: string[], edit: (units: string) => string = (u) => u): Snapshot {
  const before = texts.units!;
  const after = edit(lockInUnitsYaml(before, new Set(logins), "2026-11-24", LOCK_REASON).text);
  const files: Snapshot["files"] = [{ path: "workflows/units.yaml", status: "modified", head: after, base: before }];
  const oldOwners = generateCodeowners(portalOf(texts));
  const newOwners = generateCodeowners(portalOf({ ...texts, units: lockInUnitsYaml(before, new Set(logins), "2026-11-24", LOCK_REASON).text }));
  if (newOwners !== oldOwners) files.push({ path: "CODEOWNERS", status: "modified", head: newOwners, base: oldOwners });
  return { number: 12, title: "锁定账号", author: ACTIONS_BOT, head_sha: HEAD, files, reviews: [], commits: [{ sha: HEAD, committed_at: "2026-11-24T01:00:00Z", author: ACTIONS_BOT, committer: ACTIONS_BOT }] };
}
const rules = (r: ReturnType<typeof evaluateGate>) => r.problems.map((p) => p.rule);

describe("the bot's lock PR at the gate", () => {
  it("is admitted as author and needs the chain of workflows/: the technical admin's approval passes it", () => {
    const snapshot = lockPr(TEXTS, ["t-office-head", "t-bureau-corr"]);
    expect(snapshot.files.map((f) => f.path)).toEqual(["workflows/units.yaml", "CODEOWNERS"]); // a reviewer locked: owners change
    const waiting = evaluateGate(portalOf(TEXTS), snapshot);
    expect(waiting).toMatchObject({ state: "pending", category: "code", problems: [] });
    expect(waiting.description).toBe("技术审核待审：@t-admin");
    expect(evaluateGate(portalOf(TEXTS), { ...snapshot, reviews: [approve("t-admin")] })).toMatchObject({ state: "success", problems: [] });
  });

  it("locking a correspondent only leaves CODEOWNERS as it is, and passes too", () => {
    const snapshot = lockPr(TEXTS, ["t-office-corr"]);
    expect(snapshot.files.map((f) => f.path)).toEqual(["workflows/units.yaml"]);
    expect(evaluateGate(portalOf(TEXTS), { ...snapshot, reviews: [approve("t-admin")] }).state).toBe("success");
  });

  it("the bot's own approval counts for nothing", () => {
    const r = evaluateGate(portalOf(TEXTS), { ...lockPr(TEXTS, ["t-office-corr"]), reviews: [approve(ACTIONS_BOT)] });
    expect(r.state).toBe("pending");
    expect(r.dismissed).toEqual([expect.objectContaining({ user: ACTIONS_BOT, reason: "提交人本人的批准不算审核" })]);
  });

  it("a locked reviewer's approval does not count on the lock PR", () => {
    // Two admins; the first is locked already on the base: only the second can sign.
    const units = TEXTS.units!.replace("{ login: t-admin, name: 技术管理员, roles: [admin] }", "{ login: t-admin, name: 技术管理员, roles: [admin], locked: { date: 2026-10-01, reason: 超过 30 天未使用，按规定锁定 } }\n      - { login: t-admin2, name: 技术管理员乙, roles: [admin] }");
    const texts = { ...TEXTS, units };
    const r = evaluateGate(portalOf(texts), { ...lockPr(texts, ["t-office-corr"]), reviews: [approve("t-admin")] });
    expect(r.state).toBe("pending");
    expect(r.dismissed).toEqual([expect.objectContaining({ user: "t-admin", reason: "账号已锁定（超过 30 天未使用，按规定锁定）" })]);
    expect(r.chain[0]).toMatchObject({ status: "waiting", eligible: ["t-admin2"] });
  });

  it("a bot PR that also changes an article fails with GATE.BOT_CHANGE_NOT_LOCK", () => {
    const snapshot = lockPr(TEXTS, ["t-office-corr"]);
    const article = { path: "content/news/updates/2026/x.md", status: "added" as const, head: "---\ntitle: 稿件\ncategory: reprint\nsource: 县政府办公室\nsourceUrl: https://www.gov.cn/a.html\nunit: office\n---\n正文\n", base: null };
    const r = evaluateGate(portalOf(TEXTS), { ...snapshot, files: [...snapshot.files, article], reviews: [approve("t-admin"), approve("t-editor"), approve("t-leader")] });
    expect(r.state).toBe("failure");
    expect(rules(r)).toEqual(["GATE.BOT_CHANGE_NOT_LOCK"]);
    expect(r.reasons[0]).toContain("它还改动了 content/news/updates/2026/x.md");
  });

  it("a bot PR that also renames a person, or changes anything else in units.yaml, fails", () => {
    const renamed = lockPr(TEXTS, ["t-office-corr"], (u) => u.replace("name: 发改局局长", "name: 发改局副局长"));
    expect(rules(evaluateGate(portalOf(TEXTS), { ...renamed, reviews: [approve("t-admin")] }))).toEqual(["GATE.BOT_CHANGE_NOT_LOCK"]);
    const comment = lockPr(TEXTS, ["t-office-corr"], (u) => `${u}# 备注\n`);
    expect(evaluateGate(portalOf(TEXTS), comment).reasons[0]).toContain("除了加上 locked 还有别的改动");
    // A new role for someone, with a lock as cover.
    const promoted = lockPr(TEXTS, ["t-office-corr"], (u) => u.replace("t-bureau-corr, name: 发改局通讯员, roles: [correspondent]", "t-bureau-corr, name: 发改局通讯员, roles: [correspondent, admin]"));
    expect(rules(evaluateGate(portalOf(TEXTS), promoted))).toEqual(["GATE.BOT_CHANGE_NOT_LOCK"]);
  });

  it("a bot PR with a hand-made CODEOWNERS, none at all, or on an outdated roster fails", () => {
    const snapshot = lockPr(TEXTS, ["t-office-head"]);
    const owners = snapshot.files[1]!;
    const edited = { ...snapshot, files: [snapshot.files[0]!, { ...owners, head: `${owners.head}/content/ @t-bureau-corr\n` }] };
    expect(evaluateGate(portalOf(TEXTS), edited).reasons[0]).toContain("CODEOWNERS 与锁定后的人员名单不一致");
    // CODEOWNERS left out though the lock changes an owner.
    expect(evaluateGate(portalOf(TEXTS), { ...snapshot, files: [snapshot.files[0]!] }).reasons[0]).toContain("CODEOWNERS 与锁定后的人员名单不一致");
    // Nothing newly locked: not a lock at all.
    const nothing = { ...snapshot, files: [{ path: "workflows/units.yaml", status: "modified" as const, head: TEXTS.units!, base: TEXTS.units! }] };
    expect(evaluateGate(portalOf(TEXTS), nothing).reasons[0]).toContain("没有新锁定的人");
    // main's roster has changed since the PR was made.
    const moved = { ...TEXTS, units: TEXTS.units!.replace("name: 发改局局长", "name: 发改局副局长") };
    expect(evaluateGate(portalOf(moved), snapshot).reasons[0]).toContain("较早的人员名单");
  });

  it("anyone else off the roster is still refused as before", () => {
    const r = evaluateGate(portalOf(TEXTS), { ...lockPr(TEXTS, ["t-office-corr"]), author: "someone-else" });
    expect(rules(r)).toContain("GATE.AUTHOR_UNREGISTERED");
  });
});
