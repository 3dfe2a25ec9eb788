import { frontmatterData } from "../articles/frontmatter.ts";
import { ARTICLE_EXTENSIONS, extensionOf } from "../articles/location.ts";
import { finding, type Finding } from "../findings/finding.ts";
import { DATE_CORRECTIONS_FILE, type DateCorrection } from "./date-corrections-schema.ts";
import { beijingToDate } from "../calendar/dates.ts";

/**
 * 严禁篡改发布时间 (seed 002 第十四条): against the published base, a
 * published article's date may not change or disappear, and a published
 * article may not vanish without a removal record — it is withdrawn
 * (`withdrawn: {date, reason}`, the page becomes a notice) or listed in
 * workflows/removals.yaml, so the gate applies the removal chain. Adding a
 * date to an undated published article is backdating it: also an error. The
 * only way to change a published date is a correction the office listed in
 * workflows/date-corrections.yaml. Pure.
 */
export interface PublishedChange {
  /** The path at the base. */
  path: string;
  status: "modified" | "renamed" | "deleted";
  /** The path now, for a rename. */
  to?: string;
  baseText: string;
  /** The text now; undefined when deleted. */
  headText?: string;
}

/** Whether the office listed this exact change of date (from → to) for the article. */
function isListedCorrection(corrections: readonly DateCorrection[], paths: readonly string[], from: string | undefined, to: string | undefined): boolean {
  return corrections.some((c) => paths.includes(c.path) && c.from === from && c.to === to);
}

const asDate = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));

/**
 * @param now an item still scheduled for later at the base is not yet
 *   published: its date may move (the embargo changes) without a correction.
 */
export function checkPublishTimes(
  changes: readonly PublishedChange[],
  removals: ReadonlySet<string>,
  corrections: readonly DateCorrection[] = [],
  now: Date = new Date(),
): Finding[] {
  const out: Finding[] = [];
  for (const change of changes) {
    if (!(ARTICLE_EXTENSIONS as readonly string[]).includes(extensionOf(change.path))) continue;
    const before = frontmatterData(change.baseText);
    if (change.status === "deleted") {
      if (!removals.has(change.path)) {
        out.push(
          finding(change.path, "PUBLISH.DELETED", "已发布的文章不能直接删除：请改为撤稿（保留文件，在信息头加 withdrawn: { date: 撤稿时间, reason: 撤稿原因 }），或由网站主管部门在 workflows/removals.yaml 登记删除记录"),
        );
      }
      continue;
    }
    const after = frontmatterData(change.headText ?? "");
    const was = asDate(before?.date);
    const is = asDate(after?.date);
    if (was === is) continue;
    // An embargo may move while it holds: to another future time, still scheduled (never into the past: that would backdate it).
    if (before?.scheduled === true && was !== undefined && isFuture(was, now) && after?.scheduled === true && is !== undefined && isFuture(is, now)) continue;
    const file = change.to ?? change.path;
    if (isListedCorrection(corrections, [file, change.path], was, is)) continue;
    const line = (change.headText ?? "").split("\n").findIndex((l) => /^date\s*:/.test(l)) + 1;
    const at = { line: Math.max(line, 0), column: line ? 1 : 0 };
    const listIt = `确需更正的，由网站主管部门在 ${DATE_CORRECTIONS_FILE} 登记（path、from、to、reason、approval 批准记录）`;
    if (was === undefined) {
      out.push(
        finding(file, "PUBLISH.DATE_ADDED", `这篇文章已经发布，发布时间是它合并进主分支的时刻；现在加上 date: ${is} 会改变它的发布时间（严禁篡改发布时间）。请删去 date 和 dateReason；${listIt}`, at),
      );
    } else {
      out.push(
        finding(file, "PUBLISH.DATE_CHANGED", is === undefined ? `已发布文章的发布时间 ${was} 被删除了：发布时间一经发布不得更改，请恢复 date: ${was}；${listIt}` : `已发布文章的发布时间从 ${was} 改成了 ${is}：发布时间一经发布不得更改（严禁篡改发布时间），请恢复原值；${listIt}`, at),
      );
    }
  }
  return out;
}

function isFuture(text: string, now: Date): boolean {
  try {
    return beijingToDate(text).getTime() > now.getTime();
  } catch {
    return false; // not a date: the schema reports it
  }
}
