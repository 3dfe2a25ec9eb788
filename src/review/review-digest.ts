import type { Portal } from "../workflows/portal.ts";
import { formatBeijing } from "../calendar/dates.ts";
import { evaluateGate } from "./count-approvals.ts";
import type { Snapshot } from "./snapshot.ts";

/**
 * Who must review what before the next review round (seed 000: 09:00 and
 * 16:00): for each person, the open PRs whose next step they may sign,
 * oldest first, with how long each has waited. Pure: `now` is passed in.
 */
export interface DigestItem {
  pr: number;
  title: string;
  step: string;
  waitingSince: string;
  hours: number;
}

export interface DigestEntry {
  login: string;
  name: string;
  items: DigestItem[];
}

export const DIGEST_MARKER = "<!-- sanshen:review-digest -->";

export function digest(portal: Portal, prs: Snapshot[], now: Date): DigestEntry[] {
  const byPerson = new Map<string, DigestItem[]>();
  for (const pr of prs) {
    const result = evaluateGate(portal, pr);
    if (result.state !== "pending") continue;
    const index = result.chain.findIndex((s) => s.status === "waiting");
    const step = result.chain[index]!;
    const previous = result.chain.slice(0, index).filter((s) => s.at).map((s) => Date.parse(s.at!));
    const since = Math.max(...previous, ...pr.commits.map((c) => Date.parse(c.committed_at)), 0);
    for (const login of step.eligible) {
      const item = { pr: pr.number, title: pr.title || `#${pr.number}`, step: step.name, waitingSince: new Date(since).toISOString(), hours: Math.max(0, Math.round((now.getTime() - since) / 36e5)) };
      byPerson.set(login, [...(byPerson.get(login) ?? []), item]);
    }
  }
  return [...byPerson]
    .map(([login, items]) => ({ login, name: portal.personByLogin.get(login.toLowerCase())?.person.name ?? login, items: items.sort((a, b) => a.waitingSince.localeCompare(b.waitingSince)) }))
    .sort((a, b) => a.items[0]!.waitingSince.localeCompare(b.items[0]!.waitingSince));
}

/** @param reviewHours the office's review rounds, from site.yaml (`review_hours`). */
export function renderDigest(entries: DigestEntry[], now: Date, reviewHours: readonly string[]): string {
  const age = (h: number) => (h >= 48 ? `${Math.floor(h / 24)} 天` : `${h} 小时`);
  const lines = [DIGEST_MARKER, `## 待审稿件（${formatBeijing(now)} 更新）`, ""];
  if (!entries.length) lines.push("目前没有等待审核的稿件。");
  for (const e of entries) {
    lines.push(`### ${e.name}（@${e.login}）`, "", "| 稿件 | 待审环节 | 已等待 |", "| --- | --- | --- |");
    for (const i of e.items) lines.push(`| #${i.pr} ${i.title.replace(/\|/g, "\\|")} | ${i.step} | ${age(i.hours)} |`);
    lines.push("");
  }
  lines.push(`<sub>每日 ${reviewHours.join("、")} 复审前自动更新，列出每个人该审的稿件。</sub>`);
  return lines.join("\n");
}
