/**
 * A fast reading of the plain frontmatter almost every article has: one
 * `key: value` a line, with at most one level of indented fields or `- item`
 * lines under a key, and one-line `[a, b]` lists. It gives exactly the value
 * the `yaml` package would (YAML 1.2 core schema), or undefined as soon as
 * the text leaves that subset (comments, numbers, quotes with escapes, block
 * scalars, anchors, tags, tabs, control characters, duplicate keys...): the
 * caller then parses with the `yaml` package. A text it accepts has no
 * syntax error and nothing swallowed; positions are still the `yaml`
 * package's, computed only when a finding needs one. Pure.
 *
 * Why: the `yaml` package's document parser (with the CST every position
 * comes from) was 2.4 s of the 4.2 s `stale` on 10,000 articles; this reading
 * takes a tenth of that (docs/BENCHMARKS.md). tests/simple-yaml.test.ts holds
 * it to the `yaml` package's value on every accepted text.
 */

/** Characters after which the `yaml` package may read the text differently than a plain line would: tabs, CR, control and format characters, BOM, line separators. */
const UNSAFE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u00AD\u2028\u2029\uFEFF\uFFFE\uFFFF]/;
const KEY = /^([A-Za-z][A-Za-z0-9_]{0,63}):(?: +(.*))?$/;
const NESTED_KEY = /^( +)([A-Za-z][A-Za-z0-9_]{0,63}):(?: +(.*))?$/;
const ITEM = /^( *)- +(.*)$/;
/** Keys the core schema reads as null or a boolean (their JS key would not be the text). */
const SPECIAL_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
/** What a value may not start with when plain: YAML's indicators. */
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;
/** A plain scalar the core schema might read as a number: left to the `yaml` package. */
const NUMBERLIKE = /^[-+]?[0-9.]/;
const NO_VALUE = Symbol("no value");

type Value = unknown;

/** The value of a one-line scalar or flow list, or NO_VALUE when outside the subset. */
function scalar(raw: string, flow = false): Value | typeof NO_VALUE {
  const s = raw.replace(/ +$/, "");
  if (s === "") return NO_VALUE;
  const first = s[0];
  if (!flow && first === '"') {
    const m = /^"([^"\\]*)"$/.exec(s);
    return m ? m[1]! : NO_VALUE;
  }
  if (!flow && first === "'") {
    const m = /^'((?:[^']|'')*)'$/.exec(s);
    return m ? m[1]!.replace(/''/g, "'") : NO_VALUE;
  }
  if (!flow && first === "[") {
    const m = /^\[(.*)\]$/.exec(s);
    if (!m) return NO_VALUE;
    if (m[1]!.trim() === "") return [];
    const items: Value[] = [];
    for (const part of m[1]!.split(",")) {
      const item = part.trim();
      // Quotes, nesting, pairs and comments inside a flow list: the yaml package's.
      if (item === "" || /[[\]{}:#"']/.test(item)) return NO_VALUE;
      const v = scalar(item, true);
      if (v === NO_VALUE) return NO_VALUE;
      items.push(v);
    }
    return items;
  }
  if (INDICATOR.test(s) || s.includes(": ") || s.endsWith(":") || s.includes(" #")) return NO_VALUE;
  if (/^(?:~|[Nn]ull|NULL)$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE)$/.test(s)) return true;
  if (/^(?:[Ff]alse|FALSE)$/.test(s)) return false;
  if (NUMBERLIKE.test(s) && isCoreNumber(s)) return NO_VALUE;
  return s;
}

/** The core schema's number forms (the `yaml` package's own tests). */
function isCoreNumber(s: string): boolean {
  return (
    /^0o[0-7]+$/.test(s) ||
    /^[-+]?[0-9]+$/.test(s) ||
    /^0x[0-9a-fA-F]+$/.test(s) ||
    /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s) ||
    /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s) ||
    /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)
  );
}

const blank = (line: string) => /^ *$/.test(line);

/**
 * The mapping the text holds, as the `yaml` package's `toJS()` gives it, or
 * undefined when the text is outside the subset this reads.
 */
export function parseSimpleYaml(text: string): Record<string, unknown> | undefined {
  if (UNSAFE.test(text)) return undefined;
  const lines = text.split("\n");
  const out: Record<string, unknown> = {};
  let count = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (blank(line)) continue;
    const m = KEY.exec(line);
    if (!m) return undefined;
    const key = m[1]!;
    if (SPECIAL_KEY.test(key) || Object.hasOwn(out, key)) return undefined;
    count++;
    const raw = m[2] ?? "";
    if (!blank(raw)) {
      const v = scalar(raw);
      if (v === NO_VALUE) return undefined;
      out[key] = v;
      continue;
    }
    // `key:` alone: null, or the indented fields or `- items` below it.
    let j = i + 1;
    while (j < lines.length && blank(lines[j]!)) j++;
    const next = lines[j];
    if (next === undefined || KEY.test(next)) {
      out[key] = null;
      continue;
    }
    const item = ITEM.exec(next);
    if (item) {
      const indent = item[1]!.length;
      const list: Value[] = [];
      for (; j < lines.length; j++) {
        const l = lines[j]!;
        if (blank(l)) continue;
        const it = ITEM.exec(l);
        if (!it) {
          if (KEY.test(l)) break;
          return undefined;
        }
        if (it[1]!.length !== indent) return undefined;
        const v = scalar(it[2]!);
        if (v === NO_VALUE) return undefined;
        list.push(v);
      }
      out[key] = list;
      i = j - 1;
      continue;
    }
    const nested = NESTED_KEY.exec(next);
    if (!nested) return undefined;
    const indent = nested[1]!.length;
    const map: Record<string, unknown> = {};
    for (; j < lines.length; j++) {
      const l = lines[j]!;
      if (blank(l)) continue;
      const n = NESTED_KEY.exec(l);
      if (!n) {
        if (KEY.test(l)) break;
        return undefined;
      }
      const k = n[2]!;
      if (n[1]!.length !== indent || SPECIAL_KEY.test(k) || Object.hasOwn(map, k)) return undefined;
      const v = scalar(n[3] ?? "");
      if (v === NO_VALUE) return undefined;
      map[k] = v;
    }
    out[key] = map;
    i = j - 1;
  }
  return count ? out : undefined;
}
