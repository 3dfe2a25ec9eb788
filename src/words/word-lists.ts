import { finding, type Finding } from "../findings/finding.ts";
import { issuesToFindings } from "../findings/zod-findings.ts";
import { yamlProblems } from "../portal/yaml-findings.ts";
import {
  authoritiesFileSchema,
  correctFileSchema,
  linksFileSchema,
  wordListsFileSchema,
  type AuthoritiesFile,
  type LinksFile,
} from "../schemas/words.ts";
import { parsePositionedYaml } from "../yaml/positioned-yaml.ts";
import { WordScanner, type WordEntry } from "./scanner.ts";
import type { z } from "zod";

/** The office's word lists, compiled once per run. */
export interface Words {
  scanner: WordScanner;
  /** Context rules of correct.yaml (no automatic fix). */
  patterns: { regex: RegExp; message: string; right: string | undefined; severity: "error" | "warning"; source: string }[];
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
    const file = `workflows/words/${name}`;
    const yaml = parsePositionedYaml(text);
    const problems = yamlProblems(file, text, yaml, 0);
    if (problems.length) {
      findings.push(...problems);
      return undefined;
    }
    const result = schema.safeParse(yaml.data ?? {}, { reportInput: true });
    if (!result.success) {
      findings.push(...issuesToFindings(result.error.issues, { file, yaml, labels: LABELS }));
      return undefined;
    }
    return result.data;
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
      entries.push(...list.words.map((word) => ({ level, word, source: list.source })));
      except.push(...list.except);
    }
  }
  const patterns: Words["patterns"] = [];
  for (const list of read("correct.yaml", correctFileSchema)?.lists ?? []) {
    entries.push(...list.pairs.map((p) => ({ level: "correct" as const, word: p.wrong, right: p.right, note: p.note, severity: list.level, source: list.source })));
    except.push(...list.except);
    patterns.push(...list.patterns.map((p) => ({ regex: new RegExp(p.pattern, "gu"), message: p.message, right: p.right, severity: list.level, source: list.source })));
  }
  return {
    words: {
      scanner: new WordScanner(entries, except),
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
