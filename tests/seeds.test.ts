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
