import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScript } from "./helpers/cli.ts";
import { portalCopy, REPO, writeIn } from "./helpers/portal.ts";

/** A portal committed on main, then a branch `pr` with `files` added, checked with --changed main at `now`. */
function pr(from: string, files: Record<string, string>, now: string) {
  const root = portalCopy(from);
  const git = (...a: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...a], { cwd: root, encoding: "utf8" });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-qm", "base");
  git("checkout", "-qb", "pr");
  for (const [path, text] of Object.entries(files)) writeIn(root, path, text);
  git("add", "-A");
  git("commit", "-qm", "pr");
  const r = runScript("check", ["--root", root, "--changed", "main", "--now", now, "--json"]);
  const out = JSON.parse(r.stdout) as { ok: boolean; warnings: { file: string; line: number; rule: string; message: string }[] };
  return { code: r.code, ...out, late: out.warnings.filter((w) => w.rule === "ARTICLE.LATE") };
}
const news = (eventAt: string, unit = "office") => `---\ntitle: 县里召开防汛工作会议\neventAt: ${eventAt}\ncategory: submitted\nsource: 县政府办公室\nunit: ${unit}\n---\n县里召开防汛工作会议。\n`;

describe("check --changed judges an item against its column's update requirement", () => {
  it("a same-day news item merged two days (a weekend) after its event is a warning on the PR, at its eventAt line; on the day, none", () => {
    const late = pr(join(REPO, "tests/fixtures/mini-portal"), { "content/news/updates/2026/flood-meeting.md": news("2026-11-20 10:00") }, "2026-11-22T09:00:00+08:00");
    expect(late.code).toBe(0); // a warning: the unit sees it, the merge is not blocked
    expect(late.late).toEqual([expect.objectContaining({ file: "content/news/updates/2026/flood-meeting.md", line: 3 })]);
    expect(late.late[0]!.message).toBe("本栏目「工作动态」要求当日发布（事件时间 2026-11-20 10:00，最迟 2026-11-20 23:59），现在合并发布已超过时限（事件后 47 小时）：请尽快审核发布；超时将记入统计通报，确有原因请在 PR 中说明");
    expect(late.late[0]!.message).not.toMatch(/npm|运行/);
    const onTime = pr(join(REPO, "tests/fixtures/mini-portal"), { "content/news/updates/2026/flood-meeting.md": news("2026-11-20 10:00") }, "2026-11-20T18:00:00+08:00");
    expect(onTime.late).toEqual([]);
  });

  it("a policy issued six months earlier in a 2-working-day column (seed 003 第三条) is late by its working days", () => {
    const policy = "---\ntitle: 测试县促进消费若干措施\ncategory: produced\nsource: 县政府办公室\nunit: office\ndocNumber: 测政办发〔2026〕3号\nissuer: 测试县人民政府办公室\nwrittenDate: 2026-03-02\ntopic: 商贸、海关、旅游\n---\n为促进消费，制定以下措施。\n";
    const r = pr(join(REPO, "tests/fixtures/mini-portal"), { "content/open/policy/2026/consumption.md": policy }, "2026-09-02T10:00:00+08:00");
    expect(r.late).toHaveLength(1);
    expect(r.late[0]!.message).toContain("要求2个工作日内发布（成文日期 2026-03-02，最迟 2026-03-04 23:59）");
    expect(r.late[0]!.message).toContain("事件后 128 个工作日");
  });

  it("holds a supporting department to the supporters' 6 hours and the lead office to 09:00 the next day (seed 004)", () => {
    const linyi = join(REPO, "examples/linyi");
    const photo = (unit: string) => ({ "content/news/tpxw/2026/leader-visit.md": news("2026-11-20 10:00", unit) });
    const supporter = pr(linyi, photo("hbj"), "2026-11-20T17:00:00+08:00");
    expect(supporter.late).toHaveLength(1);
    expect(supporter.late[0]!.message).toContain("要求6小时内发布");
    expect(pr(linyi, photo("office"), "2026-11-20T17:00:00+08:00").late).toEqual([]);
    expect(pr(linyi, photo("office"), "2026-11-21T09:30:00+08:00").late[0]!.message).toContain("要求次日上午9点前发布");
  });

  it("does not judge an article that is already published and only edited", () => {
    const root = join(REPO, "tests/fixtures/mini-portal");
    const edited = pr(root, { "content/news/updates/2026/county-meeting.md": "---\ntitle: 县政府召开第十次常务会议\ndate: 2026-11-02 10:00\ndateReason: 测试数据\neventAt: 2026-10-01 09:00\ncategory: submitted\nsource: 县政府办公室\nunit: office\n---\n11月2日，县政府召开第十次常务会议。\n" }, "2026-11-22T09:00:00+08:00");
    expect(edited.late).toEqual([]);
  });
});
