import { join } from "node:path";
import { writeFileAtomic } from "../adapters/atomic-write.ts";
import { notAFile, readTextIfExists, readWorkflowTexts } from "../adapters/repository-files.ts";
import { portalRootOf, type Args } from "../cli/args.ts";
import { generateCodeowners } from "../codeowners/generate.ts";
import { formatText } from "../findings/format.ts";
import { parseWorkflows } from "../workflows/parse-workflows.ts";



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
  if (args.check) {
    if (readTextIfExists(path)?.replace(/\r\n/g, "\n") === text) {
      console.log("CODEOWNERS 是最新的。");
      return 0;
    }
    console.error("CODEOWNERS 与栏目表、人员名单不一致：请运行 npm run codeowners 并提交结果。");
    return 1;
  }
  writeFileAtomic(path, text);
  console.log(`已生成 ${path}（${text.split("\n").filter((l) => l.startsWith("/")).length} 条路径规则）。`);
  return 0;
}
