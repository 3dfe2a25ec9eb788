import { createAppAuth } from "@octokit/auth-app";
import { throttling } from "@octokit/plugin-throttling";
import { JobFailure } from "../cli/run.ts";
import { Octokit } from "@octokit/rest";
import { ARTICLE_EXTENSIONS, extensionOf } from "../articles/location.ts";
import { FORM_MARKER } from "../review/approval-form.ts";
import type { GateResult } from "../review/count-approvals.ts";
import type { MergedPullRequest } from "../reports/submissions.ts";
import { isActionsBot, LOCK_FILES } from "../review/lock-change.ts";
import type { Snapshot } from "../review/snapshot.ts";
import { SUBMISSION_LABEL } from "../submissions/issue-form.ts";

/**
 * The GitHub side of the gate, the only place that talks to the API:
 * builds the PR snapshot, reports the `三审三校` result (a check run as the
 * office's own GitHub App, or a commit status without one) and keeps one
 * 审批单 comment up to date. `baseUrl` reaches GitHub Enterprise Server too.
 */
export const STATUS_CONTEXT = "三审三校";

export interface Repo {
  owner: string;
  repo: string;
}

const ThrottledOctokit = Octokit.plugin(throttling);

function clientOptions(baseUrl: string, onWait?: (seconds: number) => void) {
  return {
    baseUrl,
    userAgent: "sanshen-gate",
    // Failures are reported once, in Chinese, by `call`: no English request log on stderr.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    throttle: {
      // Rate limits: wait for the reset and try again (twice at most).
      onRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => {
        onWait?.(retryAfter);
        return retryCount < 2;
      },
      onSecondaryRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => {
        onWait?.(retryAfter);
        return retryCount < 2;
      },
    },
  };
}

export function github(token: string | undefined, baseUrl = "https://api.github.com", onWait?: (seconds: number) => void) {
  return new ThrottledOctokit({ auth: token, ...clientOptions(baseUrl, onWait) });
}
export type GitHub = ReturnType<typeof github>;

/** The office's GitHub App (SANSHEN_APP_ID, SANSHEN_APP_PRIVATE_KEY): only it can post the required 三审三校 check. */
export interface AppCredentials {
  appId: number;
  privateKey: string;
}

/**
 * An installation token for the repository: a JWT signed with the App's key
 * (RS256; @octokit/auth-app sets iat 30 s back and exp 10 min on) finds the
 * App's installation on the repository and exchanges it for a one-hour token.
 */
export async function appInstallationToken(app: AppCredentials, target: Repo, baseUrl: string, onWait?: (seconds: number) => void): Promise<string> {
  const asApp = new ThrottledOctokit({ authStrategy: createAppAuth, auth: { appId: app.appId, privateKey: app.privateKey }, ...clientOptions(baseUrl, onWait) });
  const { data } = await call("查找审核 App 在本仓库的安装（请确认 App 已安装到本仓库）", () => asApp.rest.apps.getRepoInstallation({ ...target }));
  const { token } = await call("获取审核 App 的令牌", async () => (await asApp.auth({ type: "installation", installationId: data.id })) as { token: string });
  return token;
}

/** How the result is reported: a check run (the App's, cannot be forged) or a commit status (anyone with push access can forge one). */
export type ReportAs = "check-run" | "status";

/** A request that failed, said in Chinese with what to check. */
/** GitHub refused or did not answer: one Chinese sentence, exit 3 (not the user's command line). */
export class GitHubError extends JobFailure {}

async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    // Octokit reports a network failure (no answer at all) as status 500 without a response.
    const { status: code, response } = error as { status?: number; response?: unknown };
    const status = response ? code : undefined;
    const hint = status === 401 ? "令牌无效或已过期" : status === 403 ? "令牌权限不足（审核 App 需要 Checks、Pull requests 读写权限；无 App 时需要 statuses、pull-requests 写权限）或被限流" : status === 404 ? "仓库、PR 或文件不存在，或令牌看不到这个仓库" : "请稍后重试";
    throw new GitHubError(`GitHub 接口出错：${what}失败（HTTP ${status ?? "无响应"}，${hint}）`);
  }
}

async function textAt(gh: GitHub, { owner, repo }: Repo, path: string, ref: string): Promise<string | null> {
  try {
    const { data } = await gh.rest.repos.getContent({ owner, repo, path, ref });
    if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return null;
    return Buffer.from(data.content, "base64").toString("utf8");
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
}

/** Only articles need their text; images and code are judged by path. Extensions as `check` reads them: any case. */
const needsText = (path: string) => path.startsWith("content/") && (ARTICLE_EXTENSIONS as readonly string[]).includes(extensionOf(path));


export async function fetchSnapshot(gh: GitHub, target: Repo, number: number): Promise<Snapshot> {
  const { data: pr } = await call("读取拉取请求", () => gh.rest.pulls.get({ ...target, pull_number: number }));
  const files = await call("读取改动文件", () => gh.paginate(gh.rest.pulls.listFiles, { ...target, pull_number: number, per_page: 100 }));
  // The files API stops at 3,000: a longer list is cut, and what lies beyond (code, rules) would go unreviewed.
  if (typeof pr.changed_files === "number" && files.length < pr.changed_files) {
    throw new GitHubError(`这个 PR 改动了 ${pr.changed_files} 个文件，GitHub 只列出 ${files.length} 个，无法全部审核：请拆分成多个较小的 PR`, 1);
  }
  const reviews = await call("读取审核记录", () => gh.paginate(gh.rest.pulls.listReviews, { ...target, pull_number: number, per_page: 100 }));
  const commits = await call("读取提交", () => gh.paginate(gh.rest.pulls.listCommits, { ...target, pull_number: number, per_page: 100 }));
  // The accounts job's lock PR (src/review/lock-change.ts): the gate compares the roster and CODEOWNERS before and after.
  let author = pr.user?.login ?? "";
  // A 投稿 form's PR: opened by a bot of this repository on the issue's branch, for the person who opened the issue.
  // Only an integration installed on the repository (the workflow's token, an App) opens a PR as a Bot, so the
  // issue it names is trusted to say who submitted; that person is the author the roster and the chain judge.
  const viaForm = /^submission\/issue-(\d+)$/.exec(pr.head.ref);
  let submittedVia: Snapshot["submitted_via"];
  if (viaForm && pr.user?.type === "Bot" && pr.head.repo?.full_name === pr.base.repo?.full_name) {
    const issue = await readIssue(gh, target, Number(viaForm[1]));
    if (issue.labels.includes(SUBMISSION_LABEL) && issue.author) {
      submittedVia = { issue: issue.number, bot: author };
      author = issue.author;
    }
  }
  const wanted = (path: string) => needsText(path) || (isActionsBot(author) && LOCK_FILES.includes(path));
  const out: Snapshot["files"] = [];
  for (const f of files) {
    const status = f.status === "added" || f.status === "removed" || f.status === "renamed" ? f.status : "modified";
    const basePath = f.previous_filename ?? f.filename;
    out.push({
      path: f.filename,
      status,
      previous_path: f.previous_filename ?? null,
      head: status !== "removed" && wanted(f.filename) ? await call(`读取 ${f.filename}`, () => textAt(gh, target, f.filename, pr.head.sha)) : null,
      base: status !== "added" && wanted(basePath) ? await call(`读取 ${basePath}`, () => textAt(gh, target, basePath, pr.base.sha)) : null,
    });
  }
  return {
    number,
    title: pr.title,
    author,
    ...(submittedVia ? { submitted_via: submittedVia } : {}),
    head_sha: pr.head.sha,
    base_ref: pr.base.ref,
    default_branch: pr.base.repo?.default_branch ?? "main",
    files: out,
    reviews: reviews
      .filter((r) => r.user && r.submitted_at && r.commit_id)
      .map((r) => ({ user: r.user!.login, state: r.state as Snapshot["reviews"][number]["state"], commit_id: r.commit_id!, submitted_at: r.submitted_at!, body: r.body || null })),
    commits: commits.map((c) => ({ sha: c.sha, committed_at: c.commit.committer?.date ?? c.commit.author?.date ?? new Date(0).toISOString(), author: c.author?.login ?? null, committer: c.committer?.login ?? null })),
  };
}

/** The PR's head commit now. */
export async function currentHead(gh: GitHub, target: Repo, number: number): Promise<string> {
  const { data: pr } = await call("读取拉取请求", () => gh.rest.pulls.get({ ...target, pull_number: number }));
  return pr.head.sha;
}

/** Sets the result on one commit: a check run as the App, or a commit status. */
async function report(gh: GitHub, target: Repo, sha: string, state: GateResult["state"] | "error", description: string, summary: string, as: ReportAs): Promise<void> {
  if (as === "status") {
    await call("设置审核状态", () => gh.rest.repos.createCommitStatus({ ...target, sha, state, context: STATUS_CONTEXT, description }));
    return;
  }
  // Waiting for reviews is a check still running (yellow, blocks the merge), not a red `action_required`.
  const outcome = state === "pending" ? ({ status: "in_progress" } as const) : ({ status: "completed", conclusion: state === "success" ? "success" : "failure" } as const);
  await call("设置审核结果", () =>
    gh.rest.checks.create({ ...target, name: STATUS_CONTEXT, head_sha: sha, ...outcome, output: { title: description, summary: [...summary].slice(0, 60000).join("") } }),
  );
}

/**
 * Reports the result on the commit it was judged on and creates or edits the
 * one 审批单 comment, unless the PR's head has moved since: then a newer run
 * judges the new head, and an older result must not land after it.
 */
export async function publishGate(gh: GitHub, target: Repo, pr: Snapshot, result: GateResult, form: string, as: ReportAs, appId?: number): Promise<{ comment: "created" | "updated" } | { superseded: string }> {
  const head = await currentHead(gh, target, pr.number);
  if (head !== pr.head_sha) return { superseded: head };
  await report(gh, target, pr.head_sha, result.state, result.description, form, as);
  const comments = await call("读取评论", () => gh.paginate(gh.rest.issues.listComments, { ...target, issue_number: pr.number, per_page: 100 }));
  // Only a comment the bot wrote is the form: anyone can paste the marker into a comment, and any workflow can
  // comment as github-actions[bot]. As the App, only the App's own comment (which it alone may edit) is the form.
  const byUs = (c: (typeof comments)[number]) => (appId ? c.performed_via_github_app?.id === appId : c.user?.type === "Bot");
  const mine = comments.find((c) => byUs(c) && c.body?.includes(FORM_MARKER));
  if (mine) {
    await call("更新审批单", () => gh.rest.issues.updateComment({ ...target, comment_id: mine.id, body: form }));
    return { comment: "updated" };
  }
  await call("发布审批单", () => gh.rest.issues.createComment({ ...target, issue_number: pr.number, body: form }));
  return { comment: "created" };
}

export async function openPullNumbers(gh: GitHub, target: Repo): Promise<number[]> {
  const prs = await call("读取打开的拉取请求", () => gh.paginate(gh.rest.pulls.list, { ...target, state: "open", per_page: 100 }));
  return prs.map((p) => p.number);
}

/** The descriptions of the open pull requests whose branch starts with `prefix` (a bot's own, e.g. `crawl/`). */
export async function openPullBodies(gh: GitHub, target: Repo, prefix: string): Promise<string[]> {
  const prs = await call("读取打开的拉取请求", () => gh.paginate(gh.rest.pulls.list, { ...target, state: "open", per_page: 100 }));
  return prs.filter((p) => p.state === "open" && p.head?.ref?.startsWith(prefix)).map((p) => p.body ?? "");
}

/**
 * Who opened or reviewed a pull request since `since` (reviews leave no trace
 * in git): the pull requests most recently updated first, read until one is
 * older than `since`, and the reviews of each.
 */
export async function pullRequestActivity(gh: GitHub, target: Repo, since: Date): Promise<{ login: string; at: Date }[]> {
  const out: { login: string; at: Date }[] = [];
  const recent: number[] = [];
  await call("读取拉取请求", async () => {
    for await (const { data } of gh.paginate.iterator(gh.rest.pulls.list, { ...target, state: "all", sort: "updated", direction: "desc", per_page: 100 })) {
      let older = false;
      for (const pr of data) {
        if (pr.updated_at && new Date(pr.updated_at) < since) older = true;
        else recent.push(pr.number);
        if (pr.user && pr.created_at) out.push({ login: pr.user.login.toLowerCase(), at: new Date(pr.created_at) });
      }
      if (older) break;
    }
  });
  for (const number of recent) {
    const reviews = await call("读取审核记录", () => gh.paginate(gh.rest.pulls.listReviews, { ...target, pull_number: number, per_page: 100 }));
    for (const r of reviews) if (r.user && r.submitted_at) out.push({ login: r.user.login.toLowerCase(), at: new Date(r.submitted_at) });
  }
  return out;
}

/**
 * The pull requests merged in [since, until), with how many reviews requested
 * changes: closed pull requests by last update, newest first, read until one
 * was last updated before `since` (a merged pull request is updated when it
 * merges), and the reviews of each merged one.
 */
export async function mergedPullRequests(gh: GitHub, target: Repo, since: Date, until: Date): Promise<MergedPullRequest[]> {
  const merged: Omit<MergedPullRequest, "changesRequested">[] = [];
  await call("读取已合并的拉取请求", async () => {
    for await (const { data } of gh.paginate.iterator(gh.rest.pulls.list, { ...target, state: "closed", sort: "updated", direction: "desc", per_page: 100 })) {
      let older = false;
      for (const pr of data) {
        if (pr.updated_at && new Date(pr.updated_at) < since) older = true;
        if (!pr.merged_at || !pr.user) continue;
        const mergedAt = new Date(pr.merged_at);
        if (mergedAt < since || mergedAt >= until) continue;
        merged.push({ number: pr.number, author: pr.user.login, createdAt: new Date(pr.created_at), mergedAt, mergeCommit: pr.merge_commit_sha ?? null });
      }
      if (older) break;
    }
  });
  const out: MergedPullRequest[] = [];
  for (const pr of merged) {
    const reviews = await call("读取审核记录", () => gh.paginate(gh.rest.pulls.listReviews, { ...target, pull_number: pr.number, per_page: 100 }));
    out.push({ ...pr, changesRequested: reviews.filter((r) => r.state === "CHANGES_REQUESTED").length });
  }
  return out.sort((a, b) => a.number - b.number);
}

/** One issue per concern, edited in place (Renovate's dashboard manners): found by a hidden marker. */
export async function upsertIssue(gh: GitHub, target: Repo, marker: string, title: string, body: string): Promise<"created" | "updated"> {
  const issues = await call("读取议题", () => gh.paginate(gh.rest.issues.listForRepo, { ...target, state: "open", per_page: 100 }));
  const mine = issues.find((i) => !i.pull_request && i.body?.includes(marker));
  if (mine) {
    await call("更新议题", () => gh.rest.issues.update({ ...target, issue_number: mine.number, title, body }));
    return "updated";
  }
  await call("创建议题", () => gh.rest.issues.create({ ...target, title, body }));
  return "created";
}

/** An issue as a job reads it: who opened it, its body and labels. */
export interface IssueRecord {
  number: number;
  title: string;
  body: string;
  state: string;
  author: string;
  labels: string[];
  url: string;
}

export async function readIssue(gh: GitHub, target: Repo, number: number): Promise<IssueRecord> {
  const { data } = await call(`读取议题 #${number}`, () => gh.rest.issues.get({ ...target, issue_number: number }));
  return {
    number: data.number,
    title: data.title,
    body: data.body ?? "",
    state: data.state,
    author: data.user?.login ?? "",
    labels: data.labels.map((l) => (typeof l === "string" ? l : l.name ?? "")),
    url: data.html_url,
  };
}

/** One comment of a job on an issue, found by its hidden marker and edited in place; nothing written when it says the same. */
export async function keepIssueComment(gh: GitHub, target: Repo, number: number, marker: string, body: string): Promise<"created" | "updated" | "unchanged"> {
  const comments = await call("读取议题评论", () => gh.paginate(gh.rest.issues.listComments, { ...target, issue_number: number, per_page: 100 }));
  const mine = comments.find((c) => c.body?.includes(marker));
  if (mine?.body === body) return "unchanged";
  if (mine) {
    await call("更新评论", () => gh.rest.issues.updateComment({ ...target, comment_id: mine.id, body }));
    return "updated";
  }
  await call("发表评论", () => gh.rest.issues.createComment({ ...target, issue_number: number, body }));
  return "created";
}

/** An issue a bot keeps: found again by the hidden marker in its body. */
export interface KeptIssue {
  marker: string;
  title: string;
  body: string;
  labels: string[];
}

/**
 * One issue per concern, edited in place (Renovate's dashboard is the model):
 * each wanted issue is created or updated; an open issue whose marker starts
 * with `prefix` but is no longer wanted is closed as completed, its body
 * replaced by `closing`. Never a comment, never a duplicate.
 */
export async function keepIssues(gh: GitHub, target: Repo, wanted: readonly KeptIssue[], prefix: string, closing: string, label: string): Promise<{ created: number; updated: number; closed: number }> {
  const open = await call("读取议题", () => gh.paginate(gh.rest.issues.listForRepo, { ...target, state: "open", labels: label, per_page: 100 }));
  const ours = open.filter((i) => !i.pull_request && i.body?.includes(prefix));
  const counts = { created: 0, updated: 0, closed: 0 };
  for (const issue of wanted) {
    const found = ours.find((i) => i.body?.includes(issue.marker));
    if (found) {
      if (found.title !== issue.title || found.body !== issue.body) {
        await call("更新议题", () => gh.rest.issues.update({ ...target, issue_number: found.number, title: issue.title, body: issue.body }));
        counts.updated++;
      }
    } else {
      await call("创建议题", () => gh.rest.issues.create({ ...target, title: issue.title, body: issue.body, labels: issue.labels }));
      counts.created++;
    }
  }
  for (const gone of ours.filter((i) => !wanted.some((w) => i.body?.includes(w.marker)))) {
    const marker = gone.body!.slice(gone.body!.indexOf(prefix)).split("\n")[0]!;
    await call("关闭议题", () => gh.rest.issues.update({ ...target, issue_number: gone.number, state: "closed", state_reason: "completed", body: `${marker}\n${closing}` }));
    counts.closed++;
  }
  return counts;
}

export async function protectBranch(gh: GitHub, target: Repo, branch: string, body: ReturnType<typeof import("../jobs/setup-github.ts").protectionBody>): Promise<void> {
  // `checks` (each pinned to an App) replaces the deprecated `contexts`, which Octokit's types still require.
  await call("设置分支保护", () => gh.rest.repos.updateBranchProtection({ ...target, branch, ...body } as Parameters<GitHub["rest"]["repos"]["updateBranchProtection"]>[0]));
}

/** A GitHub App's id from its public slug (GET /apps/{slug}), or none when this server does not know it. */
export async function appIdOf(gh: GitHub, slug: string): Promise<number | undefined> {
  try {
    return (await gh.rest.apps.getBySlug({ app_slug: slug })).data?.id;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    return call(`读取 App ${slug}`, () => Promise.reject(error));
  }
}

/** What the plan does not offer (403, 404 or 422 from GitHub) is reported, not fatal: the rest of the setup still applies. */
export type Applied = "created" | "updated" | { unavailable: number };
async function unlessUnavailable(what: string, run: () => Promise<"created" | "updated">): Promise<Applied> {
  try {
    return await run();
  } catch (error) {
    const { status, response } = error as { status?: number; response?: unknown };
    if (response && (status === 403 || status === 404 || status === 422)) return { unavailable: status };
    return call(what, () => Promise.reject(error));
  }
}

/** Creates the ruleset, or updates the one of the same name (running setup twice changes nothing). */
export async function applyRuleset(gh: GitHub, target: Repo, body: ReturnType<typeof import("../jobs/setup-github.ts").workflowRulesetBody>): Promise<Applied> {
  return unlessUnavailable("设置规则集", async () => {
    const { data } = await gh.request("GET /repos/{owner}/{repo}/rulesets", { ...target, per_page: 100 });
    const existing = data.find((r) => r.name === body.name);
    if (existing) {
      await gh.request("PUT /repos/{owner}/{repo}/rulesets/{ruleset_id}", { ...target, ruleset_id: existing.id, ...body } as never);
      return "updated";
    }
    await gh.request("POST /repos/{owner}/{repo}/rulesets", { ...target, ...body } as never);
    return "created";
  });
}

export async function applyEnvironment(gh: GitHub, target: Repo, name: string, body: ReturnType<typeof import("../jobs/setup-github.ts").environmentBody>): Promise<Applied> {
  return unlessUnavailable("设置环境", async () => {
    await gh.request("PUT /repos/{owner}/{repo}/environments/{environment_name}", { ...target, environment_name: name, ...body });
    return "updated";
  });
}

/** Workflow permissions: read-only tokens by default, and GitHub Actions may open pull requests (the accounts job's lock PR). */
export async function applyWorkflowPermissions(gh: GitHub, target: Repo, body: ReturnType<typeof import("../jobs/setup-github.ts").workflowPermissionsBody>): Promise<Applied> {
  return unlessUnavailable("设置 Actions 权限", async () => {
    await gh.request("PUT /repos/{owner}/{repo}/actions/permissions/workflow", { ...target, ...body });
    return "updated";
  });
}

/** Best effort after a failed run: no earlier success may stay on the commit judged (or, not yet known, the head). */
export async function markGateError(gh: GitHub, target: Repo, number: number, message: string, as: ReportAs, sha?: string): Promise<void> {
  try {
    const on = sha ?? (await gh.rest.pulls.get({ ...target, pull_number: number })).data.head.sha;
    const text = [...`审核门禁运行出错：${message}`].slice(0, 140).join("");
    await report(gh, target, on, "error", text, `${text}\n\n请稍后在 PR 上重新运行审核，或联系技术管理员。`, as);
  } catch {
    // The API itself is failing; the message on the console is all we can give.
  }
}

/** What the job did to its pull request; null when there is none to keep or close. */
export interface KeptPullRequest {
  number: number;
  url: string;
  action: "created" | "updated" | "unchanged" | "closed";
}

/** A branch's head commit, or undefined when there is no such branch. */
async function branchHead(gh: GitHub, target: Repo, branch: string): Promise<string | undefined> {
  try {
    return (await gh.rest.git.getRef({ ...target, ref: `heads/${branch}` })).data.object.sha;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    return call(`读取分支 ${branch}`, () => Promise.reject(error));
  }
}

/** The repository's default branch and its head commit. */
export async function defaultBranchHead(gh: GitHub, target: Repo): Promise<{ branch: string; sha: string }> {
  const { data } = await call("读取仓库", () => gh.rest.repos.get({ ...target }));
  const sha = await branchHead(gh, target, data.default_branch);
  if (!sha) throw new GitHubError(`GitHub 接口出错：默认分支 ${data.default_branch} 不存在`);
  return { branch: data.default_branch, sha };
}

/** A file's text on a branch or commit, or null when it has none. */
export const fileAt = (gh: GitHub, target: Repo, path: string, ref: string): Promise<string | null> => call(`读取 ${path}`, () => textAt(gh, target, path, ref));

/**
 * One pull request from `branch` into the default branch, kept like the one
 * reminder issue: the branch is one commit on the default branch's head
 * writing `files` (git data API: blobs, a tree on the head's tree, a commit,
 * the ref force-moved), made again only when its content or base changed;
 * the open PR found by its head is edited, else one is opened. `want`
 * undefined: the open PR is closed with `closing` as its last comment, and
 * its branch deleted. Never a duplicate, nothing written when nothing changed.
 */
export async function keepPullRequest(
  gh: GitHub,
  target: Repo,
  branch: string,
  want: { title: string; body: string; message: string; files: Record<string, string | Uint8Array>; author?: { name: string; email: string } } | undefined,
  closing: string,
): Promise<KeptPullRequest | null> {
  const open = (await call("读取打开的拉取请求", () => gh.paginate(gh.rest.pulls.list, { ...target, state: "open", head: `${target.owner}:${branch}`, per_page: 100 })))[0];
  if (!want) {
    if (!open) return null;
    await call("发表关闭说明", () => gh.rest.issues.createComment({ ...target, issue_number: open.number, body: closing }));
    await call("关闭拉取请求", () => gh.rest.pulls.update({ ...target, pull_number: open.number, state: "closed" }));
    await call(`删除分支 ${branch}`, () => gh.rest.git.deleteRef({ ...target, ref: `heads/${branch}` }));
    return { number: open.number, url: open.html_url, action: "closed" };
  }
  const base = await defaultBranchHead(gh, target);
  const head = await branchHead(gh, target, branch);
  let current = false;
  if (head) {
    const { data: commit } = await call("读取分支的提交", () => gh.rest.git.getCommit({ ...target, commit_sha: head }));
    current = commit.parents.length === 1 && commit.parents[0]!.sha === base.sha && commit.message === want.message;
    // Binary files are not compared here: a writer of binary files puts a digest of them in its message.
    for (const [path, text] of Object.entries(want.files)) if (current && typeof text === "string") current = (await fileAt(gh, target, path, head)) === text;
  }
  if (!current) {
    const { data: baseCommit } = await call("读取默认分支的提交", () => gh.rest.git.getCommit({ ...target, commit_sha: base.sha }));
    const tree: { path: string; mode: "100644"; type: "blob"; sha: string }[] = [];
    for (const [path, text] of Object.entries(want.files)) {
      const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : Buffer.from(text);
      const { data: blob } = await call(`写入 ${path}`, () => gh.rest.git.createBlob({ ...target, content: bytes.toString("base64"), encoding: "base64" }));
      tree.push({ path, mode: "100644", type: "blob", sha: blob.sha });
    }
    const { data: newTree } = await call("写入目录树", () => gh.rest.git.createTree({ ...target, base_tree: baseCommit.tree.sha, tree }));
    const author = want.author ? { author: { ...want.author, date: new Date().toISOString() } } : {};
    const { data: commit } = await call("写入提交", () => gh.rest.git.createCommit({ ...target, message: want.message, tree: newTree.sha, parents: [base.sha], ...author }));
    if (head) await call(`更新分支 ${branch}`, () => gh.rest.git.updateRef({ ...target, ref: `heads/${branch}`, sha: commit.sha, force: true }));
    else await call(`创建分支 ${branch}`, () => gh.rest.git.createRef({ ...target, ref: `refs/heads/${branch}`, sha: commit.sha }));
  }
  if (open) {
    if (current && open.title === want.title && open.body === want.body) return { number: open.number, url: open.html_url, action: "unchanged" };
    await call("更新拉取请求", () => gh.rest.pulls.update({ ...target, pull_number: open.number, title: want.title, body: want.body }));
    return { number: open.number, url: open.html_url, action: "updated" };
  }
  try {
    const { data: pr } = await gh.rest.pulls.create({ ...target, title: want.title, body: want.body, head: branch, base: base.branch });
    return { number: pr.number, url: pr.html_url, action: "created" };
  } catch (error) {
    // GitHub's answer when the repository does not let Actions open pull requests.
    if ((error as { status?: number }).status === 403) {
      throw new GitHubError("GitHub 不允许本仓库的 GitHub Actions 创建拉取请求：请技术管理员在仓库 Settings → Actions → General 中勾选「Allow GitHub Actions to create and approve pull requests」（npm run setup-github 会设置它），分支已写好，下次运行即创建");
    }
    return call("创建拉取请求", () => Promise.reject(error));
  }
}

/**
 * Takes each login out of its team (DELETE the membership), when it is still
 * a member: for people already locked on the default branch. Needs an
 * organisation token (SANSHEN_ORG_TOKEN, members: write), which the
 * workflow's own token never has.
 */
export async function removeFromTeams(gh: GitHub, org: string, members: readonly { login: string; team: string }[]): Promise<{ login: string; team: string }[]> {
  const removed: { login: string; team: string }[] = [];
  for (const m of members) {
    try {
      await gh.rest.teams.getMembershipForUserInOrg({ org, team_slug: m.team, username: m.login });
    } catch (error) {
      if ((error as { status?: number }).status === 404) continue; // not (or no longer) a member
      await call(`读取团队 ${m.team} 的成员`, () => Promise.reject(error));
    }
    await call(`把 ${m.login} 移出团队 ${m.team}`, () => gh.rest.teams.removeMembershipForUserInOrg({ org, team_slug: m.team, username: m.login }));
    removed.push(m);
  }
  return removed;
}
