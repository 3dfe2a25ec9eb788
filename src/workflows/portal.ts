import type { Notice } from "../reports/notices-schema.ts";
import type { DateCorrection } from "../publication/date-corrections-schema.ts";
import type { Review } from "../review/review-schema.ts";
import type { Site } from "./site-schema.ts";
import { UNITS_FILE, type Person, type Unit } from "../roster/units-schema.ts";
import type { PositionedYaml } from "../yaml/positioned-yaml.ts";
import type { Column } from "../columns/column-tree.ts";
import type { Words } from "../content-safety/word-lists.ts";

/** Everything the office's rules say, parsed and indexed: the model every job reads. */
export interface Portal {
  site: Site;
  columns: Column[];
  columnByPath: Map<string, Column>;
  units: Unit[];
  unitById: Map<string, Unit>;
  /** Every person by lower-cased login, with the unit they belong to. */
  personByLogin: Map<string, { person: Person; unit: Unit }>;
  review: Review;
  /** The office's word lists and sources (workflows/words/), compiled. */
  words: Words;
  /** Paths in workflows/removals.yaml: published articles deleted on the office's record. */
  removals: ReadonlySet<string>;
  /** workflows/notices.yaml: the 通报 units received from above, for the quarterly points. */
  notices: readonly Notice[];
  /** workflows/date-corrections.yaml: the only allowed changes to a published article's date. */
  dateCorrections: readonly DateCorrection[];
  /** The parsed YAML of each workflows file, for positions in cross-reference findings. */
  sources: Record<WorkflowFile, PositionedYaml>;
}

export const WORKFLOW_FILES = {
  site: "workflows/site.yaml",
  columns: "workflows/columns.yaml",
  units: UNITS_FILE,
  review: "workflows/review.yaml",
} as const;
export type WorkflowFile = keyof typeof WORKFLOW_FILES;

