// npm run build -- [--root DIR] [--out DIR] [--offline] [--verbose]: the static portal in dist/ (or --out).
import { runJob } from "../src/cli/run.ts";
import { buildJob } from "../src/jobs/build.ts";

const usage = `用法：npm run build -- [选项]
先检查门户内容，通过后生成静态网站（含全文检索索引），可直接上传到网站服务器。

选项：
  --root 目录   门户仓库所在的目录（默认：当前目录）
  --out 目录    网站输出到哪个目录（默认：dist）；须为空目录或以前生成网站的目录，
                生成完毕后整个替换，不会留下半个网站
  --offline     不访问其他网站：链接栏目显示上次读取的最新信息（没有则只显示网址）
  --verbose     显示 Astro 的完整英文日志
  -h, --help    显示本说明

例如：
  npm run build
  npm run build -- --out /srv/www/portal`;

runJob({ usage, flags: ["verbose", "offline"], options: ["root", "out"] }, buildJob);
