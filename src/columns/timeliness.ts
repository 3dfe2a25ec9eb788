import type { Timeliness } from "./columns-schema.ts";
import { beijingDayNumber, endOfDay, instantOf, startOfDay } from "../calendar/beijing-day.ts";
import { addWorkingDays, CalendarBeyondDataError, workingDaysBetween } from "../calendar/working-days.ts";

// A column's update requirement (更新要求) judged on one item: by when it was
// due after its event or issue, how long it took, and whether it was on time.
// The deadlines, in Beijing time (seed wording in brackets):
//   same-day      the end of the event's day              (当日更新)
//   on-issue      the end of the document's issue day     (文件印发当日)
//   next-day      the end of the next calendar day        (当日或次日更新)
//   next-day-9am  09:00 on the next calendar day          (最迟不超过次日上午9点)
//   working-days  the end of the N-th working day after the issue day, that day not counted (印发文件的2个工作日内)
//   hours         N hours after the event's time          (新闻发生后的6小时内)
// "Next day" is the next calendar day, as the seeds write it: news does not
// wait for Monday. periodic (定期), after-print (刊印后) and realtime (实时)
// set no deadline per item.

export interface TimedItem {
  /** When the event happened (事件发生时间), Beijing `YYYY-MM-DD[ HH:MM]`. */
  eventAt?: string | undefined;
  /** A document's date (成文日期), `YYYY-MM-DD`: the issue day when there is no eventAt. */
  writtenDate?: string | undefined;
  publishedAt: Date;
}

export type TimelinessVerdict =
  | {
      status: "on-time" | "late";
      /** The event or issue time the deadline runs from; 00:00 Beijing when only a day is known. */
      from: Date;
      /** The last instant that is on time, inclusive. */
      deadline: Date;
      /** Publication minus `from`, in hours (two decimals); negative when published before it. */
      lagHours: number;
      /** Working days after `from`'s day up to and including the publication's day. */
      lagWorkingDays: number;
    }
  | { status: "not-judged"; reason: "no-rule" | "no-deadline" | "no-event-time" | "no-clock-time" }
  /** The official calendar does not cover a day this item needs: said, never guessed. */
  | { status: "unknown"; problem: { rule: string; message: string; year: number } };

const HOUR_MS = 3_600_000;

/** The seeds' Chinese for a requirement, for messages and reports. */
export function describeTimeliness(rule: Timeliness): string {
  if (typeof rule === "object") return "working-days" in rule ? `${rule["working-days"]}个工作日内` : `${rule.hours}小时内`;
  return {
    "same-day": "当日",
    "next-day": "当日或次日",
    "next-day-9am": "次日上午9点前",
    "on-issue": "文件印发当日",
    "on-release": "文件发布当日",
    periodic: "定期",
    "after-print": "刊印后",
    realtime: "实时",
  }[rule];
}

type DeadlineRule = Exclude<Timeliness, "periodic" | "after-print" | "realtime">;

function deadlineOf(rule: DeadlineRule, fromText: string, from: Date): Date | "no-clock-time" {
  const day = beijingDayNumber(from);
  if (typeof rule === "object") {
    if ("hours" in rule) {
      // A day without a time cannot start an hour count: 00:00 would be a guess.
      return /\d{2}:\d{2}/.test(fromText) ? new Date(from.getTime() + rule.hours * HOUR_MS) : "no-clock-time";
    }
    return endOfDay(beijingDayNumber(addWorkingDays(from, rule["working-days"])));
  }
  switch (rule) {
    case "same-day":
    case "on-issue":
    case "on-release":
      return endOfDay(day);
    case "next-day":
      return endOfDay(day + 1);
    case "next-day-9am":
      return new Date(startOfDay(day + 1).getTime() + 9 * HOUR_MS);
  }
}

/**
 * Judges one item against its column's requirement. Pure: the publication
 * time is passed in (from git or the frontmatter). Throws nothing for a day
 * outside the calendar's data; it returns `unknown` with the rule
 * `CALENDAR.BEYOND_DATA` and a Chinese message instead.
 */
export function judgeTimeliness(rule: Timeliness | undefined, item: TimedItem): TimelinessVerdict {
  if (rule === undefined) return { status: "not-judged", reason: "no-rule" };
  if (rule === "periodic" || rule === "after-print" || rule === "realtime") return { status: "not-judged", reason: "no-deadline" };
  const fromText = item.eventAt ?? item.writtenDate;
  if (fromText === undefined) return { status: "not-judged", reason: "no-event-time" };
  const from = instantOf(fromText);
  try {
    const deadline = deadlineOf(rule, fromText, from);
    if (typeof deadline === "string") return { status: "not-judged", reason: deadline };
    return {
      status: item.publishedAt.getTime() <= deadline.getTime() ? "on-time" : "late",
      from,
      deadline,
      lagHours: Math.round((item.publishedAt.getTime() - from.getTime()) / (HOUR_MS / 100)) / 100,
      lagWorkingDays: workingDaysBetween(from, item.publishedAt),
    };
  } catch (error) {
    if (error instanceof CalendarBeyondDataError) {
      return { status: "unknown", problem: { rule: error.rule, message: error.message, year: error.year } };
    }
    throw error;
  }
}
