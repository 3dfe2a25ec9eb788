// npm run stale -- [--root DIR] [--now ISO] [--due-soon PERCENT] [--json]
// npm run stale -- --github --repo OWNER/NAME [--api-url URL]   (token: GITHUB_TOKEN): one issue per stale column + one dashboard.
import { runJob } from "../src/cli/run.ts";
import { staleJob } from "../src/jobs/stale.ts";

const usage = `用法：npm run stale -- [选项]
栏目更新监测：每个栏目最近一次更新、按要求多久内应有更新、是否即将到期或已未按期更新、是否空白；
并按全国政府网站检查指标判断首页不更新、栏目不更新、栏目空白等单项否决项。

选项：
  --root 目录        门户仓库所在的目录（默认：当前目录）
  --now 时间         按这个时间判断，须带时区，例如 2026-12-02T09:00:00+08:00（默认：现在）
  --due-soon 百分数  过了更新周期的多少算“即将到期”（默认 70）
  --json             以 JSON 输出
  --github           在 GitHub 上为每个未按期更新或空白的栏目保持一个议题，并更新“栏目更新看板”（令牌：环境变量 GITHUB_TOKEN）
  --repo 所有者/仓库名
  --api-url 地址     GitHub 企业版的接口地址（默认 https://api.github.com）
  -h, --help         显示本说明

例如：
  npm run stale
  npm run stale -- --now 2026-12-02T09:00:00+08:00 --json
  GITHUB_TOKEN=… npm run stale -- --github --repo city-cppcc/portal`;

runJob({ usage, flags: ["json", "github"], options: ["root", "now", "due-soon", "repo", "api-url"] }, staleJob);
