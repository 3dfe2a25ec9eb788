// npm run build -- [--root DIR] [--out DIR]: the static portal in dist/ (or --out).
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { parseArgs, rootOf } from "../src/cli/args.ts";
import { run } from "../src/cli/run.ts";
import { buildPortal } from "../src/site/build-portal.ts";

run(async () => {
  const args = parseArgs(process.argv.slice(2), { options: ["root", "out"] });
  const out = resolve(typeof args.out === "string" ? args.out : "dist");
  const ok = await buildPortal(rootOf(args), out, fileURLToPath(new URL("..", import.meta.url)));
  return ok ? 0 : 1;
});
