// npm run report -- --period 2026-11|2026-Q4|2026 [--root DIR] [--out DIR] [--json]
// npm run report -- --period 2026-11 --github --repo OWNER/NAME [--api-url URL]   (token: GITHUB_TOKEN): the 通报 as an issue.
import { runJob } from "../src/cli/run.ts";
import { reportJob } from "../src/jobs/report.ts";

const usage = `用法：npm run report -- --period 统计期 [选项]
信息报送情况通报：各单位本期发布信息数（按栏目）、按时发布率、每周报送达标周数、未按期更新的栏目，表扬和通报批评名单。
只依据 git 历史生成，同一历史两次生成的结果完全相同。

选项：
  --period 统计期   2026-11（月）、2026-Q4（季度）或 2026（年）
  --root 目录       门户仓库所在的目录（默认：当前目录）
  --out 目录        把通报写成 report.md、units.svg（图表）和 report.html（可打印为 A4）
  --json            以 JSON 输出
  --github          在 GitHub 上发布为议题（每期一个，重复运行时原地更新；令牌：环境变量 GITHUB_TOKEN）
  --repo 所有者/仓库名
  --api-url 地址    GitHub 企业版的接口地址（默认 https://api.github.com）
  -h, --help        显示本说明

例如：
  npm run report -- --period 2026-11
  npm run report -- --period 2026-Q4 --out 通报`;

runJob({ usage, flags: ["json", "github"], options: ["root", "period", "out", "repo", "api-url"] }, reportJob);
