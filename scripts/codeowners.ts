// npm run codeowners -- [--root DIR] [--check]
import { join } from "node:path";
import { writeFileAtomic } from "../src/adapters/atomic-write.ts";
import { notAFile, readTextIfExists, readWorkflowTexts } from "../src/adapters/portal-files.ts";
import { portalRootOf } from "../src/cli/args.ts";
import { runJob } from "../src/cli/run.ts";
import { generateCodeowners } from "../src/codeowners/generate.ts";
import { formatText } from "../src/findings/format.ts";
import { parseWorkflows } from "../src/portal/parse-workflows.ts";

const usage = `用法：npm run codeowners -- [选项]
由栏目责任分解表（workflows/columns.yaml）和人员名单（workflows/units.yaml）生成 CODEOWNERS，
决定每个 PR 请哪个单位审核。改了栏目表或人员名单后运行一次，并提交结果。

选项：
  --root 目录   门户仓库所在的目录（默认：当前目录）
  --check       只核对 CODEOWNERS 是否最新，不写文件（不一致时退出码为 1）
  -h, --help    显示本说明

例如：
  npm run codeowners
  npm run codeowners -- --check`;

runJob({ usage, flags: ["check"], options: ["root"] }, (args) => {
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
});
