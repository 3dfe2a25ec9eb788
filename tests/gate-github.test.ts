import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runScriptAsync } from "./helpers/cli.ts";
import { fakeGitHub, type FakeGitHub, type FakePr } from "./helpers/fake-github.ts";
import { MINI } from "./helpers/portal.ts";

/** The gate against a local server speaking GitHub's REST endpoints: no test needs the network. */
const article = readFileSync(join(MINI, "content/news/updates/2026/county-meeting.md"), "utf8").replace("2026-11-02 10:00", "2026-11-20 10:00").replace("第十次", "第十一次");
let server: FakeGitHub | undefined;
afterEach(() => server?.server.close());

function pr(files: number, reviews: FakePr["reviews"]): FakePr {
  return {
    number: 12,
    title: "报送：常务会议",
    author: "t-office-corr",
    head: "h2",
    base: "b1",
    files: [
      { filename: "content/news/updates/2026/eleventh.md", status: "added" },
      // Pagination: more files than one page holds (images travel with the article).
      ...Array.from({ length: files }, (_, i) => ({ filename: `content/news/updates/2026/photo-${i}.jpg`, status: "added" })),
    ],
    reviews,
    commits: [{ sha: "h2", commit: { committer: { date: "2026-11-20T01:00:00Z" } } }],
  };
}
const review = (id: number, login: string, state: string, minute: number, commit = "h2") => ({ id, user: { login }, state, commit_id: commit, submitted_at: `2026-11-20T02:${String(minute).padStart(2, "0")}:00Z`, body: state === "APPROVED" ? "同意" : "" });
const run = (s: FakeGitHub) => runScriptAsync("gate", ["--root", MINI, "--github", "--repo", "office/portal", "--pr", "12", "--api-url", s.url], { GITHUB_TOKEN: "test-token" });

describe("the gate on GitHub (local REST server)", () => {
  it("reads the PR across pages, sets the status and creates one 审批单 comment", async () => {
    server = await fakeGitHub("office", "portal", pr(150, [review(1, "t-office-head", "APPROVED", 1)]), { "h2:content/news/updates/2026/eleventh.md": article });
    const r = await run(server);
    expect(r.code, r.stderr).toBe(4);
    expect(server.requests.filter((q) => q.endsWith("/pulls/12/files"))).toHaveLength(2); // 151 files, 100 a page
    expect(server.statuses).toEqual([{ sha: "h2", state: "pending", context: "三审三校", description: "初审✓ 复审待审 终审待审：@t-editor" }]);
    expect(server.comments).toHaveLength(1);
    expect(server.comments[0]!.body).toContain("<!-- sanshen:approval-form -->");
    expect(server.comments[0]!.body).toContain("| 初审 | 办公室主任（@t-office-head） | 2026-11-20 10:01 | 同意 |");
  });

  it("edits the same comment in place on the next review, and passes when the chain is complete", async () => {
    const fake = pr(0, [review(1, "t-office-head", "APPROVED", 1)]);
    server = await fakeGitHub("office", "portal", fake, { "h2:content/news/updates/2026/eleventh.md": article });
    await run(server);
    fake.reviews.push(review(2, "t-editor", "APPROVED", 2), review(3, "t-leader", "APPROVED", 3));
    const r = await run(server);
    expect(r.code, r.stderr).toBe(0);
    expect(server.comments).toHaveLength(1);
    expect(server.comments[0]!.body).toContain("✅ 审核完成");
    expect(server.statuses.at(-1)).toMatchObject({ state: "success", context: "三审三校" });
    expect(server.requests.filter((q) => q.startsWith("PATCH"))).toHaveLength(1);
  });

  it("a comment pasted with the marker by a person is not taken for the form", async () => {
    server = await fakeGitHub("office", "portal", pr(0, []), { "h2:content/news/updates/2026/eleventh.md": article });
    server.comments.push({ id: 1, body: "<!-- sanshen:approval-form --> 已全部通过", user: { login: "t-office-corr", type: "User" } });
    await run(server);
    expect(server.comments).toHaveLength(2);
    expect(server.comments[0]!.body).toBe("<!-- sanshen:approval-form --> 已全部通过");
  });

  it("a PR into another branch fails, so no status carries over to a PR into main", async () => {
    const fake = pr(0, [review(1, "t-office-head", "APPROVED", 1), review(2, "t-editor", "APPROVED", 2), review(3, "t-leader", "APPROVED", 3)]);
    fake.baseRef = "feature";
    server = await fakeGitHub("office", "portal", fake, { "h2:content/news/updates/2026/eleventh.md": article });
    expect((await run(server)).code).toBe(1);
    expect(server.statuses).toEqual([expect.objectContaining({ state: "failure", description: "未通过：只审核合并到 main 的 PR，这个 PR 合并到 feature" })]);
  });

  it("more files than GitHub lists (3,000) cannot be reviewed: the status says why", async () => {
    const fake = pr(0, []);
    fake.changedFiles = 3500;
    server = await fakeGitHub("office", "portal", fake, {});
    const r = await run(server);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/改动了 3500 个文件/);
    expect(server.statuses).toEqual([expect.objectContaining({ state: "error", context: "三审三校" })]);
  });

  it("waits out a rate limit and retries", async () => {
    server = await fakeGitHub("office", "portal", pr(0, []), { "h2:content/news/updates/2026/eleventh.md": article });
    server.rateLimitOnce = true;
    const r = await run(server);
    expect(r.stderr).toMatch(/GitHub 限流，\d+ 秒后重试/);
    expect(r.code).toBe(4);
    expect(server.statuses).toHaveLength(1);
  });

  it("an API error is one Chinese sentence, not a stack trace nor a usage mistake (exit 3)", async () => {
    server = await fakeGitHub("office", "portal", pr(0, []), {});
    const r = await runScriptAsync("gate", ["--root", MINI, "--github", "--repo", "office/missing", "--pr", "12", "--api-url", server.url], { GITHUB_TOKEN: "t" });
    expect(r.code).toBe(3);
    expect(r.stderr.trim()).toBe("GitHub 接口出错：读取拉取请求失败（HTTP 404，仓库、PR 或文件不存在，或令牌看不到这个仓库）");
  });
});
