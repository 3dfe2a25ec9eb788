import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runScript, runScriptAsync, STACK_TRACE } from "./helpers/cli.ts";
import { fakeGitHub, type FakeGitHub } from "./helpers/fake-github.ts";
import { portalCopy, writeIn } from "./helpers/portal.ts";

const NOW = "2026-12-02T09:00:00+08:00";

interface StaleJson {
  now: string;
  columns: { id: string; name: string; units: string[]; status: string; lastPublished: string | null; staleAfterDays: number; dueBy: string | null }[];
  verdicts: { rule: string; pass: boolean; count: number; threshold: number; columns: string[] }[];
}

/**
 * The mini portal committed on main on 2026-11-01, then an undated news item
 * that reached main on 2026-11-20 (its publish time is that arrival), and a
 * notice column that never had an item.
 */
function portal(edit: (root: string) => void = () => {}): { root: string; commit: (when: string, message: string) => void } {
  const root = portalCopy();
  const columns = join(root, "workflows/columns.yaml");
  writeFileSync(columns, readFileSync(columns, "utf8").replace("    - { id: interpretation,", "    - { id: notices, name: 通知公告, kind: notice, units: [office] }\n    - { id: interpretation,"));
  edit(root);
  runScript("codeowners", ["--root", root]);
  const commit = (when: string, message: string) => {
    const env = { ...process.env, GIT_COMMITTER_DATE: when, GIT_AUTHOR_DATE: when };
    const git = (...a: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...a], { cwd: root, env, encoding: "utf8" });
    if (message === "init") git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-qm", message);
  };
  commit("2026-11-01T02:00:00Z", "init");
  writeIn(root, "content/news/updates/2026/river-cleanup.md", "---\ntitle: 县里开展河道清理\ncategory: submitted\nsource: 县政府办公室\nunit: office\n---\n11月20日，县里开展河道清理。\n");
  commit("2026-11-20T03:00:00Z", "news");
  return { root, commit };
}

const stale = (root: string, ...more: string[]) => runScript("stale", ["--root", root, "--now", NOW, ...more]);
const json = (root: string, ...more: string[]) => {
  const r = stale(root, "--json", ...more);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as StaleJson;
};
const column = (report: StaleJson, id: string) => report.columns.find((c) => c.id === id)!;

describe("npm run stale", () => {
  it("gives each column its last publication, period, status and due date, in the documented JSON", () => {
    const { root } = portal();
    const report = json(root);
    expect(Object.keys(report)).toEqual(["now", "columns", "verdicts"]);
    expect(report.now).toBe("2026-12-02T01:00:00.000Z");
    // The undated item counts from its arrival on main: 12 of 14 days is past 70 %.
    expect(column(report, "news/updates")).toMatchObject({
      name: "工作动态",
      units: ["office", "bureau"],
      status: "due-soon",
      lastPublished: "2026-11-20T03:00:00.000Z",
      staleAfterDays: 14,
      dueBy: "2026-12-04T03:00:00.000Z",
    });
    expect(column(report, "open/policy")).toMatchObject({ status: "ok", staleAfterDays: 180, lastPublished: "2026-10-10T01:00:00.000Z" });
    expect(column(report, "open/notices")).toMatchObject({ status: "blank", lastPublished: null, dueBy: null });
    // Link columns are inspect's, not stale's.
    expect(report.columns.map((c) => c.id)).not.toContain("links/city");
    for (const c of report.columns) expect(Object.keys(c)).toEqual(expect.arrayContaining(["id", "name", "units", "status", "lastPublished", "staleAfterDays", "dueBy"]));
    const home = report.verdicts.find((v) => v.rule === "NATIONAL.HOME_NOT_UPDATED")!;
    expect(home).toMatchObject({ pass: true, count: 11, threshold: 14, columns: [] });
  });

  it("calls a column with stale_after: 1d and a 13-day-old item stale; --due-soon moves the warning", () => {
    const { root } = portal((r) => {
      const f = join(r, "workflows/columns.yaml");
      writeFileSync(f, readFileSync(f, "utf8").replace("timeliness: same-day }", "timeliness: same-day, stale_after: 1d }"));
    });
    expect(column(json(root), "news/updates")).toMatchObject({ status: "stale", staleAfterDays: 1, dueBy: "2026-11-21T03:00:00.000Z" });
    expect(column(json(root, "--due-soon", "90"), "open/policy").status).toBe("ok");
  });

  it("does not count what a reader cannot see: a scheduled item still waiting, a withdrawn one, an expired one", () => {
    const { root, commit } = portal();
    writeIn(root, "content/open/notices/2026/later.md", "---\ntitle: 关于春节放假的通知\ndate: 2026-12-20 09:00\nscheduled: true\ncategory: produced\nsource: 县政府办公室\nunit: office\n---\n春节放假安排如下。\n");
    writeIn(root, "content/open/notices/2026/old.md", "---\ntitle: 关于停水的通知\ndate: 2026-11-25 09:00\ndateReason: 补录\nexpires: 2026-11-30\ncategory: produced\nsource: 县政府办公室\nunit: office\n---\n11月26日停水。\n");
    writeIn(root, "content/open/notices/2026/wrong.md", "---\ntitle: 关于召开会议的通知\ncategory: produced\nsource: 县政府办公室\nunit: office\nwithdrawn: { date: 2026-11-27 10:00, reason: 通知有误 }\n---\n会议改期。\n");
    commit("2026-11-25T02:00:00Z", "notices");
    expect(column(json(root), "open/notices").status).toBe("blank");
    // Once the scheduled time has passed, it counts.
    const later = runScript("stale", ["--root", root, "--now", "2026-12-21T09:00:00+08:00", "--json"]);
    expect(column(JSON.parse(later.stdout) as StaleJson, "open/notices")).toMatchObject({ status: "ok", lastPublished: "2026-12-20T01:00:00.000Z" });
  });

  it("prints Chinese a portal office can act on, worst first, with the national verdicts", () => {
    const { root } = portal();
    const r = stale(root);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("栏目更新情况（截至 2026-12-02 09:00，共 5 个栏目）");
    expect(r.stdout).toMatch(/空白栏目：\n  通知公告（content\/open\/notices）：还没有任何信息/);
    expect(r.stdout).toContain("工作动态（content/news/updates）：最近一条 2026-11-20，最迟 2026-12-04 前更新（要求 14 天内有更新）");
    expect(r.stdout).toContain("✓ 通过  首页不更新：监测时间点前 2 周内首页没有更新，单项否决（现为 11 天，达到 14 天即不通过）");
    expect(r.stdout).toContain("✗ 未通过  提前预警：首页 10 天没有更新");
    expect(r.stdout).toContain("✓ 通过  提前预警：出现 2 个空白栏目（第三方监测常用的预警线）（现为 1 个，达到 2 个即不通过）");
    expect(r.stdout).not.toMatch(/[A-Za-z]{12,}/);
  });

  it("is not blinded by a word added to the lists today: the words are check's and inspect's, publication is stale's", () => {
    const { root, commit } = portal();
    writeIn(root, "content/news/updates/2026/internal.md", "---\ntitle: 县里召开工作会议\ncategory: submitted\nsource: 县政府办公室\nunit: office\n---\n本文件为内部资料，请勿转发。\n");
    commit("2026-11-28T03:00:00Z", "news with a word blocked since");
    expect(runScript("check", ["--root", root, "--json"]).stdout).toContain("WORDS.BLOCK");
    expect(column(json(root), "news/updates")).toMatchObject({ status: "ok", lastPublished: "2026-11-28T03:00:00.000Z" });
  });

  it("refuses a time without its zone, in Chinese, without a trace", () => {
    const { root } = portal();
    const r = runScript("stale", ["--root", root, "--now", "2026-12-02 09:00"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--now 应为带时区的时间");
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});

describe("npm run stale --github", () => {
  let server: FakeGitHub | undefined;
  afterEach(() => server?.server.close());

  it("keeps one issue per stale or blank column and one dashboard, edited in place, closed when the column is fresh", async () => {
    const { root, commit } = portal((r) => {
      const f = join(r, "workflows/columns.yaml");
      writeFileSync(f, readFileSync(f, "utf8").replace("timeliness: same-day }", "timeliness: same-day, stale_after: 1d }"));
    });
    server = await fakeGitHub("office", "portal", { number: 1, title: "", author: "x", head: "h", base: "b", files: [], reviews: [], commits: [] }, {});
    const run = () => runScriptAsync("stale", ["--root", root, "--now", NOW, "--github", "--repo", "office/portal", "--api-url", server!.url], { GITHUB_TOKEN: "t" });
    const first = await run();
    expect(first.code, first.stderr).toBe(0);
    const open = () => server!.issues.filter((i) => i.state === "open");
    expect(open().map((i) => i.title).sort()).toEqual(["栏目未按期更新：工作动态（2026-11-21 到期）", "栏目更新看板", "空白栏目：通知公告"].sort());
    const news = server.issues.find((i) => i.title.startsWith("栏目未按期更新"))!;
    expect(news.labels).toEqual([{ name: "栏目更新" }]);
    expect(news.body).toContain("最近一条信息发布于 2026-11-20，按要求 1 天内应有更新，已于 2026-11-21 到期");
    expect(news.body).toMatch(/请 @\S+ .*安排报送/);
    const dashboard = server.issues.find((i) => i.title === "栏目更新看板")!;
    expect(dashboard.body).toContain("| 🔴 未按期更新 | 工作动态 |");
    expect(dashboard.body).toContain("| ⚪ 空白 | 通知公告 |");

    // The same day again: nothing new, nothing duplicated, no comments.
    expect((await run()).code).toBe(0);
    expect(server.issues).toHaveLength(3);
    expect(server.comments).toHaveLength(0);

    // A new item in the news column: its issue closes, the dashboard stays and is edited.
    writeIn(root, "content/news/updates/2026/market.md", "---\ntitle: 县里召开市场监管会议\ncategory: submitted\nsource: 县政府办公室\nunit: office\n---\n12月2日，县里召开市场监管会议。\n");
    commit("2026-12-02T00:40:00Z", "fresh");
    expect((await run()).code).toBe(0);
    expect(server.issues).toHaveLength(3);
    expect(news.state).toBe("closed");
    expect(news.state_reason).toBe("completed");
    expect(news.body).toContain("栏目已恢复更新");
    expect(open().map((i) => i.title).sort()).toEqual(["栏目更新看板", "空白栏目：通知公告"].sort());
    expect(dashboard.body).toContain("| 🟢 正常 | 工作动态 |");
  });
});
