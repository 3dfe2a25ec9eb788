import type { Finding } from "./finding.ts";

export type Format = "text" | "json" | "github";

export interface Report {
  ok: boolean;
  checked: number;
  errors: Finding[];
  warnings: Finding[];
}

/**
 * The stable JSON shape: {ok, checked, errors, warnings}, each finding {file,
 * line, column, rule, severity, message, fixable}; `fixable` (added later)
 * says `check --fix` corrects it.
 */
export function formatJson(report: Report): string {
  const strip = (f: Finding) => ({ file: f.file, line: f.line, column: f.column, rule: f.rule, severity: f.severity, message: f.message, fixable: f.fix !== undefined });
  return JSON.stringify({ ok: report.ok, checked: report.checked, errors: report.errors.map(strip), warnings: report.warnings.map(strip) }, null, 2);
}

/** Said after a finding `check --fix` corrects: to whoever runs check, and on a pull request, where the clerk runs nothing. */
const FIXABLE_HERE = "（npm run check -- --fix 可自动改正）";
const FIXABLE_BY_OFFICE = "（也可请网站主管部门自动改正）";

/** For people: grouped by file, one line per problem, then a summary. */
export function formatText(report: Report): string {
  const all = [...report.errors, ...report.warnings].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  const out: string[] = [];
  let current = "";
  for (const f of all) {
    if (f.file !== current) {
      if (current) out.push("");
      out.push(f.file);
      current = f.file;
    }
    const where = f.line ? `第 ${f.line} 行${f.column ? `第 ${f.column} 列` : ""}` : "整个文件";
    out.push(`  ${f.severity === "error" ? "错误" : "提醒"}  ${where}  ${f.message}${f.fix ? FIXABLE_HERE : ""}  [${f.rule}]`);
  }
  if (out.length) out.push("");
  out.push(summaryLine(report));
  return out.join("\n");
}

export function summaryLine(report: Report): string {
  return report.ok
    ? `检查通过：共检查 ${report.checked} 个文件${report.warnings.length ? `，${report.warnings.length} 条提醒` : "，没有发现问题"}。`
    : `检查未通过：共检查 ${report.checked} 个文件，${report.errors.length} 个错误${report.warnings.length ? `、${report.warnings.length} 条提醒` : ""}。请按提示逐条修改后重新提交。`;
}

/**
 * GitHub workflow commands: annotations on the pull request's files.
 * @param prefix the portal's folder in the repository, since GitHub places annotations by repository path.
 */
export function formatGithub(report: Report, prefix = ""): string {
  const esc = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const prop = (s: string) => esc(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
  const lines = [...report.errors, ...report.warnings].map((f) => {
    const loc = [`file=${prop(prefix + f.file)}`, f.line ? `line=${f.line}` : "", f.column ? `col=${f.column}` : "", `title=${prop(f.rule)}`].filter(Boolean).join(",");
    return `::${f.severity === "error" ? "error" : "warning"} ${loc}::${esc(f.message + (f.fix ? FIXABLE_BY_OFFICE : ""))}`;
  });
  lines.push(summaryLine(report));
  return lines.join("\n");
}

export function formatReport(report: Report, format: Format, prefix = ""): string {
  return format === "json" ? formatJson(report) : format === "github" ? formatGithub(report, prefix) : formatText(report);
}
