import { z } from "zod";
import { publishDateTime } from "../calendar/dates.ts";
import "../findings/zod-locale.ts";

/** The office's record of corrected publish times (the only allowed changes to a published article's date). */
export const DATE_CORRECTIONS_FILE = "workflows/date-corrections.yaml";

/**
 * `workflows/date-corrections.yaml`: the office's record of each change to a
 * published article's publish time (严禁篡改发布时间: a correction is the only
 * way). `from` absent means the article had no date (its time was its arrival
 * on main); `to` absent means the date is removed. Edits to workflows/ need
 * the admins' review (CODEOWNERS), which is the office's approval.
 */
export const dateCorrectionsFileSchema = z.strictObject({
  corrections: z
    .array(
      z
        .strictObject({
          path: z.string().regex(/^content\/.+\.mdx?$/i, "应为文章的路径，例如 content/news/updates/2026/some-article.md"),
          from: publishDateTime.optional(),
          to: publishDateTime.optional(),
          reason: z.string().trim().min(1, "不能为空"),
          /** Who approved it and where: a sign-off sheet number, an issue link. */
          approval: z.string().trim().min(1, "不能为空"),
        })
        .refine((c) => c.from !== undefined || c.to !== undefined, { message: "from（原发布时间）和 to（更正后的发布时间）至少写一个" }),
    )
    .default([]),
});

export interface DateCorrection {
  path: string;
  from?: string | undefined;
  to?: string | undefined;
}
