// npm run check -- [--root DIR] [--changed [BASE]] [--all] [--format text|json|github] [--json]
import { runJob } from "../src/cli/run.ts";
import { checkJob } from "../src/jobs/check.ts";


const usage = `用法：npm run check -- [选项]
检查门户的文章和网站规则文件：信息头、栏目与单位、敏感词、个人信息、图片附件、发布时间。
没有错误时退出码为 0，有错误时为 1。

选项：
  --root 目录        门户仓库所在的目录（默认：当前目录）
  --changed [基准]   只检查相对基准改动过的文章（基准默认 origin/main）
  --all              与 --changed 同用时，仍检查全部文章
  --base 基准        核对已发布文章的发布时间没有被改动
  --fix              自动改正能确定的规范表述（错→对），改后请核对再提交
  --now 时间         按这个时间检查（有效期、定时发布、发布时效），须带时区，例如 2026-12-02T09:00:00+08:00
  --format 格式      结果格式：text（默认）、json 或 github（PR 页面上的行内提示）
  --json             同 --format json
  -h, --help         显示本说明

例如：
  npm run check
  npm run check -- --changed origin/main
  npm run check -- --fix`;

runJob({ usage, flags: ["json", "all", "fix"], options: ["root", "format", "base", "now"], optional: { changed: "origin/main" } }, checkJob);
