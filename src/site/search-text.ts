/**
 * The one segmentation the search index and the reader's query share.
 *
 * Pagefind segments Chinese with a dictionary when it indexes (charabia) and
 * with the browser's `Intl.Segmenter` when it reads a query; the two cut
 * differently, and it then ANDs the words anywhere on a page and matches each
 * as a prefix, so 住房公积金 found 办公室. Here every Han character is a token
 * of its own (and a run of Latin letters or digits is one), the index is
 * written in a language Pagefind does not segment, and a query is cut the
 * same way and searched as a quoted phrase: Pagefind's exact search then
 * requires the characters adjacent and in order, which is exactly "the page
 * contains the phrase". No dictionary can miss a name or a document number.
 * Written by hand because no library cuts text this way for Pagefind; the
 * browser imports this module too, so both sides cut alike.
 */

/** A token: one such character, a run of other letters and digits, a space, or one other character (punctuation, a symbol). */
const SINGLE = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u;
const PIECES = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])[\p{L}\p{N}\p{M}_])+|\s+|[^]/gu;
const WORDLIKE = /[\p{L}\p{N}]/u;

/** The language the index is written in: one Pagefind neither segments nor stems ("undetermined"). */
export const INDEX_LANGUAGE = "und";

/**
 * Text as the index reads it: tokens separated by spaces, punctuation kept on
 * the token before it (Pagefind drops it from the word but keeps it in the
 * excerpt, and a token of punctuation alone would leave a gap in the word
 * positions that an exact search counts). Its definition is `PIECES` and
 * `WORDLIKE` above; it is written as one pass over the code points, each
 * kind looked up once per character in a table, because the regular
 * expressions took 7 s of a 10,000-article build (now about 1 s);
 * `tests/search-text.test.ts` holds it to the definition.
 */
export function indexText(text: string): string {
  let out = "";
  let tokens = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const kind = kindOf(cp);
    if (kind === SPACE) {
      i += width;
      continue;
    }
    if (kind === SINGLE_CHAR) {
      // A Han (or kana, hangul) character is a word by itself; only compatibility ideographs change under NFKC.
      const c = text.slice(i, i + width);
      out += (tokens++ ? " " : "") + (cp >= 0x4e00 && cp <= 0x9fff ? c : c.normalize("NFKC"));
      i += width;
      continue;
    }
    if (kind === OTHER) {
      // Punctuation or a symbol: on the word before it, or a token of its own at the start.
      const c = text.slice(i, i + width);
      out += tokens ? c : ((tokens = 1), c);
      i += width;
      continue;
    }
    // A run of other letters, digits, marks and underscores.
    const start = i;
    let wordlike = false;
    let plain = true;
    while (i < n) {
      const c = text.codePointAt(i)!;
      const k = kindOf(c);
      if (k !== WORD_LETTER && k !== WORD_MARK) break;
      if (k === WORD_LETTER) wordlike = true;
      if (c > 0x7f) plain = false;
      i += c > 0xffff ? 2 : 1;
    }
    const run = text.slice(start, i);
    if (wordlike) out += (tokens++ ? " " : "") + (plain ? run : run.normalize("NFKC"));
    else out += tokens ? run : ((tokens = 1), run);
  }
  return out;
}

/** The kinds of character `indexText` tells apart (see `PIECES`). */
const SPACE = 1;
const SINGLE_CHAR = 2;
/** A letter or digit outside the single-character scripts: part of a run, and it makes the run a word. */
const WORD_LETTER = 3;
/** A mark or `_`: part of a run, but alone it is no word. */
const WORD_MARK = 4;
const OTHER = 5;
const KINDS = new Uint8Array(0x10000);
const SINGLE_CLASS = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u;
const RUN_CLASS = /^[\p{L}\p{N}\p{M}_]$/u;
const SPACE_CLASS = /^\s$/u;

function kindOf(cp: number): number {
  if (cp < 0x10000) {
    const known = KINDS[cp];
    if (known) return known;
    return (KINDS[cp] = classify(String.fromCharCode(cp)));
  }
  return classify(String.fromCodePoint(cp));
}

function classify(c: string): number {
  if (SPACE_CLASS.test(c)) return SPACE;
  // A character of those scripts that is no letter or digit (a radical, a symbol) is punctuation, as in `PIECES` with `WORDLIKE`.
  if (SINGLE_CLASS.test(c)) return WORDLIKE.test(c) ? SINGLE_CHAR : OTHER;
  if (RUN_CLASS.test(c)) return WORDLIKE.test(c) ? WORD_LETTER : WORD_MARK;
  return OTHER;
}

/**
 * A prefix that marks a copy of the document number's tokens in the index,
 * so that an exact search of the marked query finds the pages whose number
 * holds the phrase, without downloading a page. Pagefind's exact search
 * matches a Han character only as a word of its own, so a marked character
 * is written in letters and digits: `qdu53f7` is 号 in a number, `qdl2026`
 * the word 2026 (`u` and `l` keep the two apart). No text cut by
 * `indexText` makes such a word unless it holds that very string.
 */
export const FIELD_MARK = { docNumber: "qd" } as const;

/**
 * The marked copy of tokens (a field's, or a query's) for the field;
 * `whole` adds the field's start and end words (`qdb` … `qde`).
 */
export function markedTokens(field: keyof typeof FIELD_MARK, tokens: readonly string[], whole = false): string[] {
  const mark = FIELD_MARK[field];
  const words = tokens.map((t) => (SINGLE.test(t) ? `${mark}u${t.codePointAt(0)!.toString(16)}` : `${mark}l${t}`));
  return whole ? [`${mark}b`, ...words, `${mark}e`] : words;
}

/**
 * One word that stands for a whole title: `qtw` and a hash of its tokens
 * (`queryTokens`), so "the page whose title is exactly the query" is one
 * word's lookup, a chunk of about 20 KB. A marked copy of every title
 * character (the first pass) made a first search fetch the chunks of the
 * commonest title characters, about 220 KB. FNV-1a, 32 bits: a collision
 * among a portal's titles (about 1 in 100 at 10,000) only lifts a page that
 * contains the phrase within the found pages, never adds one.
 */
export function titleMark(tokens: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const unit of tokens.join(" ")) {
    const c = unit.codePointAt(0)!;
    h = Math.imul(h ^ c, 0x01000193) >>> 0;
  }
  return `qtw${h.toString(16).padStart(8, "0")}`;
}

/** A reader's query as the tokens of {@link indexText}, punctuation and symbols left out (as Pagefind leaves them out of words). */
export function queryTokens(query: string): string[] {
  const out: string[] = [];
  for (const [piece] of query.normalize("NFKC").matchAll(PIECES)) if (WORDLIKE.test(piece)) out.push(piece.toLowerCase());
  return out;
}

/** The word as Pagefind keys it: punctuation and symbols dropped, lower case. */
const keyOf = (word: string) => word.normalize("NFKC").replace(/[^\p{L}\p{N}\p{M}_]/gu, "").toLowerCase();
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2026\u2014]/u;
const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * The excerpt a reader sees, from the article's text only: Pagefind's own
 * excerpt picks the window with the most weighted hits, which is the title
 * and the document number (weighted above the body), so it showed them as
 * the "text". `content` is Pagefind's content of the page (its words joined
 * by spaces, the body's `bodyWords` first); the window is around the body's
 * first run of the query's tokens (the phrase), else (`parts`: for a
 * partial match) its first token, else the body's beginning: a page found
 * by its title or 文号 does not get one of the phrase's characters marked
 * as if it were the match. Returned as HTML: the text escaped, the match in
 * `<mark>`, no space beside a Chinese character.
 */
export function excerptHtml(content: string, tokens: readonly string[], bodyWords: number, length = 40, parts = true): string {
  const words = content.split(" ").slice(0, bodyWords);
  const keys = words.map(keyOf);
  let at = -1;
  let run = 0;
  if (tokens.length) {
    for (let i = 0; i + tokens.length <= keys.length && at < 0; i++) if (tokens.every((t, k) => keys[i + k] === t)) (at = i), (run = tokens.length);
    if (at < 0 && parts) {
      const wanted = new Set(tokens);
      at = keys.findIndex((k) => wanted.has(k));
      run = at < 0 ? 0 : 1;
    }
  }
  const from = at < 0 ? 0 : Math.max(0, Math.min(at - Math.floor((length - run) / 2), words.length - length));
  const window = words.slice(from, from + length);
  let html = from > 0 ? "…" : "";
  window.forEach((w, i) => {
    const prev = window[i - 1];
    if (prev !== undefined && !CJK.test(prev.at(-1) ?? "") && !CJK.test(w[0] ?? "")) html += " ";
    const marked = at >= 0 && from + i >= at && from + i < at + run;
    const open = marked && from + i === at;
    const close = marked && from + i === at + run - 1;
    html += `${open ? "<mark>" : ""}${escapeHtml(w)}${close ? "</mark>" : ""}`;
  });
  return from + length < words.length ? `${html}…` : html;
}
