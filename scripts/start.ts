// npm start -- [--root DIR] [--port N] [--host [ADDR]] [--verbose]: build the portal, then serve it on 127.0.0.1:4321.
import { runJob } from "../src/cli/run.ts";
import { startJob } from "../src/jobs/start.ts";

const usage = `用法：npm start -- [选项]
检查并生成门户网站，然后在本机打开预览，供编辑核对页面效果（按 Ctrl+C 停止）。
预览里有尚未审核的稿件，所以默认只有本机能打开。

选项：
  --root 目录     门户仓库所在的目录（默认：当前目录，即示例门户）
  --port 端口     预览端口（默认 4321）
  --host [地址]   让局域网里的其他电脑也能打开预览（不写地址即所有网卡）
  --verbose       显示 Astro 的完整英文日志
  -h, --help      显示本说明

例如：
  npm start
  npm start -- --port 8080
  npm start -- --root ../my-portal`;

runJob({ usage, flags: ["verbose"], options: ["root", "port"], optional: { host: "0.0.0.0" } }, startJob);
