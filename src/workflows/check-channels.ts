import { formatBeijing } from "../calendar/dates.ts";
import { addWorkingDays, CalendarBeyondDataError, workingDaysBetween } from "../calendar/working-days.ts";
import { finding, type Finding } from "../findings/finding.ts";
import type { Portal } from "./portal.ts";
import { WORKFLOW_FILES } from "./portal.ts";

/**
 * The new-media register (`channels` in site.yaml) against seed 002:
 * 第七条 one account per unit on one platform, unless the office records why;
 * 第八条 filing in the national register within 3 working days after opening,
 * changing, closing or cancelling an account and, at the same time (开设除外),
 * a public notice that stands at least 15 working days. Pure: `now` is passed in. A rule about a date still ahead is an
 * error (there is time to act); the same rule about the past is a warning
 * for the record, so one late filing never blocks every later change.
 */

/** Working days an opening, change, closure or cancellation may go unfiled. */
export const FILING_WORKING_DAYS = 3;
/** Working days a public notice must stand before a change, closure or cancellation. */
export const NOTICE_WORKING_DAYS = 15;

const ACTION: Record<string, string> = { active: "开设", changed: "变更", closed: "关停", cancelled: "注销" };

export function checkChannels(portal: Portal, now: Date): Finding[] {
  const S = WORKFLOW_FILES.site;
  const at = (i: number, field?: string) => portal.sources.site.positionOf(field ? ["channels", i, field] : ["channels", i], field ? "value" : "key");
  const today = formatBeijing(now, false);
  const out: Finding[] = [];
  const seen = new Map<string, number>(); // unit + platform → first index
  portal.site.channels.forEach((channel, i) => {
    const name = `新媒体账号「${channel.name}」`;
    if (channel.status === "active" || channel.status === "changed") {
      const key = `${channel.unit}\u0000${channel.platform}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else if (!channel.reason) {
        out.push(finding(S, "CHANNEL.DUPLICATE", `${name}与「${portal.site.channels[first]!.name}」是同一单位在同一平台的两个账号：按规定一个单位在同一平台原则上只开设一个账号，请整合后关停其一，或写明保留的理由（reason）`, at(i)));
      }
    }
    if (!channel.date) {
      if (channel.status !== "active") out.push(finding(S, "CHANNEL.NO_DATE", `${name}已${ACTION[channel.status]}，但没有写${ACTION[channel.status]}日期（date）：请补上，才能核对备案和公告时限`, at(i)));
      return;
    }
    try {
      const deadline = addWorkingDays(channel.date, FILING_WORKING_DAYS);
      if (!channel.filed) {
        if (today > deadline) {
          out.push(finding(S, "CHANNEL.NOT_FILED", `${name}于 ${channel.date} ${ACTION[channel.status]}，应在 ${deadline} 前（${FILING_WORKING_DAYS} 个工作日内）在全国政务新媒体信息报送系统备案，现在还没有备案日期（filed）：请尽快备案并填写备案日期`, at(i, "date")));
        } else {
          out.push(finding(S, "CHANNEL.FILING_DUE", `${name}于 ${channel.date} ${ACTION[channel.status]}，请在 ${deadline} 前在全国政务新媒体信息报送系统备案，备案后填写备案日期（filed）`, at(i, "date"), "warning"));
        }
      } else if (channel.filed > deadline) {
        const late = workingDaysBetween(deadline, channel.filed);
        out.push(finding(S, "CHANNEL.FILED_LATE", `${name}于 ${channel.date} ${ACTION[channel.status]}，${channel.filed} 才备案，超过 ${FILING_WORKING_DAYS} 个工作日的时限 ${late} 个工作日（应在 ${deadline} 前）：已记入统计通报`, at(i, "filed"), "warning"));
      }
      if (channel.status !== "active") {
        if (!channel.notice) {
          out.push(
            today > deadline
              ? finding(S, "CHANNEL.NO_NOTICE", `${name}于 ${channel.date} ${ACTION[channel.status]}，须在备案的同时（${deadline} 前）向社会发布公告，公告时间不少于 ${NOTICE_WORKING_DAYS} 个工作日：请发布公告并填写公告日期（notice），公告可发在网站的通知公告栏目`, at(i))
              : finding(S, "CHANNEL.NOTICE_DUE", `${name}于 ${channel.date} ${ACTION[channel.status]}，请在 ${deadline} 前向社会发布公告（不少于 ${NOTICE_WORKING_DAYS} 个工作日），发布后填写公告日期（notice）`, at(i), "warning"),
          );
        } else {
          if (channel.notice > deadline) {
            out.push(finding(S, "CHANNEL.NOTICE_LATE", `${name}于 ${channel.date} ${ACTION[channel.status]}，公告 ${channel.notice} 才发布，晚于与备案同时的时限 ${deadline}：已记入统计通报`, at(i, "notice"), "warning"));
          }
          if (channel.notice_until) {
            const stood = workingDaysBetween(channel.notice, channel.notice_until);
            if (stood < NOTICE_WORKING_DAYS) {
              const ahead = channel.notice_until >= today;
              const earliest = addWorkingDays(channel.notice, NOTICE_WORKING_DAYS);
              out.push(
                finding(
                  S,
                  "CHANNEL.NOTICE_TOO_SHORT",
                  ahead
                    ? `${name}的${ACTION[channel.status]}公告 ${channel.notice} 发布，计划 ${channel.notice_until} 撤下，只有 ${stood} 个工作日，不足 ${NOTICE_WORKING_DAYS} 个工作日：请保留到 ${earliest} 或以后`
                    : `${name}的${ACTION[channel.status]}公告 ${channel.notice} 发布、${channel.notice_until} 撤下，只公告了 ${stood} 个工作日，不足 ${NOTICE_WORKING_DAYS} 个工作日：已记入统计通报`,
                  at(i, "notice_until"),
                  ahead ? "error" : "warning",
                ),
              );
            }
          }
        }
      }
    } catch (error) {
      if (!(error instanceof CalendarBeyondDataError)) throw error;
      out.push(finding(S, error.rule, `${name}的备案和公告时限无法核对：${error.message}`, at(i, "date"), "warning"));
    }
  });
  return out;
}
