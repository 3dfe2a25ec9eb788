// npm run digest -- --snapshots DIR [--root DIR] [--json] [--now ISO]
// npm run digest -- --github --repo OWNER/NAME [--api-url URL]   (token: GITHUB_TOKEN): keeps one issue up to date.
import { runJob } from "../src/cli/run.ts";
import { digestJob } from "../src/jobs/digest.ts";

const usage = `用法：npm run digest -- --snapshots 目录 [选项]
      npm run digest -- --github --repo 所有者/仓库名 [选项]
待审稿件提醒：列出每个待审 PR 该由谁审、已等多久，最久的在前；用 --github 时在仓库里保持一条提醒议题（issue）。

选项：
  --snapshots 目录   离线生成：读取目录里的 PR 快照（*.json）
  --github           从 GitHub 读取全部未合并的 PR，并更新提醒议题（令牌：环境变量 GITHUB_TOKEN）
  --repo 所有者/仓库名
  --api-url 地址     GitHub 企业版的接口地址（默认 https://api.github.com）
  --root 目录        门户仓库所在的目录（默认：当前目录）
  --now 时间         按这个时间计算等待时长，例如 2026-11-20T00:45:00Z（默认：现在）
  --json             以 JSON 输出
  -h, --help         显示本说明

例如：
  npm run digest -- --snapshots 快照目录
  GITHUB_TOKEN=… npm run digest -- --github --repo city-cppcc/portal`;

runJob({ usage, flags: ["json", "github"], options: ["root", "snapshots", "repo", "api-url", "now"] }, digestJob);
