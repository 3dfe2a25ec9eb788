import { adminOwners, generateCodeowners } from "../codeowners/generate.ts";
import { appendAll, finding, type Finding } from "../findings/finding.ts";
import { parseWorkflows, type WorkflowTexts } from "./parse-workflows.ts";
import type { Portal } from "./portal.ts";
import { parsePositionedYaml } from "../yaml/positioned-yaml.ts";
import { digestCrons } from "../review/review-rounds.ts";
import { checkChannels } from "./check-channels.ts";
import { checkWorkflowReferences } from "./workflow-references.ts";
import { ISSUE_FORM_FILE, renderIssueForm } from "../submissions/issue-form.ts";
import { CORRESPONDENT_GUIDE_FILE, renderColumnTable, withColumnTable } from "../columns/column-guide-table.ts";

export interface RulesInput {
  workflows: WorkflowTexts;
  /** The committed CODEOWNERS, or undefined when there is none. */
  codeowners: string | undefined;
  /** The moment of the check (deadlines in the new-media register). */
  now: Date;
  /** `.github/workflows/digest.yml`, when the portal has one: its schedule must follow site.yaml's review_hours. */
  digestWorkflow?: string | undefined;
  /** The committed 投稿 issue form, when the portal has one: it must list the table's columns. */
  issueForm?: string | undefined;
  /** The 通讯员指南, when the portal has one: its column table must be the table's. */
  correspondentGuide?: string | undefined;
}

/** The office's rules and CODEOWNERS: parsed, cross-referenced, compared. */
export function checkRules(input: RulesInput): { portal: Portal | undefined; findings: Finding[] } {
  const { portal, findings } = parseWorkflows(input.workflows);
  if (portal) {
    appendAll(findings, checkWorkflowReferences(portal));
    appendAll(findings, checkCodeowners(portal, input.codeowners));
    appendAll(findings, checkChannels(portal, input.now));
    if (input.digestWorkflow !== undefined) appendAll(findings, checkDigestSchedule(portal, input.digestWorkflow));
    if (input.issueForm !== undefined) {
      appendAll(findings, staleGenerated(ISSUE_FORM_FILE, "FORM.STALE", "投稿表单与栏目表不一致（栏目改过但没有重新生成）：请运行 npm run codeowners 并提交结果，不要手工修改", input.issueForm, renderIssueForm(portal)));
    }
    if (input.correspondentGuide !== undefined) {
      const expected = withColumnTable(input.correspondentGuide, renderColumnTable(portal));
      if (expected !== undefined) {
        appendAll(findings, staleGenerated(CORRESPONDENT_GUIDE_FILE, "GUIDE.STALE", "《通讯员指南》中的栏目表与栏目表不一致：请运行 npm run codeowners 并提交结果，不要手工修改这张表", input.correspondentGuide, expected));
      }
    }
  }
  return { portal, findings };
}

function checkCodeowners(portal: Portal, committed: string | undefined): Finding[] {
  if (adminOwners(portal).length === 0) {
    return [finding("workflows/units.yaml", "CODEOWNERS.NO_ADMIN", "没有一名未锁定的技术管理员（admin 角色）：规则文件和代码将无人审核就能修改，请在 units.yaml 中至少给一人加上 admin 角色", portal.sources.units.positionOf(["units"], "key"))];
  }
  const expected = generateCodeowners(portal);
  if (committed === undefined) {
    return [finding("CODEOWNERS", "CODEOWNERS.MISSING", "缺少 CODEOWNERS 文件：请运行 npm run codeowners 生成并提交，否则 GitHub 不会请责任单位审核")];
  }
  return staleGenerated("CODEOWNERS", "CODEOWNERS.STALE", "CODEOWNERS 与栏目表、人员名单不一致（栏目或人员改过但没有重新生成）：请运行 npm run codeowners 并提交结果，不要手工修改", committed, expected);
}

/** A file generated from the rules that no longer matches them, found at its first differing line. */
function staleGenerated(file: string, rule: string, message: string, committed: string, expected: string): Finding[] {
  const have = committed.replace(/\r\n/g, "\n");
  if (have === expected) return [];
  const a = have.split("\n");
  const b = expected.split("\n");
  let line = 0;
  while (line < Math.max(a.length, b.length) && a[line] === b[line]) line++;
  return [finding(file, rule, message, { line: line + 1, column: 1 })];
}

const DIGEST_WORKFLOW = ".github/workflows/digest.yml";

/** The digest's schedule against the review rounds it serves: one cron line per round, 15 minutes before it. */
function checkDigestSchedule(portal: Portal, text: string): Finding[] {
  const yaml = parsePositionedYaml(text);
  if (yaml.syntaxErrors.length) return [finding(DIGEST_WORKFLOW, "SCHEDULE.DIGEST_UNREADABLE", "待审稿件提醒的工作流不是有效的 YAML：请技术管理员修复", yaml.syntaxErrors[0]!.at)];
  const schedule = (yaml.data as { on?: { schedule?: { cron?: string }[] } } | null)?.on?.schedule;
  const crons = (Array.isArray(schedule) ? schedule : []).map((s) => String(s?.cron ?? "").trim());
  const expected = digestCrons(portal.site.review_hours);
  if ([...crons].sort().join("|") === [...expected].sort().join("|")) return [];
  return [
    finding(
      DIGEST_WORKFLOW,
      "SCHEDULE.DIGEST_STALE",
      `待审稿件提醒的发送时间与 site.yaml 的复审时间（${portal.site.review_hours.join("、")}）不一致：请技术管理员把 on.schedule 改为 ${expected.map((c) => `cron: "${c}"`).join("、")}（协调世界时，即各复审时间前 15 分钟）`,
      yaml.positionOf(["on", "schedule"], "key"),
    ),
  ];
}
