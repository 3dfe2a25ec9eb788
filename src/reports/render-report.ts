import * as echarts from "echarts";
import type { PeriodReport } from "./unit-report.ts";

/**
 * The 通报 as a person reads it: Markdown for an issue, a static SVG chart
 * rendered server-side with echarts' SVG renderer (no browser, no script in
 * the output), and a printable A4 HTML page. Deterministic: the same report
 * gives the same bytes.
 */

const rate = (r: number | null) => (r === null ? "—" : `${Math.round(r * 1000) / 10}%`);
/** A review time in hours, as a reader says it: hours under two days, days above. */
const duration = (h: number | null) => (h === null ? "—" : h < 48 ? `${h} 小时` : `${Math.round(h / 2.4) / 10} 天`);
const count = (n: number | null) => (n === null ? "—" : String(n));
const sources = (report: PeriodReport) =>
  report.reviewsFrom === "github"
    ? "审核用时为拉取请求从提交到合并的时间（取中位数），退回修改为审核人要求修改的拉取请求数，均取自 GitHub。"
    : "审核用时为拉取请求从第一次提交到合并的时间（取中位数），取自提交历史；压缩合并或直接推送的无法计算。退回修改次数只有 GitHub 上有，本次未读取。";
const unattributedLine = (report: PeriodReport) => (report.unattributed ? `另有 ${report.unattributed} 条信息的报送人不在人员名单中（例如由技术管理员直接提交），未计入个人。` : "");
const personLine = (report: PeriodReport) => {
  const names = report.commendedPeople.map((login) => report.people.find((p) => p.login === login)).filter((p) => !!p).map((p) => `${p.name}（${report.units.find((u) => u.unit === p.unit)?.name ?? p.unit}）`);
  return names.length ? `${names.join("、")}：报送信息多，全部按时。` : "本期没有报送信息且全部按时的人员。";
};

/** Items per unit, the units that published anything, most first. */
export function renderUnitsChart(report: PeriodReport): string {
  const rows = report.units.filter((u) => u.items > 0);
  const height = Math.max(160, 60 + rows.length * 28);
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: 720, height });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif" },
    title: { text: `${report.period.name}各单位发布信息数`, left: "center", textStyle: { fontSize: 16 } },
    grid: { left: 180, right: 50, top: 44, bottom: 24 },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", inverse: true, data: rows.map((u) => u.name), axisLabel: { fontSize: 12 } },
    series: [{ type: "bar", data: rows.map((u) => u.items), itemStyle: { color: "#b3261e" }, label: { show: true, position: "right" } }],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** @param chartFile the chart beside the Markdown; undefined where no file can go (an issue), then the table alone. */
export function renderReportMarkdown(report: PeriodReport, chartFile: string | undefined = "units.svg"): string {
  const name = (id: string) => report.units.find((u) => u.unit === id)?.name ?? id;
  const lines = [
    `# 门户网站信息报送情况通报（${report.period.name}）`,
    "",
    `本期共发布信息 ${report.units.reduce((n, u) => n + u.items, 0)} 条。`,
    "",
    ...(chartFile ? [`![各单位发布信息数](${chartFile})`, ""] : []),
    "| 单位 | 发布信息 | 按时发布率 | 每周报送达标 | 未按期更新或空白的栏目 | 审核用时 | 退回修改 |",
    "|---|---|---|---|---|---|---|",
    ...report.units.map((u) => `| ${u.name} | ${u.items} | ${rate(u.onTimeRate)}${u.judged ? `（${u.onTime}/${u.judged}）` : ""} | ${u.quotaWeeks ? `${u.quotaWeeksMet}/${u.quotaWeeks} 周` : "—"} | ${u.staleColumns.length ? u.staleColumns.map((c) => report.columnNames[c] ?? c).join("、") : "—"} | ${duration(u.reviewHoursMedian)} | ${count(u.sentBack)} |`),
    "",
    sources(report),
    "",
    "## 个人报送情况",
    "",
    ...(report.people.length
      ? ["| 姓名 | 单位 | 报送信息 | 按时发布率 | 审核用时 | 退回修改 |", "|---|---|---|---|---|---|", ...report.people.map((p) => `| ${p.name} | ${name(p.unit)} | ${p.items} | ${rate(p.onTimeRate)}${p.judged ? `（${p.onTime}/${p.judged}）` : ""} | ${duration(p.reviewHoursMedian)} | ${count(p.sentBack)} |`)]
      : ["本期没有可以对应到人员名单的报送记录。"]),
    ...(report.unattributed ? ["", unattributedLine(report)] : []),
    "",
    "## 表扬",
    "",
    report.commended.length ? `${report.commended.map(name).join("、")}：发布信息多，按时发布，栏目保持更新。` : "本期没有同时做到信息多、全部按时、栏目全部按期更新的单位。",
    "",
    personLine(report),
    "",
    "## 通报批评",
    "",
    ...(report.criticised.length ? report.criticised.map((c) => `- ${name(c.unit)}：${c.reasons.join("；")}。`) : ["本期没有需要通报批评的单位。"]),
  ];
  const noticed = report.units.filter((u) => u.noticesThisYear.city + u.noticesThisYear.province + u.noticesThisYear.stateCouncil > 0);
  if (noticed.length) {
    lines.push("", "## 考核扣分（本年度截至本期）", "", "| 单位 | 市政府办公室通报 | 省政府办公厅、国务院办公厅通报 | 扣分 | 年终等次 |", "|---|---|---|---|---|");
    for (const u of noticed) lines.push(`| ${u.name} | ${u.noticesThisYear.city} 次 | ${u.noticesThisYear.province + u.noticesThisYear.stateCouncil} 次 | ${u.pointsDeducted} 分 | ${u.ratingCapped ? "不评为良好以上" : "—"} |`);
  }
  const late = report.units.flatMap((u) => u.late.map((l) => ({ ...l, unit: u.name })));
  if (late.length) lines.push("", "## 超过更新时限的信息", "", "| 单位 | 信息 | 应发布时间 | 距事件 |", "|---|---|---|---|", ...late.map((l) => `| ${l.unit} | ${l.id} | ${new Date(Date.parse(l.deadline) + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ")} | ${Math.round(l.lagHours)} 小时 |`));
  return `${lines.join("\n")}\n`;
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A printable page: A4, Chinese fonts, the chart inline. */
export function renderReportHtml(report: PeriodReport, chart: string): string {
  const rows = report.units.map((u) => `<tr><td>${escape(u.name)}</td><td>${u.items}</td><td>${rate(u.onTimeRate)}</td><td>${u.quotaWeeks ? `${u.quotaWeeksMet}/${u.quotaWeeks} 周` : "—"}</td><td>${escape(u.staleColumns.map((c) => report.columnNames[c] ?? c).join("、") || "—")}</td><td>${duration(u.reviewHoursMedian)}</td><td>${count(u.sentBack)}</td></tr>`).join("\n");
  const name = (id: string) => escape(report.units.find((u) => u.unit === id)?.name ?? id);
  const people = report.people.map((p) => `<tr><td>${escape(p.name)}</td><td>${name(p.unit)}</td><td>${p.items}</td><td>${rate(p.onTimeRate)}</td><td>${duration(p.reviewHoursMedian)}</td><td>${count(p.sentBack)}</td></tr>`).join("\n");
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>门户网站信息报送情况通报（${escape(report.period.name)}）</title>
<style>
@page { size: A4; margin: 20mm 18mm; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; font-size: 12pt; line-height: 1.6; color: #111; max-width: 180mm; margin: 0 auto; }
h1 { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "SimHei", sans-serif; font-size: 18pt; text-align: center; }
h2 { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "SimHei", sans-serif; font-size: 14pt; }
table { border-collapse: collapse; width: 100%; font-size: 10.5pt; }
th, td { border: 1px solid #444; padding: 2mm; text-align: left; }
th { font-size: 9.5pt; }
figure { margin: 6mm 0; text-align: center; }
figure svg { max-width: 100%; height: auto; }
.note { font-size: 9pt; color: #333; }
</style>
</head>
<body>
<h1>门户网站信息报送情况通报（${escape(report.period.name)}）</h1>
<p>本期共发布信息 ${report.units.reduce((n, u) => n + u.items, 0)} 条。</p>
<figure>${chart}</figure>
<table>
<thead><tr><th>单位</th><th>发布信息</th><th>按时发布率</th><th>每周报送达标</th><th>未按期更新或空白的栏目</th><th>审核用时</th><th>退回修改</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="note">${escape(sources(report))}</p>
<h2>个人报送情况</h2>
${people ? `<table>
<thead><tr><th>姓名</th><th>单位</th><th>报送信息</th><th>按时发布率</th><th>审核用时</th><th>退回修改</th></tr></thead>
<tbody>
${people}
</tbody>
</table>` : "<p>本期没有可以对应到人员名单的报送记录。</p>"}
${report.unattributed ? `<p class="note">${escape(unattributedLine(report))}</p>\n` : ""}<h2>表扬</h2>
<p>${report.commended.length ? `${report.commended.map(name).join("、")}：发布信息多，按时发布，栏目保持更新。` : "本期没有同时做到信息多、全部按时、栏目全部按期更新的单位。"}</p>
<p>${escape(personLine(report))}</p>
<h2>通报批评</h2>
${report.criticised.length ? `<ul>${report.criticised.map((c) => `<li>${name(c.unit)}：${escape(c.reasons.join("；"))}。</li>`).join("")}</ul>` : "<p>本期没有需要通报批评的单位。</p>"}
</body>
</html>
`;
}
