import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readWorkflowTexts } from "../src/adapters/repository-files.ts";
import { isLeaf, type Column } from "../src/columns/column-tree.ts";
import { timelinessDuties } from "../src/columns/responsibility.ts";
import { describeTimeliness } from "../src/columns/timeliness.ts";
import { GUIDE_ELEMENTS } from "../src/articles/article-schema.ts";
import { parseWorkflows } from "../src/workflows/parse-workflows.ts";
import { runScript } from "./helpers/cli.ts";
import { caseNames, portalCopy, REPO, writeIn } from "./helpers/portal.ts";

// Every update requirement each example portal writes down, broken once and
// kept once: for every leaf column with a deadline and every duty in it (the
// accountable units', the supporters' own), one item by a unit bound by that
// duty, in a pull request checked with --changed at a fixed moment. Late
// items must each be an ARTICLE.LATE warning on their own file; on-time ones
// none. A rule dropped from an example, or a judge that stops counting one
// kind of deadline, fails here. The quotas are the report's (tests/report.test.ts,
// 海南州) and the register's rules are check's (tests/channels.test.ts, 吴忠).

const NOW = "2026-11-20T12:00:00+08:00"; // a Friday; the week before holds no holiday
const LATE_EVENT = "2026-11-02 09:00"; // 18 days, 14 working days before NOW
const ON_TIME_EVENT = "2026-11-20 11:00"; // an hour before NOW

const NO_DEADLINE = new Set(["periodic", "after-print", "realtime"]);

interface Case {
  column: Column;
  unit: string;
  rule: string;
  path: string;
}

function cases(root: string): Case[] {
  const { portal } = parseWorkflows(readWorkflowTexts(root));
  if (!portal) throw new Error(`${root}: the example's rules do not parse`);
  return portal.columns
    .filter((c) => isLeaf(c) && c.kind !== "link")
    .flatMap((column) =>
      timelinessDuties(column)
        .filter((d) => typeof d.timeliness === "object" || !NO_DEADLINE.has(d.timeliness))
        .map((d, i) => ({ column, unit: d.units[0]!, rule: describeTimeliness(d.timeliness), path: `content/${column.path}/2026/rule-check-${i}.md` })),
    );
}

/** A valid item of the column's kind by `unit`, its event (or issue) at `event`. */
function item(c: Case, event: string, policyOf: string | undefined): string {
  const lines = ["---", `title: ${c.column.name}测试信息`, `category: ${c.column.categories?.[0] ?? "submitted"}`, "source: 测试单位", `unit: ${c.unit}`];
  const day = event.slice(0, 10);
  if (c.column.categories?.[0] === "reprint") lines.push("sourceUrl: https://www.gov.cn/zhengce/2026-11/test.htm");
  if (c.column.kind === "policy") lines.push("docNumber: 测发〔2026〕1号", "issuer: 测试单位", `writtenDate: ${day}`, "topic: 综合政务");
  else lines.push(`eventAt: ${event}`);
  if (c.column.kind === "interpretation") lines.push(`interprets: ${policyOf}`);
  if (c.column.kind === "guide") lines.push("guide:", ...Object.keys(GUIDE_ELEMENTS).map((k) => `  ${k}: 详见正文`));
  return [...lines, "---", `${c.column.name}测试信息正文。`, ""].join("\n");
}

/** The example committed on main, a branch adding one item per case, checked with --changed main at NOW. */
function lateWarnings(example: string, event: string): { cases: Case[]; late: Map<string, string>; errors: unknown[] } {
  const root = portalCopy(join(REPO, "examples", example));
  const git = (...a: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...a], { cwd: root, encoding: "utf8" });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-qm", "base");
  git("checkout", "-qb", "pr");
  const all = cases(root);
  // An interpretation names a policy document: one of the example's own.
  const policy = execFileSync("git", ["ls-files", "content"], { cwd: root, encoding: "utf8" })
    .split("\n")
    .find((f) => all.some((c) => c.column.kind === "policy" && f.startsWith(`content/${c.column.path}/`)));
  const policyOf = policy?.replace(/^content\//, "").replace(/\.md$/, "");
  for (const c of all) writeIn(root, c.path, item(c, event, policyOf ?? `${all.find((x) => x.column.kind === "policy")?.column.path}/2026/rule-check-0`));
  git("add", "-A");
  git("commit", "-qm", "items");
  const r = runScript("check", ["--root", root, "--changed", "main", "--now", NOW, "--json"]);
  const out = JSON.parse(r.stdout) as { errors: { file: string; rule: string; message: string }[]; warnings: { file: string; rule: string; message: string }[] };
  return { cases: all, late: new Map(out.warnings.filter((w) => w.rule === "ARTICLE.LATE").map((w) => [w.file, w.message])), errors: out.errors };
}

describe("every example's update requirements, broken and kept", () => {
  for (const example of caseNames(join(REPO, "examples"))) {
    it(`examples/${example}: an item past each column's deadline is a warning naming that deadline; one on time is not`, () => {
      const late = lateWarnings(example, LATE_EVENT);
      expect(late.errors).toEqual([]);
      expect(late.cases.length).toBeGreaterThan(0);
      for (const c of late.cases) {
        expect(late.late.get(c.path), `${c.column.path} (${c.unit}, ${c.rule})`).toContain(`要求${c.rule}发布`);
      }
      const onTime = lateWarnings(example, ON_TIME_EVENT);
      expect(onTime.errors).toEqual([]);
      expect([...onTime.late.keys()]).toEqual([]);
    });
  }
});
