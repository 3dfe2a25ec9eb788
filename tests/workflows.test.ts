import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readWorkflowTexts } from "../src/adapters/portal-files.ts";
import { DEFAULT_STALE_DAYS } from "../src/portal/columns.ts";
import { parseWorkflows } from "../src/portal/parse-workflows.ts";
import { checkDir, MINI, portalCopy, REPO, writeIn } from "./helpers/portal.ts";

/** Edits one workflows file of a fresh mini-portal copy and checks it. */
function withEdit(file: string, edit: (text: string) => string) {
  const root = portalCopy();
  writeIn(root, `workflows/${file}`, edit(readFileSync(join(root, "workflows", file), "utf8")));
  return checkDir(root);
}
const rules = (r: ReturnType<typeof checkDir>) => r.errors.map((f) => f.rule);

describe("the office's rules (workflows/)", () => {
  it("the sample's column table is seed 000's annex 1", () => {
    const { portal } = parseWorkflows(readWorkflowTexts(REPO));
    const top = portal!.columns.filter((c) => !c.parent).map((c) => c.name);
    expect(top).toEqual(["政协概况", "政协新闻", "政协会议", "政协工作", "委员履职", "党派团体", "县区政协", "理论研究", "政协内刊", "履职系统"]);
    const politics = portal!.columnByPath.get("news/politics")!;
    expect(politics.timeliness).toBe("same-day");
    expect(politics.units.map((u) => portal!.unitById.get(u)!.name)).toContain("示例日报社");
    expect(portal!.columnByPath.get("cloud/proposals-cloud")!.kind).toBe("link");
  });

  it("a news column is stale after 14 days, a notice or policy column after 180, a profile after 365", () => {
    expect(DEFAULT_STALE_DAYS.news).toBe(14);
    const { portal } = parseWorkflows(readWorkflowTexts(MINI));
    expect(portal!.columnByPath.get("news/updates")!.staleAfterDays).toBe(14);
    expect(portal!.columnByPath.get("open/policy")!.staleAfterDays).toBe(180);
    const sample = parseWorkflows(readWorkflowTexts(REPO)).portal!;
    expect(sample.columnByPath.get("about/leaders")!.staleAfterDays).toBe(365);
    expect(sample.columnByPath.get("meetings/chairs")!.staleAfterDays).toBe(90); // stale_after: 90d overrides
  });

  it("timeliness takes the seeds' vocabulary, including working days and hours", () => {
    const r = withEdit("columns.yaml", (t) => t.replace("timeliness: same-day", "timeliness: { hours: 6 }"));
    expect(r.ok).toBe(true);
    const bad = withEdit("columns.yaml", (t) => t.replace("timeliness: same-day", "timeliness: 当天"));
    expect(rules(bad)).toContain("SCHEMA.TYPE");
    expect(bad.errors[0]!.message).toMatch(/same-day（当日）/);
  });

  it("a leaf column whose only correspondent is locked cannot be written to", () => {
    const r = withEdit("units.yaml", (t) =>
      t.replace("roles: [correspondent] }\n      - { login: t-bureau-head", "roles: [correspondent], locked: { date: 2026-10-01, reason: 超过一个月未登录 } }\n      - { login: t-bureau-head"),
    );
    expect(rules(r)).toContain("COLUMNS.NO_CORRESPONDENT");
  });

  it("a leaf column whose units have no reviewer cannot pass 初审", () => {
    const r = withEdit("units.yaml", (t) => t.replace("{ login: t-bureau-head, name: 发改局局长, roles: [reviewer] }", "{ login: t-bureau-head, name: 发改局局长, roles: [correspondent] }"));
    expect(rules(r)).toContain("COLUMNS.NO_REVIEWER");
  });

  it("a leaf column without units, and a link column without a url, are errors", () => {
    const r = withEdit("columns.yaml", (t) => t.replace("units: [bureau]", "timeliness: next-day").replace(', url: "https://city.example.gov.cn/"', ""));
    expect(rules(r)).toEqual(expect.arrayContaining(["COLUMNS.NO_UNIT", "COLUMNS.LINK_URL"]));
  });

  it("a parent column does not take units itself", () => {
    const r = withEdit("columns.yaml", (t) => t.replace("- id: open\n  name: 信息公开\n", "- id: open\n  name: 信息公开\n  units: [office]\n"));
    expect(rules(r)).toContain("COLUMNS.PARENT_FIELD");
    expect(r.errors.find((f) => f.rule === "COLUMNS.PARENT_FIELD")!.line).toBe(7);
  });

  it("two sibling columns with one id are an error", () => {
    const r = withEdit("columns.yaml", (t) => t.replace("{ id: interpretation,", "{ id: policy,"));
    expect(rules(r)).toContain("COLUMNS.DUPLICATE_ID");
  });

  it("every review level must have someone to sign it", () => {
    const r = withEdit("units.yaml", (t) => t.replace("roles: [chief]", "roles: [reviewer]"));
    const f = r.errors.find((x) => x.rule === "REVIEW.NO_SIGNER");
    expect(f?.file).toBe("workflows/review.yaml");
    expect(f?.message).toMatch(/主要领导审核/);
  });

  it("escalation names defined chains and levels", () => {
    const r = withEdit("review.yaml", (t) => t.replace("emergency: produced", "emergency: urgent").replace("warn_word: [leader]", "warn_word: [boss]"));
    expect(rules(r)).toEqual(expect.arrayContaining(["REVIEW.UNKNOWN_CHAIN", "REVIEW.UNKNOWN_LEVEL"]));
  });

  it("a chain step may rename its level (seed 003: 办公室 is 终审 in the 报送 chain)", () => {
    const r = withEdit("review.yaml", (t) => t.replace("submitted: [unit, office, leader]", "submitted: [unit, leader, { level: office, name: 终审 }]"));
    expect(r.ok).toBe(true);
  });

  it("a missing rules file is named", () => {
    const root = portalCopy();
    writeIn(root, "workflows/review.yaml", "");
    const r = checkDir(root);
    expect(r.errors[0]).toMatchObject({ file: "workflows/review.yaml", rule: "SCHEMA.TYPE" });
  });

  it("a GitHub login with @ is refused with the fix", () => {
    const r = withEdit("units.yaml", (t) => t.replace("login: t-admin", "login: \"@t-admin\""));
    expect(r.errors[0]).toMatchObject({ rule: "SCHEMA.FORMAT", file: "workflows/units.yaml", line: 10 });
    expect(r.errors[0]!.message).toMatch(/不带 @/);
  });
});
