import { z } from "zod";

/**
 * An enum whose canonical values are English but which also accepts the
 * Chinese words clerks naturally type (`category: 转载` → `reprint`).
 */
export function zhEnum<const T extends string>(values: Record<T, readonly string[]>, what: string) {
  const canonical = Object.keys(values) as [T, ...T[]];
  const alias = new Map<string, T>();
  for (const key of canonical) for (const word of values[key]) alias.set(word, key);
  const accepted = canonical.map((k) => `${k}（${values[k][0]}）`).join("、");
  return z.preprocess(
    (v) => (typeof v === "string" ? (alias.get(v.trim()) ?? v.trim()) : v),
    z.enum(canonical, { error: (issue) => (issue.input === undefined ? undefined : `${what}只能是 ${accepted}`) }),
  );
}
