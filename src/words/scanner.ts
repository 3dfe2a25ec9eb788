import { AhoCorasick } from "@monyone/aho-corasick";
import { normalizeForWords, normalizeWord } from "./normalize.ts";
export { normalizeWord };

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
  /** Literal texts that let a context pattern run (see leadingLiterals), normalised. */
  readonly #triggers = new Set<string>();
  readonly #words: AhoCorasick;
  readonly #except: AhoCorasick | undefined;

  constructor(entries: WordEntry[], except: string[], triggers: string[] = []) {
    for (const entry of entries) {
      const key = normalizeWord(entry.word);
      if (!key) continue;
      const had = this.#entries.get(key);
      if (!had || RANK[entry.level] > RANK[had.level]) this.#entries.set(key, entry);
    }
    for (const t of triggers) if (normalizeWord(t)) this.#triggers.add(normalizeWord(t));
    // One automaton for words and pattern triggers: a single pass over the text finds both.
    this.#words = new AhoCorasick([...new Set([...this.#entries.keys(), ...this.#triggers])]);
    const ex = [...new Set(except.map(normalizeWord).filter(Boolean))];
    this.#except = ex.length ? new AhoCorasick(ex) : undefined;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The listed words as the office wrote them. */
  terms(): string[] {
    return [...this.#entries.values()].map((e) => e.word);
  }

  scan(text: string): WordHit[] {
    return this.scanWithTriggers(text).hits;
  }

  /** Word hits, and which pattern triggers occur (normalised), from one pass. */
  scanWithTriggers(text: string): { hits: WordHit[]; triggers: Set<string> } {
    const triggers = new Set<string>();
    if (this.#entries.size === 0 && this.#triggers.size === 0) return { hits: [], triggers };
    const norm = normalizeForWords(text);
    const found = this.#words.matchInText(norm.text);
    for (const m of found) if (this.#triggers.has(m.keyword)) triggers.add(m.keyword);
    const matches = found.filter((m) => this.#entries.has(m.keyword));
    if (!matches.length) return { hits: [], triggers };
    const allowed = this.#except?.matchInText(norm.text) ?? [];
    const hits: WordHit[] = [];
    for (const m of matches) {
      if (allowed.some((a) => a.begin <= m.begin && m.end <= a.end)) continue;
      hits.push({ entry: this.#entries.get(m.keyword)!, start: norm.map[m.begin]!, end: norm.map[m.end - 1]! + 1 });
    }
    // A shorter word inside a longer hit of the same place is the same finding.
    return { hits: hits.filter((h) => !hits.some((o) => o !== h && o.start <= h.start && h.end <= o.end && o.end - o.start > h.end - h.start)), triggers };
  }
}
