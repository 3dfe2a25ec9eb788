// npm run gate -- --snapshot pr.json [--root DIR] [--json]
// npm run gate -- --github --repo OWNER/NAME --pr N [--root DIR] [--api-url URL]
//   as the office's App (SANSHEN_APP_ID + SANSHEN_APP_PRIVATE_KEY): a check run no one else can post;
//   without them (GITHUB_TOKEN): a commit status, which anyone with push access can forge.
// The 三审三校 decision for a pull request, with the policy from --root (the base checkout).
import { runJob } from "../src/cli/run.ts";
import { gateJob } from "../src/jobs/gate.ts";

const usage = `用法：npm run gate -- --snapshot 快照.json [选项]
      npm run gate -- --github --repo 所有者/仓库名 --pr 编号 [选项]
“三审三校”审核关卡：按主分支的审核链判断一个 PR 是否已逐级审核通过，并生成审批单。
退出码：0 已通过，4 等待审核，1 不能通过。

选项：
  --snapshot 文件   离线判断：读取 PR 快照（JSON）
  --github          从 GitHub 读取 PR，设置“三审三校”结果并更新审批单评论：
                    配置了审核 App（环境变量 SANSHEN_APP_ID、SANSHEN_APP_PRIVATE_KEY）时以 App 身份发布检查结果；
                    否则用环境变量 GITHUB_TOKEN 设置提交状态（可被伪造，见 npm run setup-github）
  --repo 所有者/仓库名
  --pr 编号
  --api-url 地址    GitHub 企业版的接口地址（默认 https://api.github.com）
  --root 目录       主分支门户仓库所在的目录，审核链从这里读取（默认：当前目录）
  --json            以 JSON 输出判断结果
  -h, --help        显示本说明

例如：
  npm run gate -- --snapshot tests/fixtures/gate-snapshot.json
  GITHUB_TOKEN=… npm run gate -- --github --repo city-cppcc/portal --pr 42`;

runJob({ usage, flags: ["json", "github"], options: ["root", "snapshot", "repo", "pr", "api-url"] }, gateJob);
