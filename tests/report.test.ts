import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commitGraphFromLog } from "../src/adapters/git.ts";
import { parsePeriod } from "../src/reports/period.ts";
import { median, submissionsFromGraph } from "../src/reports/submissions.ts";
import { runScript, runScriptAsync } from "./helpers/cli.ts";
import { fakeGitHub } from "./helpers/fake-github.ts";
import { portalCopy, REPO, writeIn } from "./helpers/portal.ts";

describe("the 通报's period", () => {
  it("reads a month, a quarter or a year in Beijing time", () => {
    expect(parsePeriod("2026-11")).toMatchObject({ name: "2026年11月", start: new Date("2026-10-31T16:00:00Z"), end: new Date("2026-11-30T16:00:00Z") });
    expect(parsePeriod("2026-Q4")).toMatchObject({ name: "2026年第四季度", start: new Date("2026-09-30T16:00:00Z"), end: new Date("2026-12-31T16:00:00Z") });
    expect(parsePeriod("2026")).toMatchObject({ name: "2026年", end: new Date("2026-12-31T16:00:00Z") });
    expect(parsePeriod("2026-13")).toBeUndefined();
    const r = runScript("report", ["--period", "11月"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("统计期「11月」写法不对");
  });
});

/**
 * 海南州 (seed 001 五（四）: each unit at least 3 items a week in 部门动态):
 * the example's history, then in November 2026 the 发改委 publishes 3 items
 * in the week of 16 November and 1 in the week of 23 November.
 */
function hainanzhou(): string {
  const root = portalCopy(join(REPO, "examples/hainanzhou"));
  const git = (when: string, ...a: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...a], { cwd: root, encoding: "utf8", env: { ...process.env, GIT_COMMITTER_DATE: when, GIT_AUTHOR_DATE: when } });
  git("2026-10-01T02:00:00Z", "init", "-q", "-b", "main");
  git("2026-10-01T02:00:00Z", "add", "-A");
  git("2026-10-01T02:00:00Z", "commit", "-qm", "portal");
  const item = (slug: string, when: string, eventDay = when.slice(0, 10)) => {
    writeIn(root, `content/news/departments/2026/${slug}.md`, `---\ntitle: 州发展改革委工作动态${slug}\neventAt: ${eventDay} 09:00\ncategory: submitted\nsource: 海南州发展和改革委员会\nunit: fgw\n---\n工作动态。\n`);
    git(when, "add", "-A");
    git(when, "commit", "-qm", slug);
  };
  item("a1", "2026-11-16T02:00:00Z");
  item("a2", "2026-11-17T02:00:00Z");
  item("a3", "2026-11-19T02:00:00Z", "2026-11-16"); // 3 days after its event: late for next-day
  item("b1", "2026-11-24T02:00:00Z");
  return root;
}

describe("npm run report", () => {
  it("counts each unit's weeks against the weekly quota, its on-time rate, and criticises the weeks missed", () => {
    const root = hainanzhou();
    const r = runScript("report", ["--root", root, "--period", "2026-11", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    const fgw = report.units.find((u: { unit: string }) => u.unit === "fgw");
    // Four ISO weeks have their Thursday in November 2026 (weeks 45–48); one of them reaches 3.
    expect(fgw).toMatchObject({ items: 5, quotaWeeks: 4, quotaWeeksMet: 1, judged: 4, onTime: 3, onTimeRate: 0.75 });
    expect(fgw.late).toEqual([expect.objectContaining({ id: "news/departments/2026/a3" })]);
    expect(report.criticised.find((c: { unit: string }) => c.unit === "fgw").reasons).toEqual(["1 条信息超过更新时限", "3 周未达到每周报送数量", "负责的 1 个栏目未按期更新或空白"]);
  });

  it("writes Markdown, an SVG chart and a printable page, the same bytes on the same history", () => {
    const root = hainanzhou();
    const out = (dir: string) => {
      const r = runScript("report", ["--root", root, "--period", "2026-11", "--out", dir]);
      expect(r.code, r.stderr).toBe(0);
      return ["report.md", "units.svg", "report.html"].map((f) => readFileSync(join(dir, f), "utf8"));
    };
    const [md, svg, html] = out(join(root, "..", `${root.split("/").pop()}-r1`));
    expect(out(join(root, "..", `${root.split("/").pop()}-r2`))).toEqual([md, svg, html]);
    expect(md).toContain("# 门户网站信息报送情况通报（2026年11月）");
    expect(md).toContain("| 州发展和改革委员会 | 5 | 75%（3/4） | 1/4 周 |");
    expect(svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
    expect(svg).toContain("州发展和改革委员会");
    expect(svg).not.toContain("<script");
    expect(html).toContain("@page { size: A4;");
  });
});

describe("the quarterly points (临沂 方案三（二）)", () => {
  const linyi = (notices: string) => {
    const root = portalCopy(join(REPO, "examples/linyi"));
    writeIn(root, "workflows/notices.yaml", notices);
    return root;
  };
  it("deducts 2 points per city notice in the year and caps the rating after 3 of them or one from the province", () => {
    const root = linyi(`notices:
  - { date: 2026-03-10, unit: hbj, by: city, title: 第一季度通报 }
  - { date: 2026-07-10, unit: hbj, by: city, title: 第二季度通报 }
  - { date: 2026-10-20, unit: hbj, by: city, title: 第三季度通报 }
  - { date: 2026-11-05, unit: zsj, by: province, title: 省政府办公厅通报 }
  - { date: 2026-11-06, unit: jtj, by: city, title: 第三季度通报 }
  - { date: 2025-12-01, unit: jtj, by: city, title: 上一年的通报 }
`);
    const r = runScript("report", ["--root", root, "--period", "2026-Q4", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const by = Object.fromEntries(JSON.parse(r.stdout).units.map((u: { unit: string }) => [u.unit, u]));
    expect(by.hbj).toMatchObject({ notices: { city: 1 }, noticesThisYear: { city: 3 }, pointsDeducted: 6, ratingCapped: true });
    expect(by.zsj).toMatchObject({ pointsDeducted: 0, ratingCapped: true });
    expect(by.jtj).toMatchObject({ noticesThisYear: { city: 1 }, pointsDeducted: 2, ratingCapped: false }); // last year's does not count
    const md = runScript("report", ["--root", root, "--period", "2026-Q4"]).stdout;
    expect(md).toContain("## 考核扣分（本年度截至本期）");
    expect(md).toMatch(/\| 市环境保护局 \| 3 次 \| 0 次 \| 6 分 \| 不评为良好以上 \|/);
  });

  it("check names a notice of a unit that does not exist, at its line", () => {
    const root = linyi("notices:\n  - { date: 2026-10-20, unit: nobody, by: city, title: 通报 }\n");
    const r = JSON.parse(runScript("check", ["--root", root, "--json"]).stdout) as { errors: { file: string; line: number; rule: string }[] };
    expect(r.errors).toEqual([expect.objectContaining({ file: "workflows/notices.yaml", line: 2, rule: "NOTICES.UNKNOWN_UNIT" })]);
  });
});

/**
 * The same 发改委 items as a clerk submits them on GitHub: a1 and a2 through
 * pull requests merged with a merge commit (the clerk's branch commits,
 * authored by her account's noreply address), a3 squashed, and b1 pushed
 * directly by an administrator who is not on the roster.
 */
function submittedThroughPullRequests(): { root: string; merges: Record<string, string> } {
  const root = portalCopy(join(REPO, "examples/hainanzhou"));
  const as = (who: [string, string], when: string, ...a: string[]) =>
    execFileSync("git", ["-c", `user.name=${who[0]}`, "-c", `user.email=${who[1]}`, ...a], { cwd: root, encoding: "utf8", env: { ...process.env, GIT_COMMITTER_DATE: when, GIT_AUTHOR_DATE: when } }).trim();
  const admin: [string, string] = ["t", "t@example.invalid"];
  const clerk: [string, string] = ["信息报送员", "81234+hn-fgw-corr@users.noreply.github.com"];
  const github: [string, string] = ["GitHub", "noreply@github.com"];
  as(admin, "2026-10-01T02:00:00Z", "init", "-q", "-b", "main");
  as(admin, "2026-10-01T02:00:00Z", "add", "-A");
  as(admin, "2026-10-01T02:00:00Z", "commit", "-qm", "portal");
  const write = (slug: string, eventDay: string) =>
    writeIn(root, `content/news/departments/2026/${slug}.md`, `---\ntitle: 州发展改革委工作动态${slug}\neventAt: ${eventDay} 09:00\ncategory: submitted\nsource: 海南州发展和改革委员会\nunit: fgw\n---\n工作动态。\n`);
  const merges: Record<string, string> = {};
  const pullRequest = (n: number, slug: string, commits: string[], merged: string, eventDay = merged.slice(0, 10)) => {
    as(clerk, commits[0]!, "checkout", "-q", "-b", slug);
    commits.forEach((when, i) => {
      write(slug, eventDay);
      if (i) writeIn(root, `content/news/departments/2026/${slug}.md`, readFileSync(join(root, `content/news/departments/2026/${slug}.md`), "utf8").replace("工作动态。", `工作动态（第 ${i + 1} 稿）。`));
      as(clerk, when, "add", "-A");
      as(clerk, when, "commit", "-qm", `${slug} 第 ${i + 1} 稿`);
    });
    as(github, merged, "checkout", "-q", "main");
    as(github, merged, "merge", "-q", "--no-ff", slug, "-m", `Merge pull request #${n} from hn-fgw-corr/${slug}`);
    merges[slug] = as(github, merged, "rev-parse", "HEAD");
  };
  pullRequest(1, "a1", ["2026-11-16T01:00:00Z"], "2026-11-16T02:00:00Z"); // 1 hour in review
  pullRequest(2, "a2", ["2026-11-16T22:00:00Z", "2026-11-17T01:00:00Z"], "2026-11-17T02:00:00Z"); // 4 hours, sent back once
  write("a3", "2026-11-16"); // 3 days after its event: late for next-day
  as(clerk, "2026-11-19T02:00:00Z", "add", "-A");
  as(clerk, "2026-11-19T02:00:00Z", "commit", "-qm", "州发展改革委工作动态a3 (#3)");
  merges.a3 = as(clerk, "2026-11-19T02:00:00Z", "rev-parse", "HEAD");
  write("b1", "2026-11-24");
  as(admin, "2026-11-24T02:00:00Z", "add", "-A");
  as(admin, "2026-11-24T02:00:00Z", "commit", "-qm", "b1");
  return { root, merges };
}

describe("the 通报 per person, with review times", () => {
  it("credits each item to the clerk whose pull request brought it, and times the reviews from the merge commits", () => {
    const { root } = submittedThroughPullRequests();
    const r = runScript("report", ["--root", root, "--period", "2026-11", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    const fgw = report.units.find((u: { unit: string }) => u.unit === "fgw");
    // Four submissions: two merges (1 h and 4 h from the branch's first commit), a squash and a direct push (no opening known).
    expect(fgw).toMatchObject({ items: 5, submissions: 4, reviewHoursMedian: 2.5, sentBack: null });
    expect(report.people).toEqual([
      expect.objectContaining({ login: "hn-fgw-corr", unit: "fgw", items: 3, judged: 3, onTime: 2, late: 1, submissions: 3, reviewHoursMedian: 2.5, sentBack: null, byColumn: { "news/departments": 3 } }),
    ]);
    expect(report.reviewsFrom).toBe("git");
    // b1 (the administrator's push) and the items that came with the portal's first commit.
    expect(report.unattributed).toBeGreaterThanOrEqual(2);
    expect(report.commendedPeople).toEqual([]); // her one late item
    const md = runScript("report", ["--root", root, "--period", "2026-11"]).stdout;
    expect(md).toContain("| 州发展改革委信息报送员 | 州发展和改革委员会 | 3 | 66.7%（2/3） | 2.5 小时 | — |");
    expect(md).toMatch(/\| 州发展和改革委员会 \| 5 \| 75%（3\/4） \| 1\/4 周 \| [^|]+ \| 2\.5 小时 \| — \|/);
    expect(md).toContain("退回修改次数只有 GitHub 上有，本次未读取。");
    const out = join(root, "..", `${root.split("/").pop()}-people`);
    expect(runScript("report", ["--root", root, "--period", "2026-11", "--out", out]).code).toBe(0);
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain("<tr><td>州发展改革委信息报送员</td><td>州发展和改革委员会</td><td>3</td><td>66.7%</td><td>2.5 小时</td><td>—</td></tr>");
  });

  it("with GitHub, takes the opening time and the changes requested from the pull requests", async () => {
    const { root, merges } = submittedThroughPullRequests();
    const server = await fakeGitHub("office", "portal", { number: 99, title: "", author: "x", head: "h", base: "b", files: [], reviews: [], commits: [] }, {});
    const review = (id: number, login: string, state: string, at: string) => ({ id, user: { login }, state, submitted_at: at });
    server.closedPulls.push(
      { number: 1, user: { login: "hn-fgw-corr" }, created_at: "2026-11-15T02:00:00Z", updated_at: "2026-11-16T02:00:00Z", merged_at: "2026-11-16T02:00:00Z", merge_commit_sha: merges.a1!, reviews: [review(1, "hn-fgw-lead", "APPROVED", "2026-11-16T01:30:00Z")] },
      { number: 2, user: { login: "hn-fgw-corr" }, created_at: "2026-11-16T20:00:00Z", updated_at: "2026-11-17T02:00:00Z", merged_at: "2026-11-17T02:00:00Z", merge_commit_sha: merges.a2!, reviews: [review(2, "hn-fgw-lead", "CHANGES_REQUESTED", "2026-11-16T23:00:00Z"), review(3, "hn-fgw-lead", "APPROVED", "2026-11-17T01:30:00Z")] },
      { number: 3, user: { login: "hn-fgw-corr" }, created_at: "2026-11-18T02:00:00Z", updated_at: "2026-11-19T02:00:00Z", merged_at: "2026-11-19T02:00:00Z", merge_commit_sha: merges.a3!, reviews: [] },
      { number: 4, user: { login: "hn-fgw-corr" }, created_at: "2026-11-20T02:00:00Z", updated_at: "2026-11-21T02:00:00Z", merged_at: null, merge_commit_sha: null, reviews: [] }, // closed unmerged
      { number: 0, user: { login: "hn-fgw-corr" }, created_at: "2026-09-01T02:00:00Z", updated_at: "2026-09-02T02:00:00Z", merged_at: "2026-09-02T02:00:00Z", merge_commit_sha: "0".repeat(40), reviews: [] }, // before the period: the listing stops here
    );
    try {
      const r = await runScriptAsync("report", ["--root", root, "--period", "2026-11", "--json", "--github", "--repo", "office/portal", "--api-url", server.url], { GITHUB_TOKEN: "t" });
      expect(r.code, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout);
      // 24 h, 6 h and 24 h in review; the direct push has none. One pull request sent back.
      expect(report.units.find((u: { unit: string }) => u.unit === "fgw")).toMatchObject({ submissions: 4, reviewHoursMedian: 24, sentBack: 1 });
      expect(report.people[0]).toMatchObject({ login: "hn-fgw-corr", submissions: 3, reviewHoursMedian: 24, sentBack: 1 });
      expect(report.reviewsFrom).toBe("github");
      expect(server.requests).not.toContain("GET /repos/office/portal/pulls/0/reviews");
      const issue = server.issues.find((i) => i.title === "门户网站信息报送情况通报（2026年11月）")!;
      expect(issue.body).toContain("| 州发展改革委信息报送员 | 州发展和改革委员会 | 3 | 66.7%（2/3） | 24 小时 | 1 |");
    } finally {
      server.server.close();
    }
  });
});

describe("submissions from the commit graph", () => {
  // Newest first, as git log prints: %H %P %aI %cI %an %ae %cn %ce %s.
  const log = (...rows: string[][]) => rows.map((r) => r.join("\x1f")).join("\x1e\n");
  const c = (id: string, parents: string, authored: string, subject: string, author = "hn-a") => [id, parents, `2026-11-${authored}T00:00:00Z`, `2026-11-${authored}T00:00:00Z`, author, `${author}@example.invalid`, "GitHub", "noreply@github.com", subject];
  it("gives each merge only the commits its branch brought, even a branch built on another or one that merged main in", () => {
    const graph = commitGraphFromLog(log(
      c("m2", "m1 b3", "10", "Merge pull request #2 from hn-b/second"),
      c("b3", "b2 m1", "09", "merge main into the branch", "hn-b"),
      c("m1", "m0 a2", "08", "Merge pull request #1 from hn-a/first"),
      c("b2", "a2", "07", "second, built on first", "hn-b"),
      c("a2", "a1", "05", "first, second draft"),
      c("a1", "m0", "03", "first"),
      c("m0", "", "01", "portal", "t"),
    ));
    const s = submissionsFromGraph(graph, new Set(["hn-a", "hn-b"]));
    expect([...s.keys()]).toEqual(["m0", "m1", "m2"]);
    expect(s.get("m1")).toMatchObject({ number: 1, author: "hn-a", opened: new Date("2026-11-03T00:00:00Z"), merged: new Date("2026-11-08T00:00:00Z"), changesRequested: null });
    // b2 and b3 only: a1 and a2 came with pull request #1.
    expect(s.get("m2")).toMatchObject({ number: 2, author: "hn-b", opened: new Date("2026-11-07T00:00:00Z") });
    expect(s.get("m0")).toMatchObject({ number: null, author: null, opened: null });
  });
  it("takes the median of an even count as the mean of the middle two", () => {
    expect(median([4, 1, 24, 6])).toBe(5);
    expect(median([])).toBeNull();
  });
});
