import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runScriptAsync, STACK_TRACE } from "./helpers/cli.ts";
import { arrived, fakeGitHub, type FakeApp, type FakeGitHub, type FakePr } from "./helpers/fake-github.ts";
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
    expect(r.stderr.trim().split("\n").at(-1)).toBe("GitHub 接口出错：读取拉取请求失败（HTTP 404，仓库、PR 或文件不存在，或令牌看不到这个仓库）");
  });
});

describe("the gate on GitHub: one pinned head, never an older result last (issue 9)", () => {
  it("an article named x.MD is read and judged like x.md, as check and the build treat it", async () => {
    const fake = pr(0, [review(1, "t-office-head", "APPROVED", 1)]);
    fake.files[0]!.filename = "content/news/updates/2026/eleventh.MD";
    server = await fakeGitHub("office", "portal", fake, { "h2:content/news/updates/2026/eleventh.MD": article });
    const r = await run(server);
    expect(r.code, r.stderr).toBe(4);
    expect(server.statuses).toEqual([{ sha: "h2", state: "pending", context: "三审三校", description: "初审✓ 复审待审 终审待审：@t-editor" }]);
  });

  it("a push while the gate reads: nothing is posted, every read was for the head it started with", async () => {
    const fake = pr(0, [review(1, "t-office-head", "APPROVED", 1)]);
    server = await fakeGitHub("office", "portal", fake, { "h2:content/news/updates/2026/eleventh.md": article, "h3:content/news/updates/2026/eleventh.md": "not an article" });
    server.onRequest = (_method, path) => {
      if (path.endsWith("/pulls/12/files")) fake.head = "h3"; // pushed just after the files were listed
    };
    const r = await run(server);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/判断期间 PR 有了新的提交（h2 → h3）：本次结果不发布/);
    expect(server.statuses).toEqual([]);
    expect(server.comments).toEqual([]);
    expect(server.log.filter((q) => q.path.includes("/contents/")).map((q) => q.query)).toEqual(["?ref=h2"]);
  });

  it("an older run finishing after a newer one does not replace the newer result", async () => {
    const fake = pr(0, [review(1, "t-office-head", "APPROVED", 1), review(2, "t-editor", "APPROVED", 2), review(3, "t-leader", "APPROVED", 3)]);
    const changed = article.replace("第十一次", "第十二次");
    server = await fakeGitHub("office", "portal", fake, { "h2:content/news/updates/2026/eleventh.md": article, "h3:content/news/updates/2026/eleventh.md": changed });
    let newer: Awaited<ReturnType<typeof run>> | undefined;
    server.onRequest = async (_method, path) => {
      if (path.endsWith("/pulls/12/files") && !newer) {
        // The older run (h2) has listed its files; a push arrives and the newer run (h3) completes first.
        fake.head = "h3";
        fake.commits.push({ sha: "h3", commit: { committer: { date: "2026-11-20T03:00:00Z" } } });
        newer = { code: -1, stdout: "", stderr: "" };
        newer = await run(server!);
      }
    };
    const older = await run(server);
    expect(newer!.code, newer!.stderr).toBe(4); // the approvals were for h2: h3 waits for fresh ones
    expect(older.code, older.stderr).toBe(0);
    expect(server.statuses).toEqual([expect.objectContaining({ sha: "h3", state: "pending" })]);
  });

  it("a run that dies on something unexpected still leaves an error result", async () => {
    const fake = pr(0, []);
    fake.files.push({ status: "added" } as FakePr["files"][number]); // GitHub sent a file without a name
    server = await fakeGitHub("office", "portal", fake, { "h2:content/news/updates/2026/eleventh.md": article });
    const r = await run(server);
    expect(r.code).not.toBe(0);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(server.statuses).toEqual([expect.objectContaining({ sha: "h2", state: "error", context: "三审三校" })]);
  });
});

describe("the gate as the office's GitHub App (issue 9: a gate no one can forge)", () => {
  const keys = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  const other = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  const app = (): FakeApp => ({ id: 4242, publicKey: createPublicKey(keys.publicKey), installationId: 77, token: "ghs_installation_test" });
  const asApp = (s: FakeGitHub, privateKey = keys.privateKey) =>
    runScriptAsync("gate", ["--root", MINI, "--github", "--repo", "office/portal", "--pr", "12", "--api-url", s.url], { GITHUB_TOKEN: "", SANSHEN_APP_ID: "4242", SANSHEN_APP_PRIVATE_KEY: privateKey });
  const setup = (s: FakeGitHub, extra: string[] = ["--app-id", "4242"]) => runScriptAsync("setup-github", ["--repo", "office/portal", "--api-url", s.url, ...extra], { GITHUB_TOKEN: "admin-token" });

  it("authenticates with a JWT from the App's key, then posts the check run and the comment with the installation token", async () => {
    const fake = pr(0, [review(1, "t-office-head", "APPROVED", 1)]);
    server = await fakeGitHub("office", "portal", fake, { "h2:content/news/updates/2026/eleventh.md": article }, app());
    const r = await asApp(server);
    expect(r.code, r.stderr).toBe(4);
    expect(server.badJwts).toEqual([]);
    const [find, exchange, ...rest] = server.log;
    expect(find).toMatchObject({ method: "GET", path: "/repos/office/portal/installation", authorization: expect.stringMatching(/^bearer \S+\.\S+\.\S+$/i) });
    // Both with a JWT of the App's key (badJwts above); not necessarily the same one: the client signs anew when a second has passed.
    expect(exchange).toMatchObject({ method: "POST", path: "/app/installations/77/access_tokens", authorization: expect.stringMatching(/^bearer \S+\.\S+\.\S+$/i) });
    expect(new Set(rest.map((q) => q.authorization))).toEqual(new Set(["token ghs_installation_test"]));
    expect(server.statuses).toEqual([]);
    expect(server.checkRuns).toEqual([expect.objectContaining({ name: "三审三校", head_sha: "h2", status: "in_progress", conclusion: null, app_id: 4242, output: expect.objectContaining({ title: "初审✓ 复审待审 终审待审：@t-editor" }) })]);
    expect(server.comments).toEqual([expect.objectContaining({ user: { login: "sanshen[bot]", type: "Bot" } })]);

    fake.reviews.push(review(2, "t-editor", "APPROVED", 2), review(3, "t-leader", "APPROVED", 3));
    expect((await asApp(server)).code).toBe(0);
    expect(server.checkRuns.at(-1)).toMatchObject({ status: "completed", conclusion: "success", app_id: 4242 });
    expect(server.comments).toHaveLength(1);
  });

  it("as the App, a marker comment by anyone else's bot (GitHub Actions) is neither edited nor taken for the form", async () => {
    server = await fakeGitHub("office", "portal", pr(0, []), { "h2:content/news/updates/2026/eleventh.md": article }, app());
    server.comments.push({ id: 1, body: "<!-- sanshen:approval-form --> ✅ 审核完成", user: { login: "github-actions[bot]", type: "Bot" } });
    const r = await asApp(server);
    expect(r.code, r.stderr).toBe(4);
    expect(server.comments).toHaveLength(2);
    expect(server.comments[0]!.body).toBe("<!-- sanshen:approval-form --> ✅ 审核完成");
    await asApp(server);
    expect(server.comments).toHaveLength(2); // its own form, edited in place
  });

  it("a JWT signed with another key is refused: no token, nothing posted, one Chinese sentence", async () => {
    server = await fakeGitHub("office", "portal", pr(0, []), { "h2:content/news/updates/2026/eleventh.md": article }, app());
    const r = await asApp(server, other.privateKey);
    expect(r.code).toBe(3);
    expect(server.badJwts).toEqual(["bad signature"]);
    expect(r.stderr.trim()).toBe("GitHub 接口出错：查找审核 App 在本仓库的安装（请确认 App 已安装到本仓库）失败（HTTP 401，令牌无效或已过期）");
    expect(server.checkRuns).toEqual([]);
  });

  it("half an App configuration is a usage mistake, not a silent fallback to forgeable statuses", async () => {
    server = await fakeGitHub("office", "portal", pr(0, []), {}, app());
    const r = await runScriptAsync("gate", ["--root", MINI, "--github", "--repo", "office/portal", "--pr", "12", "--api-url", server.url], { SANSHEN_APP_ID: "4242", SANSHEN_APP_PRIVATE_KEY: "" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/缺少 SANSHEN_APP_PRIVATE_KEY/);
    expect(server.requests).toEqual([]);
  });

  it("setup applies exactly the protection, the push ruleset and the environment (and a second run updates, not duplicates)", async () => {
    server = await fakeGitHub("office", "portal", pr(0, []), {});
    const r = await setup(server);
    expect(r.code, r.stderr).toBe(0);
    expect(server.protection).toEqual({
      required_status_checks: { strict: true, checks: [{ context: "三审三校", app_id: 4242 }, { context: "check", app_id: 15368 }] },
      enforce_admins: true,
      required_pull_request_reviews: { require_code_owner_reviews: true, dismiss_stale_reviews: true, required_approving_review_count: 1, require_last_push_approval: true },
      restrictions: null,
      allow_force_pushes: false,
      allow_deletions: false,
      required_conversation_resolution: true,
    });
    const ruleset = {
      name: "三审：工作流文件仅限管理员修改",
      target: "push",
      enforcement: "active",
      bypass_actors: [{ actor_id: 5, actor_type: "RepositoryRole", bypass_mode: "always" }],
      rules: [{ type: "file_path_restriction", parameters: { restricted_file_paths: [".github/workflows/**"] } }],
    };
    expect(server.rulesets).toEqual([{ id: expect.any(Number), ...ruleset }]);
    expect(server.environments).toEqual({ gate: { deployment_branch_policy: { protected_branches: true, custom_branch_policies: false } } });
    // Read-only tokens by default; Actions may open the accounts job's lock PR.
    expect(server.workflowPermissions).toEqual({ default_workflow_permissions: "read", can_approve_pull_request_reviews: true });
    expect(r.stdout).toContain("已设置Actions 权限（默认只读，允许 GitHub Actions 创建拉取请求，第 8 步）。");
    expect(server.log.every((q) => q.authorization === "token admin-token")).toBe(true);
    await setup(server);
    expect(server.rulesets).toEqual([{ id: expect.any(Number), ...ruleset }]);
    expect(server.requests.filter((q) => q.startsWith("POST"))).toEqual(["POST /repos/office/portal/rulesets"]);
  });

  it("on a plan without push rulesets or environments, setup says what is missing and still protects the branch", async () => {
    server = await fakeGitHub("office", "portal", pr(0, []), {});
    server.unavailable = ["rulesets", "environments"];
    const r = await setup(server);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/未能设置工作流文件的推送规则（第 5 步）（GitHub 返回 403）：推送规则集需要组织账号的 Team 或 Enterprise 套餐/);
    expect(r.stdout).toMatch(/未能设置环境 gate.*（GitHub 返回 403）：私有仓库的环境需要 GitHub Pro、Team 或 Enterprise 套餐/);
    expect(server.protection).toMatchObject({ required_status_checks: { checks: [{ context: "三审三校", app_id: 4242 }, { context: "check", app_id: 15368 }] } });
  });

  it("setup without an App id says the result stays forgeable", async () => {
    server = await fakeGitHub("office", "portal", pr(0, []), {});
    const r = await setup(server, []);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/“三审三校”的结果目前可被有推送权限的人伪造/);
    expect((server.protection as { required_status_checks: unknown }).required_status_checks).toEqual({ strict: true, checks: [{ context: "三审三校" }, { context: "check", app_id: 15368 }] });
  });

  it("a 三审三校 status forged by a workflow someone pushed does not count once the check is pinned to the App", async () => {
    const fake = pr(0, [review(1, "t-office-head", "APPROVED", 1)]);
    server = await fakeGitHub("office", "portal", fake, { "h2:content/news/updates/2026/eleventh.md": article }, app());
    // A correspondent's own workflow (GitHub Actions, app 15368) posts success on their PR's head; `check` passed too.
    server.statuses.push(arrived({ sha: "h2", state: "success", context: "三审三校", description: "伪造", app_id: 15368 }));
    server.checkRuns.push(arrived({ name: "check", head_sha: "h2", status: "completed", conclusion: "success", output: { title: "", summary: "" }, app_id: 15368, authorization: "" }));
    server.protection = { required_status_checks: { strict: true, contexts: ["check", "三审三校"] } };
    expect(server.requiredChecksPass("h2")).toBe(true); // by name only, the forgery passes
    await setup(server);
    expect(server.requiredChecksPass("h2")).toBe(false); // pinned to the App, it does not
    expect((await asApp(server)).code).toBe(4);
    expect(server.requiredChecksPass("h2")).toBe(false); // the App says: still waiting
    fake.reviews.push(review(2, "t-editor", "APPROVED", 2), review(3, "t-leader", "APPROVED", 3));
    expect((await asApp(server)).code).toBe(0);
    expect(server.requiredChecksPass("h2")).toBe(true);
  });
});
