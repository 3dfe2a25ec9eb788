// npm run codeowners -- [--root DIR] [--check]
import { runJob } from "../src/cli/run.ts";
import { codeownersJob } from "../src/jobs/codeowners.ts";

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

runJob({ usage, flags: ["check"], options: ["root"] }, codeownersJob);
