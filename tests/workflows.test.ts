import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readWorkflowTexts } from "../src/adapters/repository-files.ts";
import { accountableUnits, mayDeliver, timelinessDuties } from "../src/columns/responsibility.ts";
import { parseWorkflows } from "../src/workflows/parse-workflows.ts";
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
    // 附件1's ten, and 信息公开 for the national guideline's 政务公开 entries (its columns.yaml comment says so).
    expect(top).toEqual(["政协概况", "政协新闻", "政协会议", "政协工作", "委员履职", "党派团体", "县区政协", "理论研究", "政协内刊", "信息公开", "履职系统"]);
    const politics = portal!.columnByPath.get("news/politics")!;
    expect(politics.timeliness).toBe("same-day");
    expect(politics.units.map((u) => portal!.unitById.get(u)!.name)).toContain("示例日报社");
    expect(portal!.columnByPath.get("cloud/proposals-cloud")!.kind).toBe("link");
  });

  it("a news column is stale after 14 days, a notice or policy column after 180, a profile after 365", () => {
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

  it("a feed belongs on a link column, and a wrong one is told field by field", () => {
    const onNews = withEdit("columns.yaml", (t) => t.replace("timeliness: same-day }", 'timeliness: same-day, feed: "https://x.example.gov.cn/rss.xml" }'));
    expect(onNews.errors.map((f) => [f.rule, f.message])).toContainEqual(["COLUMNS.LINK_FEED", "栏目「工作动态」写了 feed 但类型不是 link：feed 只用于链接栏目，显示被链接网站的最新信息；本栏目的文章请用 crawl 抓取"]);
    const wrong = withEdit("columns.yaml", (t) => t.replace('url: "https://city.example.gov.cn/" }', 'url: "https://city.example.gov.cn/", feed: { url: "https://city.example.gov.cn/x/", type: rss } }'));
    expect(wrong.errors.map((f) => [f.rule, f.message])).toEqual([["SCHEMA.ENUM", "([3].children[0].feed.type)：type 应为 feed（RSS/Atom 订阅）或 list（列表页）"]]);
    const right = withEdit("columns.yaml", (t) => t.replace('url: "https://city.example.gov.cn/" }', 'url: "https://city.example.gov.cn/", feed: { url: "https://city.example.gov.cn/x/", type: list, selectors: { item: "ul.list li" } } }'));
    expect(right.errors).toEqual([]);
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

describe("the model expresses every seed", () => {
  it("a level can be held only by one unit's office staff (seed 003: 公共信用信息中心编辑)", () => {
    const r = withEdit("review.yaml", (t) => t.replace("office: { name: 复审, by: office }", "office: { name: 复审, by: office, units: [bureau] }"));
    expect(r.errors.map((f) => f.rule)).toEqual(["REVIEW.NO_SIGNER"]); // bureau has no office-role person
    const ok = withEdit("review.yaml", (t) => t.replace("office: { name: 复审, by: office }", "office: { name: 复审, by: office, units: [office] }"));
    expect(ok.ok).toBe(true);
    const meaningless = withEdit("review.yaml", (t) => t.replace("unit: { name: 初审, by: unit-reviewers }", "unit: { name: 初审, by: unit-reviewers, units: [office] }"));
    expect(meaningless.errors.map((f) => f.rule)).toEqual(["REVIEW.LEVEL_UNITS"]);
  });

  it("the leader in charge of a unit signs its items (分管领导: by unit-leaders and leads)", () => {
    const r = withEdit("review.yaml", (t) => t.replace("leader: { name: 终审, by: leaders }", "leader: { name: 终审, by: unit-leaders }"));
    const f = r.errors.filter((x) => x.rule === "REVIEW.NO_UNIT_LEADER");
    expect(f.map((x) => /^单位「(.+?)」没有分管领导/.exec(x.message)?.[1])).toEqual(["县政府办公室", "县发展改革局"]);
    const root = portalCopy();
    const edit = (file: string, fn: (t: string) => string) => writeIn(root, `workflows/${file}`, fn(readFileSync(join(root, "workflows", file), "utf8")));
    edit("review.yaml", (t) => t.replace("leader: { name: 终审, by: leaders }", "leader: { name: 终审, by: unit-leaders }"));
    edit("units.yaml", (t) => t.replace("roles: [leader] }", "roles: [leader], leads: [office, bureau] }"));
    expect(checkDir(root).errors).toEqual([]);
  });

  it("leads names units that exist, on a leader", () => {
    const r = withEdit("units.yaml", (t) => t.replace("{ login: t-chief, name: 主要领导, roles: [chief] }", "{ login: t-chief, name: 主要领导, roles: [chief], leads: [press] }"));
    expect(r.errors.map((f) => f.rule)).toContain("UNITS.UNKNOWN_UNIT");
    expect(r.warnings.map((f) => f.rule)).toContain("UNITS.LEADS_NOT_LEADER");
  });

  it("a column can take its own chain and limit its categories, and sub-columns inherit both", () => {
    const root = portalCopy();
    const columns = readFileSync(join(root, "workflows/columns.yaml"), "utf8").replace("- id: open\n  name: 信息公开\n", "- id: open\n  name: 信息公开\n  categories: [produced]\n  chain: self-update\n");
    writeIn(root, "workflows/columns.yaml", columns);
    writeIn(root, "workflows/review.yaml", readFileSync(join(root, "workflows/review.yaml"), "utf8").replace("  code: [admins]\n", "  code: [admins]\n  self-update: [unit]\n"));
    const { portal } = parseWorkflows(readWorkflowTexts(root));
    expect(portal!.columnByPath.get("open/policy")).toMatchObject({ chain: "self-update", categories: ["produced"] });
    expect(checkDir(root).ok).toBe(true);
    writeIn(root, "content/open/policy/2026/reprinted.md", readFileSync(join(root, "content/open/policy/2026/enterprise-support.md"), "utf8").replace("category: produced", "category: reprint\nsourceUrl: https://www.gov.cn/x.html"));
    const r = checkDir(root);
    expect(r.errors.map((f) => `${f.rule}:${f.line}`)).toEqual(["ARTICLE.CATEGORY_NOT_ALLOWED:5"]);
  });

  it("a column's chain must be defined", () => {
    const r = withEdit("columns.yaml", (t) => t.replace("kind: guide, units: [bureau]", "kind: guide, units: [bureau], chain: fast"));
    expect(r.errors.map((f) => f.rule)).toEqual(["COLUMNS.UNKNOWN_CHAIN"]);
  });

  it("crawl sources (网上抓取, seed 001) are attributed to a responsible unit", () => {
    const ok = withEdit("columns.yaml", (t) => t.replace("kind: news, units: [office, bureau], timeliness: same-day", "kind: news, units: [office, bureau], timeliness: same-day, crawl: [{ url: 'https://fgj.example.gov.cn/xwdt/', unit: bureau }]"));
    expect(ok.ok).toBe(true);
    const r = withEdit("columns.yaml", (t) => t.replace("kind: guide, units: [bureau]", "kind: guide, units: [bureau], crawl: [{ url: 'https://a.example.gov.cn/', unit: office }]"));
    expect(r.errors.map((f) => f.rule)).toEqual(["COLUMNS.CRAWL_UNIT"]);
  });

  it("the new-media register (seeds 001, 002) names a unit that exists", () => {
    const ok = withEdit("site.yaml", (t) => t + "channels:\n  - { name: 测试政务, platform: wechat, account: csxzw, unit: office, date: 2026-03-02, filed: 2026-03-04 }\n");
    expect(ok.ok).toBe(true);
    const r = withEdit("site.yaml", (t) => t + "channels:\n  - { name: 测试政务, platform: wechat, unit: press }\n");
    expect(r.errors.map((f) => `${f.rule}:${f.line}`)).toEqual(["SITE.UNKNOWN_UNIT:10"]);
  });
});

describe("lead and supporting units (牵头、配合)", () => {
  const GUIDES = "{ id: guides, name: 办事指南, kind: guide, units: [bureau] }";
  const guides = (fields: string) => (t: string) => t.replace(GUIDES, `{ id: guides, name: 办事指南, kind: guide, ${fields} }`);
  // Changing who owns a folder also makes CODEOWNERS stale; that is not what these cases are about.
  const errs = (r: ReturnType<typeof checkDir>) => r.errors.filter((f) => f.rule !== "CODEOWNERS.STALE");
  const found = (r: ReturnType<typeof checkDir>) => errs(r).map((f) => `${f.rule}:${f.line}`);

  it("a column led by one unit with supporters is accepted, and the model says who answers for what", () => {
    const root = portalCopy();
    writeIn(root, "workflows/columns.yaml", guides("lead: bureau, support: [office], timeliness: on-issue, support_timeliness: { working-days: 2 }")(readFileSync(join(root, "workflows/columns.yaml"), "utf8")));
    const { portal } = parseWorkflows(readWorkflowTexts(root));
    const column = portal!.columnByPath.get("services/guides")!;
    expect(column).toMatchObject({ lead: "bureau", support: ["office"], units: ["bureau", "office"] });
    expect(mayDeliver(column, "office")).toBe(true);
    expect(accountableUnits(column)).toEqual(["bureau"]);
    expect(timelinessDuties(column)).toEqual([
      { units: ["bureau"], timeliness: "on-issue", of: "accountable" },
      { units: ["office"], timeliness: { "working-days": 2 }, of: "support" },
    ]);
    // CODEOWNERS is regenerated for the new owners; nothing else is wrong.
    expect(checkDir(root).errors.map((f) => f.rule)).toEqual(["CODEOWNERS.STALE"]);
  });

  it("units of equal standing all answer for the column's timeliness", () => {
    const { portal } = parseWorkflows(readWorkflowTexts(MINI));
    const column = portal!.columnByPath.get("news/updates")!;
    expect(column).toMatchObject({ lead: undefined, support: [] });
    expect(accountableUnits(column)).toEqual(["office", "bureau"]);
    expect(timelinessDuties(column)).toEqual([{ units: ["office", "bureau"], timeliness: "same-day", of: "accountable" }]);
  });

  it("the lead listed again as a supporter, or a supporter twice, is reported with the line", () => {
    const r = withEdit("columns.yaml", guides("lead: bureau, support: [office, bureau, office]"));
    expect(found(r)).toEqual(["COLUMNS.DUPLICATE_UNIT:13", "COLUMNS.DUPLICATE_UNIT:13"]);
    expect(errs(r)[0]!.message).toBe("栏目「办事指南」的牵头单位「bureau」又写在了配合单位中：牵头单位本身就能报送，请从 support 中删去");
    expect(errs(r)[1]!.message).toBe("栏目「办事指南」的配合单位「office」写了两次：请删去重复的一个");
  });

  it("a unit listed twice among units of equal standing is reported (seed 004 办事指南)", () => {
    const r = withEdit("columns.yaml", guides("units: [bureau, office, bureau]"));
    expect(found(r)).toEqual(["COLUMNS.DUPLICATE_UNIT:13"]);
    expect(errs(r)[0]!.message).toBe("栏目「办事指南」的责任单位「bureau」写了两次：请删去重复的一个");
  });

  it("a lead or a supporter that is not in units.yaml is named", () => {
    const r = withEdit("columns.yaml", guides("lead: press, support: [media]"));
    expect(r.errors.filter((f) => f.rule === "COLUMNS.UNKNOWN_UNIT").map((f) => f.message)).toEqual([
      "栏目「办事指南」的牵头单位「press」不在 units.yaml 中：请先在 units.yaml 添加该单位，或改正单位 id",
      "栏目「办事指南」的配合单位「media」不在 units.yaml 中：请先在 units.yaml 添加该单位，或改正单位 id",
    ]);
  });

  it("units and lead together, or supporters without a lead, are refused with what to write", () => {
    const both = withEdit("columns.yaml", guides("units: [office], lead: bureau"));
    expect(found(both)).toEqual(["COLUMNS.LEAD_AND_UNITS:13"]);
    expect(errs(both)[0]!.message).toMatch(/同时写了 units（并列的责任单位）和 lead（牵头单位）.*请把 units 中的单位移到 support/);
    const orphan = withEdit("columns.yaml", guides("units: [bureau], support: [office]"));
    expect(found(orphan)).toEqual(["COLUMNS.SUPPORT_WITHOUT_LEAD:13"]);
    expect(errs(orphan)[0]!.message).toMatch(/写了 support（配合单位）但没有 lead（牵头单位）/);
    const deadline = withEdit("columns.yaml", guides("lead: bureau, support_timeliness: { hours: 6 }"));
    expect(found(deadline)).toEqual(["COLUMNS.SUPPORT_TIMELINESS:13"]);
  });

  it("a lead is one unit id, and support a list: the schema says so in Chinese", () => {
    const list = withEdit("columns.yaml", guides("lead: [bureau]"));
    expect(list.errors.map((f) => f.rule)).toEqual(["SCHEMA.TYPE"]);
    expect(list.errors[0]!.message).toMatch(/^「牵头单位」\(\[2\]\.children\[0\]\.lead\)应为文字/);
    const word = withEdit("columns.yaml", guides("lead: bureau, support: office"));
    expect(word.errors.map((f) => f.rule)).toEqual(["SCHEMA.TYPE"]);
    expect(word.errors[0]!.message).toMatch(/「配合单位」.*应为列表.*请写成 \[office\]/);
  });

  it("the lead answers for the column, so it must have a correspondent of its own", () => {
    const r = withEdit("columns.yaml", guides("lead: office, support: [bureau]"));
    expect(r.errors.map((f) => f.rule)).toEqual(["CODEOWNERS.STALE"]);
    const root = portalCopy();
    writeIn(root, "workflows/columns.yaml", guides("lead: office, support: [bureau]")(readFileSync(join(root, "workflows/columns.yaml"), "utf8")));
    writeIn(root, "workflows/units.yaml", readFileSync(join(root, "workflows/units.yaml"), "utf8").replace("{ login: t-office-corr, name: 办公室通讯员, roles: [correspondent] }", "{ login: t-office-corr, name: 办公室通讯员, roles: [correspondent], locked: { date: 2026-10-01, reason: 调离 } }"));
    const locked = checkDir(root);
    const f = locked.errors.filter((x) => x.rule === "COLUMNS.NO_CORRESPONDENT");
    expect(f.map((x) => x.message)).toContain("栏目「办事指南」的牵头单位「县政府办公室」没有一名未锁定的通讯员：请在 units.yaml 为该单位添加通讯员（correspondent）");
  });

  it("a parent column takes no lead or supporters", () => {
    const r = withEdit("columns.yaml", (t) => t.replace("- id: services\n  name: 办事服务\n", "- id: services\n  name: 办事服务\n  lead: bureau\n  support: [office]\n"));
    expect(found(r)).toEqual(["COLUMNS.PARENT_FIELD:12", "COLUMNS.PARENT_FIELD:13"]);
  });

  it("seed 004: the departments that supply leaders' activity photos are held to 6 hours, the office that publishes them to 9:00 next day", () => {
    const { portal } = parseWorkflows(readWorkflowTexts(join(REPO, "examples", "linyi")));
    const photos = portal!.columnByPath.get("news/tpxw")!;
    expect(photos.lead).toBe("office");
    expect(photos.support).toHaveLength(19); // 市政府各部门
    expect(timelinessDuties(photos)).toEqual([
      { units: ["office"], timeliness: "next-day-9am", of: "accountable" },
      { units: photos.support, timeliness: { hours: 6 }, of: "support" },
    ]);
    // 二（三）2 政府领导：由市委组织部负责提供相关情况，市政府办公室负责更新。
    expect(portal!.columnByPath.get("open/zfld")).toMatchObject({ lead: "office", support: ["zzb"] });
    // 二（六）1（5）经济社会发展：由市政府办公室和市统计局共同负责更新。
    expect(portal!.columnByPath.get("city/lygk/jjshfz")).toMatchObject({ lead: undefined, units: ["office", "tjj"] });
  });

  it("文件发布当日 is on-release, not 文件印发当日 (seed 000 政协章程)", () => {
    const r = withEdit("columns.yaml", guides("units: [bureau], timeliness: on-release"));
    expect(r.ok).toBe(true);
    const bad = withEdit("columns.yaml", guides("units: [bureau], timeliness: on-publish"));
    expect(bad.errors[0]!.message).toMatch(/on-release（文件发布当日）/);
  });
});
