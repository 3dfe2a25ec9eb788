import { resolve } from "node:path";

/** A user's mistake on the command line: printed as a sentence, exit code 2. */
export class UsageError extends Error {}

export interface ArgSpec {
  /** Flags that take no value. */
  flags?: string[];
  /** Options that take a value. */
  options?: string[];
  /** Options whose value may be left out, with the value used then. */
  optional?: Record<string, string>;
}

/**
 * Parses `--name value`, `--name=value` and flags. Hand-written because
 * node:util parseArgs has no options with optional values (`--changed [BASE]`).
 */
export function parseArgs(argv: string[], spec: ArgSpec): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) throw new UsageError(`无法识别的参数「${arg}」`);
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

export function rootOf(args: Record<string, string | boolean>): string {
  return resolve(typeof args.root === "string" ? args.root : process.cwd());
}
