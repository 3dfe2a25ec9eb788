import type { Finding } from "../findings/finding.ts";
import { FORM_FIELDS, type FormField } from "./issue-form.ts";
import type { ArticlePlan, FormProblem } from "./submission-article.ts";

/**
 * What the submission job says on the clerk's issue: one comment, edited in
 * place, in the words of the form (「标题」「正文」), never of the file the
 * clerk has not seen, and never a command to run.
 */
export const SUBMISSION_MARKER = "<!-- sanshen:submission -->";

/** Header fields as the form names them. */
const FIELD_OF_KEY: Record<string, FormField> = {
  title: "title",
  category: "category",
  source: "source",
  sourceUrl: "sourceUrl",
  image: "photos",
  attachments: "attachments",
  docNumber: "docNumber",
  issuer: "issuer",
  writtenDate: "writtenDate",
  topic: "topic",
  interprets: "interprets",
  unit: "column",
};

/**
 * A checker's message said in the form's words: advice that only fits
 * someone editing the file becomes what a form's writer can do, and the
 * field names in English (sourceUrl, (docNumber)) are left out.
 */
const inFormWords = (message: string) =>
  message
    .replace(/；依法必须公示的，在信息头写 piiExemption: 公示依据/, "；依法必须公示的，请联系网站主管部门")
    .replace(/「[^」]+」\(([A-Za-z][A-Za-z0-9.[\]]*)\)/g, (whole, key: string) => {
      const field = FIELD_OF_KEY[key.split(/[.[]/)[0]!];
      return field ? `「${FORM_FIELDS[field]}」` : whole.replace(/\(.*\)$/, "");
    })
    .replace(/\s?\b(sourceUrl|docNumber|writtenDate|interprets|summary|keywords)\b/g, "")
    .replace(/请在 PR 中说明/g, "请在本议题中说明");

/** check's findings on the article made from a form, as problems with the form's fields. */
export function formProblemsOf(findings: readonly Finding[], plan: ArticlePlan, articleText: string): FormProblem[] {
  const lines = articleText.split("\n");
  const bodyStart = lines.indexOf("---", 1) + 2; // 1-based line of the body's first line
  const keyAt = (line: number): string | undefined => {
    for (let i = Math.min(line, bodyStart - 2) - 1; i >= 1; i--) {
      const key = /^([A-Za-z]+):/.exec(lines[i]!)?.[1];
      if (key) return key;
    }
    return undefined;
  };
  return findings.flatMap((f): FormProblem[] => {
    if (f.file !== plan.path) return [{ field: /\.(jpe?g|png|gif|webp)$/i.test(f.file) ? "photos" : "attachments", message: inFormWords(f.message) }];
    if (f.line >= bodyStart) {
      // The words around what was found, so the clerk finds the sentence in what they pasted.
      const line = lines[f.line - 1] ?? "";
      const from = Math.max(0, (f.column || 1) - 1 - 10);
      const quoted = line.slice(from, from + 30).trim();
      return [{ field: "body", message: `${quoted ? `「${from > 0 ? "…" : ""}${quoted}${from + 30 < line.length ? "…" : ""}」：` : ""}${inFormWords(f.message)}` }];
    }
    // 缺少必填字段 「文号」(docNumber)、「主题分类」(topic): one problem for each field of the form.
    const missing = [...f.message.matchAll(/「[^」]+」\(([A-Za-z]+)\)/g)].map((m) => FIELD_OF_KEY[m[1]!]);
    if (f.rule === "SCHEMA.REQUIRED" && f.message.includes("缺少必填字段") && missing.length && missing.every(Boolean)) {
      return missing.map((field) => ({ field, message: "本栏目必须填写这一栏" }));
    }
    // A message about a field names it first, 「来源网址」(sourceUrl)：…; the form's own label replaces that.
    const named = /^(?:「[^」]+」)?\(([A-Za-z]+)[^)]*\)：/.exec(f.message);
    const key = named?.[1] ?? (f.line ? keyAt(f.line) : undefined);
    const field = key ? FIELD_OF_KEY[key] : undefined;
    // A form's writer gives the policy document by its address on the portal, not by a path in the repository.
    if (field === "interprets") return [{ field, message: "没有找到这份政策文件：请打开网站上被解读的那篇政策文件，复制浏览器地址栏里的网址，粘贴到这一栏" }];
    return [{ field, message: inFormWords(named && field ? f.message.slice(named[0].length) : f.message) }];
  });
}

const listed = (problems: readonly FormProblem[]) => problems.map((p, i) => `${i + 1}. ${p.field ? `**「${FORM_FIELDS[p.field]}」**：` : ""}${p.message}`).join("\n");

const HOW_TO_EDIT = "修改方法：点本页顶部议题内容右上角的「…」→「Edit」，改好后点「Save」（或「Update comment」）保存，系统会自动重新检查。";

export type SubmissionOutcome =
  | { kind: "problems"; problems: FormProblem[]; warnings: FormProblem[]; account?: boolean | undefined }
  | { kind: "ready"; path: string; pull: { number: number; url: string; action: string }; warnings: FormProblem[]; checksNeedPerson: boolean }
  | { kind: "withdrawn"; pull: { number: number; url: string } | null };

export function submissionReply(outcome: SubmissionOutcome): string {
  const lines = [SUBMISSION_MARKER];
  if (outcome.kind === "problems" && outcome.account) {
    // Nothing in the form would change this: the office has to act first.
    lines.push("### 暂不能受理这份投稿", "", listed(outcome.problems), "", "网站主管部门办好后，点本页顶部议题内容右上角的「…」→「Edit」，不必改动内容，直接点「Save」（或「Update comment」）保存，系统即重新受理。");
  } else if (outcome.kind === "problems") {
    lines.push(`### 稿件还有 ${outcome.problems.length} 处需要修改，暂未送审`, "", listed(outcome.problems), "", HOW_TO_EDIT);
    if (outcome.warnings.length) lines.push("", "另有以下提醒（不影响送审，请核对）：", "", listed(outcome.warnings));
  } else if (outcome.kind === "ready") {
    const again = outcome.pull.action === "created" ? "已生成" : outcome.pull.action === "unchanged" ? "没有变化，仍是" : "已按您的修改更新";
    lines.push(
      `### 自动检查通过，${again}送审稿件 #${outcome.pull.number}`,
      "",
      `文章：\`${outcome.path}\`　合并请求：${outcome.pull.url}`,
      "",
      "接下来由本单位审核人和网站主管部门在合并请求中逐级审核（三审三校），审核通过、合并后即在网站发布，本议题随之自动关闭。需要修改时，照常编辑本议题即可，合并请求会随之更新；不再报送时，关闭本议题即撤回。",
    );
    if (outcome.checksNeedPerson) lines.push("", "（提示网站主管部门：本合并请求由 GitHub Actions 创建，请关闭后重新打开一次以启动检查和审核门禁。）");
    if (outcome.warnings.length) lines.push("", "以下提醒不影响送审，请核对：", "", listed(outcome.warnings));
  } else {
    lines.push("### 投稿议题已关闭，稿件已撤回", "", outcome.pull ? `送审稿件 #${outcome.pull.number} 已关闭。重新打开本议题即可再次送审。` : "重新打开本议题即可再次送审。");
  }
  return lines.join("\n") + "\n";
}
