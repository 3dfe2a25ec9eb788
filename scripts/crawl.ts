// npm run crawl [-- --source ID] [--delay S] [--timeout S] [--limit N] [--root DIR] [--now ISO] [--json] [--github --repo OWNER/NAME --api-url URL]
import { runJob } from "../src/cli/run.ts";
import { crawlJob } from "../src/jobs/crawl.ts";

const usage = `用法：npm run crawl [-- 选项]
网上抓取：按栏目表（workflows/columns.yaml）各栏目 crawl 下的地址，读取各县、各部门网站的
列表页或 RSS/Atom 订阅，把还没有导入过的信息连同图片、附件，作为转载（reprint）写进相应栏目，
保留原发布时间和原文网址，然后检查新文章。遵守各网站的 robots.txt，对同一网站逐个请求并留出间隔。
某个来源失败时照常处理其余来源，最后列出失败的来源，退出码为 1。

选项：
  --source 来源      只抓取这个来源：来源的 id、网址，或栏目 id/路径（该栏目的全部来源）
  --delay 秒         同一网站两次请求之间的间隔（默认 2 秒）
  --timeout 秒       每次请求的超时（默认 20 秒）
  --limit 条数       每个来源本次最多导入几条（默认 20）
  --root 目录        门户仓库所在的目录（默认：当前目录）
  --now 时间         按这个时间确定年份目录并检查，须带时区，例如 2026-12-02T09:00:00+08:00
  --json             以 JSON 输出结果
  --github           再把新文章提交到 GitHub 上的一个分支（crawl/日期-时间），开一个拉取请求（需要 GITHUB_TOKEN）
  --repo 所有者/仓库  --github 时操作的仓库（Actions 中默认当前仓库）
  --api-url 网址     GitHub 接口地址（默认 https://api.github.com）
  -h, --help         显示本说明

例如：
  npm run crawl
  npm run crawl -- --source news/counties --json`;

runJob({ usage, flags: ["json", "github"], options: ["root", "source", "delay", "timeout", "limit", "now", "repo", "api-url"] }, crawlJob);
