import type { Column } from "../columns/column-tree.ts";
import { KIND_NAMES, type ColumnKind } from "../columns/columns-schema.ts";
import type { Portal } from "../workflows/portal.ts";

/** The national 栏目类型 (ColumnType) of each kind. */
export const COLUMN_TYPE: Record<ColumnKind, string> = KIND_NAMES;

/** What a column of each kind holds, in the words of a ColumnDescription. */
const KIND_DESCRIPTION: Record<ColumnKind, string> = {
  news: "及时发布相关工作动态、会议活动和新闻报道",
  notice: "发布通知、公告和公示",
  policy: "公开规章制度和政策文件，注明文号、发布日期和有效性",
  interpretation: "对政策文件进行解读，说明出台背景、主要内容和执行要求",
  guide: "提供办事指南，列明设定依据、申请条件、办理材料、流程、时限和咨询方式",
  profile: "介绍机构职能、组织机构和基本情况",
  list: "公开名单、名录等信息",
  link: "链接到相关网站和业务系统",
  topic: "围绕重点工作开设专题，集中发布相关信息",
  data: "发布统计数据和数据解读",
};

/**
 * A column's ColumnDescription and ColumnKeywords: its own from
 * columns.yaml, else made from where it sits and what kind it is ("示例市政协
 * 政协概况栏目「规章制度」：公开规章制度和政策文件……"), never its name alone.
 * A parent column's kind is that of its children when they share one.
 */
export function columnMeta(portal: Portal, column: Column): { description: string; keywords: string[] } {
  const trail: Column[] = [];
  for (let c: Column | undefined = portal.columnByPath.get(column.parent ?? ""); c; c = c.parent ? portal.columnByPath.get(c.parent) : undefined) trail.unshift(c);
  const kinds = new Set(column.children.map((p) => portal.columnByPath.get(p)?.kind));
  const kind = column.children.length && kinds.size === 1 ? [...kinds][0]! : column.kind;
  const sub = column.children.length ? `，下设${column.children.map((p) => portal.columnByPath.get(p)?.name).filter(Boolean).join("、")}` : "";
  const description = column.description ?? `${portal.site.name}${trail.map((c) => c.name).join("")}栏目「${column.name}」：${column.children.length && kinds.size > 1 ? "汇集各子栏目的信息" : KIND_DESCRIPTION[kind]}${sub}。`;
  const keywords = column.keywords.length ? column.keywords : [...new Set([column.name, ...trail.map((c) => c.name), COLUMN_TYPE[kind], portal.site.name])];
  return { description, keywords };
}
