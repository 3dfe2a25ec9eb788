import { z } from "zod";
import { calendarDate } from "../calendar/dates.ts";
import "../findings/zod-locale.ts";
import type { Role } from "../roster/units-schema.ts";

/** `workflows/review.yaml`: review levels (roles) and the chain for each category. */

export const LEVEL_BY = [
  "author-of-unit", // the submitting correspondent, if on the column's unit roster (seed 002: 承办人初审)
  "unit-reviewers", // the column's unit reviewers
  "office",
  "leaders", // any leader of the portal
  "unit-leaders", // the leader in charge (分管领导) of the column's unit: a leader whose `leads` names it
  "chiefs",
  "admins",
] as const;

/** The role that signs a level drawn from the whole portal (or its `units`); the unit-based levels have none. */
export const ROLE_OF_LEVEL: Partial<Record<(typeof LEVEL_BY)[number], Role>> = { office: "office", leaders: "leader", chiefs: "chief", admins: "admin" };

export const REQUIRED_CHAINS = ["reprint", "submitted", "produced", "removal", "code"] as const;

const levelId = z.string().regex(/^[a-z][a-z0-9-]*$/, "级别 id 只能用小写英文字母、数字和连字符");

/** A chain step: a level id, or `{level, name}` where the chain names the step differently (seed 003: 办公室 is 终审 for 报送, 三审 for 制发). */
export const chainStepSchema = z.union([levelId, z.strictObject({ level: levelId, name: z.string().min(1) })]);

export const reviewSchema = z.strictObject({
  levels: z.record(
    levelId,
    z.strictObject({
      name: z.string().min(1),
      by: z.enum(LEVEL_BY),
      /** Only people of these units hold the level (seed 003: 公共信用信息中心编辑 and 办公室 both review as office staff). */
      units: z.array(z.string()).min(1).optional(),
      /** Signed on the printed 审批单 (seed 003 第六条: 终审采取纸质审核方式); the approval on GitHub records the signature. */
      paper: z.boolean().optional(),
    }),
  ),
  chains: z.record(z.string(), z.array(chainStepSchema).min(1, "审核链至少一级")),
  escalate: z
    .strictObject({
      emergency: z.string().optional(), // a chain id
      warn_word: z.array(levelId).default([]),
      pii_exempt: z.array(levelId).default([]),
    })
    .default({ warn_word: [], pii_exempt: [] }),
  rules: z
    .strictObject({
      distinct_people: z.boolean().default(true),
      ordered: z.boolean().default(true),
      fresh: z.boolean().default(true),
    })
    .default({ distinct_people: true, ordered: true, fresh: true }),
});

export type Review = z.infer<typeof reviewSchema>;
export type ChainStep = z.infer<typeof chainStepSchema>;
/** The level a chain step names (a step is a level id, or `{ level, name }` renaming it). */
export const stepLevel = (step: ChainStep): string => (typeof step === "string" ? step : step.level);

/** `workflows/removals.yaml`: published articles deleted on the office's record (a legal takedown); otherwise articles are withdrawn, not deleted. */
export const removalsFileSchema = z.strictObject({
  removals: z
    .array(
      z.strictObject({
        path: z.string().regex(/^content\/.+\.mdx?$/i, "应为被删除文章的路径，例如 content/news/updates/2026/some-article.md"),
        date: calendarDate,
        reason: z.string().min(1),
      }),
    )
    .default([]),
});
