/**
 * Bounds on an article body's Markdown, measured by one linear scan before any
 * parser runs. The Markdown-to-HTML chain of the build (mdast-util-to-hast,
 * rehype, hast-util-to-html) recurses once per nesting level and overflows
 * the stack at a few thousand levels (3,000 `>` in 3 KB); micromark itself is
 * quadratic on long runs of `*` or `[` in one paragraph. Every estimate here is
 * an upper bound of what the parser will build, so a body within the limits
 * cannot crash or stall the build. Pure.
 *
 * The limits are far above what a real article needs (quotes and lists nest
 * two or three levels, bold inside a link inside a list item is four) and far
 * below what breaks the build, so a hit is always a broken or hostile file.
 */

/** Quote and list levels (`>`, `-`, `1.` at a line's start, indentation). */
export const MAX_BLOCK_NESTING = 20;
/** Emphasis, strikethrough and link brackets open at once in one paragraph (a fill-in blank `（______）` counts its underscores). */
export const MAX_INLINE_NESTING = 100;
/** HTML elements open at once (tables inside tables). */
export const MAX_HTML_NESTING = 20;
/** Delimiter characters `* _ ~` and brackets `[` per paragraph and per body: micromark's cost grows with their square. */
export const MAX_DELIMITERS_PER_PARAGRAPH = 5000;
export const MAX_DELIMITERS_PER_BODY = 20000;
export const MAX_BRACKETS_PER_PARAGRAPH = 2000;
export const MAX_BRACKETS_PER_BODY = 5000;

export type LimitKind = "block" | "inline" | "html" | "delimiters" | "brackets";

export interface LimitHit {
  kind: LimitKind;
  /** Offset in the body where the limit was passed. */
  offset: number;
  limit: number;
}

const PUNCT = /[\p{P}\p{S}]/u;
const SPACE = /\s/u;
const VOID_TAGS = new Set(["br", "col", "hr", "img", "wbr", "input", "meta", "link", "area", "base", "embed", "source", "track", "param"]);
// Elements the HTML parser closes by itself when a sibling opens: without these a table written without </td> would count as deep.
const IMPLIED: Record<string, string[]> = {
  td: ["td", "th"],
  th: ["td", "th"],
  tr: ["td", "th", "tr"],
  thead: ["td", "th", "tr", "thead", "tbody", "tfoot"],
  tbody: ["td", "th", "tr", "thead", "tbody", "tfoot"],
  tfoot: ["td", "th", "tr", "thead", "tbody", "tfoot"],
  p: ["p"],
  li: ["li"],
};

/** The first limit the body passes, or undefined. Linear in the body's length. */
export function markdownLimits(body: string): LimitHit | undefined {
  return blockNesting(body) ?? inlineNesting(body) ?? htmlNesting(body);
}

/** Container levels opened at each line's start: every `>`, every list marker, and two columns of indentation per enclosing list item. */
function blockNesting(body: string): LimitHit | undefined {
  let lineStart = 0;
  while (lineStart <= body.length) {
    let end = body.indexOf("\n", lineStart);
    if (end < 0) end = body.length;
    let i = lineStart;
    let levels = 0;
    let columns = 0; // indentation not yet attributed to a marker
    let counted = 0; // levels up to the last marker seen
    while (i < end) {
      const c = body[i]!;
      if (c === " ") {
        columns++;
        i++;
      } else if (c === "\t") {
        columns += 4;
        i++;
      } else if (c === ">") {
        levels += Math.floor(columns / 2) + 1;
        columns = 0;
        counted = levels;
        i++;
      } else {
        // A list marker, or a footnote definition (GFM, in the build's parser), which also holds blocks.
        const marker = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)|^\[\^[^\]\s]{1,100}\]:/.exec(body.slice(i, Math.min(end, i + 110)));
        if (!marker) break;
        levels += Math.floor(columns / 2) + 1;
        columns = 0;
        counted = levels;
        i += marker[0].length;
      }
      if (counted > MAX_BLOCK_NESTING) return { kind: "block", offset: lineStart, limit: MAX_BLOCK_NESTING };
    }
    lineStart = end + 1;
  }
  return undefined;
}

/**
 * Per paragraph (lines up to a blank line): delimiter runs of `* _ ~` and
 * brackets on a stack the way CommonMark pairs them (a closer pops to the
 * nearest opener of its kind), each run counting its full length; plus the
 * counts that bound micromark's time.
 */
function inlineNesting(body: string): LimitHit | undefined {
  const stack: { char: string; length: number }[] = [];
  let open = 0;
  let delimiters = 0;
  let brackets = 0;
  let bodyDelimiters = 0;
  let bodyBrackets = 0;
  const reset = () => {
    stack.length = 0;
    open = delimiters = brackets = 0;
  };
  const popTo = (char: string): number | undefined => {
    for (let k = stack.length - 1; k >= 0; k--) {
      if (stack[k]!.char !== char) continue;
      const entry = stack[k]!;
      for (let j = stack.length - 1; j >= k; j--) open -= stack[j]!.length;
      stack.length = k;
      return entry.length;
    }
    return undefined;
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === "\n") {
      // A blank line ends the paragraph: nothing opened in it can close later.
      let j = i + 1;
      while (body[j] === " " || body[j] === "\t") j++;
      if (body[j] === "\n" || j >= body.length) reset();
      continue;
    }
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "[") {
      brackets++;
      bodyBrackets++;
      stack.push({ char: "[", length: 1 });
      open++;
    } else if (c === "]") {
      popTo("[");
    } else if (c === "*" || c === "_" || c === "~") {
      let j = i;
      while (body[j] === c) j++;
      const length = j - i;
      delimiters += length;
      bodyDelimiters += length;
      const before = i > 0 ? body[i - 1]! : " ";
      const after = j < body.length ? body[j]! : " ";
      const left = !SPACE.test(after) && (!PUNCT.test(after) || SPACE.test(before) || PUNCT.test(before));
      const right = !SPACE.test(before) && (!PUNCT.test(before) || SPACE.test(after) || PUNCT.test(after));
      if (!(right && stack.some((s) => s.char === c) && popTo(c) !== undefined) && left) {
        stack.push({ char: c, length });
        open += length;
      }
      i = j - 1;
    } else {
      continue;
    }
    if (open > MAX_INLINE_NESTING) return { kind: "inline", offset: i, limit: MAX_INLINE_NESTING };
    if (delimiters > MAX_DELIMITERS_PER_PARAGRAPH) return { kind: "delimiters", offset: i, limit: MAX_DELIMITERS_PER_PARAGRAPH };
    if (bodyDelimiters > MAX_DELIMITERS_PER_BODY) return { kind: "delimiters", offset: i, limit: MAX_DELIMITERS_PER_BODY };
    if (brackets > MAX_BRACKETS_PER_PARAGRAPH) return { kind: "brackets", offset: i, limit: MAX_BRACKETS_PER_PARAGRAPH };
    if (bodyBrackets > MAX_BRACKETS_PER_BODY) return { kind: "brackets", offset: i, limit: MAX_BRACKETS_PER_BODY };
  }
  return undefined;
}

/** HTML elements open at once, closing what the HTML parser would close by itself. Tags inside code count too: an over-estimate. */
function htmlNesting(body: string): LimitHit | undefined {
  if (!body.includes("<")) return undefined;
  const stack: string[] = [];
  for (const m of body.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^<>]*?(\/?)>/g)) {
    const tag = m[2]!.toLowerCase();
    if (m[1]) {
      const k = stack.lastIndexOf(tag);
      if (k >= 0) stack.length = k;
      continue;
    }
    if (VOID_TAGS.has(tag) || m[3]) continue;
    const implied = IMPLIED[tag];
    if (implied) while (stack.length && implied.includes(stack[stack.length - 1]!)) stack.pop();
    stack.push(tag);
    if (stack.length > MAX_HTML_NESTING) return { kind: "html", offset: m.index, limit: MAX_HTML_NESTING };
  }
  return undefined;
}
