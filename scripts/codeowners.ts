// npm run codeowners -- [--root DIR] [--check]
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readTextIfExists, readWorkflowTexts } from "../src/adapters/portal-files.ts";
import { parseArgs, rootOf, UsageError } from "../src/cli/args.ts";
import { run } from "../src/cli/run.ts";
import { generateCodeowners } from "../src/codeowners/generate.ts";
import { formatText } from "../src/findings/format.ts";
import { parseWorkflows } from "../src/portal/parse-workflows.ts";

run(() => {
  const args = parseArgs(process.argv.slice(2), { flags: ["check"], options: ["root"] });
  const root = rootOf(args);
  if (!existsSync(join(root, "workflows"))) throw new UsageError(`${root} 不是门户目录（没有 workflows/）：请用 --root 指向门户仓库`);
  const { portal, findings } = parseWorkflows(readWorkflowTexts(root));
  if (!portal) {
    console.error(formatText({ ok: false, checked: 4, errors: findings, warnings: [] }));
    console.error("网站规则文件有误，未生成 CODEOWNERS：请先改正上面的问题。");
    return 1;
  }
  const path = join(root, "CODEOWNERS");
  const text = generateCodeowners(portal);
  if (args.check) {
    if (readTextIfExists(path)?.replace(/\r\n/g, "\n") === text) {
      console.log("CODEOWNERS 是最新的。");
      return 0;
    }
    console.error("CODEOWNERS 与栏目表、人员名单不一致：请运行 npm run codeowners 并提交结果。");
    return 1;
  }
  writeFileSync(path, text);
  console.log(`已生成 ${path}（${text.split("\n").filter((l) => l.startsWith("/")).length} 条路径规则）。`);
  return 0;
});
