import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseWorkflows } from "../src/workflows/parse-workflows.ts";
import { accountStates, activityOfCommits, LOCK_REASON, type CommitRecord } from "../src/roster/inactivity.ts";
import { generateCodeowners } from "../src/codeowners/generate.ts";
import { LOCK_BRANCH } from "../src/workflows/lock-pull-request.ts";
import { lockInUnitsYaml } from "../src/roster/lock-accounts.ts";
import { readWorkflowTexts } from "../src/adapters/repository-files.ts";
import { runScript, runScriptAsync } from "./helpers/cli.ts";
import { fakeGitHub, type FakeGitHub, type FakePr } from "./helpers/fake-github.ts";
import { MINI, portalCopy, writeIn } from "./helpers/portal.ts";

const NOW = "2026-11-24T09:00:00+08:00";
const commit = (over: Partial<CommitRecord>): CommitRecord => ({ at: new Date("2026-11-01T00:00:00Z"), authorName: "someone", authorEmail: "someone@example.invalid", committerName: "GitHub", committerEmail: "noreply@github.com", subject: "x", ...over });

describe("who was active (seed 000: an account unused for a month is locked)", () => {
  const logins = new Set(["t-office-corr", "t-bureau-corr"]);
  it("reads a login from GitHub's noreply address, a name that is a login, or a merged pull request's author", () => {
    const found = activityOfCommits(
      [
        commit({ authorEmail: "12345+T-Office-Corr@users.noreply.github.com" }),
        commit({ authorName: "t-bureau-corr" }),
        commit({ subject: "Merge pull request #7 from t-bureau-corr/flood-news" }),
        commit({ authorName: "张三", authorEmail: "zhangsan@example.invalid" }),
      ],
      logins,
    );
    expect(found.map((a) => a.login)).toEqual(["t-office-corr", "t-bureau-corr", "t-bureau-corr"]);
  });

  it("reminds at 25 days, locks at 30, counts a new account from the day it joined, skips the locked and the unknown", () => {
    const portal = parseWorkflows(readWorkflowTexts(MINI)).portal!;
    const now = new Date(NOW);
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const states = accountStates(portal, [{ login: "t-office-corr", at: daysAgo(30) }, { login: "t-bureau-corr", at: daysAgo(40) }, { login: "t-office-head", at: daysAgo(25) }], new Map([["t-bureau-corr", daysAgo(3)]]), now);
    const by = Object.fromEntries(states.map((s) => [s.login, s]));
    expect(by["t-office-corr"]).toMatchObject({ status: "lock", days: 30 });
    expect(by["t-office-head"]).toMatchObject({ status: "remind", days: 25 });
    expect(by["t-bureau-corr"]).toMatchObject({ status: "active", days: 3 }); // joined 3 days ago
    expect(by["t-bureau-head"]).toMatchObject({ status: "active", days: null, lastActive: null }); // nothing known: never locked on no evidence
    expect(Object.keys(by)).not.toContain("t-editor"); // office staff, leaders, admins are not this rule's
  });
});

describe("locking in units.yaml", () => {
  it("adds locked to each person and changes no other byte, flow or block style", () => {
    const flow = readFileSync(join(MINI, "workflows/units.yaml"), "utf8");
    const r = lockInUnitsYaml(flow, new Set(["t-office-corr"]), "2026-11-24", "超过 30 天未使用，按规定锁定");
    expect(r.locked).toEqual(["t-office-corr"]);
    expect(r.text).toBe(flow.replace("roles: [correspondent] }", 'roles: [correspondent], locked: { date: 2026-11-24, reason: "超过 30 天未使用，按规定锁定" } }'));
    const block = "units:\n  - id: a\n    name: 甲单位\n    people:\n      # 通讯员\n      - login: x-one\n        name: 甲\n        roles: [correspondent]\n      - login: x-two\n        name: 乙\n        roles: [reviewer]\n";
    expect(lockInUnitsYaml(block, new Set(["x-one"]), "2026-11-24", "超过 30 天未使用").text).toBe(block.replace("roles: [correspondent]\n", 'roles: [correspondent]\n        locked: { date: 2026-11-24, reason: "超过 30 天未使用" }\n'));
    // Already locked: left as it is.
    expect(lockInUnitsYaml(r.text, new Set(["t-office-corr"]), "2026-11-30", "x").locked).toEqual([]);
  });
});

/** A commit in the portal's git history, by `name`, at `when`. */
const gitAs = (root: string, when: string, name: string, ...a: string[]) =>
  execFileSync("git", ["-c", `user.name=${name}`, "-c", `user.email=${name}@example.invalid`, ...a], { cwd: root, encoding: "utf8", env: { ...process.env, GIT_COMMITTER_DATE: when, GIT_AUTHOR_DATE: when } });

/** The mini portal on main since 2026-10-01, with commits by correspondents on chosen days. */
function history(): string {
  const root = portalCopy();
  const git = (when: string, name: string, ...a: string[]) => gitAs(root, when, name, ...a);
  git("2026-10-01T02:00:00Z", "t-admin", "init", "-q", "-b", "main");
  git("2026-10-01T02:00:00Z", "t-admin", "add", "-A");
  git("2026-10-01T02:00:00Z", "t-admin", "commit", "-qm", "portal");
  writeIn(root, "content/news/updates/2026/a.md", "---\ntitle: 办公室动态一\ncategory: submitted\nsource: 县政府办公室\nunit: office\n---\n正文。\n");
  git("2026-10-25T01:00:00Z", "t-office-corr", "add", "-A");
  git("2026-10-25T01:00:00Z", "t-office-corr", "commit", "-qm", "a");
  writeIn(root, "content/news/updates/2026/b.md", "---\ntitle: 发改局动态一\ncategory: submitted\nsource: 县发展改革局\nunit: bureau\n---\n正文。\n");
  git("2026-10-29T01:00:00Z", "t-bureau-corr", "add", "-A");
  git("2026-10-29T01:00:00Z", "t-bureau-corr", "commit", "-qm", "b");
  return root;
}

describe("npm run accounts", () => {
  let server: FakeGitHub | undefined;
  afterEach(() => server?.server.close());

  it("offline: lists the correspondent to lock and the one to remind; --write locks in units.yaml and regenerates CODEOWNERS, and says when a unit is left without a correspondent", () => {
    const root = history();
    const r = runScript("accounts", ["--root", root, "--now", NOW]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("超过 30 天未使用、应锁定的 1 人：\n  办公室通讯员（t-office-corr，县政府办公室）：最后一次使用 2026-10-25，已 30 天");
    expect(r.stdout).toContain("已 25 天以上未使用、请尽快登录使用的 1 人：\n  发改局通讯员（t-bureau-corr，县发展改革局）");
    // Reviewers review on GitHub: offline nobody judges them.
    const json = JSON.parse(runScript("accounts", ["--root", root, "--now", NOW, "--json"]).stdout);
    expect(json.accounts.find((a: { login: string }) => a.login === "t-office-head").status).toBe("active");
    const w = runScript("accounts", ["--root", root, "--now", NOW, "--write"]);
    expect(w.stderr).toContain("已在 workflows/units.yaml 锁定 1 个账号（t-office-corr）");
    expect(readFileSync(join(root, "workflows/units.yaml"), "utf8")).toContain('{ login: t-office-corr, name: 办公室通讯员, roles: [correspondent], locked: { date: 2026-11-24, reason: "超过 30 天未使用，按规定锁定" } }');
    // The office's only correspondent: the same pull request must name a successor, and the job says so.
    expect(w.stderr).toContain("锁定后还须补充人员，否则检查不能通过");
    expect(w.stderr).toContain("通讯员");
    const check = JSON.parse(runScript("check", ["--root", root, "--json"]).stdout) as { errors: { rule: string }[] };
    expect(check.errors.map((e) => e.rule)).toContain("COLUMNS.NO_CORRESPONDENT");
  });

  it("--github counts pull requests and reviews, and keeps one reminder issue edited in place", async () => {
    const root = history();
    server = await fakeGitHub("office", "portal", {
      number: 9, title: "报送", author: "t-bureau-corr", head: "h", base: "b", files: [], commits: [],
      createdAt: "2026-11-20T02:00:00Z", updatedAt: "2026-11-21T02:00:00Z",
      reviews: [{ id: 1, user: { login: "t-office-head" }, state: "APPROVED", commit_id: "h", submitted_at: "2026-11-21T02:00:00Z", body: "" }],
    }, {});
    const run = () => runScriptAsync("accounts", ["--root", root, "--now", NOW, "--github", "--repo", "office/portal", "--api-url", server!.url, "--json"], { GITHUB_TOKEN: "t" });
    const first = await run();
    expect(first.code, first.stderr).toBe(0);
    const by = Object.fromEntries(JSON.parse(first.stdout).accounts.map((a: { login: string; status: string }) => [a.login, a.status]));
    expect(by).toMatchObject({ "t-office-corr": "lock", "t-bureau-corr": "active", "t-office-head": "active", "t-bureau-head": "lock" });
    expect(server.issues).toHaveLength(1);
    expect(server.issues[0]!.title).toBe("账号即将锁定提醒");
    expect(server.issues[0]!.body).toContain("| @t-office-corr | 办公室通讯员 | 县政府办公室 | 2026-10-25 | 30 天 | 已超过 30 天，将锁定 |");
    expect((await run()).code).toBe(0);
    expect(server.issues).toHaveLength(1);
  });
});

describe("npm run accounts -- --github --lock-pr: the bot keeps one lock pull request", () => {
  let server: FakeGitHub | undefined;
  afterEach(() => server?.server.close());
  const UNITS = "workflows/units.yaml";
  /** GitHub's default branch holding the portal's files as they are in the checkout. */
  const seedMain = (s: FakeGitHub, root: string) => s.seedBranch("main", Object.fromEntries([UNITS, "CODEOWNERS", "workflows/site.yaml"].map((f) => [f, readFileSync(join(root, f), "utf8")])));
  /** PR 9 by the bureau's correspondent, reviewed by the office's reviewer on 11-21: both active. */
  const activePr = (): FakePr => ({
    number: 9, title: "报送", author: "t-bureau-corr", head: "h", base: "b", files: [], commits: [],
    createdAt: "2026-11-20T02:00:00Z", updatedAt: "2026-11-21T02:00:00Z",
    reviews: [{ id: 1, user: { login: "t-office-head" }, state: "APPROVED", commit_id: "h", submitted_at: "2026-11-21T02:00:00Z", body: "" }],
  });
  const accounts = (root: string, now: string, env: Record<string, string> = {}) =>
    runScriptAsync("accounts", ["--root", root, "--now", now, "--github", "--lock-pr", "--repo", "office/portal", "--api-url", server!.url, "--json"], { GITHUB_TOKEN: "t", ...env });

  it("opens the PR with exactly lockInUnitsYaml's bytes and the regenerated CODEOWNERS; a re-run changes nothing; the gate admits it; it closes when nobody is due", async () => {
    const root = history();
    const fake = activePr();
    server = await fakeGitHub("office", "portal", fake, {});
    const main = seedMain(server, root);
    const before = readFileSync(join(root, UNITS), "utf8");

    const first = await accounts(root, NOW);
    expect(first.code, first.stderr).toBe(0);
    const out = JSON.parse(first.stdout);
    expect(out.pullRequest).toEqual({ number: 50, url: "https://github.com/office/portal/pull/50", action: "created" });
    expect(out.locked).toEqual([]); // nothing written locally
    // The office's correspondent (idle since 10-25) and the bureau's reviewer (no review since joining on 10-01).
    const expected = lockInUnitsYaml(before, new Set(["t-office-corr", "t-bureau-head"]), "2026-11-24", LOCK_REASON).text;
    expect(server.fileOn(LOCK_BRANCH, UNITS)).toBe(expected);
    const after = parseWorkflows({ ...readWorkflowTexts(root), units: expected }).portal!;
    expect(server.fileOn(LOCK_BRANCH, "CODEOWNERS")).toBe(generateCodeowners(after));
    expect(server.fileOn(LOCK_BRANCH, "CODEOWNERS")).not.toBe(readFileSync(join(root, "CODEOWNERS"), "utf8")); // a reviewer leaves the owners
    const head = server.git.refs.get(`heads/${LOCK_BRANCH}`)!;
    expect(server.git.commits.get(head)!.parents).toEqual([main]);
    expect(readFileSync(join(root, UNITS), "utf8")).toBe(before); // the checkout is left alone
    const [pull] = server.pulls;
    expect(pull).toMatchObject({ title: "锁定 2 个超过 30 天未使用的账号", head: LOCK_BRANCH, base: "main", state: "open" });
    expect(pull!.body).toContain("| @t-office-corr | 办公室通讯员 | 县政府办公室 | 2026-10-25 | 30 天 |");
    expect(pull!.body).toContain("| @t-bureau-head | 发改局局长 | 县发展改革局 | 2026-10-01 | 53 天 |");
    expect(pull!.body).toContain("原因：超过 30 天未使用，按规定锁定");
    // The successor gaps, for the office, and what stays manual after the merge.
    expect(pull!.body).toContain("锁定后还须补充人员，否则检查不能通过");
    expect(pull!.body).toMatch(/没有一名未锁定的通讯员：请在 units\.yaml 为/);
    expect(pull!.body).toMatch(/没有一名未锁定的审核人/);
    expect(pull!.body).toContain("- [ ] 撤销 @t-bureau-head（发改局局长）对本仓库的访问权限");
    expect(pull!.body).not.toMatch(/npm run/);
    // The reminder issue points at the PR.
    expect(server.issues[0]!.body).toContain("已在拉取请求 #50 中标记锁定");

    // The same week again: no new commit, no new PR, nothing edited.
    const commits = server.git.commits.size;
    const again = await accounts(root, NOW);
    expect(JSON.parse(again.stdout).pullRequest.action).toBe("unchanged");
    expect(server.git.commits.size).toBe(commits);
    expect(server.pulls).toHaveLength(1);
    expect(server.requests.filter((r) => r.startsWith("PATCH") && r.includes("/pulls/"))).toEqual([]);
    // Two days later: the same people, the same lock date, so the same commit; the PR's days are updated.
    const later = await accounts(root, "2026-11-26T09:00:00+08:00");
    expect(JSON.parse(later.stdout).pullRequest).toMatchObject({ number: 50, action: "updated" });
    expect(server.git.refs.get(`heads/${LOCK_BRANCH}`)).toBe(head);
    expect(server.pulls).toHaveLength(1);
    expect(server.pulls[0]!.body).toContain("| 2026-10-25 | 32 天 |");

    // The gate, on GitHub, admits the bot's PR and asks for the chain of workflows/ (the technical admin).
    const gate = () => runScriptAsync("gate", ["--root", root, "--github", "--repo", "office/portal", "--pr", "50", "--api-url", server!.url], { GITHUB_TOKEN: "t" });
    const waiting = await gate();
    expect(waiting.code, waiting.stderr).toBe(4);
    expect(server.statuses.at(-1)).toEqual({ sha: head, state: "pending", context: "三审三校", description: "技术审核待审：@t-admin" });
    server.pulls[0]!.reviews.push({ id: 2, user: { login: "t-admin" }, state: "APPROVED", commit_id: head, submitted_at: "2026-11-26T03:00:00Z", body: "同意" });
    const passed = await gate();
    expect(passed.code, passed.stderr).toBe(0);
    expect(server.statuses.at(-1)).toMatchObject({ sha: head, state: "success" });

    // Both become active before the merge: nobody is due, the PR is closed with a word and its branch deleted.
    writeIn(root, "content/news/updates/2026/c.md", "---\ntitle: 办公室动态二\ncategory: submitted\nsource: 县政府办公室\nunit: office\n---\n正文。\n");
    gitAs(root, "2026-11-25T01:00:00Z", "t-office-corr", "add", "-A");
    gitAs(root, "2026-11-25T01:00:00Z", "t-office-corr", "commit", "-qm", "c");
    fake.reviews.push({ id: 3, user: { login: "t-bureau-head" }, state: "APPROVED", commit_id: "h", submitted_at: "2026-11-25T02:00:00Z", body: "" });
    fake.updatedAt = "2026-11-25T02:00:00Z";
    const closed = await accounts(root, "2026-11-26T09:00:00+08:00");
    expect(closed.code, closed.stderr).toBe(0);
    expect(JSON.parse(closed.stdout).pullRequest).toEqual({ number: 50, url: "https://github.com/office/portal/pull/50", action: "closed" });
    expect(server.pulls).toMatchObject([{ number: 50, state: "closed" }]);
    expect(server.pullComments.map((c) => c.body)).toEqual([expect.stringContaining("信息发布审批单（#50）"), "没有需要锁定的账号了（2026-11-26 09:00 核对）：本拉取请求自动关闭，分支已删除。"]);
    expect(server.git.refs.has(`heads/${LOCK_BRANCH}`)).toBe(false);
    // And stays closed.
    expect(JSON.parse((await accounts(root, "2026-11-26T09:00:00+08:00")).stdout).pullRequest).toBeNull();
  });

  it("a branch the office pushed to is made again from main; GitHub refusing Actions' pull requests is one sentence saying which setting", async () => {
    const root = history();
    server = await fakeGitHub("office", "portal", activePr(), {});
    seedMain(server, root);
    server.seedBranch(LOCK_BRANCH, { [UNITS]: "units: []\n" }, "main");
    server.refuseActionsPulls = true;
    const refused = await accounts(root, NOW);
    expect(refused.code).toBe(3);
    expect(refused.stderr.trim().split("\n").at(-1)).toMatch(/^GitHub 不允许本仓库的 GitHub Actions 创建拉取请求：请技术管理员在仓库 Settings → Actions → General 中勾选「Allow GitHub Actions to create and approve pull requests」/);
    expect(server.fileOn(LOCK_BRANCH, UNITS)).toContain("locked: { date: 2026-11-24");
    server.refuseActionsPulls = false;
    const r = await accounts(root, NOW);
    expect(JSON.parse(r.stdout).pullRequest.action).toBe("created");
    expect(server.pulls).toHaveLength(1);
  });

  it("a checkout that is not GitHub's default branch makes no PR", async () => {
    const root = history();
    server = await fakeGitHub("office", "portal", activePr(), {});
    server.seedBranch("main", { [UNITS]: "units: []\n" });
    const r = await accounts(root, NOW);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("本地的 workflows/units.yaml 与 GitHub 上默认分支 main 的不一致，未创建拉取请求");
    expect(server.pulls).toEqual([]);
  });

  it("--lock-pr without --github is a usage mistake", () => {
    const r = runScript("accounts", ["--root", MINI, "--lock-pr"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--lock-pr 要在 GitHub 上创建拉取请求：请同时使用 --github 和 --repo");
  });

  it("with SANSHEN_ORG_TOKEN, the people locked on main leave their unit's team; the PR's checklist names the team", async () => {
    const root = history();
    const site = readFileSync(join(root, "workflows/site.yaml"), "utf8");
    writeFileSync(join(root, "workflows/site.yaml"), `${site}github: { org: office }\n`);
    const units = readFileSync(join(root, UNITS), "utf8")
      .replace("    name: 县发展改革局\n", "    name: 县发展改革局\n    team: bureau\n")
      .replace("{ login: t-bureau-corr, name: 发改局通讯员, roles: [correspondent] }", "{ login: t-bureau-corr, name: 发改局通讯员, roles: [correspondent], locked: { date: 2026-11-01, reason: 超过 30 天未使用，按规定锁定 } }\n      - { login: t-bureau-corr2, name: 发改局通讯员乙, roles: [correspondent] }");
    writeFileSync(join(root, UNITS), units);
    gitAs(root, "2026-11-02T01:00:00Z", "t-admin", "commit", "-qam", "lock");
    server = await fakeGitHub("office", "portal", activePr(), {});
    seedMain(server, root);
    server.teams = { bureau: ["t-bureau-corr", "t-bureau-head", "t-bureau-corr2"] };
    const r = await accounts(root, NOW, { SANSHEN_ORG_TOKEN: "org-token" });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).removedFromTeams).toEqual([{ login: "t-bureau-corr", team: "bureau" }]);
    expect(server.teams.bureau).toEqual(["t-bureau-head", "t-bureau-corr2"]);
    expect(server.log.filter((l) => l.path.includes("/memberships/")).every((l) => l.authorization === "token org-token")).toBe(true);
    expect(r.stderr).toContain("已把已锁定的 t-bureau-corr 移出 GitHub 团队 office/bureau。");
    // t-bureau-head is due now: the checklist says which team to leave once this PR is merged.
    expect(server.pulls[0]!.body).toContain("- [ ] 把 @t-bureau-head（发改局局长）移出 GitHub 团队 @office/bureau");
    // Without the token nobody is touched.
    server.teams = { bureau: ["t-bureau-corr"] };
    expect(JSON.parse((await accounts(root, NOW)).stdout).removedFromTeams).toEqual([]);
    expect(server.teams.bureau).toEqual(["t-bureau-corr"]);
  });
});
