import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { lanAddresses, portIsFree } from "../adapters/local-network.ts";
import { rootOf, UsageError, type Args } from "../cli/args.ts";
import { Progress } from "../cli/progress.ts";
import { JobFailure } from "../cli/run.ts";
import { buildPortal } from "./build.ts";



/** `npm run start`: the job's composition; scripts/start.ts gives it its command line. */
export async function startJob(args: Args): Promise<number> {
  const port = Number(args.port ?? 4321);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`端口「${args.port}」不对：请写 1 到 65535 之间的数字`);
  // A draft preview stays on this machine unless the person asks otherwise.
  const host = typeof args.host === "string" ? args.host : "127.0.0.1";
  if (!(await portIsFree(host, port))) throw new JobFailure(`端口 ${port} 已被占用（可能预览已经开着）：请关掉占用它的程序，或换一个端口，例如 npm start -- --port ${port + 1}`, 1);
  const shown = host === "0.0.0.0" ? ["127.0.0.1", ...lanAddresses()] : [host];
  const urls = shown.map((h) => `http://${h.includes(":") ? `[${h}]` : h}:${port}/`);
  console.log(`门户预览地址：${urls.join("  ")}`);
  if (host !== "127.0.0.1" && host !== "localhost") console.log("注意：局域网里的其他电脑也能打开这个预览，包括还没审核的稿件；用完请按 Ctrl+C 关闭。");
  console.log("正在检查并生成网站，需要一两分钟……");

  const appDir = fileURLToPath(new URL("../..", import.meta.url));
  const verbose = args.verbose === true;
  const progress = new Progress(4);
  if (!(await buildPortal(rootOf(args), resolve(appDir, "dist"), appDir, { progress, verbose }))) return 1;
  const { preview } = await import("astro");
  await progress.step("启动预览", () => preview({ root: appDir, server: { port, host }, logLevel: verbose ? "info" : "error" }), () => "完成");
  console.log(`门户预览已启动：${urls[0]}（按 Ctrl+C 停止）`);
  return new Promise<number>(() => {}); // serve until interrupted
}
