import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/**
 * A command run to its end with its wall time and the peak memory of its
 * whole process tree: the resident memory of the process and every
 * descendant, summed, sampled every 100 ms from /proc. GNU time reports only
 * the largest single process, which misses a build's Node process and the
 * Pagefind binary holding memory at the same time.
 */
export interface TreeRun {
  seconds: number;
  peakMb: number;
  code: number;
  stdout: string;
  stderr: string;
}

export function runSampled(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<TreeRun> {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    let peak = 0;
    const timer = setInterval(() => {
      if (child.pid) peak = Math.max(peak, treeRssKb(child.pid));
    }, 100);
    child.on("close", (code) => {
      clearInterval(timer);
      resolve({ seconds: Number(process.hrtime.bigint() - start) / 1e9, peakMb: Math.round(peak / 1024), code: code ?? -1, stdout, stderr });
    });
  });
}

/** The summed resident memory (kB) of `pid` and all its descendants now. */
export function treeRssKb(pid: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // The command name is in parentheses and may hold spaces: the fields after it are fixed.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const parent = Number(fields[1]);
      const pages = Number(fields[21]);
      const id = Number(name);
      rss.set(id, (pages * 4096) / 1024);
      const list = children.get(parent);
      if (list) list.push(id);
      else children.set(parent, [id]);
    } catch {
      // the process ended while being read
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const id = stack.pop()!;
    total += rss.get(id) ?? 0;
    stack.push(...(children.get(id) ?? []));
  }
  return total;
}
