// npm run setup-github -- --repo OWNER/NAME [--app-id N] [--branch main] [--api-url URL]
// With GITHUB_TOKEN (repository admin): applies branch protection (三审三校 pinned to the App), the push
// ruleset keeping workflow files to admins, and the `gate` environment. Without: prints the settings to make by hand.
import { appIdOf, applyEnvironment, applyRuleset, github, protectBranch, type Applied } from "../src/adapters/github.ts";
import { apiUrlOf, UsageError } from "../src/cli/args.ts";
import { runJob } from "../src/cli/run.ts";
import { environmentBody, GATE_ENVIRONMENT, protectionBody, setupSteps, workflowRulesetBody } from "../src/gate/setup.ts";

const usage = `用法：npm run setup-github -- --repo 所有者/仓库名 [选项]
网站主管部门的一次性设置：列出让“三审三校”不可伪造的 GitHub 设置；提供仓库管理员令牌
（环境变量 GITHUB_TOKEN）时，直接设置主分支保护、工作流文件的推送规则和存放审核 App 密钥的环境。

选项：
  --repo 所有者/仓库名
  --app-id 编号     本单位审核 App 的 App ID（也可用环境变量 SANSHEN_APP_ID）：主分支只认这个 App 发布的“三审三校”
  --branch 分支     受保护的分支（默认 main）
  --api-url 地址    GitHub 企业版的接口地址（默认 https://api.github.com）
  -h, --help        显示本说明

例如：
  npm run setup-github -- --repo city-cppcc/portal --app-id 123456
  GITHUB_TOKEN=… npm run setup-github -- --repo city-cppcc/portal --app-id 123456`;

runJob({ usage, options: ["repo", "branch", "api-url", "app-id"] }, async (args) => {
  const [owner, repo] = String(args.repo ?? "").split("/");
  if (!owner || !repo) throw new UsageError("请用 --repo 所有者/仓库名 指定仓库");
  const rawAppId = String(args["app-id"] ?? process.env.SANSHEN_APP_ID ?? "").trim();
  if (rawAppId && !/^\d+$/.test(rawAppId)) throw new UsageError(`--app-id 应是审核 App 的数字编号（App 设置页的 App ID），现在是「${rawAppId}」`);
  const appId = rawAppId ? Number(rawAppId) : undefined;
  const branch = String(args.branch ?? "main");
  console.log(setupSteps(`${owner}/${repo}`, branch, appId));
  if (!process.env.GITHUB_TOKEN) {
    console.log("\n（未提供 GITHUB_TOKEN，以上设置请手工完成。）");
    return 0;
  }
  const apiUrl = apiUrlOf(args);
  const gh = github(process.env.GITHUB_TOKEN, apiUrl);
  const target = { owner, repo };
  const said = (what: string, applied: Applied, plan: string) =>
    typeof applied === "string" ? `已${applied === "created" ? "创建" : "设置"}${what}。` : `未能设置${what}（GitHub 返回 ${applied.unavailable}）：${plan}`;
  // GitHub Actions' App id (15368 on github.com) is asked for, so Enterprise Server gets its own.
  await protectBranch(gh, target, branch, protectionBody(appId, await appIdOf(gh, "github-actions")));
  console.log(`\n已为 ${owner}/${repo} 的 ${branch} 分支设置保护规则（第 4 步）${appId ? `，“三审三校”只认 App ${appId}` : ""}。`);
  console.log(said(`环境 ${GATE_ENVIRONMENT}（只允许受保护的分支使用，第 3 步）`, await applyEnvironment(gh, target, GATE_ENVIRONMENT, environmentBody()), "私有仓库的环境需要 GitHub Pro、Team 或 Enterprise 套餐；没有它，App 私钥只能存为仓库密钥，任何分支上的工作流都能读到。"));
  console.log(said("工作流文件的推送规则（第 5 步）", await applyRuleset(gh, target, workflowRulesetBody()), "推送规则集需要组织账号的 Team 或 Enterprise 套餐；没有它，有写权限的人可以推送自己的工作流。"));
  console.log(`\n其余各步（建立并安装审核 App、把私钥存入环境 ${GATE_ENVIRONMENT}）请按上文手工完成。`);
  if (!appId) console.log("注意：未提供 --app-id，“三审三校”的结果目前可被有推送权限的人伪造。");
  return 0;
});
