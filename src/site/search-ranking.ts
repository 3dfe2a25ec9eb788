import { markedTokens, titleMark } from "./search-text.ts";

/** What the search page needs of Pagefind's browser API. */
export interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<{ url: string; content: string; meta: Record<string, string> }>;
}
export interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  mergeIndex(path: string): Promise<void>;
  search(term: string | null, o: Record<string, unknown>): Promise<{ results: PagefindResult[] }>;
}

/**
 * A reader's query (already cut by `queryTokens`) asked of Pagefind at
 * once: the quoted phrase (Pagefind's exact search: the words
 * adjacent and in order, so the page contains the phrase), the loose words
 * (Pagefind's ranking, with the title and 文号 weighted, so a page whose
 * title holds the phrase ranks above one whose body does), the marked phrase
 * in the 文号, and the whole title's one word (`titleMark`). `exact`: the
 * pages that contain the phrase, ranked 文号 → exact title → the rest (each
 * tier in Pagefind's order; by date when sorting by date, untiered);
 * `partial`: pages with every token but not together (each token is asked
 * too; its chunks are the loose search's, fetched once).
 */
export async function rankedSearch(pagefind: Pagefind, tokens: readonly string[], options: { filters: Record<string, string>; sort: Record<string, string> }): Promise<{ exact: PagefindResult[]; partial: PagefindResult[] }> {
  const phrase = (words: readonly string[]) => `"${words.join(" ")}"`;
  const none = { results: [] as PagefindResult[] };
  // A 文号 is written with Arabic numerals (GB/T 9704: 〔2026〕3号): a query without a digit cannot be one, and the 文号 index chunks are not fetched.
  const mayBeNumber = tokens.some((t) => /\d/.test(t));
  // Pagefind leaves out of a loose search a word its index lacks (of each
  // part, when the index is in parts), so 不存在的词xyz found pages with 不存
  // 在的 only. A quoted search leaves nothing out: the title's word and each
  // token are asked quoted, and a partial match must hold every token.
  const distinct = [...new Set(tokens)];
  const [exact, loose, isTitle, inNumber, ...each] = await Promise.all([
    pagefind.search(phrase(tokens), options),
    pagefind.search(tokens.join(" "), options),
    pagefind.search(phrase([titleMark(tokens)]), options),
    mayBeNumber ? pagefind.search(phrase(markedTokens("docNumber", tokens)), options) : none,
    ...(distinct.length > 1 ? distinct.map((t) => pagefind.search(phrase([t]), options)) : []),
  ]);
  const contains = new Set(exact.results.map((r) => r.id));
  const seen = new Set<string>();
  const ranked = [...loose.results.filter((r) => contains.has(r.id)), ...exact.results].filter((r) => !seen.has(r.id) && !!seen.add(r.id));
  if (!options.sort.date) {
    const ids = (found: { results: PagefindResult[] }) => new Set(found.results.map((r) => r.id));
    const [numbered, named] = [ids(inNumber), ids(isTitle)];
    const tier = (r: PagefindResult) => (numbered.has(r.id) ? 0 : named.has(r.id) ? 1 : 2);
    ranked.sort((a, b) => tier(a) - tier(b)); // stable: the order within a tier stays
  }
  // One token has no partial match: a page holding it contains the phrase.
  const holding = distinct.length > 1 ? each.map((found) => new Set(found.results.map((r) => r.id))) : [contains];
  return { exact: ranked, partial: loose.results.filter((r) => !contains.has(r.id) && holding.every((ids) => ids.has(r.id))) };
}
