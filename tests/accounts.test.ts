import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseWorkflows } from "../src/workflows/parse-workflows.ts";
import { accountStates, activityOfCommits, type CommitRecord } from "../src/roster/inactivity.ts";
import { lockInUnitsYaml } from "../src/roster/lock-accounts.ts";
import { readWorkflowTexts } from "../src/adapters/repository-files.ts";
import { runScript, runScriptAsync } from "./helpers/cli.ts";
import { fakeGitHub, type FakeGitHub } from "./helpers/fake-github.ts";
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

/** The mini portal on main since 2026-10-01, with commits by correspondents on chosen days. */
function history(): string {
  const root = portalCopy();
  const git = (when: string, name: string, ...a: string[]) =>
    execFileSync("git", ["-c", `user.name=${name}`, "-c", `user.email=${name}@example.invalid`, ...a], { cwd: root, encoding: "utf8", env: { ...process.env, GIT_COMMITTER_DATE: when, GIT_AUTHOR_DATE: when } });
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
