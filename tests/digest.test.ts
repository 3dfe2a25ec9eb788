import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runScript, runScriptAsync } from "./helpers/cli.ts";
import { fakeGitHub, type FakeGitHub } from "./helpers/fake-github.ts";
import { FIXTURES, MINI } from "./helpers/portal.ts";

/** Review rounds (seed 000: staff review at 09:00 and 16:00): who must review what, oldest first. */
let server: FakeGitHub | undefined;
afterEach(() => server?.server.close());

function snapshots(): string {
  const dir = mkdtempSync(join(tmpdir(), "sanshen-digest-"));
  const one = JSON.parse(readFileSync(join(FIXTURES, "gate-snapshot.json"), "utf8"));
  writeFileSync(join(dir, "42.json"), JSON.stringify(one));
  // An older PR with no review yet: waiting on the unit's reviewer since its commit.
  writeFileSync(join(dir, "41.json"), JSON.stringify({ ...one, number: 41, title: "报送：旧稿件", reviews: [], commits: [{ sha: one.head_sha, committed_at: "2026-11-18T01:00:00Z" }] }));
  return dir;
}

describe("npm run digest", () => {
  it("lists, for each person, the PRs waiting on them, oldest first, with their age", () => {
    const r = runScript("digest", ["--root", MINI, "--snapshots", snapshots(), "--now", "2026-11-20T07:45:00Z", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { login: "t-office-head", name: "办公室主任", items: [{ pr: 41, title: "报送：旧稿件", step: "初审", waitingSince: "2026-11-18T01:00:00.000Z", hours: 55 }] },
      { login: "t-editor", name: "网站编辑", items: [{ pr: 42, title: "报送：县政府召开第十一次常务会议", step: "复审", waitingSince: "2026-11-20T02:00:00.000Z", hours: 6 }] },
    ]);
  });

  it("names the office's own review rounds from site.yaml, no other portal's document", () => {
    const root = mkdtempSync(join(tmpdir(), "sanshen-digest-root-"));
    cpSync(MINI, root, { recursive: true });
    const site = join(root, "workflows/site.yaml");
    writeFileSync(site, readFileSync(site, "utf8").replace(/review_hours:.*\n/, "") + 'review_hours: ["10:00", "15:30"]\n');
    const r = runScript("digest", ["--root", root, "--snapshots", snapshots(), "--now", "2026-11-20T07:45:00Z"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("<sub>每日 10:00、15:30 复审前自动更新，列出每个人该审的稿件。</sub>");
    expect(r.stdout).not.toContain("商洛");
  });

  it("keeps one issue up to date on GitHub", async () => {
    const snap = JSON.parse(readFileSync(join(FIXTURES, "gate-snapshot.json"), "utf8"));
    server = await fakeGitHub("office", "portal", {
      number: 42, title: snap.title, author: snap.author, head: snap.head_sha, base: "b1",
      files: [{ filename: snap.files[0].path, status: "added" }],
      reviews: snap.reviews.map((r: { user: string; state: string; commit_id: string; submitted_at: string; body: string }, i: number) => ({ id: i + 1, user: { login: r.user }, state: r.state, commit_id: r.commit_id, submitted_at: r.submitted_at, body: r.body })),
      commits: [{ sha: snap.head_sha, commit: { committer: { date: snap.commits[0].committed_at } } }],
    }, { [`${snap.head_sha}:${snap.files[0].path}`]: snap.files[0].head });
    const args = ["--root", MINI, "--github", "--repo", "office/portal", "--api-url", server.url, "--now", "2026-11-20T07:45:00Z"];
    expect((await runScriptAsync("digest", args, { GITHUB_TOKEN: "t" })).stderr).toContain("待审稿件提醒已创建");
    expect((await runScriptAsync("digest", args, { GITHUB_TOKEN: "t" })).stderr).toContain("待审稿件提醒已更新");
    expect(server.issues).toHaveLength(1);
    expect(server.issues[0]!.body).toContain("### 网站编辑（@t-editor）");
    expect(server.issues[0]!.body).toContain("| #42 报送：县政府召开第十一次常务会议 | 复审 | 6 小时 |");
  });
});

describe("npm run setup-github", () => {
  it("without a token, prints the settings to make by hand", () => {
    const r = runScript("setup-github", ["--repo", "office/portal"], undefined, { GITHUB_TOKEN: "" });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("加入 三审三校（来源选本单位的审核 App）和 check（来源选 GitHub Actions）");
    expect(r.stdout).toContain("Require review from Code Owners");
    expect(r.stdout).toContain("Require approval of the most recent reviewable push");
    expect(r.stdout).toContain("未提供 GITHUB_TOKEN");
  });

  it("with a token, applies branch protection: required checks, code-owner review, fresh approvals, no force pushes", async () => {
    server = await fakeGitHub("office", "portal", { number: 1, title: "", author: "x", head: "h", base: "b", files: [], reviews: [], commits: [] }, {});
    const r = await runScriptAsync("setup-github", ["--repo", "office/portal", "--api-url", server.url], { GITHUB_TOKEN: "admin-token" });
    expect(r.code, r.stderr).toBe(0);
    expect(server.protection).toMatchObject({
      required_status_checks: { strict: true, checks: [{ context: "三审三校" }, { context: "check", app_id: 15368 }] },
      required_pull_request_reviews: { require_code_owner_reviews: true, dismiss_stale_reviews: true, require_last_push_approval: true },
      allow_force_pushes: false,
      enforce_admins: true,
    });
  });
});
