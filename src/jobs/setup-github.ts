import { appIdOf, applyEnvironment, applyRuleset, applyWorkflowPermissions, github, protectBranch, type Applied } from "../adapters/github.ts";
import { apiUrlOf, UsageError, type Args } from "../cli/args.ts";

/**
 * The office's one-time GitHub setup that makes `三审三校` trustworthy
 * against anyone with push access. Pure: the API bodies, and the same
 * settings as steps a person can follow.
 *
 * Why each part: a commit status named 三审三校 can be posted by any workflow
 * a correspondent pushes (`statuses: write`), so the gate reports a check run
 * as the office's own GitHub App and branch protection requires that name
 * from that App only (`checks[].app_id`). The App's key sits in an
 * environment only the default branch's workflows can read. A push ruleset
 * keeps `.github/workflows/` to admins, so nobody else can add a workflow at
 * all. `require_last_push_approval`: whoever pushed last cannot approve, which
 * the commit's author field (set by anyone with `git commit --author`) cannot
 * tell.
 */
export const GATE_CHECK = "三审三校";
export const CHECK_JOB = "check";
/** GitHub Actions' own App on github.com: `check` is a job of check.yml. GitHub Enterprise Server has its own id. */
export const GITHUB_ACTIONS_APP_ID = 15368;
/** The environment holding the App's key (SANSHEN_APP_PRIVATE_KEY) and id (SANSHEN_APP_ID). */
export const GATE_ENVIRONMENT = "gate";
export const WORKFLOW_RULESET = "三审：工作流文件仅限管理员修改";
/** The built-in repository admin role in rulesets' bypass lists (GitHub: maintain 2, write 4, admin 5). */
const REPOSITORY_ADMIN_ROLE = 5;

/** `actionsAppId`: GitHub Actions' App id (github.com's by default; none on GitHub Enterprise Server, whose id differs). */
export function protectionBody(appId?: number, actionsAppId: number | undefined = GITHUB_ACTIONS_APP_ID) {
  return {
    required_status_checks: {
      strict: true,
      // Without an App the gate posts a commit status from GitHub Actions, which anyone's workflow can post too.
      checks: [appId ? { context: GATE_CHECK, app_id: appId } : { context: GATE_CHECK }, actionsAppId ? { context: CHECK_JOB, app_id: actionsAppId } : { context: CHECK_JOB }],
    },
    enforce_admins: true,
    required_pull_request_reviews: { require_code_owner_reviews: true, dismiss_stale_reviews: true, required_approving_review_count: 1, require_last_push_approval: true },
    restrictions: null,
    allow_force_pushes: false,
    allow_deletions: false,
    required_conversation_resolution: true,
  };
}

/** A push ruleset: no push that touches a workflow file, on any branch or fork, except by repository admins. */
export function workflowRulesetBody() {
  return {
    name: WORKFLOW_RULESET,
    target: "push",
    enforcement: "active",
    bypass_actors: [{ actor_id: REPOSITORY_ADMIN_ROLE, actor_type: "RepositoryRole", bypass_mode: "always" }],
    rules: [{ type: "file_path_restriction", parameters: { restricted_file_paths: [".github/workflows/**"] } }],
  };
}

/** Only protected branches (main) may run a job in the environment, so only main's workflows read the App's key. */
export function environmentBody() {
  return { deployment_branch_policy: { protected_branches: true, custom_branch_policies: false } };
}

/**
 * Tokens read-only unless a workflow asks for more; GitHub Actions may open
 * pull requests, for the accounts job's lock PR. (The setting also lets a
 * workflow approve one: the gate counts no bot's approval, and a code
 * owner's review is still a person's.)
 */
export function workflowPermissionsBody() {
  return { default_workflow_permissions: "read" as const, can_approve_pull_request_reviews: true };
}

export function setupSteps(repo: string, branch: string, appId?: number): string {
  return [
    `仓库 ${repo} 的一次性设置（由网站主管部门的技术管理员操作）：`,
    "",
    "1. 仓库设为私有：Settings → General → Danger Zone → Change visibility → Private（公开仓库的分支在审核前就能被看到）。",
    "2. 建立本单位自己的审核 App（只有它能发布“三审三校”结果，别人伪造不了）：",
    "   - 组织的 Settings → Developer settings → GitHub Apps → New GitHub App；不需要 Webhook（取消 Active）；",
    "   - 权限（Repository permissions）：Checks 读写、Pull requests 读写、Contents 只读、Metadata 只读，其余不给；",
    "   - 建好后记下 App ID，生成一个私钥（Generate a private key，下载 .pem 文件），并把 App 安装（Install App）到本仓库。",
    `3. 保存 App 的密钥：Settings → Environments → ${GATE_ENVIRONMENT}（本工具会创建它，只允许受保护的分支使用），`,
    `   在其中加 Environment secret SANSHEN_APP_PRIVATE_KEY（.pem 文件的全部内容）和 Environment variable SANSHEN_APP_ID（App ID）。`,
    "   只有主分支上的工作流能读到这个私钥：在其他分支上新加的工作流拿不到它。",
    `4. 保护主分支：Settings → Branches → Add branch protection rule，Branch name pattern 填 ${branch}，然后勾选：`,
    "   - Require a pull request before merging；其下勾选 Require review from Code Owners、Dismiss stale pull request approvals when new commits are pushed、Require approval of the most recent reviewable push；",
    `   - Require status checks to pass before merging，勾选 Require branches to be up to date，加入 ${GATE_CHECK}（来源选本单位的审核 App${appId ? `，App ID ${appId}` : ""}）和 ${CHECK_JOB}（来源选 GitHub Actions）；`,
    "   - Require conversation resolution before merging；",
    "   - Do not allow bypassing the above settings；",
    "   - 不要勾选 Allow force pushes 和 Allow deletions。",
    `5. 工作流文件仅限管理员修改：Settings → Rules → Rulesets → New ruleset → New push ruleset，名称「${WORKFLOW_RULESET}」，`,
    "   Bypass list 只加 Repository admin，规则选 Restrict file paths，填 .github/workflows/**（需要组织账号的 Team 或 Enterprise 套餐）。",
    "6. 通讯员尽量从自己的复刻（fork）提交稿件，不给他们本仓库的写权限（套餐和组织设置允许时）。",
    "7. 发布网站：Settings → Pages → Build and deployment → Source 选 GitHub Actions。",
    "8. Actions 权限：Settings → Actions → General → Workflow permissions 选 Read repository contents and packages permissions（各工作流自行声明所需的写权限），",
    "   并勾选 Allow GitHub Actions to create and approve pull requests：账号核对（accounts）要用它创建锁定账号的拉取请求；“三审三校”不认任何机器人的批准。",
    "9. 为每个单位建 GitHub 团队（或在 units.yaml 写明审核人账号），运行 npm run codeowners 并提交。",
    "",
    "有管理员令牌时，第 3 步的环境、第 4、5、8 步可以自动完成：GITHUB_TOKEN=… npm run setup-github -- --repo 所有者/仓库名 --app-id App编号",
    ...(appId
      ? []
      : ["", `注意：没有提供审核 App 的编号（--app-id）。没有 App 时，“三审三校”只是一个提交状态，任何有推送权限的人都能用自己写的工作流把它设为通过，审核链就形同虚设。`]),
  ].join("\n");
}


/** `npm run setup-github`: the job's composition; scripts/setup-github.ts gives it its command line. */
export async function setupGithubJob(args: Args): Promise<number> {
  const [owner, repo] = String(args.repo ?? "").split("/");
  if (!owner || !repo) throw new UsageError("请用 --repo 所有者/仓库名 指定仓库");
  const rawAppId = String(args["app-id"] ?? process.env.SANSHEN_APP_ID ?? "").trim();
  if (rawAppId && !/^\d+$/.test(rawAppId)) throw new UsageError(`--app-id 应是审核 App 的数字编号（App 设置页的 App ID），现在是「${rawAppId}」`);
  const appId = rawAppId ? Number(rawAppId) : undefined;
  const branch = String(args.branch ?? "main");
  console.log(setupSteps(`${owner}/${repo}`, branch, appId));
  if (!process.env.GITHUB_TOKEN) {
    console.log("\n（未提供 GITHUB_TOKEN，以上设置请手工完成。）");
    return 0;
  }
  const apiUrl = apiUrlOf(args);
  const gh = github(process.env.GITHUB_TOKEN, apiUrl);
  const target = { owner, repo };
  const said = (what: string, applied: Applied, plan: string) =>
    typeof applied === "string" ? `已${applied === "created" ? "创建" : "设置"}${what}。` : `未能设置${what}（GitHub 返回 ${applied.unavailable}）：${plan}`;
  // GitHub Actions' App id (15368 on github.com) is asked for, so Enterprise Server gets its own.
  await protectBranch(gh, target, branch, protectionBody(appId, await appIdOf(gh, "github-actions")));
  console.log(`\n已为 ${owner}/${repo} 的 ${branch} 分支设置保护规则（第 4 步）${appId ? `，“三审三校”只认 App ${appId}` : ""}。`);
  console.log(said(`环境 ${GATE_ENVIRONMENT}（只允许受保护的分支使用，第 3 步）`, await applyEnvironment(gh, target, GATE_ENVIRONMENT, environmentBody()), "私有仓库的环境需要 GitHub Pro、Team 或 Enterprise 套餐；没有它，App 私钥只能存为仓库密钥，任何分支上的工作流都能读到。"));
  console.log(said("工作流文件的推送规则（第 5 步）", await applyRuleset(gh, target, workflowRulesetBody()), "推送规则集需要组织账号的 Team 或 Enterprise 套餐；没有它，有写权限的人可以推送自己的工作流。"));
  console.log(said("Actions 权限（默认只读，允许 GitHub Actions 创建拉取请求，第 8 步）", await applyWorkflowPermissions(gh, target, workflowPermissionsBody()), "请按第 8 步手工设置；不设置时，账号核对无法创建锁定账号的拉取请求。"));
  console.log(`\n其余各步（建立并安装审核 App、把私钥存入环境 ${GATE_ENVIRONMENT}）请按上文手工完成。`);
  if (!appId) console.log("注意：未提供 --app-id，“三审三校”的结果目前可被有推送权限的人伪造。");
  return 0;
}
