// npm start -- [--root DIR] [--port N]: build the portal, then serve it at http://localhost:4321.
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { parseArgs, rootOf } from "../src/cli/args.ts";
import { run } from "../src/cli/run.ts";
import { buildPortal } from "../src/site/build-portal.ts";

run(async () => {
  const args = parseArgs(process.argv.slice(2), { options: ["root", "port"] });
  const appDir = fileURLToPath(new URL("..", import.meta.url));
  const out = resolve(appDir, "dist");
  if (!(await buildPortal(rootOf(args), out, appDir))) return 1;
  const { preview } = await import("astro");
  const port = Number(args.port ?? 4321);
  await preview({ root: appDir, server: { port, host: true }, logLevel: "warn" });
  console.log(`示例门户已启动：http://localhost:${port}/（按 Ctrl+C 停止）`);
  return new Promise<number>(() => {}); // serve until interrupted
});
