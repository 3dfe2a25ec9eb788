/**
 * A CODEOWNERS matcher written for GitHub's documented rules, to test what we
 * generate against what GitHub will do: the last matching pattern wins;
 * matching is case-sensitive; a leading `/` or an inner `/` anchors the
 * pattern at the root; a trailing `/` matches a folder and everything in it;
 * `*` never crosses `/` (so `/docs/*` does not match docs/a/b.md); `**`
 * does. No maintained package implements exactly these rules (the gitignore
 * matchers treat `/docs/*` as recursive), hence this small one.
 */
export interface OwnerRule {
  pattern: string;
  owners: string[];
  line: number;
  regex: RegExp;
}

export function patternToRegex(pattern: string): RegExp {
  const dirOnly = pattern.endsWith("/");
  let p = dirOnly ? pattern.slice(0, -1) : pattern;
  const anchored = p.startsWith("/") || p.includes("/", 1);
  p = p.replace(/^\//, "");
  const lastSegment = p.slice(p.lastIndexOf("/") + 1);
  let body = "";
  for (let i = 0; i < p.length; i++) {
    const ch = p[i]!;
    if (ch === "*" && p[i + 1] === "*") {
      if (p[i + 2] === "/") {
        body += "(?:.*/)?";
        i += 2;
      } else {
        body += ".*";
        i += 1;
      }
    } else if (ch === "*") body += "[^/]*";
    else if (ch === "?") body += "[^/]";
    else body += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  const prefix = anchored ? "^" : "^(?:.*/)?";
  const suffix = dirOnly ? "/.*$" : /[*?]/.test(lastSegment) ? "$" : "(?:/.*)?$";
  return new RegExp(prefix + body + suffix);
}

export function parseCodeowners(text: string): OwnerRule[] {
  const rules: OwnerRule[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (!line) return;
    const [pattern, ...owners] = line.split(/\s+/);
    rules.push({ pattern: pattern!, owners, line: i + 1, regex: patternToRegex(pattern!) });
  });
  return rules;
}

/** Owners of a path (relative to the repository root, no leading slash). */
export function ownersOf(path: string, rules: readonly OwnerRule[]): string[] {
  for (let i = rules.length - 1; i >= 0; i--) if (rules[i]!.regex.test(path)) return rules[i]!.owners;
  return [];
}
