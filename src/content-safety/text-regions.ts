import type { PositionedYaml } from "../yaml/positioned-yaml.ts";
import type { Position } from "../yaml/positioned-yaml.ts";

/** A stretch of an article's text that people read: a frontmatter text field, or the body. */
export interface TextRegion {
  /** `title`, `attachments[0].title`, `body`… */
  field: string;
  start: number;
  end: number;
}

/** Fields that hold identifiers, URLs, dates or codes, not prose: never scanned for words or personal data. */
const NOT_PROSE = /^(sourceUrl|link|unit|category|disclosure|validity|interprets|replacedBy|date|expires|writtenDate|scheduled|emergency|pinned|docNumber|indexNumber|image\.src|attachments\[\d+\]\.path|withdrawn\.date)$/;

export function fieldName(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : (i ? "." : "") + p)).join("");
}

/** The regions of an article, as offsets in the file's text. */
export function textRegions(yaml: PositionedYaml, yamlStart: number, bodyStart: number, textLength: number): TextRegion[] {
  const regions = yaml
    .strings()
    .map((s) => ({ field: fieldName(s.path), start: yamlStart + s.start, end: yamlStart + s.end }))
    .filter((r) => !NOT_PROSE.test(r.field));
  regions.push({ field: "body", start: bodyStart, end: textLength });
  return regions;
}

/** 1-based line and column of an offset; the line index is built on first use. */
export class LineIndex {
  #starts: number[] | undefined;
  readonly #text: string;
  constructor(text: string) {
    this.#text = text;
  }
  at(offset: number): Position {
    this.#starts ??= [0, ...[...this.#text.matchAll(/\n/g)].map((m) => m.index + 1)];
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.#starts[lo]! + 1 };
  }
}
