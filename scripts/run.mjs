// Starts a job: `node scripts/run.mjs <job> [args]` runs scripts/<job>.ts.
// Checks the Node version first (a sentence, not a stack trace, on an old
// Node). Node 24 strips TypeScript types natively, which starts 0.2 s faster
// than tsx; Node 22.12–22.17 cannot, so there tsx compiles on the fly.
// Either way there is no build step for scripts.
import "./require-node.mjs";
import module from "node:module";

// Reuse compiled (and type-stripped) modules across runs: a PR check starts faster.
module.enableCompileCache?.();

const job = process.argv[2];
if (!job || !/^[a-z-]+$/.test(job)) {
  console.error("用法：node scripts/run.mjs <任务名> [参数]，例如 node scripts/run.mjs check --json");
  process.exit(2);
}
process.argv.splice(2, 1);
if (!process.features.typescript) {
  const { register } = await import("tsx/esm/api");
  register();
}
await import(`./${job}.ts`);
