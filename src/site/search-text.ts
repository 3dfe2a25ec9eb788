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
 * positions that an exact search counts).
 */
export function indexText(text: string): string {
  const out: string[] = [];
  for (const [piece] of text.matchAll(PIECES)) {
    if (/^\s+$/.test(piece)) continue;
    if (!WORDLIKE.test(piece) && out.length) out[out.length - 1] += piece;
    // Full-width letters and digits (ＧＤＰ、２０２６) as the query writes them (queryTokens): Pagefind keys words as written.
    else out.push(WORDLIKE.test(piece) ? piece.normalize("NFKC") : piece);
  }
  return out.join(" ");
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
