// npm run bench -- [--count N] [--runs N] [--builds N] [--json]: times `check` and the portal build on a generated corpus.
import { runJob } from "../src/cli/run.ts";
import { benchJob } from "../src/jobs/bench.ts";

const usage = `用法：npm run bench -- [选项]
性能测试：生成一批模拟文章，测量敏感词扫描、check 和生成整个网站的速度与内存，并与朴素做法对比。

选项：
  --count 篇数   生成多少篇文章（默认 10000）
  --runs 次数    check 每项测几次取中位数（默认 3）
  --builds 次数  生成整个网站测几次取中位数（默认 1；1 万篇约需两分钟；0 表示不测）
  --keep         测完保留生成的语料目录
  --json         以 JSON 输出
  -h, --help     显示本说明

例如：
  npm run bench
  npm run bench -- --count 1000 --runs 1 --builds 0`;

runJob({ usage, options: ["count", "runs", "builds"], flags: ["json", "keep"] }, benchJob);
