import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readWorkflowTexts } from "../src/adapters/repository-files.ts";
import { renderIssueForm } from "../src/submissions/issue-form.ts";
import { readSubmission } from "../src/submissions/read-submission.ts";
import { columnOfAnswer, planSubmission } from "../src/submissions/submission-article.ts";
import { parseWorkflows } from "../src/workflows/parse-workflows.ts";
import { runScriptAsync, STACK_TRACE } from "./helpers/cli.ts";
import { fakeGitHub, type FakeGitHub, type FakePr } from "./helpers/fake-github.ts";
import { checkDir, portalCopy, REPO, writeIn } from "./helpers/portal.ts";

/**
 * The 投稿 form: a correspondent fills it in the browser; the job turns the
 * issue into an article on its own branch and one pull request, answers on
 * the issue in the form's words, follows the issue's edits and withdraws
 * with it. Tested against the local server speaking GitHub's REST API, with
 * the issue body GitHub writes for an issue form (docs: "Syntax for issue
 * forms": each answer under `### label`, `_No response_` when empty).
 */
const NOW = "2026-12-07T10:00:00+08:00";
const PHOTO = readFileSync(join(REPO, "content/news/politics/2026/chairs-visit-grassroots-members.png"));
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

function issueBody(answers: Record<string, string>): string {
  const labels = ["栏目", "标题", "信息类别", "来源", "原文网址", "正文", "图片", "附件", "文号", "发文机关", "成文日期", "主题分类", "被解读的政策文件", "报送确认"];
  return labels.map((l) => `### ${l}\n\n${answers[l] ?? "_No response_"}`).join("\n\n");
}

const portalModel = (root: string) => parseWorkflows(readWorkflowTexts(root)).portal!;

describe("the 投稿 issue form", () => {
  it("lists the columns of the table that take articles through a form, and reads back what GitHub writes", () => {
    const root = portalCopy();
    const form = parse(renderIssueForm(portalModel(root))) as { labels: string[]; body: { id?: string; attributes: { label?: string; options?: (string | { label: string })[] } }[] };
    expect(form.labels).toEqual(["投稿"]);
    const column = form.body.find((f) => f.id === "column")!;
    expect(column.attributes.options).toEqual(["新闻动态 › 工作动态（news/updates）", "信息公开 › 政策文件（open/policy）", "信息公开 › 政策解读（open/interpretation）"]);
    expect(form.body.filter((f) => f.id).map((f) => f.attributes.label)).toEqual(["栏目", "标题", "信息类别", "来源", "原文网址", "正文", "图片", "附件", "文号", "发文机关", "成文日期", "主题分类", "被解读的政策文件", "报送确认"]);
    const read = readSubmission(issueBody({ 栏目: "新闻动态 › 工作动态（news/updates）", 标题: "县发改局召开座谈会", 正文: "第一段\n第二段" }).replace(/\n/g, "\r\n"));
    expect(read.answers).toEqual({ column: "新闻动态 › 工作动态（news/updates）", title: "县发改局召开座谈会", body: "第一段\n第二段" });
  });

  it("is kept in step with the table: check reports a form that is not", () => {
    const root = portalCopy();
    writeIn(root, ".github/ISSUE_TEMPLATE/submit-article.yml", renderIssueForm(portalModel(root)));
    expect(checkDir(root).errors).toEqual([]);
    const columns = join(root, "workflows/columns.yaml");
    writeFileSync(columns, readFileSync(columns, "utf8").replace("name: 工作动态", "name: 部门动态"));
    expect(checkDir(root).errors.map((f) => [f.rule, f.file])).toContainEqual(["FORM.STALE", ".github/ISSUE_TEMPLATE/submit-article.yml"]);
  });

  it("refuses, in the form's words, a submitter the roster does not know and a column not theirs", () => {
    const portal = portalModel(portalCopy());
    const input = (author: string, column: string) => ({
      portal, author, now: new Date(NOW), existing: [], uploadHosts: ["github.com"],
      submission: readSubmission(issueBody({ 栏目: column, 标题: "甲", 正文: "乙", 报送确认: "- [X] 本稿件不涉及国家秘密" })),
    });
    expect(planSubmission(input("stranger", "新闻动态 › 工作动态（news/updates）"))).toEqual({ ok: false, account: true, problems: [{ message: "您的账号 @stranger 不在网站的人员名单中（一人一号）：请联系网站主管部门登记" }] });
    const notTheirs = planSubmission(input("t-bureau-corr", "政务公开 › 政策文件（open/policy）"));
    expect(notTheirs).toEqual({ ok: false, problems: [{ field: "column", message: "「政策文件」不是县发展改革局负责的栏目。您单位可以投的栏目（照抄其中一个即可）：新闻动态 › 工作动态（news/updates）" }] });
  });

  it("reads the column however an edited issue writes it: the option, its path, its name or its id", () => {
    const portal = portalModel(portalCopy());
    for (const answer of ["新闻动态 › 工作动态（news/updates）", "新闻动态 › 工作动态(news/updates)", "news/updates", "updates", "工作动态", "新闻动态 › 工作动态"]) {
      expect(columnOfAnswer(portal, answer)?.path, answer).toBe("news/updates");
    }
    expect(columnOfAnswer(portal, "没有的栏目")).toBeUndefined();
  });

  it("keeps no words it would drop: text in 图片 or 附件 that is no file is asked about, a photo without a caption noted", () => {
    const portal = portalModel(portalCopy());
    const plan = (answers: Record<string, string>) =>
      planSubmission({ portal, author: "t-bureau-corr", now: new Date(NOW), existing: [], uploadHosts: ["github.com"], submission: readSubmission(issueBody({ 栏目: "updates", 标题: "甲", 正文: "乙", 报送确认: "- [x] 确认", ...answers })) });
    const refused = plan({ 图片: "会议现场照片见附件", 附件: "实施方案（见邮件）" });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.problems.map((p) => p.field)).toEqual(["photos", "attachments"]);
    const noted = plan({ 图片: "![IMG_0001](https://github.com/user-attachments/assets/1)" });
    expect(noted.ok && noted.plan.notes).toEqual([{ field: "photos", message: expect.stringContaining("第 1 张照片下面没有说明") }]);
  });
});

describe("npm run submit -- --github", () => {
  let server: FakeGitHub | undefined;
  afterEach(() => server?.server.close());
  const BRANCH = "submission/issue-12";
  const NONE: FakePr = { number: 1, title: "", author: "x", head: "h", base: "b", files: [], reviews: [], commits: [] };

  async function setUp(answers: Record<string, string>) {
    const root = portalCopy();
    server = await fakeGitHub("office", "portal", NONE, {});
    server.seedBranch("main", { "README.md": "门户\n" });
    server.uploads.set("/user-attachments/assets/7d1f", PHOTO);
    server.uploads.set("/user-attachments/files/88/fang-an.pdf", PDF);
    const issue = { number: 12, title: "投稿：县发改局召开座谈会", body: issueBody(answers), state: "open", labels: [{ name: "投稿" }], user: { login: "t-bureau-corr", type: "User" } };
    server.issues.push(issue);
    const event = (action: string) => {
      const path = join(root, `event-${action}.json`);
      writeFileSync(path, JSON.stringify({ action, issue: { ...issue, html_url: "https://github.com/office/portal/issues/12" } }));
      return path;
    };
    const submit = (action: string, token = "t") =>
      runScriptAsync("submit", ["--root", root, "--now", NOW, "--github", "--event", event(action), "--repo", "office/portal", "--api-url", server!.url], { GITHUB_TOKEN: token, SANSHEN_SUBMISSION_TOKEN: "" });
    return { root, issue, submit };
  }

  const good = () => ({
    栏目: "新闻动态 › 工作动态（news/updates）",
    标题: "县发改局召开“十五五”规划座谈会",
    信息类别: "报送",
    正文: "　　12月5日，县发改局召开座谈会。\n　　会议听取了企业代表的意见建议。\n\n1.加快项目建设\n2.优化营商环境",
    图片: `<img width="1280" alt="IMG_2034" src="URL/user-attachments/assets/7d1f" />\n座谈会现场`,
    附件: "[实施方案.pdf](URL/user-attachments/files/88/fang-an.pdf)",
    报送确认: "- [X] 本稿件不涉及国家秘密、工作秘密和个人隐私，已经本单位负责人同意报送",
  });
  const withUrl = (answers: Record<string, string>) => Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v.replaceAll("URL", server!.url)]));

  it("makes the issue an article with its photo and attachment on one branch and one pull request, and says so on the issue", async () => {
    const answers = good();
    const { root, submit } = await setUp({});
    server!.issues[0]!.body = issueBody(withUrl(answers));
    const r = await submit("opened");
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.code, r.stderr).toBe(0);

    const file = "content/news/updates/2026/xian-fa-gai-ju-zhao-kai-shi-wu.md";
    const text = server!.fileOn(BRANCH, file)!;
    expect(text).toBe(
      [
        "---",
        "title: 县发改局召开“十五五”规划座谈会",
        "category: submitted",
        "source: 县发展改革局",
        "unit: bureau",
        "author: 发改局通讯员",
        "image: {src: ./zuo-tan-hui-xian-chang.png, alt: 座谈会现场}",
        "attachments:",
        "  - {path: ./shi-shi-fang-an.pdf, title: 实施方案}",
        "---",
        "12月5日，县发改局召开座谈会。",
        "",
        "会议听取了企业代表的意见建议。",
        "",
        "1.加快项目建设",
        "",
        "2.优化营商环境",
        "",
        "![座谈会现场](./zuo-tan-hui-xian-chang.png)",
        "",
        "座谈会现场",
        "",
      ].join("\n"),
    );
    expect(Buffer.from(server!.bytesOn(BRANCH, "content/news/updates/2026/zuo-tan-hui-xian-chang.png")!).equals(PHOTO)).toBe(true);
    expect(Buffer.from(server!.bytesOn(BRANCH, "content/news/updates/2026/shi-shi-fang-an.pdf")!).equals(PDF)).toBe(true);
    // The files pass check in the portal, as the pull request's check will find them.
    const copy = portalCopy();
    for (const f of [file, "content/news/updates/2026/zuo-tan-hui-xian-chang.png", "content/news/updates/2026/shi-shi-fang-an.pdf"]) writeIn(copy, f, server!.bytesOn(BRANCH, f)!);
    expect(checkDir(copy).errors).toEqual([]);

    const [pull] = server!.pulls;
    expect(pull).toMatchObject({ number: 50, title: "投稿：县发改局召开“十五五”规划座谈会", head: BRANCH, base: "main", state: "open" });
    expect(pull!.body).toContain("Closes #12");
    // The commit is the correspondent's: GitHub links it to their account, so their approval never counts on it.
    const head = server!.git.refs.get(`heads/${BRANCH}`)!;
    expect(server!.git.commits.get(head)!.author).toEqual({ name: "发改局通讯员", email: "t-bureau-corr@users.noreply.github.com" });
    expect(server!.issueComments).toHaveLength(1);
    expect(server!.issueComments[0]!.body).toContain("自动检查通过，已生成送审稿件 #50");

    // The gate judges the PR as the correspondent's: their unit's reviewer signs 初审, their own approval never counts.
    const gate = () => runScriptAsync("gate", ["--root", root, "--github", "--repo", "office/portal", "--pr", "50", "--api-url", server!.url], { GITHUB_TOKEN: "t" });
    const waiting = await gate();
    expect(waiting.code, waiting.stderr).toBe(4);
    expect(server!.statuses.at(-1)).toMatchObject({ sha: head, state: "pending", description: "初审待审 复审待审 终审待审：@t-bureau-head" });
    expect(server!.pullComments.at(-1)!.body).toContain("| 承办人 | 发改局通讯员（@t-bureau-corr）（经投稿表单 #12 报送） |");
    server!.pulls[0]!.reviews.push({ id: 3, user: { login: "t-bureau-corr" }, state: "APPROVED", commit_id: head, submitted_at: "2026-12-07T03:00:00Z", body: "" });
    await gate();
    expect(server!.statuses.at(-1)).toMatchObject({ state: "pending", description: expect.stringMatching(/^初审待审/) });
    expect(server!.issueComments[0]!.body).not.toMatch(/npm|git |运行/);
    // The article lives on its branch; the job's checkout is left as main's.
    expect(existsSync(join(root, file))).toBe(false);
  });

  it("follows an edit of the issue: the same pull request, one comment, and nothing rewritten when nothing changed", async () => {
    const { submit } = await setUp({});
    server!.issues[0]!.body = issueBody(withUrl(good()));
    expect((await submit("opened")).code).toBe(0);
    const first = server!.git.refs.get(`heads/${BRANCH}`);
    expect((await submit("edited")).code).toBe(0);
    expect(server!.git.refs.get(`heads/${BRANCH}`)).toBe(first);
    expect(server!.issueComments[0]!.body).toContain("没有变化，仍是送审稿件 #50");
    server!.issues[0]!.body = issueBody(withUrl({ ...good(), 标题: "县发改局召开企业座谈会" }));
    expect((await submit("edited")).code).toBe(0);
    expect(server!.pulls).toHaveLength(1);
    expect(server!.pulls[0]!.title).toBe("投稿：县发改局召开企业座谈会");
    expect(server!.fileOn(BRANCH, "content/news/updates/2026/xian-fa-gai-ju-zhao-kai-qi-ye.md")).toContain("title: 县发改局召开企业座谈会");
    expect(server!.fileOn(BRANCH, "content/news/updates/2026/xian-fa-gai-ju-zhao-kai-shi-wu.md")).toBeUndefined();
    expect(server!.issueComments).toHaveLength(1);
    expect(server!.issueComments[0]!.body).toContain("已按您的修改更新送审稿件 #50");
  });

  it("answers a failing submission with what to change in which field of the form, and opens no pull request", async () => {
    const { submit } = await setUp({});
    server!.issues[0]!.body = issueBody(withUrl({ ...good(), 信息类别: "转载", 正文: "会议传达了机密★文件精神。\n联系人手机13812345678。", 图片: "", 附件: "" }));
    const r = await submit("opened");
    expect(r.code).toBe(0); // answered on the issue: the run itself did its job
    expect(server!.pulls).toEqual([]);
    const reply = server!.issueComments[0]!.body;
    expect(reply).toContain("暂未送审");
    expect(reply).toContain("**「原文网址」**：转载类信息必须写明来源网址");
    expect(reply).toMatch(/\*\*「正文」\*\*：「会议传达了机密★文件精神。」：「机密★?」是禁用词/);
    expect(reply).toMatch(/\*\*「正文」\*\*：「联系人手机13812345678。」：疑似手机号/);
    expect(reply).toContain("「Edit」");
    expect(reply).not.toMatch(/npm|信息头|第 \d+ 行/);
  });

  it("fetches only what GitHub keeps: a typed address is never requested", async () => {
    let hits = 0;
    const other = createServer((_, res) => {
      hits++;
      res.end("x");
    });
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    const elsewhere = `http://127.0.0.1:${(other.address() as { port: number }).port}/evil.png`;
    try {
      const { submit } = await setUp({});
      server!.issues[0]!.body = issueBody(withUrl({ ...good(), 图片: `![照片](${elsewhere})`, 附件: "" }));
      const r = await submit("opened");
      expect(r.code).toBe(0);
      expect(hits).toBe(0);
      expect(server!.issueComments[0]!.body).toContain("**「图片」**：「![照片](");
      expect(server!.issueComments[0]!.body).toContain("不是拖进表单的图片");
    } finally {
      other.close();
    }
  });

  it("withdraws with the issue: closing it closes the pull request", async () => {
    const { submit } = await setUp({});
    server!.issues[0]!.body = issueBody(withUrl(good()));
    await submit("opened");
    server!.issues[0]!.state = "closed";
    expect((await submit("closed")).code).toBe(0);
    expect(server!.pulls[0]!.state).toBe("closed");
    expect(server!.git.refs.has(`heads/${BRANCH}`)).toBe(false);
    expect(server!.issueComments[0]!.body).toContain("稿件已撤回");
  });
});

describe("npm run submit, offline", () => {
  it("writes the article into the portal folder and prints the answer", async () => {
    const root = portalCopy();
    const event = join(root, "event.json");
    const body = issueBody({ 栏目: "新闻动态 › 工作动态（news/updates）", 标题: "周例会", 正文: "会议研究了本周工作。", 报送确认: "- [X] 确认" });
    writeFileSync(event, JSON.stringify({ action: "opened", issue: { number: 3, title: "投稿：周例会", body, state: "open", labels: [{ name: "投稿" }], user: { login: "t-office-corr" } } }));
    const r = await runScriptAsync("submit", ["--root", root, "--now", NOW, "--event", event]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("自动检查通过");
    expect(readFileSync(join(root, "content/news/updates/2026/zhou-li-hui.md"), "utf8")).toContain("unit: office\nauthor: 办公室通讯员\n");
  });
});
