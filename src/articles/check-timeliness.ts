import { beijingToDate, formatBeijing } from "../calendar/dates.ts";
import { describeTimeliness, judgeTimeliness } from "../columns/timeliness.ts";
import { dutyFor } from "../columns/responsibility.ts";
import { finding, type Finding } from "../findings/finding.ts";
import type { PositionedYaml } from "../yaml/positioned-yaml.ts";
import type { Article } from "./article.ts";

/**
 * An item about to reach main, judged against its column's update
 * requirement (seed 000 当日/次日, seed 003 2 个工作日, seed 004 次日9点前、
 * 6 小时内): its publish time is its `date` when it has one, else `now` (it is
 * published when merged). A warning, so the unit sees it on the pull request
 * before merging; the items already published are judged by the 通报.
 * A supporter's item is held to the supporters' own requirement when the
 * column has one (seed 004's leaders' photos within 6 hours).
 */
export function checkTimeliness(article: Article, yaml: PositionedYaml, now: Date): Finding[] {
  const column = article.column;
  const duty = dutyFor(column, article.data.unit);
  if (!duty) return [];
  const data = article.data as { eventAt?: string; writtenDate?: string; date?: string };
  const publishedAt = data.date ? beijingToDate(data.date) : now;
  const verdict = judgeTimeliness(duty.timeliness, { eventAt: data.eventAt, writtenDate: data.writtenDate, publishedAt });
  const field = data.eventAt ? "eventAt" : "writtenDate";
  const at = yaml.positionOf([field]);
  if (verdict.status === "unknown") return [finding(article.file, verdict.problem.rule, `无法核对发布时效：${verdict.problem.message}`, at, "warning")];
  if (verdict.status !== "late") return [];
  const from = data.eventAt ? `事件时间 ${data.eventAt}` : `成文日期 ${data.writtenDate}`;
  const when = data.date ? `定于 ${data.date} 发布` : "现在合并发布";
  const lag = verdict.lagWorkingDays >= 1 ? `${verdict.lagWorkingDays} 个工作日` : `${Math.max(1, Math.round(verdict.lagHours))} 小时`;
  return [
    finding(
      article.file,
      "ARTICLE.LATE",
      `本栏目「${column.name}」要求${describeTimeliness(duty.timeliness)}发布（${from}，最迟 ${formatBeijing(verdict.deadline)}），${when}已超过时限（事件后 ${lag}）：请尽快审核发布；超时将记入统计通报，确有原因请在 PR 中说明`,
      at,
      "warning",
    ),
  ];
}
