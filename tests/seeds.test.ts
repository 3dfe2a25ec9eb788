import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readWorkflowTexts } from "../src/adapters/repository-files.ts";
import { checkText } from "../src/content-safety/check-text.ts";
import { parseWorkflows } from "../src/workflows/parse-workflows.ts";
import { REPO } from "./helpers/portal.ts";

/**
 * The five seed documents are real official texts, so they are the best test
 * of false alarms: run through the sample portal's starter lists, none may
 * raise a blocking error or a personal-data finding. Seed 001 prints the
 * office's phone and fax numbers; seed 000 lists its correspondents by name
 * (names are not personal data to mask); both forbid 涉密信息上网 in rule text.
 */
// Copies of shared/seeds: public official documents, kept with the tests so a clone is self-contained.
const SEEDS = join(REPO, "tests", "fixtures", "seeds");
const seeds = readdirSync(SEEDS).filter((f) => /^\d{3}_.*\.txt$/.test(f)).sort();
const { portal } = parseWorkflows(readWorkflowTexts(REPO));

describe("the seed documents through the checker", () => {
  it("all five are here", () => expect(seeds).toHaveLength(5));

  for (const name of seeds) {
    it(`${name} raises no error and no personal data`, () => {
      const text = readFileSync(join(SEEDS, name), "utf8");
      const findings = checkText({ file: name, text, regions: [{ field: "body", start: 0, end: text.length }], piiExemption: undefined }, portal!);
      expect(findings.filter((f) => f.severity === "error").map((f) => `${f.line}:${f.rule} ${f.message.slice(0, 30)}`)).toEqual([]);
      expect(findings.filter((f) => f.rule.startsWith("PII."))).toEqual([]);
    });
  }

  it("seed 001's office numbers and seed 000's roster are really in the texts", () => {
    const s001 = readFileSync(join(SEEDS, seeds.find((s) => s.startsWith("001"))!), "utf8");
    const s000 = readFileSync(join(SEEDS, seeds.find((s) => s.startsWith("000"))!), "utf8");
    expect(s001).toContain("09748512655");
    expect(s000).toContain("2310567");
    expect(s000).toMatch(/通讯员名单/);
  });

  it("a mobile number planted in a seed is found", () => {
    const text = readFileSync(join(SEEDS, seeds[0]!), "utf8") + "\n联系人手机：13912345678\n";
    const findings = checkText({ file: "x", text, regions: [{ field: "body", start: 0, end: text.length }], piiExemption: undefined }, portal!);
    expect(findings.filter((f) => f.rule === "PII.FOUND")).toHaveLength(1);
  });
});

/**
 * Seed 000's 附件1 read from the document itself, row by row, against the
 * sample portal (a fictional 示例市政协: 商洛 becomes 示例). The names the
 * sample spells differently are listed here, and nothing else may differ:
 * a unit dropped from a column, or a column's update requirement changed,
 * fails this test.
 */
describe("the sample portal is seed 000's 附件1, row by row", () => {
  const s000 = readFileSync(join(SEEDS, seeds.find((s) => s.startsWith("000"))!), "utf8");
  const table = s000.slice(s000.lastIndexOf("市政协门户网站信息内容保障责任分解表"), s000.indexOf("附件 2"));
  const COLUMN_NAMES: Record<string, string> = { "履职系统 专题专栏": "履职系统", "“秦商量·在商洛”协商议政云": "协商议政云", 政协商洛市五届历次全会: "历次全会专题" };
  const COUNTIES = ["东城区政协", "西山县政协", "南河县政协", "北岭县政协", "松坪县政协", "柳湾县政协", "青石县政协"];
  const UNIT_NAMES: Record<string, string[]> = {
    研究室: ["市政协研究室"],
    各委室: ["市政协各专门委员会"],
    市政协各委室: ["市政协各专门委员会"],
    市政协委工委: ["市政协委员工作委员会"],
    市政协提案委: ["市政协提案委员会"],
    "各县（区）政协": COUNTIES,
  };
  const TIMELINESS: Record<string, string> = { 文件印发当日: "on-issue", 文件发布当日: "on-release", 当日更新: "same-day", 当日或次日更新: "next-day", 定期更新: "periodic", 刊印后更新: "after-print", 实时更新: "realtime" };
  /** The sample's columns that 附件1 does not list, each there for a reason the columns.yaml comment gives (the 信息公开 four: the national guideline's 政务公开 entries). */
  const SAMPLE_ONLY = ["about/interpretation", "duties/guides", "open/guide", "open/rules", "open/report", "open/application"];

  const rows: { first: string; second: string; units: string; timeliness: string }[] = [];
  let first = "";
  for (const line of table.split("\n").filter((l) => l.includes("\t"))) {
    const [a = "", second = "", units = "", timeliness = ""] = line.split("\t").map((c) => c.trim());
    if (a === "一级栏目") continue;
    first = a || first;
    rows.push({ first, second, units, timeliness });
  }
  const { portal: sample } = parseWorkflows(readWorkflowTexts(REPO));
  const nameOf = (id: string) => sample!.unitById.get(id)?.name ?? id;
  const columnOf = (row: (typeof rows)[number]) => {
    const top = sample!.columns.find((c) => !c.parent && c.name === (COLUMN_NAMES[row.first] ?? row.first));
    if (!row.second || !top) return top;
    return sample!.columns.find((c) => c.parent === top.path && c.name === (COLUMN_NAMES[row.second] ?? row.second));
  };
  /** 市政协委工委牵头、各委室配合 → the lead, the units of equal standing and the supporters, as the sample names them. */
  const expected = (cell: string) => {
    const out = { lead: undefined as string | undefined, units: [] as string[], support: [] as string[] };
    for (const token of cell.split(/[、，]/)) {
      const [, name = token, standing] = /^(.*?)(牵头|配合)?$/.exec(token)!;
      const names = UNIT_NAMES[name] ?? [name.replaceAll("商洛", "示例")];
      if (standing === "牵头") out.lead = names[0];
      else if (standing === "配合") out.support.push(...names);
      else out.units.push(...names);
    }
    return out;
  };

  it("the table has its 29 rows", () => expect(rows).toHaveLength(29));

  it("the online news outlet is in every row that lists it", () => {
    const listing = rows.filter((r) => r.units.includes("商洛新闻网")).map((r) => columnOf(r)?.path);
    expect(listing).toEqual(["news/politics", "news/updates", "meetings/plenary", "meetings/standing", "meetings/chairs", "meetings/consultation", "work/inspection"]);
    for (const path of listing) expect(sample!.columnByPath.get(path!)!.units.map(nameOf), path).toContain("示例新闻网");
  });

  for (const row of rows) {
    it(`${row.first} ${row.second || "（一级栏目）"}: ${row.units}，${row.timeliness}`, () => {
      const column = columnOf(row);
      expect(column, "the sample has this column").toBeDefined();
      const want = expected(row.units);
      const equal = column!.units.filter((u) => u !== column!.lead && !column!.support.includes(u));
      expect({ lead: column!.lead && nameOf(column!.lead), units: equal.map(nameOf), support: column!.support.map(nameOf) }).toEqual(want);
      expect(column!.timeliness).toBe(TIMELINESS[row.timeliness]);
    });
  }

  it("the sample has no other column where articles go, but the ones it documents", () => {
    const fromSeed = new Set(rows.map((r) => columnOf(r)?.path));
    const extra = sample!.columns.filter((c) => !c.children.length && !fromSeed.has(c.path)).map((c) => c.path);
    expect(extra).toEqual(SAMPLE_ONLY);
  });
});
