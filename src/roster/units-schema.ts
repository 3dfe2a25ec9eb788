import { z } from "zod";
import "../findings/zod-locale.ts";
import { calendarDate } from "../calendar/dates.ts";
import { validateYaml } from "../findings/validate-yaml.ts";

/** `workflows/units.yaml`: units (责任单位) and their people, by role. */
export const UNITS_FILE = "workflows/units.yaml";

export const ROLES = [
  "correspondent", // 通讯员
  "reviewer", // 本单位审核人（分管领导、科室负责人）
  "office", // 网站主管（研究室/办公室）复审
  "leader", // 分管领导 终审
  "chief", // 主要领导
  "admin", // 技术管理员
] as const;
export type Role = (typeof ROLES)[number];

const loginSchema = z
  .string()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/, "GitHub 账号只含字母、数字和单个连字符，不带 @");

export const personSchema = z.strictObject({
  login: loginSchema,
  name: z.string().min(1),
  roles: z.array(z.enum(ROLES)).min(1, "每人至少一个角色"),
  title: z.string().optional(), // 职务
  /** The address this person commits with (git config user.email), so `npm run new` knows them. */
  email: z.email("邮箱格式不对，例如 zhangsan@example.gov.cn").optional(),
  /** Units this leader is in charge of (分管), for `by: unit-leaders` levels. */
  leads: z.array(z.string()).min(1).optional(),
  /** Seed 000: an account unused for a month is locked. */
  locked: z.strictObject({ date: calendarDate, reason: z.string().min(1) }).optional(),
});

export const unitSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "单位 id 只能用小写英文字母、数字和连字符"),
  name: z.string().regex(/^[^\n\r#]+$/, "单位名称写在一行内，不含 #").min(1),
  /** GitHub team slug in the site's organisation. */
  team: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/).optional(),
  people: z.array(personSchema).default([]),
});

export const unitsFileSchema = z.strictObject({ units: z.array(unitSchema).min(1, "至少要有一个单位") });

export type Person = z.infer<typeof personSchema>;
export type Unit = z.infer<typeof unitSchema>;

/** units.yaml read alone, the way check reads it: the units, or undefined when the file is not a valid roster. */
export function parseUnits(text: string): Unit[] | undefined {
  return validateYaml(UNITS_FILE, text, unitsFileSchema, { labels: {} }).data?.units;
}
