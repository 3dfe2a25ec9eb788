import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readWorkflowTexts } from "../src/adapters/repository-files.ts";
import { adminOwners, generateCodeowners } from "../src/codeowners/generate.ts";
import { unitOwners } from "../src/roster/roster.ts";
import { ownersOf, parseCodeowners } from "../src/codeowners/match.ts";
import { isLeaf } from "../src/columns/column-tree.ts";
import { parseWorkflows } from "../src/workflows/parse-workflows.ts";
import { checkDir, MINI, portalCopy, REPO, writeIn } from "./helpers/portal.ts";

describe("the CODEOWNERS matcher follows GitHub's documented rules", () => {
  const rules = (text: string) => parseCodeowners(text);
  it("the last matching pattern takes precedence", () => {
    const r = rules("* @global\n/content/ @content\n/content/news/ @news\n");
    expect(ownersOf("content/news/2026/a.md", r)).toEqual(["@news"]);
    expect(ownersOf("content/other/a.md", r)).toEqual(["@content"]);
    expect(ownersOf("README.md", r)).toEqual(["@global"]);
  });
  it("is case-sensitive", () => {
    const r = rules("/Content/ @upper\n");
    expect(ownersOf("content/a.md", r)).toEqual([]);
    expect(ownersOf("Content/a.md", r)).toEqual(["@upper"]);
  });
  it("`/docs/*` matches files in docs but not in its subfolders", () => {
    const r = rules("/docs/* @docs\n");
    expect(ownersOf("docs/getting-started.md", r)).toEqual(["@docs"]);
    expect(ownersOf("docs/build-app/troubleshooting.md", r)).toEqual([]);
  });
  it("a trailing slash matches the folder recursively; `apps/` matches anywhere", () => {
    const r = rules("apps/ @apps\n/build/logs/ @logs\n");
    expect(ownersOf("apps/a.js", r)).toEqual(["@apps"]);
    expect(ownersOf("src/apps/deep/a.js", r)).toEqual(["@apps"]);
    expect(ownersOf("build/logs/2026/x.log", r)).toEqual(["@logs"]);
    expect(ownersOf("src/build/logs/x.log", r)).toEqual([]);
  });
  it("`*.js` matches at any depth and `**` crosses folders", () => {
    const r = rules("*.js @js\n/docs/**/guide.md @guides\n");
    expect(ownersOf("a/b/c.js", r)).toEqual(["@js"]);
    expect(ownersOf("docs/guide.md", r)).toEqual(["@guides"]);
    expect(ownersOf("docs/x/y/guide.md", r)).toEqual(["@guides"]);
  });
  it("a pattern without owners leaves the path unowned", () => {
    const r = rules("* @all\n/content/free/\n");
    expect(ownersOf("content/free/a.md", r)).toEqual([]);
  });
});

describe("the generated CODEOWNERS", () => {
  for (const [name, root] of [["the sample portal", REPO], ["the mini portal", MINI]] as const) {
    const { portal } = parseWorkflows(readWorkflowTexts(root));
    const text = generateCodeowners(portal!);
    const rules = parseCodeowners(text);

    it(`${name}: every column path resolves to exactly its units' owners`, () => {
      for (const column of portal!.columns.filter((c) => isLeaf(c) && c.kind !== "link")) {
        const want = [...new Set(column.units.flatMap((id) => unitOwners(portal!.unitById.get(id)!, portal!)))];
        expect(want.length, column.path).toBeGreaterThan(0);
        expect(ownersOf(`content/${column.path}/2026/some-article.md`, rules), column.path).toEqual(want);
        expect(ownersOf(`content/${column.path}/2026/photo.jpg`, rules), column.path).toEqual(want);
      }
    });

    it(`${name}: the rules, the code and CODEOWNERS itself belong to the admins`, () => {
      const admins = adminOwners(portal!);
      expect(admins.length).toBeGreaterThan(0);
      for (const p of ["workflows/units.yaml", "workflows/words/block.txt", ".github/workflows/gate.yml", "src/checks/x.ts", "scripts/check.ts", "CODEOWNERS", "package.json", "package-lock.json", "README.md"]) {
        expect(ownersOf(p, rules), p).toEqual(admins);
      }
    });

    it(`${name}: the committed file is up to date and says it is generated`, () => {
      expect(readFileSync(join(root, "CODEOWNERS"), "utf8")).toBe(text);
      expect(text).toMatch(/自动生成，请勿手工修改/);
    });
  }

  it("uses the unit's team when the site names a GitHub organisation, else its unlocked reviewers", () => {
    const { portal } = parseWorkflows(readWorkflowTexts(REPO));
    const office = portal!.unitById.get("office")!;
    const daily = portal!.unitById.get("daily")!;
    expect(unitOwners(office, portal!)).toEqual(["@example-zx/office"]);
    expect(unitOwners(daily, portal!)).toEqual(["@sx-daily-editor"]);
  });

  it("a column led by one unit belongs to the lead and to its supporters, and says which is which", () => {
    const root = portalCopy();
    writeIn(root, "workflows/columns.yaml", readFileSync(join(root, "workflows/columns.yaml"), "utf8").replace("{ id: guides, name: 办事指南, kind: guide, units: [bureau] }", "{ id: guides, name: 办事指南, kind: guide, lead: bureau, support: [office] }"));
    const { portal } = parseWorkflows(readWorkflowTexts(root));
    const text = generateCodeowners(portal!);
    // A supporter's item is signed by its own unit's reviewer, so GitHub must count that reviewer as a code owner.
    expect(ownersOf("content/services/guides/2026/a.md", parseCodeowners(text))).toEqual(["@t-bureau-head", "@t-office-head"]);
    expect(text).toContain("# 办事指南：县发展改革局（牵头）、县政府办公室（配合）\n/content/services/guides/ @t-bureau-head @t-office-head\n");
  });

  it("the sample's 委员风采: 委工委牵头、各委室配合 (seed 000 附件1)", () => {
    const text = readFileSync(join(REPO, "CODEOWNERS"), "utf8");
    expect(text).toContain("# 委员风采：市政协委员工作委员会（牵头）、市政协各专门委员会（配合）\n/content/duties/profiles/ @example-zx/members @example-zx/committees\n");
  });

  it("leaves locked reviewers out", () => {
    const root = portalCopy();
    const units = readFileSync(join(root, "workflows/units.yaml"), "utf8").replace(
      "{ login: t-bureau-head, name: 发改局局长, roles: [reviewer] }",
      "{ login: t-bureau-head, name: 发改局局长, roles: [reviewer], locked: { date: 2026-10-01, reason: 调离 } }\n      - { login: t-bureau-deputy, name: 发改局副局长, roles: [reviewer] }",
    );
    writeIn(root, "workflows/units.yaml", units);
    const { portal } = parseWorkflows(readWorkflowTexts(root));
    const rules = parseCodeowners(generateCodeowners(portal!));
    expect(ownersOf("content/services/guides/2026/a.md", rules)).toEqual(["@t-bureau-deputy"]);
  });

  it("a column added to columns.yaml without regenerating makes check fail", () => {
    const root = portalCopy();
    const columns = readFileSync(join(root, "workflows/columns.yaml"), "utf8").replace(
      "    - { id: updates,",
      "    - { id: photos, name: 图片新闻, kind: news, units: [office] }\n    - { id: updates,",
    );
    writeIn(root, "workflows/columns.yaml", columns);
    writeIn(root, "content/news/photos/2026/first.md", "---\ntitle: 图片新闻\ncategory: submitted\nsource: 县政府办公室\nunit: office\n---\n正文\n");
    const result = checkDir(root);
    expect(result.ok).toBe(false);
    expect(result.errors.map((f) => f.rule)).toEqual(["CODEOWNERS.STALE"]);
  });
});
