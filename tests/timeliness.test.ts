import { describe, expect, it } from "vitest";
import { beijingToDate } from "../src/calendar/dates.ts";
import { calendarYears } from "../src/calendar/working-days.ts";
import { isoWeeksOfPeriod } from "../src/calendar/iso-week.ts";
import { describeTimeliness, judgeTimeliness, type TimedItem } from "../src/columns/timeliness.ts";
import { weeklyQuota } from "../src/columns/quota.ts";
import { timelinessSchema } from "../src/columns/columns-schema.ts";

const at = (beijing: string) => beijingToDate(beijing);
const utc = (iso: string) => new Date(iso);
const item = (from: Partial<TimedItem>, publishedAt: Date): TimedItem => ({ ...from, publishedAt });

describe("proactive documents within 2 working days of issue (印发文件的2个工作日内)", () => {
  const rule = { "working-days": 2 } as const;

  it("a document issued on 9月30日 is due by the end of 10月9日: the National Day week does not count", () => {
    const onTime = judgeTimeliness(rule, item({ writtenDate: "2026-09-30" }, at("2026-10-09 17:00")));
    expect(onTime).toEqual({
      status: "on-time",
      from: at("2026-09-30"),
      deadline: new Date(at("2026-10-10").getTime() - 1),
      lagHours: 233,
      lagWorkingDays: 2,
    });
  });

  it("published on the 调休 Saturday 10月10日 it is one working day late", () => {
    const late = judgeTimeliness(rule, item({ writtenDate: "2026-09-30" }, at("2026-10-10 09:00")));
    expect(late).toMatchObject({ status: "late", lagWorkingDays: 3 });
  });

  it("a policy published six months after its 成文日期 is late by the working days between", () => {
    const late = judgeTimeliness(rule, item({ writtenDate: "2026-03-02" }, at("2026-09-02 10:00")));
    // March–August 2026 minus 清明, 劳动节 and 端午, plus the 5月9日 调休 Saturday, up to 9月2日.
    expect(late).toMatchObject({ status: "late", lagWorkingDays: 128 });
  });

  it("eventAt, when given, is what the deadline runs from", () => {
    const v = judgeTimeliness(rule, item({ eventAt: "2026-10-09 15:00", writtenDate: "2026-09-01" }, at("2026-10-12 18:00")));
    expect(v).toMatchObject({ status: "on-time", from: at("2026-10-09 15:00"), lagWorkingDays: 2, deadline: new Date(at("2026-10-13").getTime() - 1) });
  });
});

describe("news the same day, by 09:00 the next day at the latest (即时更新、当日更新，最迟不超过次日上午9点)", () => {
  it("same-day: 23:59 Beijing is on time, 00:01 is late, though both are the 20th in UTC", () => {
    const event = { eventAt: "2026-11-20" };
    expect(judgeTimeliness("same-day", item(event, utc("2026-11-20T15:59:00Z")))).toMatchObject({ status: "on-time", lagWorkingDays: 0 });
    expect(judgeTimeliness("same-day", item(event, utc("2026-11-20T16:01:00Z")))).toMatchObject({ status: "late", lagWorkingDays: 0 });
  });

  it("same-day: a morning event published in the evening is on time, though the UTC dates differ", () => {
    // 07:00 Beijing is 23:00 UTC the day before.
    expect(judgeTimeliness("same-day", item({ eventAt: "2026-11-20 07:00" }, at("2026-11-20 18:00")))).toMatchObject({ status: "on-time", lagHours: 11 });
  });

  it("next-day-9am: 09:00 sharp the next morning is on time, 09:01 is late", () => {
    const event = { eventAt: "2026-11-20 20:00" };
    expect(judgeTimeliness("next-day-9am", item(event, at("2026-11-21 09:00")))).toMatchObject({ status: "on-time", deadline: utc("2026-11-21T01:00:00Z"), lagHours: 13 });
    expect(judgeTimeliness("next-day-9am", item(event, at("2026-11-21 09:01")))).toMatchObject({ status: "late", lagHours: 13.02 });
  });

  it("next-day-9am: an event at 00:30 Beijing (still the day before in UTC) is due at 09:00 the day after", () => {
    const event = { eventAt: "2026-11-21 00:30" };
    expect(judgeTimeliness("next-day-9am", item(event, at("2026-11-22 08:00")))).toMatchObject({ status: "on-time", deadline: at("2026-11-22 09:00") });
  });

  it("next-day (当日或次日): a Friday meeting published on Sunday is late: news does not wait for Monday", () => {
    const event = { eventAt: "2026-11-20 16:00" };
    expect(judgeTimeliness("next-day", item(event, at("2026-11-21 23:00")))).toMatchObject({ status: "on-time", lagWorkingDays: 0 });
    expect(judgeTimeliness("next-day", item(event, at("2026-11-22 10:00")))).toMatchObject({ status: "late", lagWorkingDays: 0 });
  });

  it("on-release (文件发布当日): due by the end of the day the document is released", () => {
    expect(judgeTimeliness("on-release", item({ writtenDate: "2026-11-20" }, at("2026-11-20 23:59")))).toMatchObject({ status: "on-time" });
    expect(judgeTimeliness("on-release", item({ writtenDate: "2026-11-20" }, at("2026-11-21 00:01")))).toMatchObject({ status: "late" });
    expect(describeTimeliness("on-release")).toBe("文件发布当日");
  });

  it("on-issue (文件印发当日): a document is due by the end of its issue day", () => {
    expect(judgeTimeliness("on-issue", item({ writtenDate: "2026-11-20" }, at("2026-11-20 22:00")))).toMatchObject({ status: "on-time" });
    expect(judgeTimeliness("on-issue", item({ writtenDate: "2026-11-20" }, at("2026-11-23 09:00")))).toMatchObject({ status: "late", lagWorkingDays: 1 });
  });
});

describe("leaders' activity photos within 6 hours of the event (新闻发生后的6小时内)", () => {
  const rule = { hours: 6 } as const;

  it("6 hours to the minute is on time, a minute more is late", () => {
    expect(judgeTimeliness(rule, item({ eventAt: "2026-11-20 10:00" }, at("2026-11-20 16:00")))).toMatchObject({ status: "on-time", lagHours: 6, deadline: at("2026-11-20 16:00") });
    expect(judgeTimeliness(rule, item({ eventAt: "2026-11-20 10:00" }, at("2026-11-20 16:01")))).toMatchObject({ status: "late", lagHours: 6.02 });
  });

  it("across midnight Beijing, the hours are counted, not the days", () => {
    expect(judgeTimeliness(rule, item({ eventAt: "2026-11-20 21:00" }, at("2026-11-21 02:30")))).toMatchObject({ status: "on-time", lagHours: 5.5, lagWorkingDays: 0 });
  });

  it("an event with a day but no time cannot start an hour count and is not judged", () => {
    expect(judgeTimeliness(rule, item({ eventAt: "2026-11-20" }, at("2026-11-20 16:00")))).toEqual({ status: "not-judged", reason: "no-clock-time" });
  });
});

describe("what is not judged, and what cannot be", () => {
  it("periodic, after-print and realtime columns set no deadline per item", () => {
    for (const rule of ["periodic", "after-print", "realtime"] as const) {
      expect(judgeTimeliness(rule, item({ eventAt: "2026-11-20" }, at("2027-11-20 10:00")))).toEqual({ status: "not-judged", reason: "no-deadline" });
    }
  });

  it("a column without a requirement, or an item without an event or issue time, is not judged", () => {
    expect(judgeTimeliness(undefined, item({ eventAt: "2026-11-20" }, at("2026-11-20 10:00")))).toEqual({ status: "not-judged", reason: "no-rule" });
    expect(judgeTimeliness("same-day", item({}, at("2026-11-20 10:00")))).toEqual({ status: "not-judged", reason: "no-event-time" });
  });

  it("a deadline past the calendar's last year is CALENDAR.BEYOND_DATA, not a guess", () => {
    const { last } = calendarYears();
    const v = judgeTimeliness({ "working-days": 2 }, item({ writtenDate: `${last}-12-31` }, at(`${last + 1}-01-04 10:00`)));
    expect(v).toMatchObject({ status: "unknown", problem: { rule: "CALENDAR.BEYOND_DATA", year: last + 1 } });
    expect(v.status === "unknown" && v.problem.message).toContain(`请技术管理员把节假日日历包 chinese-days 更新到收录 ${last + 1} 年国务院放假安排的版本`);
  });

  it("so is an hour rule's lag in working days once it reaches a day of an unknown year", () => {
    const { last } = calendarYears();
    const v = judgeTimeliness({ hours: 6 }, item({ eventAt: `${last + 1}-03-01 22:00` }, at(`${last + 1}-03-02 01:00`)));
    expect(v).toMatchObject({ status: "unknown", problem: { rule: "CALENDAR.BEYOND_DATA" } });
    // Within the same day no day is counted, so there is nothing to look up.
    expect(judgeTimeliness({ hours: 6 }, item({ eventAt: `${last + 1}-03-01 10:00` }, at(`${last + 1}-03-01 12:00`)))).toMatchObject({ status: "on-time", lagWorkingDays: 0 });
  });
});

describe("the requirement in the seeds' words", () => {
  it("every form the column table accepts has its Chinese name", () => {
    const cases: [unknown, string][] = [
      ["same-day", "当日"],
      ["next-day", "当日或次日"],
      ["next-day-9am", "次日上午9点前"],
      ["on-issue", "文件印发当日"],
      ["periodic", "定期"],
      ["after-print", "刊印后"],
      ["realtime", "实时"],
      [{ "working-days": 2 }, "2个工作日内"],
      [{ hours: 6 }, "6小时内"],
    ];
    for (const [yaml, name] of cases) expect(describeTimeliness(timelinessSchema.parse(yaml))).toBe(name);
  });
});

describe("at least 3 items per unit per week (每周至少报送3条以上信息)", () => {
  const weeks = isoWeeksOfPeriod("2026-11-23", "2026-12-06"); // 2026-W48 and 2026-W49

  it("an item at Sunday 23:59 Beijing counts for that week; Monday 00:00 Beijing, still Sunday in UTC, for the next", () => {
    const items = [
      { unit: "gonghe", publishedAt: at("2026-11-24 10:00") },
      { unit: "gonghe", publishedAt: at("2026-11-26 15:00") },
      { unit: "gonghe", publishedAt: at("2026-11-29 23:59") },
      { unit: "tongde", publishedAt: at("2026-11-24 10:00") },
      { unit: "tongde", publishedAt: at("2026-11-25 10:00") },
      { unit: "tongde", publishedAt: utc("2026-11-29T16:00:00Z") }, // Monday 11月30日 00:00 Beijing
    ];
    const result = weeklyQuota(3, ["gonghe", "tongde", "xinghai"], items, weeks);
    expect(result.map((u) => [u.unit, u.weeks.map((w) => `${w.key}:${w.count}:${w.met ? "met" : "short"}`), u.weeksMet])).toEqual([
      ["gonghe", ["2026-W48:3:met", "2026-W49:0:short"], 1],
      ["tongde", ["2026-W48:2:short", "2026-W49:1:short"], 0],
      // A unit that sent nothing still has its weeks, each short.
      ["xinghai", ["2026-W48:0:short", "2026-W49:0:short"], 0],
    ]);
  });

  it("items of other units and of other weeks are not counted", () => {
    const items = [
      { unit: "office", publishedAt: at("2026-11-24 10:00") },
      { unit: "gonghe", publishedAt: at("2026-11-22 23:59") }, // Sunday of W47
    ];
    const [gonghe] = weeklyQuota(1, ["gonghe"], items, weeks);
    expect(gonghe!.weeks.map((w) => w.count)).toEqual([0, 0]);
  });
});
