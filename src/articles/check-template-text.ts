import { finding, type Finding } from "../findings/finding.ts";
import { fieldPath } from "../findings/zod-findings.ts";
import type { PositionedYaml } from "../yaml/positioned-yaml.ts";
import { FIELD_LABELS } from "./article-schema.ts";
import { PLACEHOLDERS } from "./compose-article.ts";

/**
 * Text of a template or a `npm run new` skeleton left as it was. A body that
 * is only 正文…… is no article (an error, like an empty body); a summary left
 * at 一句话摘要 only describes the page badly (a warning); a field still
 * saying （请填写） was never filled in (an error).
 */
const BODY_PLACEHOLDER = /^正文\s*(……|\.{3,6}|。{3,6}|…)$/;

export function checkTemplateText(file: string, fields: Record<string, unknown>, body: string, bodyLine: number, yaml: PositionedYaml): Finding[] {
  const out: Finding[] = [];
  if (fields.summary === PLACEHOLDERS.summary) {
    out.push(finding(file, "TEMPLATE.UNCHANGED", `摘要还是模板里的「${PLACEHOLDERS.summary}」：请用一句话概括本文，或删去 summary 这一行`, yaml.positionOf(["summary"]), "warning"));
  }
  const left = new Set<unknown>([PLACEHOLDERS.field, PLACEHOLDERS.imageAlt, PLACEHOLDERS.attachmentTitle, PLACEHOLDERS.formTitle, PLACEHOLDERS.withdrawalReason]);
  const unfilled = (value: unknown, path: (string | number)[]) => {
    if (left.has(value)) {
      out.push(finding(file, "TEMPLATE.UNCHANGED", `${fieldPath(path, FIELD_LABELS)}还是示例里的「${String(value)}」：请写实际内容`, yaml.positionOf(path)));
    } else if (value && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) unfilled(inner, [...path, Array.isArray(value) ? Number(key) : key]);
    }
  };
  for (const [key, value] of Object.entries(fields)) unfilled(value, [key]);
  if (BODY_PLACEHOLDER.test(body.trim())) {
    out.push(finding(file, "TEMPLATE.UNCHANGED", `正文还是模板里的「${PLACEHOLDERS.body}」：请在信息头下方写上文章正文`, { line: bodyLine, column: 1 }));
  }
  return out;
}
