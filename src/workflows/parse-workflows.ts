import type { z } from "zod";
import { appendAll, finding, type Finding } from "../findings/finding.ts";
import { columnsFileSchema } from "../columns/columns-schema.ts";
import { NOTICES_FILE, noticesFileSchema, type Notice } from "../reports/notices-schema.ts";
import { removalsFileSchema, reviewSchema } from "../review/review-schema.ts";
import { siteSchema } from "./site-schema.ts";
import { DATE_CORRECTIONS_FILE, dateCorrectionsFileSchema, type DateCorrection } from "../publication/date-corrections-schema.ts";
import { unitsFileSchema } from "../roster/units-schema.ts";
import { rosterOf } from "../roster/roster.ts";
import type { PositionedYaml } from "../yaml/positioned-yaml.ts";
import { flattenColumns } from "../columns/column-tree.ts";
import { WORKFLOW_FILES, type Portal, type WorkflowFile } from "./portal.ts";
import { validateYaml } from "../findings/validate-yaml.ts";
import { parseWords } from "../content-safety/word-lists.ts";

export interface WorkflowTexts {
  site?: string | undefined;
  columns?: string | undefined;
  units?: string | undefined;
  review?: string | undefined;
  /** workflows/words/<name> → text */
  words: Record<string, string>;
  /** workflows/removals.yaml, when there is one. */
  removals?: string | undefined;
  /** workflows/notices.yaml, when there is one. */
  notices?: string | undefined;
  /** workflows/date-corrections.yaml, when there is one. */
  dateCorrections?: string | undefined;
  /** Files that exist but could not be read as UTF-8 text. */
  problems?: Finding[];
}

const LABELS: Record<string, string> = {
  name: "名称",
  domain: "域名",
  host_unit: "主办单位",
  organizer: "承办单位",
  site_code: "网站标识码",
  icp: "ICP备案号",
  public_security: "公安机关备案号",
  contact: "联系方式",
  phone: "电话",
  review_hours: "复审时间",
  mdx_folders: "可用 MDX 的目录",
  web_editor: "网页编辑器",
  repo: "仓库",
  id: "id",
  kind: "栏目类型",
  units: "责任单位",
  lead: "牵头单位",
  support: "配合单位",
  support_timeliness: "配合单位提供时限",
  timeliness: "更新要求",
  stale_after: "不更新判定天数",
  quota: "每周报送量",
  url: "链接",
  children: "下级栏目",
  people: "人员",
  login: "GitHub 账号",
  roles: "角色",
  locked: "锁定",
  levels: "审核级别",
  chains: "审核链",
  escalate: "升级规则",
  rules: "审核规则",
};

const SCHEMAS = {
  site: siteSchema,
  columns: columnsFileSchema,
  units: unitsFileSchema,
  review: reviewSchema,
} satisfies Record<WorkflowFile, z.ZodType>;

/** Parses the office's rule files into a Portal, or reports why it cannot. Pure. */
export function parseWorkflows(texts: WorkflowTexts): { portal: Portal | undefined; findings: Finding[] } {
  const findings: Finding[] = [...(texts.problems ?? [])];
  const sources = {} as Record<WorkflowFile, PositionedYaml>;
  const parsed: Partial<Record<WorkflowFile, unknown>> = {};

  for (const key of Object.keys(WORKFLOW_FILES) as WorkflowFile[]) {
    const file = WORKFLOW_FILES[key];
    const text = texts[key];
    if (text === undefined) {
      if (findings.some((f) => f.file === file)) continue; // unreadable, already reported
      findings.push(finding(file, "WORKFLOWS.MISSING", `缺少 ${file}：网站规则文件不全，请从示例门户复制一份再修改`));
      continue;
    }
    const read = validateYaml(file, text, SCHEMAS[key], { labels: LABELS });
    sources[key] = read.yaml;
    appendAll(findings, read.findings);
    if (read.data !== undefined) parsed[key] = read.data;
  }

  const words = parseWords(texts.words);
  appendAll(findings, words.findings);
  const removals = new Set<string>();
  if (texts.removals !== undefined) {
    const read = validateYaml("workflows/removals.yaml", texts.removals, removalsFileSchema, { labels: { path: "路径", date: "删除日期", reason: "原因" }, empty: {} });
    appendAll(findings, read.findings);
    for (const r of read.data?.removals ?? []) removals.add(r.path);
  }
  const dateCorrections: DateCorrection[] = [];
  if (texts.dateCorrections !== undefined) {
    const labels = { path: "路径", from: "原发布时间", to: "更正后的发布时间", reason: "原因", approval: "批准记录" };
    const read = validateYaml(DATE_CORRECTIONS_FILE, texts.dateCorrections, dateCorrectionsFileSchema, { labels, empty: {} });
    appendAll(findings, read.findings);
    appendAll(dateCorrections, read.data?.corrections ?? []);
  }
  const notices: Notice[] = [];
  if (texts.notices !== undefined) {
    const read = validateYaml(NOTICES_FILE, texts.notices, noticesFileSchema, { labels: { date: "通报日期", unit: "被通报单位", by: "通报单位", title: "通报标题" }, empty: {} });
    appendAll(findings, read.findings);
    appendAll(notices, read.data?.notices ?? []);
    const known = new Set(((parsed.units as z.infer<typeof unitsFileSchema> | undefined)?.units ?? []).map((u) => u.id));
    notices.forEach((n, i) => {
      if (parsed.units && !known.has(n.unit)) findings.push(finding(NOTICES_FILE, "NOTICES.UNKNOWN_UNIT", `通报「${n.title}」的被通报单位「${n.unit}」不在 units.yaml 中：请写单位的 id`, read.yaml.positionOf(["notices", i, "unit"])));
    });
  }
  if (!parsed.site || !parsed.columns || !parsed.units || !parsed.review) return { portal: undefined, findings };

  const columns = flattenColumns(parsed.columns as z.infer<typeof columnsFileSchema>);
  const { units } = parsed.units as z.infer<typeof unitsFileSchema>;
  const portal: Portal = {
    site: parsed.site as z.infer<typeof siteSchema>,
    columns,
    columnByPath: new Map(columns.map((c) => [c.path, c])),
    ...rosterOf(units),
    review: parsed.review as z.infer<typeof reviewSchema>,
    words: words.words,
    removals,
    dateCorrections,
    notices,
    sources,
  };
  return { portal, findings };
}

