import { describe, expect, it } from "vitest";
import { nationalVerdicts, type ColumnStanding } from "../src/columns/national-indicators.ts";
import { columnState, staleDays } from "../src/columns/staleness.ts";
import type { ColumnKind } from "../src/columns/columns-schema.ts";

const now = new Date("2026-12-02T09:00:00+08:00");
const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 3600 * 1000);

describe("a column's staleness (栏目不更新)", () => {
  it("is ok, due soon at 70 % of its period, stale once the period has passed, blank without any item", () => {
    expect(columnState(14, daysAgo(9), now).status).toBe("ok");
    expect(columnState(14, daysAgo(10), now).status).toBe("due-soon");
    expect(columnState(14, daysAgo(13.9), now).status).toBe("due-soon");
    expect(columnState(14, daysAgo(14), now).status).toBe("stale");
    expect(columnState(1, daysAgo(13), now).status).toBe("stale");
    expect(columnState(14, undefined, now)).toEqual({ status: "blank", lastPublished: undefined, staleAfterDays: 14, dueBy: undefined });
  });

  it("says when the column falls due, and takes another share for due-soon", () => {
    const last = new Date("2026-11-25T10:30:00+08:00");
    expect(columnState(14, last, now).dueBy?.toISOString()).toBe("2026-12-09T02:30:00.000Z");
    expect(columnState(14, daysAgo(8), now, 0.5).status).toBe("due-soon");
  });

  it("reads stale_after as days or weeks, else the kind's default", () => {
    expect(staleDays("1d", "news")).toBe(1);
    expect(staleDays("2w", "news")).toBe(14);
    expect(staleDays(undefined, "policy")).toBe(180);
    expect(staleDays(undefined, "link")).toBeUndefined();
  });
});

describe("the national verdicts (国办秘函〔2019〕19号)", () => {
  const standing = (id: string, kind: ColumnKind, age: number | undefined, period = 14): ColumnStanding => ({
    id,
    kind,
    state: columnState(period, age === undefined ? undefined : daysAgo(age), now),
  });
  const byRule = (vs: ReturnType<typeof nationalVerdicts>) => Object.fromEntries(vs.map((v) => [v.rule, v]));

  it("pass for a fresh portal", () => {
    const vs = nationalVerdicts([standing("news/a", "news", 1), standing("open/policy", "policy", 30, 180)], daysAgo(1), now);
    expect(vs.every((v) => v.pass)).toBe(true);
  });

  it("veto more than 5 news columns 2 weeks old or notice/policy columns 6 months old, with the columns as evidence", () => {
    const five = [1, 2, 3, 4, 5].map((i) => standing(`news/n${i}`, "news", 15));
    const v5 = byRule(nationalVerdicts(five, daysAgo(1), now))["NATIONAL.COLUMNS_NOT_UPDATED"]!;
    expect(v5).toMatchObject({ pass: true, count: 5, threshold: 6 });
    const six = [...five, standing("open/policy", "policy", 181, 180)];
    const v6 = byRule(nationalVerdicts(six, daysAgo(1), now))["NATIONAL.COLUMNS_NOT_UPDATED"]!;
    expect(v6).toMatchObject({ pass: false, count: 6 });
    expect(v6.columns).toContain("open/policy");
    // A policy column 5 months old is within the national period.
    expect(byRule(nationalVerdicts([standing("open/policy", "policy", 150, 30)], daysAgo(1), now))["NATIONAL.COLUMNS_NOT_UPDATED"]!.count).toBe(0);
  });

  it("veto a home page 2 weeks without an update, and warn at 10 days", () => {
    const at = (d: number) => byRule(nationalVerdicts([], daysAgo(d), now));
    expect(at(9)["WARNING.HOME_NOT_UPDATED"]!.pass).toBe(true);
    expect(at(10)["WARNING.HOME_NOT_UPDATED"]!.pass).toBe(false);
    expect(at(13)["NATIONAL.HOME_NOT_UPDATED"]!.pass).toBe(true);
    expect(at(14)["NATIONAL.HOME_NOT_UPDATED"]).toMatchObject({ pass: false, count: 14, threshold: 14 });
    const never = byRule(nationalVerdicts([], undefined, now))["NATIONAL.HOME_NOT_UPDATED"]!;
    expect(never.pass).toBe(false);
    expect(never.description).toContain("从未");
  });

  it("veto more than 5 blank columns and more than 10 long-stale ones; warn at 2 blank", () => {
    const blanks = (n: number) => Array.from({ length: n }, (_, i) => standing(`b/${i}`, "notice", undefined, 180));
    expect(byRule(nationalVerdicts(blanks(2), daysAgo(1), now))["WARNING.BLANK_COLUMNS"]!.pass).toBe(false);
    expect(byRule(nationalVerdicts(blanks(5), daysAgo(1), now))["NATIONAL.BLANK_COLUMNS"]!.pass).toBe(true);
    expect(byRule(nationalVerdicts(blanks(6), daysAgo(1), now))["NATIONAL.BLANK_COLUMNS"]!.pass).toBe(false);
    const staleOwn = Array.from({ length: 11 }, (_, i) => standing(`g/${i}`, "guide", 40, 30));
    const long = byRule(nationalVerdicts(staleOwn, daysAgo(1), now))["NATIONAL.LONG_NOT_UPDATED"]!;
    expect(long).toMatchObject({ pass: false, count: 11, threshold: 11 });
    expect(byRule(nationalVerdicts(staleOwn.slice(1), daysAgo(1), now))["NATIONAL.LONG_NOT_UPDATED"]!.pass).toBe(true);
  });
});
