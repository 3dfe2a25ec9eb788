import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

/** A user's mistake on the command line: printed as a sentence and the job's usage, exit code 2. */
export class UsageError extends Error {}

export type Args = Record<string, string | boolean>;

export interface ArgSpec {
  /** Flags that take no value. */
  flags?: string[];
  /** Options that take a value. */
  options?: string[];
  /** Options whose value may be left out, with the value used then. */
  optional?: Record<string, string>;
  /** The name under which the one value given without an option name is kept (`import`'s file). */
  positional?: string;
}

/** `-h` or `--help` anywhere on the line: the job prints its usage and does nothing else. */
export const wantsHelp = (argv: string[]): boolean => argv.some((a) => a === "-h" || a === "--help");

/**
 * Parses `--name value`, `--name=value` and flags. Hand-written because
 * node:util parseArgs has no options with optional values (`--changed [BASE]`).
 */
export function parseArgs(argv: string[], spec: ArgSpec): Args {
  const out: Args = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) {
      if (spec.positional && out[spec.positional] === undefined) {
        out[spec.positional] = arg;
        continue;
      }
      throw new UsageError(`无法识别的参数「${arg}」`);
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (spec.flags?.includes(name)) out[name] = true;
    else if (spec.options?.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith("--")) throw new UsageError(`参数 --${name} 需要一个值`);
      out[name] = value;
    } else if (spec.optional && name in spec.optional) {
      const next = argv[i + 1];
      out[name] = inline ?? (next !== undefined && !next.startsWith("--") ? argv[++i]! : spec.optional[name]!);
    } else throw new UsageError(`未知参数 --${name}`);
  }
  return out;
}

/**
 * `npm run check --fix` (without `--`) hands `--fix` to npm, not to the job:
 * npm keeps it as the setting `npm_config_fix` and the job would run without
 * it. Finds the first of the job's own options that npm took this way.
 */
export function swallowedByNpm(argv: string[], spec: ArgSpec, env: NodeJS.ProcessEnv): string | undefined {
  if (!env.npm_lifecycle_event) return undefined;
  const names = [...(spec.flags ?? []), ...(spec.options ?? []), ...Object.keys(spec.optional ?? {})];
  return names.find((name) => {
    if (argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`))) return false;
    // npm reads --verbose as its own log level.
    if (name === "verbose") return env.npm_config_loglevel === "verbose";
    return env[`npm_config_${name.replaceAll("-", "_")}`] !== undefined;
  });
}

export function rootOf(args: Args): string {
  return resolve(typeof args.root === "string" ? args.root : process.cwd());
}

/**
 * The portal folder of `--root` (default: here), refused as a usage mistake
 * when it has no workflows/. `base`: the job reads the policy of main (the gate, the digest).
 */
export function portalRootOf(args: Args, { base = false } = {}): string {
  const root = rootOf(args);
  if (!existsSync(join(root, "workflows"))) throw new UsageError(`${root} 不是门户目录（没有 workflows/）：请用 --root 指向${base ? "主分支的" : ""}门户仓库`);
  return root;
}

/** GitHub's REST API: `--api-url`, `GITHUB_API_URL` (Actions sets it, on Enterprise Server too), or github.com. */
export const apiUrlOf = (args: Args): string => String(args["api-url"] ?? process.env.GITHUB_API_URL ?? "https://api.github.com");

/**
 * The moment a job judges at: `--now` (an ISO time with its offset, so
 * 09:00 Beijing is never read as 09:00 UTC), or the clock.
 */
export function nowOf(args: Args, clock: () => Date = () => new Date()): Date {
  if (args.now === undefined || args.now === true) return clock();
  const text = String(args.now);
  const now = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) || Number.isNaN(now.getTime())) {
    throw new UsageError(`--now 应为带时区的时间，例如 2026-11-20T09:00:00+08:00 或 2026-11-20T01:00:00Z，现在是「${text}」`);
  }
  return now;
}

/** The repository `--github` acts on: `--repo owner/name`, or `GITHUB_REPOSITORY` (Actions sets it). */
export function repoOf(args: Args, env: NodeJS.ProcessEnv = process.env): { owner: string; repo: string } {
  const [owner, repo, more] = String(args.repo ?? env.GITHUB_REPOSITORY ?? "").split("/");
  if (!owner || !repo || more !== undefined) throw new UsageError("--github 需要 --repo 所有者/仓库名，例如 --repo city-cppcc/portal");
  return { owner, repo };
}
