import type { ColumnKind } from "./columns-schema.ts";
import type { ColumnState } from "./staleness.ts";

/**
 * The portal-wide verdicts of the national inspection (国办秘函〔2019〕19号,
 * 政府网站与政务新媒体检查指标, 单项否决) on updates, and the earlier warnings
 * commercial monitors give. Pure: column states in, verdicts out.
 */

export interface ColumnStanding {
  /** The column's path under content/. */
  id: string;
  kind: ColumnKind;
  state: ColumnState;
}

export interface Verdict {
  rule: string;
  pass: boolean;
  /** Columns (or, for the home page, whole days without an update) that count against the rule. */
  count: number;
  /** The count at which the rule fails. */
  threshold: number;
  /** The evidence: the columns counted. */
  columns: string[];
  /** The rule in the inspectors' words. */
  description: string;
}

const DAY = 24 * 60 * 60 * 1000;

/** News-type columns 2 weeks, notice and policy columns 6 months: the national periods, whatever the office's own. */
const NATIONAL_DAYS: Partial<Record<ColumnKind, number>> = { news: 14, topic: 14, notice: 180, policy: 180 };

export function nationalVerdicts(columns: readonly ColumnStanding[], homeUpdated: Date | undefined, now: Date): Verdict[] {
  // A home page that never had an item counts as failing both home rules, with their thresholds as its count.
  const homeDays = (threshold: number) => (homeUpdated ? Math.floor((now.getTime() - homeUpdated.getTime()) / DAY) : threshold);
  const never = homeUpdated ? "" : "（首页从未有过内容）";
  const overNational = columns.filter((c) => {
    const days = NATIONAL_DAYS[c.kind];
    return days !== undefined && (!c.state.lastPublished || now.getTime() - c.state.lastPublished.getTime() >= days * DAY);
  });
  const stale = columns.filter((c) => c.state.status === "stale");
  const blank = columns.filter((c) => c.state.status === "blank");
  const verdict = (rule: string, count: number, threshold: number, evidence: readonly ColumnStanding[], description: string): Verdict => ({
    rule,
    pass: count < threshold,
    count,
    threshold,
    columns: evidence.map((c) => c.id),
    description,
  });
  return [
    verdict("NATIONAL.HOME_NOT_UPDATED", homeDays(14), 14, [], `首页不更新：监测时间点前 2 周内首页没有更新，单项否决${never}`),
    verdict("NATIONAL.COLUMNS_NOT_UPDATED", overNational.length, 6, overNational, "栏目不更新：2 周内动态、要闻类栏目和 6 个月内通知公告、政策文件类栏目未更新的，累计超过 5 个，单项否决"),
    verdict("NATIONAL.LONG_NOT_UPDATED", stale.length, 11, stale, "栏目不更新：应更新但长期未更新的栏目超过 10 个，单项否决"),
    verdict("NATIONAL.BLANK_COLUMNS", blank.length, 6, blank, "栏目空白：没有任何内容的栏目超过 5 个，单项否决"),
    verdict("WARNING.HOME_NOT_UPDATED", homeDays(10), 10, [], `提前预警：首页 10 天没有更新（第三方监测常用的预警线）${never}`),
    verdict("WARNING.BLANK_COLUMNS", blank.length, 2, blank, "提前预警：出现 2 个空白栏目（第三方监测常用的预警线）"),
  ];
}
