import { frontmatterData } from "../articles/frontmatter.ts";
import { ARTICLE_EXTENSIONS, extensionOf } from "../articles/location.ts";
import { finding, type Finding } from "../findings/finding.ts";

/**
 * 严禁篡改发布时间 (seed 002 第十四条): against the published base, a
 * published article's date may not change or disappear, and a published
 * article may not vanish without a removal record — it is withdrawn
 * (`withdrawn: {date, reason}`, the page becomes a notice) or listed in
 * workflows/removals.yaml, so the gate applies the removal chain. Pure.
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

export function checkPublishTimes(changes: readonly PublishedChange[], removals: ReadonlySet<string>): Finding[] {
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
    const now = frontmatterData(change.headText ?? "");
    const was = before?.date;
    const is = now?.date;
    if (was !== undefined && String(was) !== String(is ?? "")) {
      const file = change.to ?? change.path;
      const line = (change.headText ?? "").split("\n").findIndex((l) => /^date\s*:/.test(l)) + 1;
      out.push(
        finding(file, "PUBLISH.DATE_CHANGED", is === undefined ? `已发布文章的发布时间 ${String(was)} 被删除了：发布时间一经发布不得更改，请恢复 date: ${String(was)}` : `已发布文章的发布时间从 ${String(was)} 改成了 ${String(is)}：发布时间一经发布不得更改（严禁篡改发布时间），请恢复原值`, { line: Math.max(line, 0), column: line ? 1 : 0 }),
      );
    }
  }
  return out;
}
