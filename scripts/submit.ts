// npm run submit -- --event FILE [--root DIR] [--now ISO]
// npm run submit -- --github --repo OWNER/NAME (--event FILE | --issue N) [--api-url URL]   (token: SANSHEN_SUBMISSION_TOKEN or GITHUB_TOKEN)
import { runJob } from "../src/cli/run.ts";
import { submitJob } from "../src/jobs/submit.ts";

const usage = `用法：npm run submit -- [选项]
把投稿表单提交的议题生成文章：按表单所选栏目和投稿人所在单位写好信息头，正文按段落排好，图片和附件下载到文章旁边，再运行检查。
离线运行时文章写入门户目录，并打印给投稿人的答复；加 --github 时在议题的分支上创建或更新一个合并请求（PR），并在议题下答复（同一条评论随修改更新）。
议题关闭即撤回：关闭对应的合并请求。

选项：
  --event 文件       GitHub 的议题事件（Actions 的 GITHUB_EVENT_PATH）
  --issue 编号       与 --github 同用：从 GitHub 读取这个议题
  --github           在 GitHub 上创建合并请求并答复（令牌：SANSHEN_SUBMISSION_TOKEN，没有时用 GITHUB_TOKEN）
  --repo 所有者/仓库名
  --api-url 地址     GitHub 企业版的接口地址（默认 https://api.github.com）
  --root 目录        门户仓库所在的目录（默认：当前目录）
  --now 时间         按这个时间确定年份目录和检查，须带时区（默认：现在）
  -h, --help         显示本说明

例如：
  npm run submit -- --event issue-event.json
  GITHUB_TOKEN=… npm run submit -- --github --repo city-cppcc/portal --issue 12`;

runJob({ usage, flags: ["github"], options: ["root", "now", "event", "issue", "repo", "api-url"] }, submitJob);
