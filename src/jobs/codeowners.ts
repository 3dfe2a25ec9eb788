import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { writeFileAtomic } from "../adapters/atomic-write.ts";
import { notAFile, readTextIfExists, readWorkflowTexts } from "../adapters/repository-files.ts";
import { portalRootOf, type Args } from "../cli/args.ts";
import { generateCodeowners } from "../codeowners/generate.ts";
import { formatText } from "../findings/format.ts";
import { parseWorkflows } from "../workflows/parse-workflows.ts";
import { formColumns, ISSUE_FORM_FILE, renderIssueForm } from "../submissions/issue-form.ts";
import { CORRESPONDENT_GUIDE_FILE, renderColumnTable, withColumnTable } from "../columns/column-guide-table.ts";



/** `npm run codeowners`: the job's composition; scripts/codeowners.ts gives it its command line. */
export function codeownersJob(args: Args): number {
  const root = portalRootOf(args);
  const { portal, findings } = parseWorkflows(readWorkflowTexts(root));
  if (!portal) {
    console.error(formatText({ ok: false, checked: 4, errors: findings, warnings: [] }));
    console.error("网站规则文件有误，未生成 CODEOWNERS：请先改正上面的问题。");
    return 1;
  }
  const path = join(root, "CODEOWNERS");
  const folder = notAFile(root, "CODEOWNERS");
  if (folder) {
    console.error(formatText({ ok: false, checked: 4, errors: [folder], warnings: [] }));
    return 1;
  }
  const text = generateCodeowners(portal);
  // What else the table makes: the 投稿 form's list of columns and the 通讯员指南's table (when the portal has the guide).
  const formPath = join(root, ISSUE_FORM_FILE);
  const form = renderIssueForm(portal);
  const guidePath = join(root, CORRESPONDENT_GUIDE_FILE);
  const guideText = readTextIfExists(guidePath);
  const guide = guideText === undefined ? undefined : withColumnTable(guideText, renderColumnTable(portal));
  const same = (file: string, want: string) => readTextIfExists(file)?.replace(/\r\n/g, "\n") === want;
  if (args.check) {
    const stale = [
      ...(same(path, text) ? [] : ["CODEOWNERS"]),
      ...(same(formPath, form) ? [] : [ISSUE_FORM_FILE]),
      ...(guide === undefined || same(guidePath, guide) ? [] : [CORRESPONDENT_GUIDE_FILE]),
    ];
    if (!stale.length) {
      console.log("CODEOWNERS、投稿表单和通讯员指南的栏目表都是最新的。");
      return 0;
    }
    console.error(`${stale.join("、")} 与栏目表、人员名单不一致：请运行 npm run codeowners 并提交结果。`);
    return 1;
  }
  writeFileAtomic(path, text);
  console.log(`已生成 ${path}（${text.split("\n").filter((l) => l.startsWith("/")).length} 条路径规则）。`);
  mkdirSync(dirname(formPath), { recursive: true });
  writeFileAtomic(formPath, form);
  console.log(`已生成 ${formPath}（投稿表单，${formColumns(portal).length} 个栏目）。`);
  if (guide !== undefined) {
    writeFileAtomic(guidePath, guide);
    console.log(`已更新 ${guidePath} 中的栏目表。`);
  }
  return 0;
}
