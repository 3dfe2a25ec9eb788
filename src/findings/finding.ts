import type { Position } from "../yaml/positioned-yaml.ts";

/**
 * A finding is the one shape every check reports: a rule id, where, and a
 * Chinese message that says what to do. Formatters print it for people,
 * programs and GitHub annotations.
 */
export type Severity = "error" | "warning";

export interface Finding {
  /** Path relative to the portal root, with forward slashes. */
  file: string;
  /** 1-based; 0 when the finding is about the whole file. */
  line: number;
  /** 1-based; 0 when unknown. */
  column: number;
  /** Stable rule id, e.g. `SCHEMA.REQUIRED`. */
  rule: string;
  severity: Severity;
  message: string;
  /** A safe automatic correction (`check --fix`): replace [start, end) of the file's text. Not part of the JSON output. */
  fix?: { start: number; end: number; text: string };
}


export const NO_POSITION: Position = { line: 0, column: 0 };

export function finding(
  file: string,
  rule: string,
  message: string,
  at: Position = NO_POSITION,
  severity: Severity = "error",
): Finding {
  return { file, line: at.line, column: at.column, rule, severity, message };
}

export function byLocation(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);
}

/** Appends in a loop: `push(...items)` passes every item as an argument and overflows the stack past about 120,000. */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
