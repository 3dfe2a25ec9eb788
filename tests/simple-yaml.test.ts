import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { splitFrontmatter } from "../src/articles/frontmatter.ts";
import { random } from "../src/bench/corpus.ts";
import { parsePositionedYaml } from "../src/yaml/positioned-yaml.ts";
import { parseSimpleYaml } from "../src/yaml/simple-yaml.ts";

/** What the `yaml` package makes of a text, with the options the portal reads with. */
function reference(text: string) {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  return { errors: doc.errors.length, data: doc.errors.length ? undefined : doc.toJS() };
}

/** The fast reading agrees with the yaml package on every text it accepts. */
function agrees(text: string): boolean {
  const fast = parseSimpleYaml(text);
  if (fast === undefined) return false;
  const full = reference(text);
  expect(full.errors, text).toBe(0);
  expect(fast, text).toStrictEqual(full.data);
  // Nothing swallowed either (a comment glued to a value, an anchor, a tag).
  const positioned = parsePositionedYaml(text);
  expect(positioned.swallowed).toEqual([]);
  return true;
}

describe("the fast frontmatter reading (simple-yaml)", () => {
  it("reads the plain frontmatter of the bench corpus and of a 办事指南 as the yaml package does", () => {
    const bench = [
      "title: 示例市政协履职指南工作信息第6522期",
      "category: submitted",
      "source: 履职指南责任单位",
      "unit: members",
      "summary: 本文介绍履职指南的最新工作情况。",
      "keywords: [政协, 履职]",
      "guide:",
      "  name: 详见正文",
      "  fee: 详见正文",
      "date: 2026-03-05 09:30",
      "scheduled: true",
      "sourceUrl: https://www.gov.cn/zhengce/2026-01/05/content_1.htm#top",
      "attachments:",
      "  - \"./政策.pdf\"",
      "  - './a''b.pdf'",
      "",
    ].join("\n");
    expect(agrees(bench)).toBe(true);
    expect(parseSimpleYaml(bench)).toMatchObject({ keywords: ["政协", "履职"], guide: { name: "详见正文" }, scheduled: true, date: "2026-03-05 09:30" });
  });

  it("leaves every text outside its subset to the yaml package", () => {
    for (const text of [
      "title: 关于 #2 号文件", // a comment glued to the value (YAML.SWALLOWED)
      "title: &重要 摘要",
      "title: !tag x",
      "title: *alias",
      "title: a: b",
      "title: \"a\\nb\"",
      "title: 'open",
      "title: [a, 'b']",
      "weight: 3",
      "weight: 0x1F",
      "ratio: .5",
      "x: -1",
      "title: a\ntitle: b", // duplicate key
      "title:\tx",
      "\ttitle: x",
      "# a comment\ntitle: x",
      "title: x\n  continued",
      "title: |\n  block",
      "guide:\n  a: x\n    b: y",
      "guide:\n  sub:\n    a: b",
      "list:\n- a\n  - b",
      "null: x",
      "True: x",
      "%YAML 1.2\ntitle: x",
      "title: x\n...",
      "",
      "title: \u0085x",
      "title: x\u2028y",
    ]) {
      expect(parseSimpleYaml(text), text).toBeUndefined();
    }
  });

  it("agrees with the yaml package on 20,000 generated texts of tricky lines", () => {
    const rnd = random(11);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const keys = ["title", "date", "a", "Guide", "x_1", "null", "True", "key", "title"];
    const values = [
      "政协", "a b", "a  b ", "C#语言", "x #y", "~", "null", "Null", "NULL", "true", "False", "yes", "no", "on", "0", "007", "1.5", "1e3", "1_000",
      "2026-01-05", "2026-01-05 09:00", "09:00:00+08:00", ".inf", "-.inf", ".nan", "0o17", "0x1f", "+5", "-x", "-", "?x", ":x", "a:b", "a: b", "a:",
      "\"q\"", "\"q", "'s''t'", "'s", "\"a\\\"b\"", "[a, b]", "[]", "[ ]", "[a,]", "[a, [b]]", "[a: b]", "[1, x]", "[true, ~]", "{a: b}", "&a x", "*a", "!t x",
      "|", ">", "%x", "@x", "`x`", "a,b", "a]b", "a}b", "http://x/?a=1&b=2", "\\x", "a\"b", "a'b", "", "  ",
    ];
    const line = (): string => {
      const r = rnd();
      if (r < 0.55) return `${pick(keys)}: ${pick(values)}`;
      if (r < 0.62) return `${pick(keys)}:`;
      if (r < 0.72) return `${pick(["  ", "    ", " "])}${pick(keys)}: ${pick(values)}`;
      if (r < 0.82) return `${pick(["", "  ", "    "])}- ${pick(values)}`;
      if (r < 0.86) return "";
      if (r < 0.9) return pick(["# c", "  # c", "---", "...", "key :x", "key:x", " ", "-", "? a"]);
      return `${pick(keys)}: ${pick(values)} ${pick(values)}`;
    };
    let accepted = 0;
    for (let n = 0; n < 20_000; n++) {
      const lines = Array.from({ length: 1 + Math.floor(rnd() * 6) }, line);
      if (agrees(lines.join("\n"))) accepted++;
    }
    expect(accepted).toBeGreaterThan(1_000);
  });

  it("agrees with the yaml package on every frontmatter and rule file in this repository", () => {
    const root = join(import.meta.dirname, "..");
    const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((p) => !p.startsWith("node_modules") && !p.includes("/node_modules/") && /\.(md|ya?ml)$/.test(p));
    let accepted = 0;
    for (const file of files) {
      const text = readFileSync(join(root, file), "utf8").replace(/\r\n?/g, "\n").replace(/^\ufeff/, "");
      let yaml = text;
      if (file.endsWith(".md")) {
        const split = splitFrontmatter(text);
        if (!split.ok) continue;
        yaml = split.yamlText;
      }
      if (agrees(yaml)) accepted++;
    }
    expect(accepted).toBeGreaterThan(100);
  });

  it("gives the yaml package's positions, lazily, for a text it read fast", () => {
    const text = "title: 标题\nguide:\n  name: 名称\nkeywords: [a, b]\n";
    const fast = parsePositionedYaml(text, 1);
    expect(parseSimpleYaml(text)).toBeDefined();
    expect(fast.positionOf(["guide", "name"])).toEqual({ line: 4, column: 9 });
    expect(fast.positionOf(["keywords"], "key")).toEqual({ line: 5, column: 1 });
    expect(fast.sourceOf(["title"])).toBe("标题");
    expect(fast.strings().map((s) => s.path)).toEqual([["title"], ["guide", "name"], ["keywords", 0], ["keywords", 1]]);
  });
});
