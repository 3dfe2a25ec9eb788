import { spawn, spawnSync } from "node:child_process";
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

/** The same, without blocking this process (a local server in the test must keep answering). */
export function runScriptAsync(script: string, args: string[], env: Record<string, string> = {}, cwd = REPO): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(REPO, "scripts", "run.mjs"), script, ...args], { cwd, env: { ...process.env, ...env, FORCE_COLOR: "0" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
