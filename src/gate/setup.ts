/**
 * The office's one-time GitHub setup: branch protection on main so that
 * nothing is published without `check` and `三审三校` passing, a CODEOWNERS
 * review, fresh approvals and no force pushes. Pure: the API body and the
 * same settings as steps a person can follow.
 */
export const REQUIRED_CHECKS = ["check", "三审三校"] as const;

export function protectionBody() {
  return {
    required_status_checks: { strict: true, contexts: [...REQUIRED_CHECKS] },
    enforce_admins: true,
    required_pull_request_reviews: { require_code_owner_reviews: true, dismiss_stale_reviews: true, required_approving_review_count: 1 },
    restrictions: null,
    allow_force_pushes: false,
    allow_deletions: false,
    required_conversation_resolution: true,
  };
}

export function setupSteps(repo: string, branch: string): string {
  return [
    `仓库 ${repo} 的一次性设置（由网站主管部门的技术管理员操作）：`,
    "",
    "1. 仓库设为私有：Settings → General → Danger Zone → Change visibility → Private（公开仓库的分支在审核前就能被看到）。",
    `2. 保护主分支：Settings → Branches → Add branch protection rule，Branch name pattern 填 ${branch}，然后勾选：`,
    "   - Require a pull request before merging；其下勾选 Require review from Code Owners 和 Dismiss stale pull request approvals when new commits are pushed；",
    `   - Require status checks to pass before merging，勾选 Require branches to be up to date，并在检查项中加入 ${REQUIRED_CHECKS.join(" 和 ")}（各运行一次后才能选到）；`,
    "   - Require conversation resolution before merging；",
    "   - Do not allow bypassing the above settings；",
    "   - 不要勾选 Allow force pushes 和 Allow deletions。",
    "3. 发布网站：Settings → Pages → Build and deployment → Source 选 GitHub Actions。",
    "4. Actions 权限：Settings → Actions → General → Workflow permissions 选 Read repository contents and packages permissions（各工作流自行声明所需的写权限）。",
    "5. 为每个单位建 GitHub 团队（或在 units.yaml 写明审核人账号），运行 npm run codeowners 并提交。",
    "",
    "有管理员令牌时，第 2 步可以自动完成：GITHUB_TOKEN=… npm run setup-github -- --repo 所有者/仓库名",
  ].join("\n");
}
