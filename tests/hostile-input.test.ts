import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import rehypeStringify from "rehype-stringify";
import rehypeRaw from "rehype-raw";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import { describe, expect, it } from "vitest";
import { checkPortalFiles } from "../src/adapters/check-files.ts";
import { MAX_BLOCK_NESTING, MAX_HTML_NESTING, MAX_INLINE_NESTING } from "../src/checks/markdown-limits.ts";
import { runScript } from "./helpers/cli.ts";
import { portalCopy, REPO, writeIn } from "./helpers/portal.ts";

/**
 * Hostile input: files built to crash, stall or overflow the checker and the
 * build. Each must end as a finding with its file, line and rule id, fast.
 */
const NEWS = "content/news/updates/2026/hostile.md";
const NOW = new Date("2026-11-22T04:00:00Z");
const HEAD = "---\ntitle: 县政府召开专题会议\ncategory: submitted\nsource: 县政府办公室\nunit: office\n---\n";

function check(text: string, path = NEWS) {
  const root = portalCopy();
  writeIn(root, path, text);
  const r = checkPortalFiles(root, undefined, NOW);
  return { ...r, mine: [...r.errors, ...r.warnings].filter((f) => f.file === path) };
}

/** The build's Markdown chain without Astro: the same recursive renderers that overflowed. */
function render(body: string): string {
  return String(unified().use(remarkParse).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw).use(rehypeSanitize, defaultSchema).use(rehypeStringify).processSync(body));
}

describe("deep Markdown nesting (a finding before any recursive parser runs)", () => {
  // [case, body, the line the finding names (the body starts on line 9), rule]
  const deep: [string, string, number?, string?][] = [
    ["3,000 `>` in 3 KB", ">".repeat(3000)],
    ["3,000 `> ` with text", "> ".repeat(3000) + "正文"],
    ["5,000 `>` and a link", ">".repeat(5000) + " [链接](https://www.gov.cn/)"],
    ["2,000 nested `- `", "- ".repeat(2000) + "正文"],
    ["2,000 nested `1. `", "1. ".repeat(2000) + "正文"],
    ["a list indented level by level", Array.from({ length: 60 }, (_, i) => `${"  ".repeat(i)}- 第${i}层`).join("\n"), 9 + MAX_BLOCK_NESTING],
    ["quotes and lists mixed", "> - ".repeat(1500) + "正文"],
    ["3,000 nested emphasis", "*".repeat(3000) + "正文" + "*".repeat(3000)],
    ["alternating emphasis", "*_".repeat(1500) + "正文" + "_*".repeat(1500), 9, "MARKDOWN.TOO_COMPLEX"],
    ["nested strikethrough", "~~a ".repeat(1500) + "正文" + " a~~".repeat(1500)],
    ["nested images", "![".repeat(1000) + "图" + "](a.png)".repeat(1000)],
    ["nested links", "[".repeat(3000) + "正文" + "](https://www.gov.cn/)".repeat(3000)],
    ["8,000 nested <sup>", "<sup>".repeat(8000) + "正文"],
    ["tables nested in tables", "<table><tr><td>".repeat(500) + "正文"],
    ["nested footnote definitions", Array.from({ length: 60 }, (_, i) => `${"    ".repeat(i)}[^${i}]: 注释`).join("\n"), 19],
  ];
  for (const [name, body, line = 9, rule = "MARKDOWN.TOO_DEEP"] of deep) {
    it(`${name}: ${rule} on its line, at once`, () => {
      const t = performance.now();
      const r = check(HEAD + "第一段。\n\n" + body + "\n");
      expect(performance.now() - t).toBeLessThan(5000);
      expect(r.ok).toBe(false);
      expect(r.mine.map((f) => `${f.rule}:${f.line}`)).toContain(`${rule}:${line}`);
      expect(r.mine.find((f) => f.rule === rule)!.message).toMatch(/嵌套|未配对|超过/);
    });
  }

  it("without the limit each of them overflows the build's renderer (the limit is needed)", () => {
    for (const body of [">".repeat(3000), "- ".repeat(2000) + "a", "<sup>".repeat(8000), "*".repeat(3000) + "a" + "*".repeat(3000)]) {
      expect(() => render(body)).toThrow(RangeError);
    }
  });

  it("an article just within every limit passes check and renders", () => {
    const quotes = ">".repeat(MAX_BLOCK_NESTING) + " 引用";
    const lists = Array.from({ length: MAX_BLOCK_NESTING }, (_, i) => `${"  ".repeat(i)}- 第${i + 1}层`).join("\n");
    const inline = "*".repeat(MAX_INLINE_NESTING / 2) + "强调" + "*".repeat(MAX_INLINE_NESTING / 2);
    const html = "<table><tr><td>".repeat(MAX_HTML_NESTING / 3) + "表格" + "</td></tr></table>".repeat(MAX_HTML_NESTING / 3);
    const body = [quotes, lists, inline, html, "填空：（____________________）（____________________）"].join("\n\n");
    const r = check(HEAD + body + "\n");
    expect(r.mine.filter((f) => f.rule.startsWith("MARKDOWN."))).toEqual([]);
    expect(render(body)).toContain("第20层");
  });

  it("real writing is not flagged: bold, links, fill-in blanks, tables without closing tags", () => {
    const body = [
      "**重要通知**：请各单位于 *11 月 30 日* 前报送，详见[通知](https://www.gov.cn/)。",
      "姓名：________ 电话：________ 单位：（______________）",
      "<table><tr><td>一<td>二<tr><td>三<td>四</table>",
      "1. 第一项\n   - 子项\n     - 再下一层\n2. 第二项",
      "> 引用\n> > 引用中的引用",
      "a*b*c、5 * 3 = 15、~约~",
    ].join("\n\n");
    expect(check(HEAD + body + "\n").mine.filter((f) => f.rule.startsWith("MARKDOWN."))).toEqual([]);
  });
});

describe("micromark's quadratic cases are bounded", () => {
  const heavy: [string, string][] = [
    ["20,000 `[a]` in one paragraph", "[a]".repeat(20000)],
    ["30,000 lone `*` in one paragraph", "*a ".repeat(30000)],
    ["a long run of `*`", "*".repeat(12000) + "a" + "*".repeat(12000)],
  ];
  for (const [name, body] of heavy) {
    it(`${name}: a finding in seconds, not minutes`, () => {
      const t = performance.now();
      const r = check(HEAD + body + "\n");
      expect(performance.now() - t).toBeLessThan(5000);
      expect(r.mine.map((f) => f.rule)).toEqual(expect.arrayContaining([expect.stringMatching(/^MARKDOWN\.TOO_(DEEP|COMPLEX)$/)]));
    });
  }
});

describe("huge frontmatter (refused before the YAML parser runs)", () => {
  const fields = (n: number) => Array.from({ length: n }, (_, i) => `key${i}: value${i}`).join("\n") + "\n";
  it("32,000 fields (0.6 MB): FRONTMATTER.TOO_LARGE at once, not a minute of parsing", () => {
    const t = performance.now();
    const r = check(HEAD.replace(/---\n$/, "") + fields(32000) + "---\n正文\n");
    expect(performance.now() - t).toBeLessThan(3000);
    expect(r.mine.map((f) => `${f.rule}:${f.line}`)).toEqual(["FRONTMATTER.TOO_LARGE:1"]);
  });

  it("201 fields: FRONTMATTER.TOO_LARGE on the 201st", () => {
    const r = check("---\n" + fields(201) + "---\n正文\n");
    expect(r.mine.map((f) => `${f.rule}:${f.line}`)).toEqual(["FRONTMATTER.TOO_LARGE:202"]);
    expect(r.mine[0]!.message).toMatch(/超过 200 个字段/);
  });

  it("the worst within the limits (64 KB of nested or flow keys) is checked in about a second", () => {
    for (const yaml of ["guide:\n" + Array.from({ length: 6000 }, (_, i) => `  k${i}: v`).join("\n") + "\n", "guide: {" + Array.from({ length: 6500 }, (_, i) => `k${i}: v`).join(", ") + "}\n"]) {
      const t = performance.now();
      const r = check(HEAD.replace(/---\n$/, "") + yaml + "---\n正文\n");
      expect(performance.now() - t).toBeLessThan(5000);
      expect(r.ok).toBe(false);
    }
  });

  it("the gate's reading of a huge frontmatter is bounded too", async () => {
    const { frontmatterData } = await import("../src/articles/frontmatter.ts");
    const t = performance.now();
    expect(frontmatterData("---\n" + fields(32000) + "---\n正文\n")).toBeUndefined();
    expect(frontmatterData("\n".repeat(20000) + "---\n" + "---\n".repeat(20000))).toBeUndefined();
    expect(performance.now() - t).toBeLessThan(2000);
  });
});

describe("very many findings (collected without spreading into arguments)", () => {
  const doubled = (n: number) => HEAD + "a。。".repeat(n) + "\n";
  it("130,000 warnings in one article are reported, not a stack overflow", () => {
    const r = check(doubled(130000));
    expect(r.warnings.filter((f) => f.rule === "PROOF.DOUBLED").length).toBe(130000);
  });

  it("160,000 warnings over four articles, in-process and from the CLI", () => {
    const root = portalCopy();
    for (let k = 0; k < 4; k++) writeIn(root, `content/news/updates/2026/many-${k}.md`, doubled(40000));
    expect(checkPortalFiles(root, undefined, NOW).warnings.length).toBe(160000);
    // 40 MB of JSON: more than runScript's buffer.
    const cli = spawnSync(process.execPath, [join(REPO, "scripts", "run.mjs"), "check", "--root", root, "--json"], { encoding: "utf8", maxBuffer: 1 << 30 });
    expect(cli.stderr).toBe("");
    expect(cli.status).toBe(0);
    expect((JSON.parse(cli.stdout) as { warnings: unknown[] }).warnings.length).toBe(160000);
  });
});

describe("build --out: built beside the live folder and swapped in whole", () => {
  const cache = (name: string) => join(REPO, "node_modules", ".astro-tests", `hostile-${name}`);
  const build = (root: string, out: string) => runScript("build", ["--root", root, "--out", out], REPO, { SANSHEN_CACHE: cache(basename(out)), CI: "1" });

  it("refuses content/, workflows/, the portal, its parents and a folder of someone else's files, touching nothing", () => {
    const root = portalCopy();
    const www = mkdtempSync(join(tmpdir(), "sanshen-www-"));
    writeFileSync(join(www, "other-site.html"), "不是三审的文件");
    const before = readdirSync(join(root, "content"), { recursive: true }).length;
    for (const out of [join(root, "content"), join(root, "content", "news"), join(root, "workflows"), root, dirname(root), www, REPO, join(REPO, "src"), join(root, "CODEOWNERS")]) {
      const r = build(root, out);
      expect(r.code, out).toBe(2);
      expect(r.stderr).toMatch(/^用法错误：不能输出到「.+」：.+。网站会整个替换输出目录/);
      expect(r.stdout).toBe(""); // refused before checking or building anything
    }
    expect(readdirSync(join(root, "content"), { recursive: true }).length).toBe(before);
    expect(readFileSync(join(www, "other-site.html"), "utf8")).toBe("不是三审的文件");
  });

  it("replaces an earlier build whole, marks it, and leaves nothing beside it; an interrupted build leaves the live site complete", async () => {
    const root = portalCopy();
    const parent = mkdtempSync(join(tmpdir(), "sanshen-live-"));
    const out = join(parent, "www");
    expect(build(root, out).code).toBe(0);
    expect(readdirSync(out)).toEqual(expect.arrayContaining([".sanshen-build", "index.html", "pagefind"]));
    writeFileSync(join(out, "stale.html"), "上一次构建留下的页面");
    const files = (readdirSync(out, { recursive: true }) as string[]).sort();

    // Killed while Astro writes pages: the live folder is untouched.
    const child = spawn(process.execPath, [join(REPO, "scripts", "run.mjs"), "build", "--root", root, "--out", out], { cwd: REPO, env: { ...process.env, SANSHEN_CACHE: cache("www"), CI: "1" } });
    await new Promise<void>((done) => child.stdout.on("data", (d: Buffer) => { if (String(d).includes("生成页面")) { setTimeout(() => child.kill("SIGKILL"), 300); done(); } }));
    await new Promise((done) => child.on("close", done));
    expect((readdirSync(out, { recursive: true }) as string[]).sort()).toEqual(files);

    const again = build(root, out);
    expect(again.code, again.stderr).toBe(0);
    expect(existsSync(join(out, "stale.html"))).toBe(false);
    expect(existsSync(join(out, "index.html"))).toBe(true);
    expect(readdirSync(parent)).toEqual(["www"]); // no staging or old folder left, not even the killed run's
  }, 120_000);
});

describe("rule files that cannot be read", () => {
  const cases: [string, (root: string) => void, string, string][] = [
    ["CODEOWNERS is a folder", (root) => { rmSync(join(root, "CODEOWNERS")); mkdirSync(join(root, "CODEOWNERS")); }, "CODEOWNERS", "FILE.NOT_A_FILE"],
    ["columns.yaml is a folder", (root) => { rmSync(join(root, "workflows/columns.yaml")); mkdirSync(join(root, "workflows/columns.yaml")); }, "workflows/columns.yaml", "FILE.NOT_A_FILE"],
    ["units.yaml is a folder", (root) => { rmSync(join(root, "workflows/units.yaml")); mkdirSync(join(root, "workflows/units.yaml")); }, "workflows/units.yaml", "FILE.NOT_A_FILE"],
    ["a recursive alias in columns.yaml", (root) => writeIn(root, "workflows/columns.yaml", "- &a\n  id: news\n  name: 新闻动态\n  children: [*a]\n"), "workflows/columns.yaml", "YAML.ALIAS"],
    ["a recursive alias in review.yaml", (root) => writeIn(root, "workflows/review.yaml", readFileSync(join(root, "workflows/review.yaml"), "utf8") + "loop: &l { next: *l }\n"), "workflows/review.yaml", "YAML.ALIAS"],
  ];
  for (const [name, damage, file, rule] of cases) {
    it(`${name}: a finding naming the file (exit 1), for check and codeowners`, () => {
      const root = portalCopy();
      damage(root);
      const result = checkPortalFiles(root, undefined, NOW);
      expect(result.errors.map((f) => `${f.file} ${f.rule}`)).toContain(`${file} ${rule}`);
      for (const job of ["check", "codeowners"]) {
        const r = runScript(job, ["--root", root]);
        expect(r.code, r.stderr).toBe(1);
        expect(r.stdout + r.stderr).toContain(file);
        expect(r.stdout + r.stderr).not.toMatch(/运行出错|EISDIR|Maximum call stack/);
      }
    });
  }
});
