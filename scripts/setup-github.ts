// npm run setup-github -- --repo OWNER/NAME [--app-id N] [--branch main] [--api-url URL]
// With GITHUB_TOKEN (repository admin): applies branch protection (三审三校 pinned to the App), the push
// ruleset keeping workflow files to admins, and the `gate` environment. Without: prints the settings to make by hand.
import { runJob } from "../src/cli/run.ts";
import { setupGithubJob } from "../src/jobs/setup-github.ts";

const usage = `用法：npm run setup-github -- --repo 所有者/仓库名 [选项]
网站主管部门的一次性设置：列出让“三审三校”不可伪造的 GitHub 设置；提供仓库管理员令牌
（环境变量 GITHUB_TOKEN）时，直接设置主分支保护、工作流文件的推送规则和存放审核 App 密钥的环境。

选项：
  --repo 所有者/仓库名
  --app-id 编号     本单位审核 App 的 App ID（也可用环境变量 SANSHEN_APP_ID）：主分支只认这个 App 发布的“三审三校”
  --branch 分支     受保护的分支（默认 main）
  --api-url 地址    GitHub 企业版的接口地址（默认 https://api.github.com）
  -h, --help        显示本说明

例如：
  npm run setup-github -- --repo city-cppcc/portal --app-id 123456
  GITHUB_TOKEN=… npm run setup-github -- --repo city-cppcc/portal --app-id 123456`;

runJob({ usage, options: ["repo", "branch", "api-url", "app-id"] }, setupGithubJob);
