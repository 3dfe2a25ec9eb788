import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parsePeriod } from "../src/reports/period.ts";
import { runScript } from "./helpers/cli.ts";
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
