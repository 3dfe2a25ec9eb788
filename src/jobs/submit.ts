import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { writeFileAtomic } from "../adapters/atomic-write.ts";
import { github, keepIssueComment, keepPullRequest, readIssue, type GitHub, type IssueRecord, type Repo } from "../adapters/github.ts";
import { listContentFiles, readWorkflowTexts } from "../adapters/repository-files.ts";
import { parseWorkflows } from "../workflows/parse-workflows.ts";
import { fetchUpload, uploadHostsOf } from "../adapters/uploads.ts";
import { apiUrlOf, nowOf, portalRootOf, repoOf, UsageError, type Args } from "../cli/args.ts";
import { JobFailure } from "../cli/run.ts";
import { checkPortalFiles } from "./check.ts";
import { SUBMISSION_LABEL } from "../submissions/issue-form.ts";
import { readSubmission } from "../submissions/read-submission.ts";
import { finishArticle, planSubmission, type FetchedUpload, type FormProblem } from "../submissions/submission-article.ts";
import { formProblemsOf, submissionReply, SUBMISSION_MARKER, type SubmissionOutcome } from "../submissions/submission-reply.ts";

/** The branch of an issue's submission: one per issue, rewritten when the issue is edited. */
export const submissionBranch = (issue: number): string => `submission/issue-${issue}`;

/** An issues event as Actions hands it over (GITHUB_EVENT_PATH), read for the fields the job uses. */
function issueFromEvent(path: string): { action: string; issue: IssueRecord } {
  let event: { action?: string; issue?: { number?: number; title?: string; body?: string | null; state?: string; user?: { login?: string }; labels?: ({ name?: string } | string)[]; html_url?: string } };
  try {
    event = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new UsageError(`无法读取事件文件 ${path}：${(e as Error).message}`);
  }
  const i = event.issue;
  if (!i?.number || !i.user?.login) throw new UsageError(`${path} 不是议题（issues）事件：缺少 issue.number 或 issue.user.login`);
  return {
    action: event.action ?? "opened",
    issue: { number: i.number, title: i.title ?? "", body: i.body ?? "", state: i.state ?? "open", author: i.user.login, labels: (i.labels ?? []).map((l) => (typeof l === "string" ? l : l.name ?? "")), url: i.html_url ?? "" },
  };
}

/**
 * `npm run submit`: a 投稿 issue made into an article. Offline (`--event`
 * alone) the article is written into the portal folder and the reply
 * printed; with `--github` the article goes on the issue's branch as one
 * pull request, kept up to date as the issue is edited and closed with it,
 * and the reply is one comment on the issue. Runs the default branch's code
 * on the issue's text, which is only read: nothing in it is executed.
 */
export async function submitJob(args: Args): Promise<number> {
  const root = portalRootOf(args);
  const now = nowOf(args);
  const apiUrl = apiUrlOf(args);
  const target: Repo | undefined = args.github ? repoOf(args) : undefined;
  const token = process.env.SANSHEN_SUBMISSION_TOKEN || process.env.GITHUB_TOKEN;
  const gh: GitHub | undefined = target ? github(token, apiUrl, (s) => console.error(`GitHub 限流，${s} 秒后重试……`)) : undefined;

  let action = "opened";
  let issue: IssueRecord;
  if (typeof args.event === "string") ({ action, issue } = issueFromEvent(args.event));
  else if (gh && target && Number.isInteger(Number(args.issue)) && Number(args.issue) > 0) issue = await readIssue(gh, target, Number(args.issue));
  else throw new UsageError("请用 --event 指定议题事件文件，或用 --github --issue 编号从 GitHub 读取议题");
  if (!issue.labels.includes(SUBMISSION_LABEL)) {
    console.error(`议题 #${issue.number} 没有「${SUBMISSION_LABEL}」标签，不是投稿表单提交的议题，不处理。`);
    return 0;
  }

  const say = async (outcome: SubmissionOutcome) => {
    const reply = submissionReply(outcome);
    if (gh && target) console.error(`议题 #${issue.number} 的答复${{ created: "已发表", updated: "已更新", unchanged: "没有变化" }[await keepIssueComment(gh, target, issue.number, SUBMISSION_MARKER, reply)]}。`);
    else console.log(reply.replace(SUBMISSION_MARKER + "\n", ""));
  };

  // Closed (withdrawn) or deleted: the pull request goes with it.
  if (action === "closed" || issue.state === "closed") {
    const pull = gh && target ? await keepPullRequest(gh, target, submissionBranch(issue.number), undefined, `投稿议题 #${issue.number} 已关闭，稿件撤回。`) : null;
    await say({ kind: "withdrawn", pull });
    return 0;
  }

  const { portal } = parseWorkflows(readWorkflowTexts(root));
  if (!portal) throw new JobFailure("网站规则文件（workflows/）有误，无法处理投稿：请技术管理员先运行 npm run check 并改正。", 1);
  const existing = listContentFiles(root);
  const planned = planSubmission({ portal, author: issue.author, submission: readSubmission(issue.body), now, existing, uploadHosts: uploadHostsOf(apiUrl) });
  // On GitHub, a submission that needs changes is answered, not failed: the run's failure would only
  // send the clerk GitHub's English "run failed" mail. Offline, exit 1 says the same to a script.
  const needsChanges = gh ? 0 : 1;
  if (!planned.ok) {
    await say({ kind: "problems", problems: planned.problems, warnings: [], account: planned.account });
    return needsChanges;
  }
  const { plan } = planned;

  const fetched: FetchedUpload[] = [];
  const failed: FormProblem[] = [];
  for (const upload of plan.uploads) {
    const got = await fetchUpload(upload.url, token);
    if ("error" in got) {
      failed.push({ field: upload.field, message: `「${upload.label || upload.url}」下载失败（${got.error}）：请重新拖入这个文件；仍不行请联系网站主管部门` });
      fetched.push({ bytes: new Uint8Array(), ext: undefined });
    } else fetched.push(got);
  }
  if (failed.length) {
    await say({ kind: "problems", problems: failed, warnings: [] });
    return needsChanges;
  }
  const finished = finishArticle(plan, fetched, existing);
  if (!finished.ok) {
    await say({ kind: "problems", problems: finished.problems, warnings: [] });
    return needsChanges;
  }

  // check on the article as it would arrive: the rules of main, the files laid into the portal folder.
  const written: string[] = [];
  for (const [path, data] of finished.files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileAtomic(join(root, path), data);
    written.push(path);
  }
  const result = checkPortalFiles(root, written, now, new Set(written));
  const text = String(finished.files.get(plan.path));
  const problems = formProblemsOf(result.errors.filter((f) => written.includes(f.file)), plan, text);
  const warnings = [...plan.notes, ...formProblemsOf(result.warnings.filter((f) => written.includes(f.file)), plan, text)];
  if (problems.length) {
    if (gh) for (const path of written) rmSync(join(root, path), { force: true });
    await say({ kind: "problems", problems, warnings });
    return needsChanges;
  }
  if (!gh || !target) {
    await say({ kind: "ready", path: plan.path, pull: { number: 0, url: "（离线运行，未创建合并请求）", action: "created" }, warnings, checksNeedPerson: false });
    return 0;
  }
  // On GitHub the article lives on its branch; the checkout stays main's, so a second run sees main as it is.
  for (const path of written) rmSync(join(root, path), { force: true });

  // The commit carries a digest of every file, so an edit that changes nothing rewrites nothing.
  const digest = createHash("sha256");
  for (const [path, data] of [...finished.files].sort(([a], [b]) => (a < b ? -1 : 1))) digest.update(path).update("\0").update(data).update("\0");
  const person = portal.personByLogin.get(issue.author.toLowerCase())!.person;
  const title = String(plan.fields.title);
  const pull = await keepPullRequest(
    gh,
    target,
    submissionBranch(issue.number),
    {
      title: `投稿：${title}`,
      body: [`${person.name}（@${issue.author}）通过投稿表单 #${issue.number} 报送，文章 \`${plan.path}\`。`, "", `Closes #${issue.number}`, "", `<!-- sanshen:submission-of #${issue.number} @${issue.author} -->`].join("\n"),
      message: `投稿：${title}\n\n来自投稿 #${issue.number}\n\nSanshen-Digest: ${digest.digest("hex").slice(0, 16)}`,
      files: Object.fromEntries(finished.files),
      author: { name: person.name, email: `${issue.author}@users.noreply.github.com` },
    },
    "",
  );
  // A pull request opened with the workflow's own token starts no workflow; an App's token (SANSHEN_SUBMISSION_TOKEN) does.
  await say({ kind: "ready", path: plan.path, pull: pull!, warnings, checksNeedPerson: !process.env.SANSHEN_SUBMISSION_TOKEN && pull!.action === "created" });
  return 0;
}
