import { AhoCorasick } from "@monyone/aho-corasick";
import { normalizeForWords, normalizeWord } from "./normalize.ts";

/**
 * Every listed word found in a text, in one pass (Aho-Corasick, never one
 * `includes` per term), on normalised text, reported at original offsets.
 */
export type WordLevel = "block" | "warn" | "correct";

export interface WordEntry {
  level: WordLevel;
  word: string;
  source: string;
  /** For `correct`: the right form, and whether a wrong use is a serious error. */
  right?: string;
  severity?: "error" | "warning";
  note?: string;
}

export interface WordHit {
  entry: WordEntry;
  /** Offsets in the original text, end exclusive. */
  start: number;
  end: number;
}

const RANK: Record<WordLevel, number> = { block: 3, correct: 2, warn: 1 };

export class WordScanner {
  readonly #entries = new Map<string, WordEntry>();
  readonly #words: AhoCorasick;
  readonly #except: AhoCorasick | undefined;

  constructor(entries: WordEntry[], except: string[]) {
    for (const entry of entries) {
      const key = normalizeWord(entry.word);
      if (!key) continue;
      const had = this.#entries.get(key);
      if (!had || RANK[entry.level] > RANK[had.level]) this.#entries.set(key, entry);
    }
    this.#words = new AhoCorasick([...this.#entries.keys()]);
    const ex = [...new Set(except.map(normalizeWord).filter(Boolean))];
    this.#except = ex.length ? new AhoCorasick(ex) : undefined;
  }

  get size(): number {
    return this.#entries.size;
  }

  scan(text: string): WordHit[] {
    if (this.#entries.size === 0) return [];
    const norm = normalizeForWords(text);
    const matches = this.#words.matchInText(norm.text);
    if (!matches.length) return [];
    const allowed = this.#except?.matchInText(norm.text) ?? [];
    const hits: WordHit[] = [];
    for (const m of matches) {
      if (allowed.some((a) => a.begin <= m.begin && m.end <= a.end)) continue;
      hits.push({ entry: this.#entries.get(m.keyword)!, start: norm.map[m.begin]!, end: norm.map[m.end - 1]! + 1 });
    }
    // A shorter word inside a longer hit of the same place is the same finding.
    return hits.filter((h) => !hits.some((o) => o !== h && o.start <= h.start && h.end <= o.end && o.end - o.start > h.end - h.start));
  }
}
