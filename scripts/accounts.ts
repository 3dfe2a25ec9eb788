// npm run accounts -- [--root DIR] [--now ISO] [--json] [--write]
// npm run accounts -- --github --repo OWNER/NAME [--api-url URL] [--lock-pr]   (token: GITHUB_TOKEN; SANSHEN_ORG_TOKEN for teams): reviews counted, one reminder issue, one lock pull request.
import { runJob } from "../src/cli/run.ts";
import { accountsJob } from "../src/jobs/accounts.ts";

const usage = `用法：npm run accounts -- [选项]
账号使用情况：通讯员和审核人 25 天以上没有提交、拉取请求或审核记录的提醒，30 天以上的列为应锁定。
离线时只看得到 git 提交，所以只判断通讯员；审核人的审核记录要用 --github 从 GitHub 读取。

选项：
  --root 目录      门户仓库所在的目录（默认：当前目录）
  --now 时间       按这个时间判断，须带时区，例如 2026-12-02T09:00:00+08:00（默认：现在）
  --write          在 workflows/units.yaml 中给应锁定的账号加上 locked（日期、原因），并重新生成 CODEOWNERS
  --json           以 JSON 输出
  --github         从 GitHub 读取拉取请求和审核记录，并在仓库里保持一条“账号即将锁定提醒”议题（令牌：环境变量 GITHUB_TOKEN）
  --lock-pr        与 --github 一起用：在分支 sanshen/lock-accounts 上保持一个锁定应锁定账号的拉取请求（没有应锁定的账号时自动关闭）；
                   设了环境变量 SANSHEN_ORG_TOKEN 且单位写了 team 时，把已锁定（已合并）的人移出其 GitHub 团队
  --repo 所有者/仓库名
  --api-url 地址   GitHub 企业版的接口地址（默认 https://api.github.com）
  -h, --help       显示本说明

例如：
  npm run accounts
  GITHUB_TOKEN=… npm run accounts -- --github --repo city-cppcc/portal --write
  GITHUB_TOKEN=… npm run accounts -- --github --repo city-cppcc/portal --lock-pr`;

runJob({ usage, flags: ["json", "github", "write", "lock-pr"], options: ["root", "now", "repo", "api-url"] }, accountsJob);
