import { generateCodeowners } from "../codeowners/generate.ts";
import { byLocation, finding, type Finding } from "../findings/finding.ts";
import { parseWorkflows, type WorkflowTexts } from "../portal/parse-workflows.ts";
import type { Portal } from "../portal/portal.ts";
import type { Article } from "../articles/article.ts";
import { checkContent, type ContentInput } from "./check-content.ts";
import { checkWorkflowReferences } from "./workflow-references.ts";

export interface CheckInput {
  workflows: WorkflowTexts;
  /** The committed CODEOWNERS, or undefined when there is none. */
  codeowners: string | undefined;
  content: ContentInput;
}

export interface CheckResult {
  ok: boolean;
  checked: number;
  errors: Finding[];
  warnings: Finding[];
  portal: Portal | undefined;
  articles: Article[];
}

/** `npm run check` as a pure function: the office's rules, CODEOWNERS and content in, findings out. */
export function checkPortal(input: CheckInput): CheckResult {
  const { portal, findings } = parseWorkflows(input.workflows);
  let articles: Article[] = [];
  let checked = 4;
  if (portal) {
    findings.push(...checkWorkflowReferences(portal));
    findings.push(...checkCodeowners(portal, input.codeowners));
    const content = checkContent(portal, input.content);
    findings.push(...content.findings);
    articles = content.articles;
    checked += content.checked;
  }
  findings.sort(byLocation);
  const errors = findings.filter((f) => f.severity === "error");
  const warnings = findings.filter((f) => f.severity === "warning");
  return { ok: errors.length === 0, checked, errors, warnings, portal, articles };
}

function checkCodeowners(portal: Portal, committed: string | undefined): Finding[] {
  const expected = generateCodeowners(portal);
  if (committed === undefined) {
    return [finding("CODEOWNERS", "CODEOWNERS.MISSING", "缺少 CODEOWNERS 文件：请运行 npm run codeowners 生成并提交，否则 GitHub 不会请责任单位审核")];
  }
  if (committed.replace(/\r\n/g, "\n") !== expected) {
    const have = committed.replace(/\r\n/g, "\n").split("\n");
    const want = expected.split("\n");
    let line = 0;
    while (line < Math.max(have.length, want.length) && have[line] === want[line]) line++;
    return [
      finding("CODEOWNERS", "CODEOWNERS.STALE", "CODEOWNERS 与栏目表、人员名单不一致（栏目或人员改过但没有重新生成）：请运行 npm run codeowners 并提交结果，不要手工修改", { line: line + 1, column: 1 }),
    ];
  }
  return [];
}
