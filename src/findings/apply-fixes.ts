import type { Finding } from "./finding.ts";

/**
 * Applies the safe corrections of `check --fix` to one file's text: wording
 * pairs (错→对) and punctuation. Overlapping fixes keep the first; the text is
 * rebuilt from the end so earlier offsets stay valid. Pure.
 */
export function applyFixes(text: string, findings: readonly Finding[]): { text: string; applied: number } {
  const fixes = findings
    .map((f) => f.fix)
    .filter((f) => f !== undefined)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: typeof fixes = [];
  for (const f of fixes) if (!kept.length || f.start >= kept[kept.length - 1]!.end) kept.push(f);
  let out = text;
  for (const f of kept.reverse()) out = out.slice(0, f.start) + f.text + out.slice(f.end);
  return { text: out, applied: kept.length };
}
