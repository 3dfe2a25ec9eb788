import type { ColumnKind } from "./columns-schema.ts";

// A column's staleness (不更新): how many days it may go without a new item.
// The supervision job (`stale`, not built yet) will judge each column here.

/**
 * Defaults from the national inspection indicators (政府网站与政务新媒体检查指标):
 * news-type columns 2 weeks, notices and policy documents 6 months,
 * profiles, personnel and plans 1 year. Link columns are never stale.
 */
export const DEFAULT_STALE_DAYS: Record<ColumnKind, number | undefined> = {
  news: 14,
  topic: 14,
  notice: 180,
  policy: 180,
  interpretation: 180,
  guide: 365,
  profile: 365,
  list: 365,
  data: 365,
  link: undefined,
};

export function staleDays(value: number | string | undefined, kind: ColumnKind): number | undefined {
  if (value === undefined) return DEFAULT_STALE_DAYS[kind];
  if (typeof value === "number") return value;
  const n = Number.parseInt(value, 10);
  return value.endsWith("w") ? n * 7 : n;
}
