// npm run setup-github -- --repo OWNER/NAME [--branch main] [--api-url URL]
// With GITHUB_TOKEN (repository admin): applies branch protection. Without: prints the settings to make by hand.
import { github, GitHubError, protectBranch } from "../src/adapters/github.ts";
import { parseArgs, UsageError } from "../src/cli/args.ts";
import { run } from "../src/cli/run.ts";
import { protectionBody, setupSteps } from "../src/gate/setup.ts";

run(async () => {
  const args = parseArgs(process.argv.slice(2), { options: ["repo", "branch", "api-url"] });
  const [owner, repo] = String(args.repo ?? "").split("/");
  if (!owner || !repo) throw new UsageError("请用 --repo 所有者/仓库名 指定仓库");
  const branch = String(args.branch ?? "main");
  console.log(setupSteps(`${owner}/${repo}`, branch));
  if (!process.env.GITHUB_TOKEN) {
    console.log("\n（未提供 GITHUB_TOKEN，以上设置请手工完成。）");
    return 0;
  }
  try {
    await protectBranch(github(process.env.GITHUB_TOKEN, String(args["api-url"] ?? process.env.GITHUB_API_URL ?? "https://api.github.com")), { owner, repo }, branch, protectionBody());
  } catch (e) {
    if (e instanceof GitHubError) throw new UsageError(e.message);
    throw e;
  }
  console.log(`\n已为 ${owner}/${repo} 的 ${branch} 分支设置保护规则（第 2 步）；其余各步请按上文手工完成。`);
  return 0;
});
