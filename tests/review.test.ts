import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readWorkflowTexts } from "../src/adapters/repository-files.ts";
import { checkWorkflowReferences } from "../src/workflows/workflow-references.ts";
import { evaluateGate, type GateResult } from "../src/review/count-approvals.ts";
import type { Snapshot } from "../src/review/snapshot.ts";
import { parseWorkflows, type WorkflowTexts } from "../src/workflows/parse-workflows.ts";
import { runScript } from "./helpers/cli.ts";
import { checkPortalFiles } from "../src/jobs/check.ts";
import { MINI, portalCopy, writeIn } from "./helpers/portal.ts";

/**
 * The review gate's scenario table: seeds 000, 002 and 003 in PR form. The
 * mini portal's policy: reprint [office, leader], submitted [unit, office,
 * leader], produced [unit, office, leader, chief], removal [office], code
 * [admins]; emergency → produced; a warn word or a 公示 exemption adds leader.
 * People: office unit t-office-corr (通讯员), t-office-head (审核人),
 * t-editor (网站编辑), t-leader, t-chief, t-admin; bureau unit t-bureau-corr,
 * t-bureau-head.
 */
const HEAD = "c2";
const BASE_TEXTS = readWorkflowTexts(MINI);
const article = (category: string, extra = "", unit = "office") => `---\ntitle: 稿件\ncategory: ${category}\nsource: 县政府办公室\n${category === "reprint" ? "sourceUrl: https://www.gov.cn/a.html\n" : ""}unit: ${unit}\n${extra}---\n正文\n`;
const added = (path: string, head: string) => ({ path, status: "added" as const, head, base: null });
const NEWS = "content/news/updates/2026/new.md";
const GUIDE = "content/services/guides/2026/new.md";
let clock = 0;
const at = () => new Date(Date.UTC(2026, 10, 20, 1, clock++)).toISOString();
const approve = (user: string, commit = HEAD) => ({ user, state: "APPROVED" as const, commit_id: commit, submitted_at: at() });
const review = (user: string, state: "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED") => ({ user, state, commit_id: HEAD, submitted_at: at() });

function pr(files: Snapshot["files"], reviews: Snapshot["reviews"], author = "t-office-corr"): Snapshot {
  return { number: 7, title: "测试", author, head_sha: HEAD, files, reviews, commits: [{ sha: "c1", committed_at: "2026-11-20T00:00:00Z" }, { sha: HEAD, committed_at: "2026-11-20T00:30:00Z" }] };
}
function gate(snapshot: Snapshot, edit?: (t: WorkflowTexts) => WorkflowTexts): GateResult {
  const { portal, findings } = parseWorkflows(edit ? edit(structuredClone(BASE_TEXTS)) : BASE_TEXTS);
  expect(findings.filter((f) => f.severity === "error")).toEqual([]);
  return evaluateGate(portal!, snapshot);
}
const statuses = (r: GateResult) => r.chain.map((s) => `${s.name}:${s.status}${s.by ? `@${s.by}` : ""}`);
const policy = (from: string, to: string) => (t: WorkflowTexts) => ({ ...t, review: t.review!.replace(from, to) });
const roster = (from: string, to: string) => (t: WorkflowTexts) => ({ ...t, units: t.units!.replace(from, to) });

describe("the review gate (三审三校)", () => {
  it("1. a submitted item passes with unit, office and leader in order", () => {
    const r = gate(pr([added(NEWS, article("submitted"))], [approve("t-office-head"), approve("t-editor"), approve("t-leader")]));
    expect(r).toMatchObject({ state: "success", category: "submitted" });
    expect(statuses(r)).toEqual(["初审:approved@t-office-head", "复审:approved@t-editor", "终审:approved@t-leader"]);
  });
  it("2. a reprint needs the office and a leader (seed 003: 2 levels)", () => {
    expect(gate(pr([added(NEWS, article("reprint"))], [approve("t-editor"), approve("t-leader")]))).toMatchObject({ state: "success", category: "reprint" });
  });
  it("3. a produced item needs four levels, the chief last", () => {
    const r = gate(pr([added(NEWS, article("produced"))], [approve("t-office-head"), approve("t-editor"), approve("t-leader"), approve("t-chief")]));
    expect(r.state).toBe("success");
    expect(r.chain).toHaveLength(4);
  });
  it("4. waiting for the leader names who can sign", () => {
    const r = gate(pr([added(NEWS, article("submitted"))], [approve("t-office-head"), approve("t-editor")]));
    expect(r.state).toBe("pending");
    expect(r.description).toBe("初审✓ 复审✓ 终审待审：@t-leader");
  });
  it("5. a skipped level keeps the PR pending", () => {
    expect(statuses(gate(pr([added(NEWS, article("submitted"))], [approve("t-editor"), approve("t-leader")])))).toEqual(["初审:waiting", "复审:waiting", "终审:waiting"]);
  });
  it("6. the right people in the wrong order do not pass", () => {
    expect(gate(pr([added(NEWS, article("submitted"))], [approve("t-leader"), approve("t-editor"), approve("t-office-head")])).state).toBe("pending");
  });
  it("7. one person approving twice counts once", () => {
    expect(gate(pr([added(NEWS, article("reprint"))], [approve("t-editor"), approve("t-editor")])).state).toBe("pending");
  });
  it("8. the author's own approval does not count", () => {
    const r = gate(pr([added(NEWS, article("submitted"))], [approve("t-office-head"), approve("t-editor"), approve("t-leader")], "t-office-head"));
    expect(r.state).toBe("failure"); // the unit's only reviewer is the author: nobody else can sign 初审
    expect(r.reasons[0]).toMatch(/「初审」只有 @t-office-head 能签，但他们是这个 PR 的提交人/);
    expect(r.dismissed).toEqual([expect.objectContaining({ user: "t-office-head", reason: "提交人本人的批准不算审核" })]);
  });
  it("9. an approval before the latest push does not count, and the 审批单 says why", () => {
    const r = gate(pr([added(NEWS, article("reprint"))], [approve("t-editor", "c1"), approve("t-leader")]));
    expect(statuses(r)).toEqual(["复审:waiting", "终审:waiting"]);
    expect(r.dismissed).toEqual([expect.objectContaining({ user: "t-editor", reason: "批准的是较早的版本（c1），之后又有新的提交，请对最新版本重新审核" })]);
  });
  it("待审 names only people who can still sign: who signed one level is not named for another", () => {
    // The editor is also a leader here: eligible for 复审 and 终审, but one person signs one level.
    const both = roster("{ login: t-editor, name: 网站编辑, roles: [office] }", "{ login: t-editor, name: 网站编辑, roles: [office, leader] }");
    expect(both(structuredClone(BASE_TEXTS)).units).not.toBe(BASE_TEXTS.units);
    const r = gate(pr([added(NEWS, article("reprint"))], [approve("t-editor")]), both);
    expect(statuses(r)).toEqual(["复审:approved@t-editor", "终审:waiting"]);
    expect(r.chain[1]!.eligible).not.toContain("t-editor");
    expect(r.description).toBe("复审✓ 终审待审：@t-leader");
  });
  it("a PR into another branch fails from the snapshot alone (a replay reproduces it)", () => {
    const r = gate({ ...pr([added(NEWS, article("reprint"))], [approve("t-editor"), approve("t-leader")]), base_ref: "feature", default_branch: "main" });
    expect(r.state).toBe("failure");
    expect(r.description).toBe("未通过：只审核合并到 main 的 PR，这个 PR 合并到 feature");
  });
  it("10. changes requested after an approval fail the check", () => {
    const r = gate(pr([added(NEWS, article("reprint"))], [approve("t-editor"), review("t-editor", "CHANGES_REQUESTED")]));
    expect(r.state).toBe("failure");
    expect(r.description).toMatch(/^未通过：@t-editor 要求修改/);
  });
  it("11. an approver outside the roster does not count", () => {
    expect(gate(pr([added(NEWS, article("reprint"))], [approve("someone-else"), approve("t-leader")])).state).toBe("pending");
  });
  it("12. a locked approver does not count", () => {
    const locked = roster("{ login: t-editor, name: 网站编辑, roles: [office] }", "{ login: t-editor, name: 网站编辑, roles: [office], locked: { date: 2026-10-01, reason: 超过一个月未登录 } }\n      - { login: t-editor2, name: 网站编辑乙, roles: [office] }");
    const r = gate(pr([added(NEWS, article("reprint"))], [approve("t-editor"), approve("t-leader")]), locked);
    expect(statuses(r)).toEqual(["复审:waiting", "终审:waiting"]);
    expect(r.chain[0]!.eligible).toEqual(["t-editor2"]);
  });
  it("13. a PR that edits units.yaml to make its author a reviewer gains nothing: policy comes from base", () => {
    const units = { path: "workflows/units.yaml", status: "modified" as const, head: BASE_TEXTS.units!.replace("t-office-corr, name: 办公室通讯员, roles: [correspondent]", "t-office-corr, name: 办公室通讯员, roles: [correspondent, reviewer, office, leader]"), base: BASE_TEXTS.units! };
    const r = gate(pr([added(NEWS, article("submitted")), units], [approve("t-office-corr"), approve("t-editor"), approve("t-leader")]));
    expect(r.category).toBe("submitted+code");
    expect(r.state).toBe("pending");
    expect(statuses(r)[0]).toBe("初审:waiting");
  });
  it("14. mixed categories take the strictest chain", () => {
    const r = gate(pr([added(NEWS, article("reprint")), added("content/news/updates/2026/b.md", article("produced"))], []));
    expect(r.category).toBe("produced");
  });
  it("15. two columns from two units: each unit must approve", () => {
    const r = gate(pr([added(NEWS, article("submitted")), added(GUIDE, article("submitted", "", "bureau"))], [approve("t-office-head"), approve("t-bureau-head"), approve("t-editor"), approve("t-leader")]));
    expect(statuses(r)).toEqual(["初审（县政府办公室）:approved@t-office-head", "初审（县发展改革局）:approved@t-bureau-head", "复审:approved@t-editor", "终审:approved@t-leader"]);
    expect(r.state).toBe("success");
  });
  it("16. an emergency item takes the four-level produced chain (seed 003)", () => {
    expect(gate(pr([added(NEWS, article("submitted", "emergency: true\n"))], [])).category).toBe("produced");
  });
  it("17. a warn-level word adds the leader when the chain lacks it", () => {
    const twoLevels = policy("submitted: [unit, office, leader]", "submitted: [unit, office]");
    const plain = gate(pr([added(NEWS, article("submitted"))], []), twoLevels);
    const warned = gate(pr([added(NEWS, article("submitted").replace("正文", "妥善处置群体性事件"))], []), twoLevels);
    expect(plain.chain.map((s) => s.level)).toEqual(["unit", "office"]);
    expect(warned.chain.map((s) => s.level)).toEqual(["unit", "office", "leader"]);
  });
  it("18. a declared personal-data exemption adds the leader", () => {
    const twoLevels = policy("submitted: [unit, office, leader]", "submitted: [unit, office]");
    expect(gate(pr([added(NEWS, article("submitted", "piiExemption: 依法公示\n"))], []), twoLevels).chain.map((s) => s.level)).toEqual(["unit", "office", "leader"]);
  });
  it("19. removing a published article takes the removal chain", () => {
    const r = gate(pr([{ path: "content/news/updates/2026/county-meeting.md", status: "removed", head: null, base: article("submitted") }], [approve("t-editor")]));
    expect(r).toMatchObject({ state: "success", category: "removal" });
  });
  it("20. withdrawing a published article takes the removal chain too", () => {
    const withdrawn = { path: NEWS, status: "modified" as const, base: article("submitted"), head: article("submitted", "withdrawn: { date: 2026-11-21 10:00, reason: 信息有误 }\n") };
    expect(gate(pr([withdrawn], [])).category).toBe("removal");
  });
  it("21. a code change needs the technical admin", () => {
    const r = gate(pr([{ path: "src/checks/x.ts", status: "modified", head: "a", base: "b" }], [approve("t-admin")]));
    expect(r).toMatchObject({ state: "success", category: "code" });
  });
  it("22. content and code in one PR need both chains", () => {
    const r = gate(pr([added(NEWS, article("reprint")), { path: "package.json", status: "modified", head: "{}", base: "{}" }], [approve("t-editor"), approve("t-leader")]));
    expect(r.category).toBe("reprint+code");
    expect(r.state).toBe("pending");
    expect(r.description).toMatch(/技术审核待审：@t-admin/);
  });
  it("23. a level nobody can sign fails the check", () => {
    const noChief = roster("{ login: t-chief, name: 主要领导, roles: [chief] }", "{ login: t-chief, name: 主要领导, roles: [chief], locked: { date: 2026-10-01, reason: 调离 } }");
    const texts = noChief(structuredClone(BASE_TEXTS));
    const { portal } = parseWorkflows(texts);
    const r = evaluateGate(portal!, pr([added(NEWS, article("produced"))], []));
    expect(r.state).toBe("failure");
    expect(r.chain.at(-1)).toMatchObject({ name: "主要领导审核", status: "blocked", eligible: [] });
  });
  it("24. a comment after an approval does not cancel it", () => {
    expect(gate(pr([added(NEWS, article("reprint"))], [approve("t-editor"), review("t-editor", "COMMENTED"), approve("t-leader")])).state).toBe("success");
  });
  it("25. a dismissed review cancels the approval", () => {
    expect(gate(pr([added(NEWS, article("reprint"))], [approve("t-editor"), approve("t-leader"), review("t-leader", "DISMISSED")])).state).toBe("pending");
  });
  it("26. one person holding two roles signs one level only", () => {
    const both = roster("{ login: t-office-head, name: 办公室主任, roles: [reviewer] }", "{ login: t-office-head, name: 办公室主任, roles: [reviewer, office] }");
    expect(statuses(gate(pr([added(NEWS, article("submitted"))], [approve("t-office-head")]), both))).toEqual(["初审:approved@t-office-head", "复审:waiting", "终审:waiting"]);
  });
  it("27. another unit's reviewer cannot sign this unit's 初审", () => {
    expect(statuses(gate(pr([added(NEWS, article("submitted"))], [approve("t-bureau-head")])))[0]).toBe("初审:waiting");
  });
  it("28. logins match whatever their case", () => {
    expect(gate(pr([added(NEWS, article("reprint"))], [approve("T-Editor"), approve("t-leader")])).state).toBe("success");
  });
  it("29. seed 002: the submitting correspondent's own 初审 counts (承办人初审)", () => {
    const authorFirst = policy("reprint: [office, leader]", "reprint: [author, office, leader]");
    const withAuthor = (t: WorkflowTexts) => authorFirst({ ...t, review: t.review!.replace("levels:\n", "levels:\n  author: { name: 初审, by: author-of-unit }\n") });
    const r = gate(pr([added(NEWS, article("reprint"))], [approve("t-editor"), approve("t-leader")]), withAuthor);
    expect(statuses(r)).toEqual(["初审:approved@t-office-corr", "复审:approved@t-editor", "终审:approved@t-leader"]);
  });
  it("30. …but not when the author is not on the unit's roster", () => {
    const authorFirst = (t: WorkflowTexts) => ({ ...t, review: t.review!.replace("levels:\n", "levels:\n  author: { name: 初审, by: author-of-unit }\n").replace("reprint: [office, leader]", "reprint: [author, office, leader]") });
    expect(gate(pr([added(NEWS, article("reprint"))], [approve("t-editor"), approve("t-leader")], "t-bureau-corr"), authorFirst).state).toBe("failure");
  });
  it("31. a column with its own chain uses it whatever the category", () => {
    const selfUpdate = (t: WorkflowTexts) => ({ ...t, review: t.review!.replace("  code: [admins]\n", "  code: [admins]\n  self-update: [unit]\n"), columns: t.columns!.replace("{ id: guides, name: 办事指南, kind: guide, units: [bureau] }", "{ id: guides, name: 办事指南, kind: guide, units: [bureau], chain: self-update }") });
    const r = gate(pr([added(GUIDE, article("produced", "", "bureau"))], [approve("t-bureau-head")], "t-bureau-corr"), selfUpdate);
    expect(r).toMatchObject({ state: "success", category: "self-update" });
  });
  it("32. a later approval replaces an earlier one, so order is judged on the latest", () => {
    const c = clock;
    const early = { user: "t-editor", state: "APPROVED" as const, commit_id: HEAD, submitted_at: new Date(Date.UTC(2026, 10, 20, 1, c)).toISOString() };
    const unit = { user: "t-office-head", state: "APPROVED" as const, commit_id: HEAD, submitted_at: new Date(Date.UTC(2026, 10, 20, 1, c + 1)).toISOString() };
    const again = { ...early, submitted_at: new Date(Date.UTC(2026, 10, 20, 1, c + 2)).toISOString() };
    const leader = { ...early, user: "t-leader", submitted_at: new Date(Date.UTC(2026, 10, 20, 1, c + 3)).toISOString() };
    expect(gate(pr([added(NEWS, article("submitted"))], [early, unit, again, leader])).state).toBe("success");
  });
  it("33. the leader in charge of the unit signs, not any leader (by: unit-leaders)", () => {
    const inCharge = (t: WorkflowTexts) => ({ ...t, review: t.review!.replace("leader: { name: 终审, by: leaders }", "leader: { name: 终审, by: unit-leaders }"), units: t.units!.replace("{ login: t-leader, name: 分管领导, roles: [leader] }", "{ login: t-leader, name: 分管领导, roles: [leader], leads: [office] }\n      - { login: t-leader2, name: 分管领导乙, roles: [leader], leads: [bureau] }") });
    const r = gate(pr([added(NEWS, article("reprint"))], [approve("t-editor"), approve("t-leader2")]), inCharge);
    expect(statuses(r)).toEqual(["复审:approved@t-editor", "终审:waiting"]);
    expect(r.chain[1]!.eligible).toEqual(["t-leader"]);
  });
});

describe("check and the gate read an article once: the gate escalates on check's own findings", () => {
  const twoLevels = policy("submitted: [unit, office, leader]", "submitted: [unit, office]");
  /** check's findings on one article added to the mini portal, and the levels the gate asks of a PR adding the same text. */
  function both(text: string) {
    const root = portalCopy();
    writeIn(root, NEWS, text);
    const checked = checkPortalFiles(root);
    const findings = [...checked.errors, ...checked.warnings].filter((f) => f.file === NEWS);
    return { findings, rules: findings.map((f) => f.rule), levels: gate(pr([added(NEWS, text)], []), twoLevels).chain.map((s) => s.level) };
  }
  const warnWords = (text: string) => parseWorkflows(BASE_TEXTS).portal!.words.scanner.scan(text).filter((h) => h.entry.level === "warn").map((h) => h.entry.word);

  it("a warn-level word only in a URL field or a YAML comment: no WORDS.WARN in check, no leader in the gate", () => {
    const text = article("submitted", "sourceUrl: https://www.example-daily.cn/上访/1.html\n# 群体性事件 另存一份\n");
    // The file holds two warn-level words: the gate once scanned the whole file and escalated.
    expect(warnWords(text)).toEqual(["上访", "群体性事件"]);
    const r = both(text);
    expect(r.findings).toEqual([]);
    expect(r.levels).toEqual(["unit", "office"]);
  });
  it("a warn-level word in the title: WORDS.WARN in check, the leader in the gate", () => {
    const r = both(article("submitted").replace("title: 稿件", "title: 妥善处置群体性事件"));
    expect(r.rules).toEqual(["WORDS.WARN"]);
    expect(r.findings[0]).toMatchObject({ line: 2, severity: "warning" });
    expect(r.levels).toEqual(["unit", "office", "leader"]);
  });
  it("an ID number published under a declared 公示 exemption: PII.EXEMPT in check, the leader in the gate", () => {
    const r = both(article("submitted", "piiExemption: 依据《公务员录用规定》公示\n").replace("正文", "拟录用人员身份证号11010519491231002X。"));
    expect(r.rules).toEqual(["PII.EXEMPT"]);
    expect(r.levels).toEqual(["unit", "office", "leader"]);
  });
  it("an exemption declared where no ID, mobile or card number is found: PII.EXEMPT at the declaration, the leader still signs", () => {
    const r = both(article("submitted", "piiExemption: 拟表彰人员名单公示\n").replace("正文", "张三，县政府办公室。"));
    expect(r.findings).toMatchObject([{ rule: "PII.EXEMPT", line: 6, severity: "warning" }]);
    expect(r.findings[0]!.message).toMatch(/分管领导终审.*请删除 piiExemption/);
    expect(r.levels).toEqual(["unit", "office", "leader"]);
  });
  it("the same reading of a Chinese category, a BOM and CRLF line ends: check passes it and the gate takes its chain", () => {
    const r = both("\ufeff" + article("报送").replace(/\n/g, "\r\n"));
    expect(r.findings).toEqual([]);
    expect(r.levels).toEqual(["unit", "office"]);
  });
});

describe("the review gate: holes closed", () => {
  it("34. replacing only a published photo takes the strictest chain of its column (its article, not in the PR, could be 制发)", () => {
    const r = gate(pr([{ path: "content/news/updates/2026/photo.jpg", status: "modified", head: null, base: null }], [approve("t-editor")]));
    expect(r.category).toBe("produced");
    expect(r.state).toBe("pending");
    expect(r.chain[0]).toMatchObject({ name: "初审", eligible: ["t-office-head", "t-bureau-head"] });
  });
  it("35. an article claiming a unit not responsible for its column fails the gate", () => {
    const r = gate(pr([added("content/open/policy/2026/x.md", article("produced", "", "bureau"))], [approve("t-bureau-head")]));
    expect(r.state).toBe("failure");
    expect(r.reasons[0]).toMatch(/不是栏目「政策文件」的责任单位/);
  });
});

describe("the review gate: what a review of the code found", () => {
  const ts = (m: number) => new Date(Date.UTC(2026, 10, 20, 3, m)).toISOString();
  it("36. withdrawing while also rewriting the article is reviewed as content too", () => {
    const base = article("submitted");
    const head = article("reprint", "withdrawn: { date: 2026-11-21 10:00, reason: 信息有误 }\n").replace("正文", "完全不同的正文");
    const r = gate(pr([{ path: NEWS, status: "modified", base, head }], [approve("t-editor")]));
    expect(r.category).toBe("submitted+removal"); // the stricter of base (submitted) and head (reprint), plus the removal
    expect(r.state).toBe("pending");
  });
  it("37. editing a published article cannot choose an easier chain", () => {
    const base = article("produced", "emergency: true\n");
    const r = gate(pr([{ path: NEWS, status: "modified", base, head: article("reprint") }], [approve("t-editor"), approve("t-leader")]));
    expect(r.category).toBe("produced");
    expect(r.state).toBe("pending");
  });
  it("38. a column's own chain does not displace another article's chain", () => {
    const selfUpdate = (t: WorkflowTexts) => ({ ...t, review: t.review!.replace("  code: [admins]\n", "  code: [admins]\n  self-update: [unit]\n"), columns: t.columns!.replace("{ id: guides, name: 办事指南, kind: guide, units: [bureau] }", "{ id: guides, name: 办事指南, kind: guide, units: [bureau], chain: self-update }") });
    const r = gate(pr([added(GUIDE, article("produced", "", "bureau")), added(NEWS, article("submitted"))], [approve("t-bureau-head"), approve("t-office-head")]), selfUpdate);
    expect(r.category).toBe("self-update+submitted");
    expect(r.state).toBe("pending");
  });
  it("39. logins written with capitals in the roster still match, and their changes requests still count", () => {
    const caps = roster("login: t-editor,", "login: T-Editor,");
    expect(gate(pr([added(NEWS, article("reprint"))], [approve("t-editor"), approve("t-leader")]), caps).state).toBe("success");
    expect(gate(pr([added(NEWS, article("reprint"))], [approve("t-leader"), review("T-Editor", "CHANGES_REQUESTED")]), caps).state).toBe("failure");
  });
  it("40. someone who pushed a commit to the PR cannot approve it", () => {
    const p = pr([added(NEWS, article("reprint"))], [approve("t-editor"), approve("t-leader")]);
    p.commits.push({ sha: "c3", committed_at: "2026-11-20T00:40:00Z", author: "t-editor" });
    const r = gate(p);
    // t-editor is the only one who can sign 复审: nobody can, and the form says why.
    expect(statuses(r)[0]).toBe("复审:blocked");
    expect(r.reasons).toContain("「复审」只有 @t-editor 能签，但他们是这个 PR 的提交人或向它提交过改动，不能审核自己改动的内容：请网站主管部门在 units.yaml 中为这一级补充人员");
    expect(r.dismissed).toContainEqual(expect.objectContaining({ user: "t-editor", reason: "是这个 PR 中提交的作者或提交者，不能审核自己改动的内容" }));
  });
  it("41. two levels approved in the same second are not in order", () => {
    const same = [{ ...approve("t-editor"), submitted_at: ts(0) }, { ...approve("t-leader"), submitted_at: ts(0) }];
    expect(gate(pr([added(NEWS, article("reprint"))], same)).state).toBe("pending");
  });
  it("42. a PR that changes nothing cannot pass (a commit's status must not carry over)", () => {
    expect(gate(pr([], [])).state).toBe("failure");
  });
  it("43. a photo replaced in another unit's column needs that column's unit", () => {
    const r = gate(pr([added(GUIDE, article("submitted", "", "bureau")), { path: "content/open/policy/2026/enterprise-support-table.pdf", status: "modified", head: null, base: null }], [approve("t-bureau-head"), approve("t-editor"), approve("t-leader")], "t-bureau-corr"));
    expect(r.chain.map((s) => s.eligible.join(","))).toContain("t-office-head");
    expect(r.state).toBe("pending");
  });
  it("44. frontmatter further down the file is not frontmatter", () => {
    const r = gate(pr([added(NEWS, "正文第一段\n\n" + article("reprint"))], [approve("t-editor"), approve("t-leader")]));
    expect(r.state).toBe("failure");
  });
});

describe("npm run gate -- --snapshot", () => {
  it("evaluates a snapshot file offline, printing the stable JSON", () => {
    const file = join(MINI, "..", "gate-snapshot.json");
    const r = runScript("gate", ["--root", MINI, "--snapshot", file, "--json"]);
    expect(r.code).toBe(4);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["state", "category", "chain", "description", "reasons", "problems", "dismissed"]);
    expect(out.chain[0]).toEqual({ level: "unit", name: "初审", status: "approved", by: "t-office-head", at: "2026-11-20T02:00:00Z", eligible: ["t-office-head"], chain: "submitted" });
    expect(out.description).toBe("初审✓ 复审待审 终审待审：@t-editor");
  });

  it("prints the 审批单 for people", () => {
    const r = runScript("gate", ["--root", MINI, "--snapshot", join(MINI, "..", "gate-snapshot.json")]);
    expect(r.stdout).toContain("| 申请单位 | 县政府办公室 |");
    expect(r.stdout).toContain("| 初审 | 办公室主任（@t-office-head） | 2026-11-20 10:00 | 同意，请复审 |");
    expect(r.stdout).toContain("<!-- sanshen:approval-form -->");
  });

  it("explains a malformed snapshot in one sentence", () => {
    const r = runScript("gate", ["--root", MINI, "--snapshot", join(MINI, "workflows", "site.yaml")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^用法错误：无法读取快照/);
  });
});

describe("the review gate: issue 9", () => {
  it("45. a PR whose author is locked in units.yaml cannot pass (a locked account cannot submit)", () => {
    const locked = roster("{ login: t-office-corr, name: 办公室通讯员, roles: [correspondent] }", "{ login: t-office-corr, name: 办公室通讯员, roles: [correspondent], locked: { date: 2026-10-01, reason: 调离 } }");
    const r = gate(pr([added(NEWS, article("reprint"))], [approve("t-editor"), approve("t-leader")]), locked);
    expect(r.state).toBe("failure");
    expect(r.reasons[0]).toMatch(/提交人 @t-office-corr 的账号已锁定（调离）/);
    expect(r.description).toMatch(/^未通过：提交人 @t-office-corr 的账号已锁定/);
  });
  it("46. a PR whose author is on no roster cannot pass (one person, one account)", () => {
    const r = gate(pr([added(NEWS, article("reprint"))], [approve("t-editor"), approve("t-leader")], "stranger"));
    expect(r.state).toBe("failure");
    expect(r.reasons[0]).toMatch(/提交人 @stranger 不在 units\.yaml 的人员名单中/);
  });
  it("47. two units' 初审 are not ordered against each other: either order passes", () => {
    const files = [added(NEWS, article("submitted")), added(GUIDE, article("submitted", "", "bureau"))];
    const oneWay = gate(pr(files, [approve("t-office-head"), approve("t-bureau-head"), approve("t-editor"), approve("t-leader")]));
    const otherWay = gate(pr(files, [approve("t-bureau-head"), approve("t-office-head"), approve("t-editor"), approve("t-leader")]));
    const filesSwapped = gate(pr([...files].reverse(), [approve("t-office-head"), approve("t-bureau-head"), approve("t-editor"), approve("t-leader")]));
    expect([oneWay.state, otherWay.state, filesSwapped.state]).toEqual(["success", "success", "success"]);
  });
  it("48. …but levels stay ordered: 复审 before one unit's 初审 does not count", () => {
    const files = [added(NEWS, article("submitted")), added(GUIDE, article("submitted", "", "bureau"))];
    const r = gate(pr(files, [approve("t-office-head"), approve("t-editor"), approve("t-bureau-head"), approve("t-leader")]));
    expect(r.state).toBe("pending");
    expect(statuses(r)).toEqual(["初审（县政府办公室）:approved@t-office-head", "初审（县发展改革局）:approved@t-bureau-head", "复审:waiting", "终审:waiting"]);
  });
  it("49. one unit approved and the other not: that unit's step shows signed, later levels wait", () => {
    const files = [added(NEWS, article("submitted")), added(GUIDE, article("submitted", "", "bureau"))];
    const r = gate(pr(files, [approve("t-bureau-head"), approve("t-editor")]));
    expect(statuses(r)).toEqual(["初审（县政府办公室）:waiting", "初审（县发展改革局）:approved@t-bureau-head", "复审:waiting", "终审:waiting"]);
  });
  it("50. a column with chain: constructor is an unknown chain, not a crash", () => {
    const texts = structuredClone(BASE_TEXTS);
    texts.columns = texts.columns!.replace("{ id: guides, name: 办事指南, kind: guide, units: [bureau] }", "{ id: guides, name: 办事指南, kind: guide, units: [bureau], chain: constructor }");
    const { portal, findings } = parseWorkflows(texts);
    const r = evaluateGate(portal!, pr([added(GUIDE, article("submitted", "", "bureau"))], [], "t-bureau-corr"));
    expect(r.state).toBe("failure");
    expect(r.reasons.join("\n")).toMatch(/审核链「constructor」/);
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
    // check reports it where the office can fix it, like any misspelt chain
    expect(checkWorkflowReferences(portal!).map((f) => f.rule)).toContain("COLUMNS.UNKNOWN_CHAIN");
  });
  it("51. whoever committed to the PR cannot approve it either (the author field alone is set by anyone)", () => {
    const p = pr([added(NEWS, article("reprint"))], [approve("t-editor"), approve("t-leader")]);
    p.commits.push({ sha: "c3", committed_at: "2026-11-20T00:40:00Z", author: "t-office-corr", committer: "t-editor" });
    expect(statuses(gate(p))[0]).toBe("复审:blocked");
  });
});

describe("the 审批单 stays within what GitHub accepts", () => {
  it("a 66,000-character review comment is clipped on the form, which stays under GitHub's 65,536 characters", async () => {
    const { renderApprovalForm } = await import("../src/review/approval-form.ts");
    const { portal } = parseWorkflows(BASE_TEXTS);
    const snapshot = pr([added(NEWS, article("reprint"))], [{ ...approve("t-editor"), body: "同意。" + "很长的意见".repeat(13_200) }, approve("t-leader")]);
    const result = evaluateGate(portal!, snapshot);
    expect(result.state).toBe("success");
    const form = renderApprovalForm(portal!, snapshot, result);
    expect(form.length).toBeLessThan(65_536);
    expect(form).toMatch(/\| 复审 \| .*\| 同意。很长的意见.*……（全文见 PR 的审核意见） \|/);
  });
});

describe("the review gate: files that travel with an article (from review)", () => {
  const withdrawA = { path: NEWS, status: "modified" as const, base: article("submitted"), head: article("submitted", "withdrawn: { date: 2026-11-21 10:00, reason: 信息有误 }\n") };
  const modified = (path: string) => ({ path, status: "modified" as const, head: null, base: null });

  it("withdrawing one article does not carry another article's replaced attachment through the removal chain", () => {
    const r = gate(pr([withdrawA, modified("content/news/updates/2026/b-attachment.pdf"), added("content/news/updates/2026/b-photo.jpg", "")], [approve("t-editor")]));
    expect(r.state).not.toBe("success");
    // The replaced file's article is not in the PR: the strictest chain of the column is required.
    expect(r.chain.map((s) => s.chain)).toContain("produced");
  });

  it("a reprint added beside a policy does not carry the policy's replaced attachment on the reprint's two levels", () => {
    const reprint = added("content/open/policy/2026/some-reprint.md", article("reprint"));
    const r = gate(pr([reprint, modified("content/open/policy/2026/enterprise-support-table.pdf")], [approve("t-editor"), approve("t-leader")]));
    expect(r.state).toBe("pending");
    expect(r.chain.map((s) => s.chain)).toContain("produced");
  });

  it("an attachment the edited article names travels with it", () => {
    const head = article("submitted", "attachments:\n  - { path: ./plan.pdf, title: 方案 }\n");
    const edit = { path: NEWS, status: "modified" as const, base: article("submitted"), head };
    const r = gate(pr([edit, modified("content/news/updates/2026/plan.pdf")], [approve("t-office-head"), approve("t-editor"), approve("t-leader")]));
    expect(r.state).toBe("success");
  });

  it("moving an office article to the bureau needs the office's 初审 as well", () => {
    const edit = { path: NEWS, status: "modified" as const, base: article("submitted"), head: article("submitted", "", "bureau").replace("正文", "改写的正文") };
    const r = gate(pr([edit], [approve("t-bureau-head"), approve("t-editor"), approve("t-leader")], "t-bureau-corr"));
    expect(r.state).toBe("pending");
    expect(r.chain.flatMap((s) => s.eligible)).toContain("t-office-head");
  });
});

describe("the 审批单 lists the approvals that do not count", () => {
  it("an approval of an older version is listed with its reason, not dropped silently", async () => {
    const { renderApprovalForm } = await import("../src/review/approval-form.ts");
    const { portal } = parseWorkflows(BASE_TEXTS);
    const snapshot = pr([added(NEWS, article("reprint"))], [{ ...approve("t-editor", "c1"), submitted_at: "2026-11-20T00:10:00Z" }, approve("t-leader")]);
    const form = renderApprovalForm(portal!, snapshot, evaluateGate(portal!, snapshot));
    expect(form).toContain("| 不计入的批准 | 时间 | 原因 |");
    expect(form).toContain("| 网站编辑（@t-editor） | 2026-11-20 08:10 | 批准的是较早的版本（c1），之后又有新的提交，请对最新版本重新审核 |");
  });
});

describe("gate problems are values with rule ids; the state derives from them", () => {
  it("each way of failing has its rule, and a message alone never decides", () => {
    const locked = roster("{ login: t-office-corr, name: 办公室通讯员, roles: [correspondent] }", "{ login: t-office-corr, name: 办公室通讯员, roles: [correspondent], locked: { date: 2026-10-01, reason: 调离 } }");
    const rules = (r: GateResult) => r.problems.map((p) => p.rule);
    expect(rules(gate(pr([added(NEWS, article("reprint"))], [approve("t-editor"), approve("t-leader")]), locked))).toEqual(["GATE.AUTHOR_LOCKED"]);
    expect(rules(gate(pr([added(NEWS, article("reprint"))], [], "stranger")))).toEqual(["GATE.AUTHOR_UNREGISTERED"]);
    expect(rules(gate(pr([], [])))).toEqual(["GATE.EMPTY"]);
    expect(rules(gate(pr([added(NEWS, article("reprint"))], [review("t-editor", "CHANGES_REQUESTED")])))).toEqual(["GATE.CHANGES_REQUESTED"]);
    const odd = gate(pr([added(NEWS, article("unknown-category"))], []));
    expect(odd.problems).toEqual([{ rule: "GATE.CATEGORY_UNKNOWN", file: NEWS, message: `${NEWS}：信息类别（category）不明` }]);
    expect(odd.reasons).toEqual(odd.problems.map((p) => p.message));
  });

  it("a review comment that merely says 要求修改 does not fail the PR", () => {
    const r = gate(pr([added(NEWS, article("reprint"))], [{ ...approve("t-editor"), body: "已核对，无需要求修改" }, approve("t-leader")]));
    expect(r.state).toBe("success");
  });
});

describe("the review gate: lead and supporting units (seed 000 委员风采 委工委牵头、各委室配合)", () => {
  // 办事指南 led by the bureau, the county media centre supporting; the office is neither.
  const ledGuides = (t: WorkflowTexts): WorkflowTexts => ({
    ...t,
    columns: t.columns!.replace("{ id: guides, name: 办事指南, kind: guide, units: [bureau] }", "{ id: guides, name: 办事指南, kind: guide, lead: bureau, support: [press] }"),
    units: `${t.units!}  - id: press\n    name: 县融媒体中心\n    people:\n      - { login: t-press-corr, name: 融媒体中心记者, roles: [correspondent] }\n      - { login: t-press-head, name: 融媒体中心主任, roles: [reviewer] }\n`,
  });
  it("a supporter's submission passes with its own unit's 初审", () => {
    const r = gate(pr([added(GUIDE, article("submitted", "", "press"))], [approve("t-press-head"), approve("t-editor"), approve("t-leader")], "t-press-corr"), ledGuides);
    expect(r.problems).toEqual([]);
    expect(statuses(r)).toEqual(["初审:approved@t-press-head", "复审:approved@t-editor", "终审:approved@t-leader"]);
    expect(r.state).toBe("success");
  });
  it("the lead's reviewer cannot sign the supporter's 初审", () => {
    const r = gate(pr([added(GUIDE, article("submitted", "", "press"))], [approve("t-bureau-head"), approve("t-editor"), approve("t-leader")], "t-press-corr"), ledGuides);
    expect(r.state).toBe("pending");
    expect(r.chain[0]).toMatchObject({ name: "初审", eligible: ["t-press-head"] });
  });
  it("a unit that is neither lead nor supporter is refused", () => {
    const r = gate(pr([added(GUIDE, article("submitted", "", "office"))], [approve("t-office-head"), approve("t-editor"), approve("t-leader")]), ledGuides);
    expect(r.state).toBe("failure");
    expect(r.problems.map((p) => p.rule)).toEqual(["GATE.UNIT_NOT_RESPONSIBLE"]);
    expect(r.reasons[0]).toMatch(/报送单位「office」不是栏目「办事指南」的责任单位/);
  });
});
