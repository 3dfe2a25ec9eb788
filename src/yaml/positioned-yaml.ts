import { isAlias, isNode, isPair, isScalar, LineCounter, parseDocument, visit, type Document, type Node } from "yaml";
import { parseSimpleYaml } from "./simple-yaml.ts";

/** A place in a file: 1-based line and column (0 when unknown). */
export interface Position {
  line: number;
  column: number;
}

/**
 * YAML parsed with the `yaml` package, keeping a line counter so that any
 * path in the data (as zod reports it) maps back to a line and column.
 */
export interface PositionedYaml {
  data: unknown;
  /** Syntax problems, already positioned (line offset applied). `code` is the yaml package's error code. */
  syntaxErrors: { message: string; code: string; at: Position }[];
  /** Position of the value at `path`, or of its nearest existing ancestor. */
  positionOf(path: readonly PropertyKey[], which?: "key" | "value"): Position;
  /** The text of the value at `path` as written (`09511234567`, not 9511234567). */
  sourceOf(path: readonly PropertyKey[]): string | undefined;
  /**
   * Text YAML silently dropped or reinterpreted on a value's line: a comment
   * glued to the value (`关于 #2 号文件`), an anchor or a tag (`&重要 摘要`).
   */
  swallowed: { kind: "comment" | "anchor" | "tag"; text: string; at: Position }[];
  /** Every string value with its path and its offsets in the YAML text (quotes excluded). */
  strings(): { path: (string | number)[]; start: number; end: number }[];
}

/** Above this many aliases the document is refused (a guard against alias bombs). */
const MAX_ALIASES = 200;

/**
 * @param lineOffset lines before the YAML text in its file (e.g. 1 for the
 *   frontmatter opening `---`), added to every reported line.
 */
export function parsePositionedYaml(text: string, lineOffset = 0): PositionedYaml {
  // Most frontmatter is plain `key: value` lines: read fast, and parse with
  // positions only when a finding asks where something is (simple-yaml.ts).
  const data = parseSimpleYaml(text);
  if (data === undefined) return parseWithPositions(text, lineOffset);
  let full: PositionedYaml | undefined;
  const positioned = () => (full ??= parseWithPositions(text, lineOffset));
  return {
    data,
    syntaxErrors: [],
    swallowed: [],
    positionOf: (path, which) => positioned().positionOf(path, which),
    sourceOf: (path) => positioned().sourceOf(path),
    strings: () => positioned().strings(),
  };
}

/** The `yaml` package's document, with its line counter: every position and syntax error. */
function parseWithPositions(text: string, lineOffset: number): PositionedYaml {
  const lineCounter = new LineCounter();
  // YAML 1.2 core schema: dates stay strings, so the article schema (not the
  // YAML parser) decides what a valid date is, the same way for check and build.
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + lineOffset, column: p.col };
  };
  const syntaxErrors: PositionedYaml["syntaxErrors"] = doc.errors.map((e) => ({ message: e.message, code: e.code, at: at(e.pos[0]) }));
  // An alias inside the node it names (`- &a {children: [*a]}`) makes a cycle:
  // every walk over the data would then run forever or overflow the stack.
  if (!syntaxErrors.length) {
    visit(doc, {
      Alias: (_, node, path) => {
        if (path.some((ancestor) => isNode(ancestor) && ancestor.anchor === node.source)) {
          syntaxErrors.push({ message: `alias *${node.source} refers to a node that contains it`, code: "ALIAS_RECURSIVE", at: at(node.range?.[0] ?? 0) });
          return visit.BREAK;
        }
        return undefined;
      },
    });
  }
  let data: unknown;
  if (!syntaxErrors.length) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (error) {
      // An alias (`*text`) that names no anchor, or too many aliases: a value
      // that starts with * or & and should have been quoted.
      let where: Position = { line: 1 + lineOffset, column: 1 };
      visit(doc, { Alias: (_, node) => { if (node.range) where = at(node.range[0]); return visit.BREAK; } });
      syntaxErrors.push({ message: error instanceof Error ? error.message : String(error), code: "ALIAS", at: where });
    }
  }

  function nodeAt(path: readonly PropertyKey[]): { node: Node | undefined; key: Node | undefined; best: Position } {
    let node: unknown = doc.contents;
    let key: Node | undefined;
    let best: Position = node && isNode(node) && node.range ? at(node.range[0]) : { line: 1 + lineOffset, column: 1 };
    for (const segment of path) {
      if (!node || !isNode(node) || !("items" in node)) return { node: undefined, key, best };
      const items = (node as { items: unknown[] }).items;
      let next: unknown;
      key = undefined;
      if (typeof segment === "number" && !items.every(isPair)) {
        next = items[segment];
      } else {
        const pair = items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
        if (isPair(pair)) {
          next = pair.value;
          key = isNode(pair.key) ? pair.key : undefined;
        }
      }
      if (next === undefined && !key) return { node: undefined, key, best };
      const target = isNode(next) ? next : key;
      if (target?.range) best = at(target.range[0]);
      node = next;
    }
    return { node: isNode(node) ? node : undefined, key, best };
  }

  function positionOf(path: readonly PropertyKey[], which: "key" | "value" = "value"): Position {
    const found = nodeAt(path);
    if (which === "key" && found.key?.range && path.length) return at(found.key.range[0]);
    return found.best;
  }

  function sourceOf(path: readonly PropertyKey[]): string | undefined {
    const { node } = nodeAt(path);
    return node?.range ? text.slice(node.range[0], node.range[1]).trim() : undefined;
  }

  const swallowed: PositionedYaml["swallowed"] = [];
  visit(doc, {
    Node: (_, node) => {
      if (isAlias(node) || !node.range) return;
      if (node.anchor) swallowed.push({ kind: "anchor", text: `&${node.anchor}`, at: at(node.range[0]) });
      if (node.tag && text.slice(node.range[0], node.range[1]).startsWith("!")) swallowed.push({ kind: "tag", text: node.tag, at: at(node.range[0]) });
      // A comment right after a scalar value, glued to the text: `关于 #2 号文件`.
      if (isScalar(node) && node.comment && /^[^\s]/.test(node.comment)) {
        swallowed.push({ kind: "comment", text: `#${node.comment}`, at: at(node.range[0]) });
      }
    },
  });

  function strings(): { path: (string | number)[]; start: number; end: number }[] {
    const out: { path: (string | number)[]; start: number; end: number }[] = [];
    const walk = (node: unknown, path: (string | number)[]) => {
      if (isScalar(node)) {
        if (typeof node.value === "string" && node.range) {
          const quoted = node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE";
          out.push({ path, start: node.range[0] + (quoted ? 1 : 0), end: node.range[1] - (quoted ? 1 : 0) });
        }
      } else if (isNode(node) && "items" in node) {
        (node as { items: unknown[] }).items.forEach((item, i) => {
          if (isPair(item)) walk(item.value, [...path, isScalar(item.key) ? String(item.key.value) : i]);
          else walk(item, [...path, i]);
        });
      }
    };
    walk(doc.contents, []);
    return out;
  }

  return { data, syntaxErrors, positionOf, sourceOf, swallowed, strings };
}
