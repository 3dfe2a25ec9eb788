import { describe, expect, it } from "vitest";
import { publishTime, type DateChange } from "../src/publication/publish-time.ts";
import { beijingToDate } from "../src/calendar/dates.ts";

const FILE = "content/news/updates/2026/embargo.md";
const at = (beijing: string) => beijingToDate(beijing);
const now = at("2026-12-01 10:00");
const scheduledArrival = { when: at("2026-11-01 10:00"), date: "2026-11-10 09:00", scheduled: true };
const change = (when: string, from: string | undefined, to: string | undefined, scheduledAfter = true): DateChange => ({ when: at(when), from, to, scheduledBefore: true, scheduledAfter });

describe("the publish time a build shows (严禁篡改发布时间)", () => {
  it("an embargo moved while it held, to a time still ahead, is the item's publish time", () => {
    const r = publishTime({ file: FILE, date: "2026-11-15 09:00", scheduled: true, arrival: scheduledArrival, changes: [change("2026-11-05 10:00", "2026-11-10 09:00", "2026-11-15 09:00")] }, [], now);
    expect(r).toEqual({ at: at("2026-11-15 09:00") });
  });

  it("a scheduled item's date changed after it went out is refused", () => {
    const r = publishTime({ file: FILE, date: "2026-09-01 09:00", scheduled: true, arrival: scheduledArrival, changes: [change("2026-11-20 10:00", "2026-11-10 09:00", "2026-09-01 09:00")] }, [], now);
    expect(r).toMatchObject({ problem: { rule: "PUBLISH.DATE_CHANGED", file: FILE } });
  });

  it("an embargo moved into the past is refused even before it went out (backdating)", () => {
    const r = publishTime({ file: FILE, date: "2026-06-01 09:00", scheduled: true, arrival: scheduledArrival, changes: [change("2026-11-05 10:00", "2026-11-10 09:00", "2026-06-01 09:00")] }, [], now);
    expect(r).toMatchObject({ problem: { rule: "PUBLISH.DATE_CHANGED" } });
  });

  it("every change on main is judged: a later bad step is not hidden by a good first one", () => {
    const changes = [change("2026-11-05 10:00", "2026-11-10 09:00", "2026-11-15 09:00"), change("2026-11-25 10:00", "2026-11-15 09:00", "2026-11-01 09:00")];
    expect(publishTime({ file: FILE, date: "2026-11-01 09:00", scheduled: true, arrival: scheduledArrival, changes }, [], now)).toMatchObject({ problem: { rule: "PUBLISH.DATE_CHANGED" } });
  });

  it("a listed correction counts only for its exact from → to", () => {
    const arrival = { when: at("2026-10-01 10:00"), date: "2026-10-01 10:00", scheduled: false };
    const input = { file: FILE, date: "2026-10-03 10:00", arrival, changes: [{ when: at("2026-11-20 10:00"), from: "2026-10-01 10:00", to: "2026-10-03 10:00", scheduledBefore: false, scheduledAfter: false }] };
    expect(publishTime(input, [{ path: FILE, from: "2026-10-02 10:00", to: "2026-10-03 10:00" }], now)).toMatchObject({ problem: { rule: "PUBLISH.DATE_CHANGED" } });
    expect(publishTime(input, [{ path: FILE, from: "2026-10-01 10:00", to: "2026-10-03 10:00" }], now)).toEqual({ at: at("2026-10-03 10:00") });
  });
});
