import type { z } from "zod";
import { parsePositionedYaml, type PositionedYaml } from "../yaml/positioned-yaml.ts";
import type { Finding } from "./finding.ts";
import { yamlProblems } from "./yaml-findings.ts";
import { issuesToFindings, type IssueContext } from "./zod-findings.ts";

/**
 * The one way a YAML file of the portal is read, for the office's rule files
 * and an article's frontmatter alike: parsed with positions, its YAML
 * mistakes explained, then validated with its schema, every problem a
 * finding on its line. (Starlight's `parseWithFriendlyErrors`, with lines.)
 */
export interface YamlReading<T> {
  yaml: PositionedYaml;
  /** The validated value; undefined when the YAML or the schema refused it. */
  data: T | undefined;
  findings: Finding[];
}

export interface ValidateOptions extends Omit<IssueContext, "file" | "yaml"> {
  /** Lines before the YAML text in its file (1 for a frontmatter after its opening ---). */
  lineOffset?: number;
  /** What an empty file stands for, e.g. `{}` for a list file that may be left empty; otherwise the schema judges `null`. */
  empty?: unknown;
  /**
   * The file's own rules on the parsed value before the schema runs (an
   * article's swallowed text and cross-field rules): their findings come
   * first, and `stop` leaves the schema out.
   */
  precheck?: (value: unknown, yaml: PositionedYaml) => { findings: Finding[]; stop?: boolean };
}

/** @param schema undefined to parse and precheck only (an article outside any column has no schema to meet). */
export function validateYaml<S extends z.ZodType>(file: string, text: string, schema: S | undefined, options: ValidateOptions): YamlReading<z.infer<S>> {
  const { lineOffset = 0, empty, precheck, ...issues } = options;
  const yaml = parsePositionedYaml(text, lineOffset);
  const problems = yamlProblems(file, text, yaml, lineOffset);
  if (problems.length) return { yaml, data: undefined, findings: problems };
  const value = yaml.data === null && empty !== undefined ? empty : yaml.data;
  const pre = precheck?.(value, yaml);
  const findings = pre?.findings ?? [];
  if (pre?.stop || !schema) return { yaml, data: undefined, findings };
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return { yaml, data: result.data, findings };
  for (const f of issuesToFindings(result.error.issues, { file, yaml, ...issues })) findings.push(f);
  return { yaml, data: undefined, findings };
}
