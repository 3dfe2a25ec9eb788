import "../findings/zod-locale.ts";
import { z } from "zod";

/** `workflows/words/*.yaml`: the office's word lists and authoritative sources. */

const word = z.string().trim().min(1, "词不能为空");
const host = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, "只写域名，例如 www.gov.cn，不带 http:// 和路径");

const pattern = z.string().superRefine((p, ctx) => {
  try {
    new RegExp(p, "u");
  } catch (e) {
    ctx.addIssue({ code: "custom", message: `不是有效的正则表达式：${(e as Error).message}`, params: { rule: "WORDS.PATTERN" } });
  }
});

const wordList = z.strictObject({
  source: z.string().min(1), // where the list comes from
  words: z.array(word).default([]),
  /** Phrases in which a listed word is fine (商业秘密 for 秘密). */
  except: z.array(word).default([]),
});

/** block.yaml (禁用) and warn.yaml (慎用). */
export const wordListsFileSchema = z.strictObject({ lists: z.array(wordList).default([]) });

/** correct.yaml (规范表述): wrong → right pairs, fixable; patterns for context rules. */
export const correctFileSchema = z.strictObject({
  lists: z
    .array(
      z.strictObject({
        source: z.string().min(1),
        level: z.enum(["error", "warning"]).default("warning"),
        pairs: z.array(z.strictObject({ wrong: word, right: z.string(), note: z.string().optional() })).default([]),
        patterns: z.array(z.strictObject({ pattern, message: z.string().min(1), right: z.string().optional() })).default([]),
        except: z.array(word).default([]),
      }),
    )
    .default([]),
});

/** authorities.yaml: where reprints may come from (转载审核). */
export const authoritiesFileSchema = z.strictObject({
  central: z.array(host).default([]),
  provincial: z.array(host).default([]),
  media: z.array(host).default([]),
  issuers: z.strictObject({ central: z.array(word).default([]), provincial: z.array(word).default([]) }).default({ central: [], provincial: [] }),
});

/** links.yaml: sites the portal must not link to. */
export const linksFileSchema = z.strictObject({ block: z.array(host).default([]) });

export type AuthoritiesFile = z.infer<typeof authoritiesFileSchema>;
export type LinksFile = z.infer<typeof linksFileSchema>;
