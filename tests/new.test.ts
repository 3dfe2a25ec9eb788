import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, checkDir, portalCopy } from "./helpers/portal.ts";
import { runScript, STACK_TRACE } from "./helpers/cli.ts";

/** `npm run new`: a skeleton in a column of the writer's unit that passes check once its body is written. */
const NOW = "2026-12-07T10:00:00+08:00";

function gitPortal(email?: string, name?: string): string {
  const root = portalCopy();
  spawnSync("git", ["init", "-q"], { cwd: root });
  if (email) spawnSync("git", ["config", "user.email", email], { cwd: root });
  if (name) spawnSync("git", ["config", "user.name", name], { cwd: root });
  return root;
}

const newIn = (root: string, ...args: string[]) => runScript("new", ["--root", root, "--now", NOW, ...args], root, { HOME: root, GIT_CONFIG_NOSYSTEM: "1" });

function writeBody(root: string, file: string, body: string): void {
  const text = readFileSync(join(root, file), "utf8");
  writeFileSync(join(root, file), text.replace("正文……", body));
}

describe("npm run new", () => {
  it("knows the writer by GitHub's commit address and writes a skeleton into their column that passes once the body is written", () => {
    const root = gitPortal("1234+t-bureau-corr@users.noreply.github.com");
    const r = newIn(root, "--column", "updates", "--title", "县发改局召开“十五五”规划座谈会");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const file = "content/news/updates/2026/xian-fa-gai-ju-zhao-kai-shi-wu.md";
    expect(r.stdout).toContain(`已新建 ${file}`);
    expect(r.stdout).toContain("报送单位：县发展改革局");
    expect(r.stdout).toContain("git switch -c article/xian-fa-gai-ju-zhao-kai-shi-wu");
    expect(readFileSync(join(root, file), "utf8")).toBe(
      "---\ntitle: 县发改局召开“十五五”规划座谈会\ncategory: submitted\nsource: 县发展改革局\nunit: bureau\nauthor: 发改局通讯员\n---\n正文……\n",
    );
    // As written: the body is still the placeholder, and check says so.
    expect(checkDir(root).errors.filter((f) => f.file === file).map((f) => f.rule)).toEqual(["TEMPLATE.UNCHANGED"]);
    writeBody(root, file, "12月5日，县发改局召开座谈会。\n\n会议听取了各方意见。");
    expect(checkDir(root).errors.filter((f) => f.file === file)).toEqual([]);
  });

  it("knows the writer by the address in units.yaml or by their name, and by --login", () => {
    const root = gitPortal(undefined, "发改局通讯员");
    expect(newIn(root, "--column", "updates", "--title", "甲").stdout).toContain("报送单位：县发展改革局");
    const units = join(root, "workflows/units.yaml");
    writeFileSync(units, readFileSync(units, "utf8").replace("{ login: t-bureau-corr,", "{ login: t-bureau-corr, email: fgj@example.gov.cn,"));
    spawnSync("git", ["config", "user.name", "某人"], { cwd: root });
    spawnSync("git", ["config", "user.email", "FGJ@example.gov.cn"], { cwd: root });
    expect(newIn(root, "--column", "updates", "--title", "丙").stdout).toContain("报送单位：县发展改革局");
    const byLogin = newIn(root, "--column", "updates", "--title", "乙", "--login", "t-office-corr");
    expect(byLogin.stdout).toContain("报送单位：县政府办公室");
  });

  it("offers only the columns of the writer's unit, and says which they are", () => {
    const root = gitPortal();
    const r = newIn(root, "--login", "t-bureau-corr", "--column", "policy", "--title", "甲");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("栏目「政策文件」不是发改局通讯员（县发展改革局）负责的栏目");
    expect(r.stderr).toContain("news/updates（工作动态）、services/guides（办事指南）");
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it("without a terminal, names the option for what is missing and writes nothing", () => {
    const root = gitPortal();
    const r = newIn(root, "--login", "t-bureau-corr", "--title", "甲");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("还没有回答「投到哪个栏目」：请加上 --column，可选 news/updates（新闻动态 › 工作动态）、services/guides（办事服务 › 办事指南）");
    expect(readdirSync(join(root, "content/news/updates/2026"))).not.toContain("jia.md");
  });

  it("writes every field a policy document needs, and check insists on those left to fill in", () => {
    const root = gitPortal();
    const r = newIn(root, "--login", "t-office-corr", "--column", "open/policy", "--title", "关于印发实施方案的通知", "--category", "制发", "--doc-number", "示政办发〔2026〕3号", "--json");
    expect(r.code).toBe(0);
    const made = JSON.parse(r.stdout) as { file: string; column: string; unit: string; category: string; branch: string };
    expect(made).toMatchObject({ column: "open/policy", unit: "office", category: "produced", branch: "article/guan-yu-yin-fa-shi-shi-fang-an" });
    const text = readFileSync(join(root, made.file), "utf8");
    // Nothing said of the 成文日期: left to fill in, never guessed as today.
    expect(text).toContain("docNumber: 示政办发〔2026〕3号\nissuer: 县政府办公室\nwrittenDate: （请填写） # 成文日期，如 2026-11-02\ntopic: （请填写） # 主题分类，如 综合政务\n");
    const errors = checkDir(root).errors.filter((f) => f.file === made.file);
    expect(errors.map((f) => [f.rule, f.line])).toEqual([["TEMPLATE.UNCHANGED", 9], ["TEMPLATE.UNCHANGED", 10], ["TEMPLATE.UNCHANGED", 12]]);
    writeFileSync(join(root, made.file), text.replace("（请填写） # 成文日期，如 2026-11-02", "2026-11-02").replace("（请填写） # 主题分类，如 综合政务", "综合政务").replace("正文……", "各乡镇人民政府：\n\n现将实施方案印发给你们。"));
    expect(checkDir(root).errors.filter((f) => f.file === made.file)).toEqual([]);
  });

  it("lays out a 办事指南's eleven elements for the clerk to fill in", () => {
    const root = gitPortal();
    const r = newIn(root, "--login", "t-bureau-corr", "--column", "guides", "--title", "企业投资项目备案", "--guide-name", "企业投资项目备案");
    expect(r.code).toBe(0);
    const file = "content/services/guides/2026/qi-ye-tou-zi-xiang-mu-bei-an.md";
    const text = readFileSync(join(root, file), "utf8");
    expect(text).toContain("guide:\n  name: 企业投资项目备案\n  basis: （请填写）\n");
    expect(checkDir(root).errors.filter((f) => f.file === file)).toHaveLength(11); // ten elements and the body
  });

  it("writes a title's ASCII quotes around Chinese words as Chinese quotes, and says when it does not know the writer", () => {
    const root = gitPortal();
    const r = newIn(root, "--column", "updates", "--title", '"两会"精神进基层', "--unit", "office");
    expect(r.code).toBe(0);
    expect(readFileSync(join(root, "content/news/updates/2026/liang-hui-jing-shen-jin-ji-ceng.md"), "utf8")).toContain("title: “两会”精神进基层\n");
    const unknown = newIn(root, "--column", "updates", "--title", "乙");
    expect(unknown.stderr).toContain("没有从 git 的 user.email 或 user.name 认出您");
  });

  it("never overwrites: a second article of the same title gets its own name", () => {
    const root = gitPortal();
    newIn(root, "--login", "t-bureau-corr", "--column", "updates", "--title", "周例会");
    const r = newIn(root, "--login", "t-bureau-corr", "--column", "updates", "--title", "周例会");
    expect(r.stdout).toContain("content/news/updates/2026/zhou-li-hui-2.md");
    expect(existsSync(join(root, "content/news/updates/2026/zhou-li-hui.md"))).toBe(true);
  });
});

/** A person at a terminal: `script` gives the job a real TTY, so the prompts run as they do for a clerk. */
const hasScript = spawnSync("script", ["--version"]).status === 0;

describe.runIf(hasScript)("npm run new at a terminal", () => {
  it("asks for the column, the title and the category in Chinese, then writes the article", async () => {
    const root = gitPortal("t-bureau-corr@users.noreply.github.com");
    const node = process.execPath;
    const command = `stty cols 120 rows 40; ${node} ${join(REPO, "scripts/run.mjs")} new --root ${root} --now ${NOW}`;
    const keys = ["\r", "县发改局召开专题会议\r", "\r"]; // first column (工作动态), the title, the category offered first (报送)
    const child = await import("node:child_process").then(({ spawn }) => spawn("script", ["-qec", command, "/dev/null"], { cwd: root, env: { ...process.env, HOME: root, TERM: "xterm", FORCE_COLOR: "0" } }));
    let screen = "";
    child.stdout.on("data", (d: Buffer) => (screen += d.toString("utf8")));
    const waitFor = async (text: string) => {
      for (let i = 0; i < 200 && !screen.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").includes(text); i++) await new Promise((r) => setTimeout(r, 50));
    };
    await waitFor("投到哪个栏目");
    child.stdin.write(keys[0]);
    await waitFor("标题");
    child.stdin.write(keys[1]);
    await waitFor("信息类别");
    child.stdin.write(keys[2]);
    await new Promise((resolve) => child.on("close", resolve));
    const plain = screen.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "");
    expect(plain).toContain("您是 县发展改革局 的 发改局通讯员");
    expect(plain).toContain("已新建 content/news/updates/2026/xian-fa-gai-ju-zhao-kai-zhuan-ti.md");
    expect(plain).toContain("◇  信息类别（↑↓ 选择，回车确认）\r\n│  报送类");
    expect(plain).not.toMatch(/to navigate|confirm|Operation cancelled/);
    expect(readFileSync(join(root, "content/news/updates/2026/xian-fa-gai-ju-zhao-kai-zhuan-ti.md"), "utf8")).toContain("category: submitted\n");
  });
});
