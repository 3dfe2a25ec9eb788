// npm run bench -- [--articles N] [--build] [--runs N] [--builds N] [--commits N] [--stale [--period P] [--sample N]] [--json]: times `check` and the portal build on a generated corpus.
import { runJob } from "../src/cli/run.ts";
import { benchJob } from "../src/jobs/bench.ts";

const usage = `用法：npm run bench -- [选项]
性能测试：生成一批模拟文章，测量敏感词扫描、check 和生成整个网站的速度与内存，并与朴素做法对比。

选项：
  --articles 篇数 生成多少篇文章（默认 10000；--count 同义）
  --build        生成网站并在 Chromium 中测量检索（约 40 个检索词的召回率、准确率、文号和标题是否排第一、首次检索下载量），同一次运行中再测朴素做法（Astro 页面 + pagefind --site）作对比
  --runs 次数    check 每项测几次取中位数（默认 3）
  --builds 次数  生成整个网站测几次取中位数（默认 1；1 万篇约需两分钟；0 表示不测）
  --commits 次数 用 git fast-import 生成这么多次提交的历史（每篇文章各一次提交，按时间分布在 2026 年 1 至 11 月，其余为修改已发布的文章；文章不写 date，发布时间取自提交历史；默认 0：全部一次提交）
  --stale        另测 stale 和 report，并与逐篇 git log 的朴素做法对比
  --period 统计期 report 的统计期（默认 2026-10）
  --sample 篇数  朴素做法抽样测多少篇再推算（默认 300）
  --keep         测完保留生成的语料目录
  --json         以 JSON 输出
  -h, --help     显示本说明

例如：
  npm run bench
  npm run bench -- --count 1000 --runs 1 --builds 0
  npm run bench -- --articles 10000 --build
  npm run bench -- --commits 20000 --stale --builds 0`;

runJob({ usage, options: ["articles", "count", "runs", "builds", "commits", "period", "sample"], flags: ["json", "keep", "stale", "build"] }, benchJob);
