import { isNode, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { Position } from "../findings/finding.ts";

/**
 * YAML parsed with the `yaml` package, keeping a line counter so that any
 * path in the data (as zod reports it) maps back to a line and column.
 */
export interface PositionedYaml {
  data: unknown;
  /** Syntax problems, already positioned (line offset applied). */
  syntaxErrors: { message: string; code: string; at: Position }[];
  /** Position of the value at `path`, or of its nearest existing ancestor. */
  positionOf(path: readonly PropertyKey[], which?: "key" | "value"): Position;
}

/**
 * @param lineOffset lines before the YAML text in its file (e.g. 1 for the
 *   frontmatter opening `---`), added to every reported line.
 */
export function parsePositionedYaml(text: string, lineOffset = 0): PositionedYaml {
  const lineCounter = new LineCounter();
  // YAML 1.2 core schema: dates stay strings, so the article schema (not the
  // YAML parser) decides what a valid date is, the same way for check and build.
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + lineOffset, column: p.col };
  };
  const syntaxErrors = doc.errors.map((e) => ({ message: e.message, code: e.code, at: at(e.pos[0]) }));
  const data = syntaxErrors.length ? undefined : doc.toJS({ maxAliasCount: 50 });

  function positionOf(path: readonly PropertyKey[], which: "key" | "value" = "value"): Position {
    let node: unknown = doc.contents;
    let best: Position = node && isNode(node) && node.range ? at(node.range[0]) : { line: 1 + lineOffset, column: 1 };
    for (const segment of path) {
      if (!node || !isNode(node) || !("items" in node)) break;
      const items = (node as { items: unknown[] }).items;
      let next: unknown;
      let keyNode: Node | undefined;
      if (typeof segment === "number" && !items.every(isPair)) {
        next = items[segment];
      } else {
        const pair = items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
        if (isPair(pair)) {
          next = pair.value;
          keyNode = isNode(pair.key) ? pair.key : undefined;
        }
      }
      if (next === undefined && !keyNode) break;
      const target = which === "key" && keyNode ? keyNode : isNode(next) ? next : keyNode;
      if (target?.range) best = at(target.range[0]);
      node = next;
    }
    return best;
  }

  return { data, syntaxErrors, positionOf };
}
