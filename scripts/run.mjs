// Starts a job: `node scripts/run.mjs <job> [args]` runs scripts/<job>.ts.
// Checks the Node version first (a sentence, not a stack trace, on an old
// Node). Node 24 strips TypeScript types natively, which starts 0.2 s faster
// than tsx; Node 22.12–22.17 cannot, so there tsx compiles on the fly.
// Either way there is no build step for scripts.
import "./require-node.mjs";
import { existsSync } from "node:fs";
import module from "node:module";

// Reuse compiled (and type-stripped) modules across runs: a PR check starts faster.
module.enableCompileCache?.();

const job = process.argv[2];
if (!job || !/^[a-z-]+$/.test(job) || !existsSync(new URL(`./${job}.ts`, import.meta.url))) {
  console.error(`用法：node scripts/run.mjs <任务名> [参数]（任务名如 check、build、codeowners）${job ? `；没有任务「${job}」` : ""}`);
  process.exit(2);
}
process.argv.splice(2, 1);
try {
  if (!process.features.typescript) {
    const { register } = await import("tsx/esm/api");
    register();
  }
  await import(`./${job}.ts`);
} catch (error) {
  if (error?.code === "ERR_MODULE_NOT_FOUND") {
    console.error("缺少依赖包：请先在仓库目录运行 npm ci（或 npm install），再重新运行。");
    if (process.env.SANSHEN_DEBUG) console.error(error);
    process.exit(3);
  }
  throw error;
}
