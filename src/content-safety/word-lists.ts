import { appendAll, finding, type Finding } from "../findings/finding.ts";
import { validateYaml } from "../findings/validate-yaml.ts";
import {
  authoritiesFileSchema,
  correctFileSchema,
  linksFileSchema,
  wordListsFileSchema,
  type AuthoritiesFile,
  type LinksFile,
} from "./words-schema.ts";
import { normalizeWord } from "./normalize.ts";
import { WordScanner, type WordEntry } from "./word-scanner.ts";
import type { z } from "zod";

/** The office's word lists, compiled once per run. */
export interface Words {
  scanner: WordScanner;
  /** Context rules of correct.yaml (no automatic fix). */
  /** `literals`: normalised texts one of which must occur for the pattern to match (its triggers). */
  patterns: { regex: RegExp; message: string; right: string | undefined; severity: "error" | "warning"; source: string; literals: string[] }[];
  authorities: AuthoritiesFile;
  links: LinksFile;
}

export const WORD_FILES = ["block.yaml", "warn.yaml", "correct.yaml", "authorities.yaml", "links.yaml"] as const;

const LABELS: Record<string, string> = { lists: "词表", source: "来源", words: "词", except: "例外", pairs: "错→对", wrong: "错误写法", right: "正确写法", patterns: "规则", pattern: "正则表达式", level: "级别" };

/** Parses workflows/words/*.yaml (each optional) into compiled lists. Pure. */
export function parseWords(files: Record<string, string>): { words: Words; findings: Finding[] } {
  const findings: Finding[] = [];
  const read = <S extends z.ZodType>(name: string, schema: S): z.infer<S> | undefined => {
    const text = files[name];
    if (text === undefined) return undefined;
    const read = validateYaml(`workflows/words/${name}`, text, schema, { labels: LABELS, empty: {} });
    appendAll(findings, read.findings);
    return read.data;
  };
  for (const name of Object.keys(files)) {
    if (/\.ya?ml$/.test(name) && !(WORD_FILES as readonly string[]).includes(name)) {
      findings.push(finding(`workflows/words/${name}`, "WORDS.UNKNOWN_FILE", `词表目录只读取 ${WORD_FILES.join("、")}：请把「${name}」的内容并入其中一个文件`, { line: 1, column: 1 }, "warning"));
    }
  }

  const entries: WordEntry[] = [];
  const except: string[] = [];
  for (const [name, level] of [["block.yaml", "block"], ["warn.yaml", "warn"]] as const) {
    for (const list of read(name, wordListsFileSchema)?.lists ?? []) {
      appendAll(entries, list.words.map((word) => ({ level, word, source: list.source })));
      appendAll(except, list.except);
    }
  }
  const patterns: Words["patterns"] = [];
  for (const list of read("correct.yaml", correctFileSchema)?.lists ?? []) {
    appendAll(entries, list.pairs.map((p) => ({ level: "correct" as const, word: p.wrong, right: p.right, note: p.note, severity: list.level, source: list.source })));
    appendAll(except, list.except);
    appendAll(patterns, list.patterns.map((p) => ({ regex: new RegExp(p.pattern, "gu"), message: p.message, right: p.right, severity: list.level, source: list.source, literals: leadingLiterals(p.pattern).map(normalizeWord) })));
  }
  return {
    words: {
      scanner: new WordScanner(entries, except, patterns.flatMap((p) => p.literals)),
      patterns,
      authorities: read("authorities.yaml", authoritiesFileSchema) ?? authoritiesFileSchema.parse({}),
      links: read("links.yaml", linksFileSchema) ?? linksFileSchema.parse({}),
    },
    findings,
  };
}

/** Whether `host` is `domain` or one of its subdomains. */
export function hostIn(host: string, domains: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  return domains.some((d) => h === d || h.endsWith(`.${d}`));
}

/**
 * Literal texts one of which a pattern must start with (台湾 for
 * `台湾[^。]{0,12}国家`; 台湾 or 香港 for `(台湾|香港)总统`), so a body
 * without any of them skips the regular expression: 36 patterns over 50 MB
 * otherwise cost about a second. Empty when the pattern starts otherwise.
 */
export function leadingLiterals(pattern: string): string[] {
  const branches = topLevelBranches(pattern);
  const all = branches.map(branchLiterals);
  // A one-character trigger (市, 说) would fire everywhere and cost more than it saves.
  return all.some((l) => l.length === 0 || l.some((x) => [...x].length < 2)) ? [] : all.flat();
}

function branchLiterals(branch: string): string[] {
  // Lookbehinds and optional groups at the start do not consume required text: skip them.
  let b = branch;
  for (;;) {
    const skip = /^\(\?<[!=](?:[^()\\]|\\.)*\)|^\((?:\?:)?[^()]*\)[?*]|^\((?:\?:)?[^()]*\)\{0,/u.exec(b);
    if (!skip) break;
    b = b.slice(skip[0].length);
  }
  const group = /^\((?:\?:)?([^()\\[\]{}.*+?^$|]+(?:\|[^()\\[\]{}.*+?^$|]+)*)\)(?![?*{])/u.exec(b);
  if (group) return group[1]!.split("|");
  const m = /^(?:[^\\^$.|?*+()[\]{}]|\\[^\w\d])+/u.exec(b);
  let literal = (m?.[0] ?? "").replace(/\\(.)/gu, "$1");
  // A quantifier after the last character makes that character optional.
  if (/^[?*{]/.test(b.slice(m?.[0].length ?? 0))) literal = literal.slice(0, -1);
  return literal ? [literal] : [];
}

function topLevelBranches(pattern: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\") i++;
    else if (inClass) inClass = ch !== "]";
    else if (ch === "[") inClass = true;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "|" && depth === 0) {
      out.push(pattern.slice(from, i));
      from = i + 1;
    }
  }
  out.push(pattern.slice(from));
  return out;
}
