import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { REPO } from "./portal.ts";

export interface CliResult { code: number; stdout: string; stderr: string }

/** Runs a job the way `npm run <job>` does (scripts/run.mjs), in `cwd`. */
export function runScript(script: string, args: string[], cwd = REPO, env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [join(REPO, "scripts", "run.mjs"), script, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, ...env, FORCE_COLOR: "0" },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A stack trace looks like "    at fn (file:line:col)". */
export const STACK_TRACE = /^\s+at .+[:(]\d+/m;
