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
    // Sweeps over spans sorted by start, never one lookup over all spans per hit:
    // 50,000 hits in one article took 8 s that way.
    const allowed = (this.#except?.matchInText(norm.text) ?? []).sort((a, b) => a.begin - b.begin);
    const hits: WordHit[] = [];
    let next = 0;
    let reach = -1; // the furthest end of an excepted phrase starting at or before this match
    for (const m of [...matches].sort((a, b) => a.begin - b.begin)) {
      while (next < allowed.length && allowed[next]!.begin <= m.begin) reach = Math.max(reach, allowed[next++]!.end);
      if (m.end <= reach) continue;
      hits.push({ entry: this.#entries.get(m.keyword)!, start: norm.map[m.begin]!, end: norm.map[m.end - 1]! + 1 });
    }
    return { hits: withoutContained(hits), triggers };
  }
}

/** A shorter word inside a longer hit of the same place is the same finding. Keeps the hits' order. */
function withoutContained(hits: WordHit[]): WordHit[] {
  const order = hits.map((_, i) => i).sort((a, b) => hits[a]!.start - hits[b]!.start || hits[b]!.end - hits[a]!.end);
  const contained = new Set<number>();
  let end = -1;
  let start = -1; // the earliest start among the hits reaching `end`
  for (const i of order) {
    const h = hits[i]!;
    if (end > h.end || (end === h.end && start < h.start)) contained.add(i);
    if (h.end > end) [end, start] = [h.end, h.start];
  }
  return contained.size ? hits.filter((_, i) => !contained.has(i)) : hits;
}
