import { afterEach, describe, expect, it } from "vitest";
import holidayData from "chinese-days/dist/chinese-days.json" with { type: "json" };
import { getDayDetail } from "chinese-days";
import { beijingToDate, formatBeijing } from "../src/calendar/dates.ts";
import {
  addWorkingDays,
  BEYOND_DATA_RULE,
  CalendarBeyondDataError,
  calendarYears,
  isWorkingDay,
  workingDaysBetween,
} from "../src/calendar/working-days.ts";
import { isoWeekOf, isoWeeksOfPeriod } from "../src/calendar/iso-week.ts";

const utc = (iso: string) => new Date(iso);

describe("working days under the State Council's 2026 holiday arrangement", () => {
  it("the National Day week (10月1日至7日) is not working, 10月8日 is", () => {
    for (let d = 1; d <= 7; d++) expect(isWorkingDay(`2026-10-0${d}`), `10-0${d}`).toBe(false);
    expect(isWorkingDay("2026-10-08")).toBe(true);
  });

  it("the 调休 Saturday 10月10日 and Sunday 9月20日 are working days, as the package's data says", () => {
    expect(holidayData.workdays["2026-10-10"]).toContain("国庆节");
    expect(holidayData.workdays["2026-09-20"]).toContain("国庆节");
    expect(isWorkingDay("2026-10-10")).toBe(true);
    expect(isWorkingDay("2026-09-20")).toBe(true);
    // An ordinary weekend next to them is not.
    expect(isWorkingDay("2026-10-11")).toBe(false);
    expect(isWorkingDay("2026-10-17")).toBe(false);
  });

  it("2 working days from a document issued on 9月30日 end on 10月9日: the holiday week is skipped, the issue day not counted", () => {
    expect(addWorkingDays("2026-09-30", 1)).toBe("2026-10-08");
    expect(addWorkingDays("2026-09-30", 2)).toBe("2026-10-09");
    // Issued during the holiday: the first working day after it is day 1.
    expect(addWorkingDays("2026-10-03", 2)).toBe("2026-10-09");
    // Across the 调休 Saturday: Friday 10月9日 + 1 is Saturday 10月10日, + 2 is Monday 10月12日.
    expect(addWorkingDays("2026-10-09", 1)).toBe("2026-10-10");
    expect(addWorkingDays("2026-10-09", 2)).toBe("2026-10-12");
    expect(addWorkingDays("2026-10-09 17:30", 0)).toBe("2026-10-09");
  });

  it("counts the working days after the first day up to and including the second", () => {
    expect(workingDaysBetween("2026-09-30", "2026-09-30")).toBe(0);
    expect(workingDaysBetween("2026-09-30", "2026-10-07")).toBe(0);
    expect(workingDaysBetween("2026-09-30", "2026-10-12")).toBe(4); // 8, 9, 10 (调休), 12
    expect(workingDaysBetween("2026-10-12", "2026-09-30")).toBe(-4);
    expect(workingDaysBetween("2026-11-20", "2026-11-23")).toBe(1); // Friday → Monday
    for (const n of [0, 1, 2, 5, 15, 30]) {
      expect(workingDaysBetween("2026-09-25 10:00", addWorkingDays("2026-09-25 10:00", n))).toBe(n);
    }
  });

  it("days are Beijing days, not UTC days", () => {
    // 2026-10-09T16:30Z is Saturday 10月10日 00:30 in Beijing: a 调休 working day.
    expect(isWorkingDay(utc("2026-10-09T16:30:00Z"))).toBe(true);
    // 2026-10-10T16:30Z is still Saturday in UTC but Sunday 00:30 in Beijing.
    expect(isWorkingDay(utc("2026-10-10T16:30:00Z"))).toBe(false);
    expect(workingDaysBetween(utc("2026-10-09T15:59:00Z"), utc("2026-10-09T16:01:00Z"))).toBe(1);
  });

  describe("on any machine's time zone", () => {
    const saved = process.env.TZ;
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    it("gives the same answers in Los Angeles and in Beijing", () => {
      process.env.TZ = "America/Los_Angeles";
      expect(new Date("2026-10-10T12:00:00Z").getTimezoneOffset()).toBe(420); // the zone took effect (PDT)
      expect(isWorkingDay("2026-10-10")).toBe(true);
      expect(addWorkingDays("2026-09-30", 2)).toBe("2026-10-09");
      expect(formatBeijing(beijingToDate("2026-10-10 00:30"))).toBe("2026-10-10 00:30");
    });

    it("agrees with the package's own answer for every day it covers (read in Beijing's time zone)", () => {
      process.env.TZ = "Asia/Shanghai";
      const { first, last } = calendarYears();
      const disagreements: string[] = [];
      for (let t = beijingToDate(`${first}-01-01`).getTime(); t <= beijingToDate(`${last}-12-31`).getTime(); t += 86_400_000) {
        const day = formatBeijing(new Date(t), false);
        if (getDayDetail(day).work !== isWorkingDay(day)) disagreements.push(day);
      }
      expect(disagreements).toEqual([]);
    });
  });
});

describe("a date the calendar does not know fails loudly, never as a plain weekday", () => {
  const { first, last } = calendarYears();

  it("the package covers 2004 up to at least 2026", () => {
    expect(first).toBe(2004);
    expect(last).toBeGreaterThanOrEqual(2026);
  });

  it("a day in the year after the last one is refused with CALENDAR.BEYOND_DATA, naming the year and what to do", () => {
    const day = `${last + 1}-01-04`;
    const error = (() => {
      try {
        isWorkingDay(day);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(CalendarBeyondDataError);
    const e = error as CalendarBeyondDataError;
    expect(e.rule).toBe(BEYOND_DATA_RULE);
    expect(BEYOND_DATA_RULE).toBe("CALENDAR.BEYOND_DATA");
    expect(e.year).toBe(last + 1);
    expect(e.message).toBe(
      `节假日日历只收录到 ${last} 年，无法判断 ${day} 是否为工作日，按工作日计算的时限暂时无法判定：` +
        `请技术管理员把节假日日历包 chinese-days 更新到收录 ${last + 1} 年国务院放假安排的版本（国务院一般在上一年 11 月前后公布次年安排）`,
    );
  });

  it("a deadline that runs past the last year is refused at the first unknown day", () => {
    expect(() => addWorkingDays(`${last}-12-31`, 1)).toThrow(expect.objectContaining({ rule: "CALENDAR.BEYOND_DATA", day: `${last + 1}-01-01` }));
    expect(() => workingDaysBetween(`${last}-12-30`, `${last + 1}-01-05`)).toThrow(CalendarBeyondDataError);
    // Up to the last day of the data, counting still works.
    expect(() => workingDaysBetween(`${last}-12-01`, `${last}-12-31`)).not.toThrow();
  });

  it("a day before the first year is refused too", () => {
    expect(() => isWorkingDay(`${first - 1}-12-31`)).toThrow(/节假日日历从 2004 年起收录，无法判断 2003-12-31 是否为工作日/);
    // The day a count starts from is not counted, so it need not be known.
    expect(workingDaysBetween("2003-12-31", "2004-01-02")).toBe(1);
  });
});

describe("ISO weeks in Beijing", () => {
  it("a week runs from Monday 00:00 to Sunday 23:59 Beijing time", () => {
    // Sunday 2026-11-29 23:59 Beijing is 15:59 UTC; Monday 00:00 Beijing is still Sunday in UTC.
    expect(isoWeekOf(beijingToDate("2026-11-29 23:59")).key).toBe("2026-W48");
    expect(isoWeekOf(utc("2026-11-29T16:00:00Z")).key).toBe("2026-W49");
    expect(isoWeekOf("2026-11-23")).toMatchObject({ monday: "2026-11-23", sunday: "2026-11-29" });
  });

  it("weeks at the turn of the year belong to the year of their Thursday", () => {
    expect(isoWeekOf("2026-01-01").key).toBe("2026-W01"); // a Thursday
    expect(isoWeekOf("2026-12-31").key).toBe("2026-W53");
    expect(isoWeekOf("2027-01-03").key).toBe("2026-W53");
    expect(isoWeekOf("2027-01-04").key).toBe("2027-W01");
    expect(isoWeekOf("2025-12-29").key).toBe("2026-W01");
  });

  it("a month's weeks are those whose Thursday is in the month, so no week is counted twice", () => {
    expect(isoWeeksOfPeriod("2026-11-01", "2026-11-30").map((w) => `${w.key} ${w.monday}`)).toEqual([
      "2026-W45 2026-11-02",
      "2026-W46 2026-11-09",
      "2026-W47 2026-11-16",
      "2026-W48 2026-11-23",
    ]);
    expect(isoWeeksOfPeriod("2026-12-01", "2026-12-31").map((w) => w.key)).toEqual(["2026-W49", "2026-W50", "2026-W51", "2026-W52", "2026-W53"]);
  });
});
