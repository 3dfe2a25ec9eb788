// npm run setup-github -- --repo OWNER/NAME [--branch main] [--api-url URL]
// With GITHUB_TOKEN (repository admin): applies branch protection. Without: prints the settings to make by hand.
import { github, protectBranch } from "../src/adapters/github.ts";
import { UsageError } from "../src/cli/args.ts";
import { runJob } from "../src/cli/run.ts";
import { protectionBody, setupSteps } from "../src/gate/setup.ts";

const usage = `用法：npm run setup-github -- --repo 所有者/仓库名 [选项]
网站主管部门的一次性设置：列出让“三审三校”生效的 GitHub 设置；提供仓库管理员令牌
（环境变量 GITHUB_TOKEN）时，直接为主分支设置保护规则。

选项：
  --repo 所有者/仓库名
  --branch 分支     受保护的分支（默认 main）
  --api-url 地址    GitHub 企业版的接口地址（默认 https://api.github.com）
  -h, --help        显示本说明

例如：
  npm run setup-github -- --repo city-cppcc/portal
  GITHUB_TOKEN=… npm run setup-github -- --repo city-cppcc/portal`;

runJob({ usage, options: ["repo", "branch", "api-url"] }, async (args) => {
  const [owner, repo] = String(args.repo ?? "").split("/");
  if (!owner || !repo) throw new UsageError("请用 --repo 所有者/仓库名 指定仓库");
  const branch = String(args.branch ?? "main");
  console.log(setupSteps(`${owner}/${repo}`, branch));
  if (!process.env.GITHUB_TOKEN) {
    console.log("\n（未提供 GITHUB_TOKEN，以上设置请手工完成。）");
    return 0;
  }
  await protectBranch(github(process.env.GITHUB_TOKEN, String(args["api-url"] ?? process.env.GITHUB_API_URL ?? "https://api.github.com")), { owner, repo }, branch, protectionBody());
  console.log(`\n已为 ${owner}/${repo} 的 ${branch} 分支设置保护规则（第 2 步）；其余各步请按上文手工完成。`);
  return 0;
});
