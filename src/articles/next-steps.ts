import { dirname } from "node:path/posix";

/**
 * What to do after an article is written on one's own machine (`npm run new`,
 * `npm run import`), in the words of someone who has never used Git: the
 * first step the job names, a check, then a branch, a commit and a pull request.
 */
export interface NextSteps {
  file: string;
  slug: string;
  title: string;
  /** git's remote origin, for the pull request's address on GitHub. */
  origin: string | undefined;
  /** Step 1: what to do with the file (lines; the first numbered). */
  firstStep: string[];
}

export function nextSteps({ file, slug, title, origin, firstStep }: NextSteps): string {
  const branch = `article/${slug}`;
  const repo = /github\.com[:/]([^/]+\/[^/]+?)(?:\.git)?$/.exec(origin ?? "")?.[1];
  return [
    "接下来：",
    ...firstStep.map((line, i) => `${i === 0 ? "  1. " : "     "}${line}`),
    "  2. 自查：npm run check -- --changed",
    "  3. 提交并发起合并请求（PR），由本单位和网站主管部门逐级审核：",
    `       git switch -c ${branch}`,
    `       git add ${dirname(file)}`,
    `       git commit -m "报送：${title.replace(/"/g, "'")}"`,
    `       git push -u origin ${branch}`,
    repo ? `     然后打开 https://github.com/${repo}/compare/${branch}?expand=1 创建 PR。` : "     然后在 GitHub 仓库页面点「Compare & pull request」创建 PR。",
  ].join("\n");
}
