import type { Portal } from "../workflows/portal.ts";
import { CATEGORY_NAMES } from "../columns/columns-schema.ts";
import { formatBeijing } from "../calendar/dates.ts";
import type { GateResult } from "./count-approvals.ts";
import type { Snapshot } from "./snapshot.ts";

/** The hidden marker by which the bot finds its one comment to edit in place. */
/** A review's comment on the form: its opening, the whole stays on the PR. */
const NOTE_LIMIT = 300;
/** Below GitHub's 65,536-character limit for a comment body. */
const FORM_LIMIT = 60_000;

export const FORM_MARKER = "<!-- sanshen:approval-form -->";

const STATE_NAMES = { success: "✅ 审核完成，可以合并发布", pending: "⏳ 审核中", failure: "❌ 未通过" };

/**
 * The 审批单 (seed 003's 信息发布审批单) as a pull-request comment: the
 * application's facts, then one row per review level with who signed, when,
 * and their comment. Rendered from the same result as the status.
 */
export function renderApprovalForm(portal: Portal, pr: Snapshot, result: GateResult): string {
  const person = (login: string) => {
    const p = portal.personByLogin.get(login.toLowerCase());
    return p ? `${p.person.name}（@${login}）` : `@${login}`;
  };
  const { info } = result;
  const clip = (s: string, limit: number) => (s.length > limit ? `${s.slice(0, limit)}……（全文见 PR 的审核意见）` : s);
  const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const categories = [...new Set(info.categories)].map((c) => CATEGORY_NAMES[c][1]).join("、");
  const rows = [
    ["申请单位", info.units.join("、") || "—"],
    ["承办人", `${person(pr.author)}${pr.submitted_via ? `（经投稿表单 #${pr.submitted_via.issue} 报送）` : ""}`],
    ["信息名称", info.titles.join("；") || pr.title || "—"],
    ["拟发布栏目", [...new Set(info.columns)].join("、") || "—"],
    ["信息类别", `${categories || (result.category.includes("code") ? "技术变更" : "—")}${info.sources.length ? `　来源：${info.sources.join("；")}` : ""}`],
    ["信息格式", info.formats.join("、") || "—"],
    ["特殊要求", info.special.join("、") || "无"],
  ];
  const lines = [
    FORM_MARKER,
    `## 信息发布审批单（#${pr.number}）`,
    "",
    `**${STATE_NAMES[result.state]}**　${result.description}`,
    "",
    "| 项目 | 内容 |",
    "| --- | --- |",
    ...rows.map(([k, v]) => `| ${k} | ${cell(v!)} |`),
    "",
    "| 审核环节 | 审核人 | 时间 | 审核意见 |",
    "| --- | --- | --- | --- |",
    ...result.chain.map((s) => {
      const who = s.status === "approved" ? person(s.by!) : s.status === "blocked" ? "⚠️ 无人可审" : `待审：${s.eligible.map((l) => `@${l}`).join(" ")}`;
      const when = s.at ? formatBeijing(new Date(s.at)) : s.status === "approved" ? "提交时" : "";
      const note = [clip(s.comment ?? "", NOTE_LIMIT), s.paper ? "（纸质审批单签字）" : ""].join("").trim();
      return `| ${cell(s.name)} | ${cell(who)} | ${when} | ${cell(note || (s.status === "approved" ? "同意" : ""))} |`;
    }),
  ];
  if (result.dismissed.length) {
    lines.push("", "| 不计入的批准 | 时间 | 原因 |", "| --- | --- | --- |");
    for (const d of result.dismissed) lines.push(`| ${cell(person(d.user))} | ${formatBeijing(new Date(d.at))} | ${cell(d.reason)} |`);
  }
  const footer = `<sub>由“三审”审核门禁根据主分支的 workflows/review.yaml 与 units.yaml 生成；每次审核或更新提交后自动刷新。</sub>`;
  // GitHub refuses a comment over 65,536 characters: the reasons give way first, never the form.
  let room = FORM_LIMIT - lines.join("\n").length - footer.length - 100;
  const reasons: string[] = [];
  for (const [i, r] of result.reasons.entries()) {
    const line = `- ${clip(r, NOTE_LIMIT * 2)}`;
    if (line.length + 1 > room) {
      reasons.push(`- ……另有 ${result.reasons.length - i} 条，见 PR 的检查结果`);
      break;
    }
    reasons.push(line);
    room -= line.length + 1;
  }
  if (reasons.length) lines.push("", ...reasons);
  lines.push("", footer);
  return lines.join("\n");
}
