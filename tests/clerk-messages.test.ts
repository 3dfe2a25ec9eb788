import { describe, expect, it } from "vitest";
import { checkPortalFiles, fixFiles } from "../src/jobs/check.ts";
import { formatGithub, formatJson, formatText } from "../src/findings/format.ts";
import { checkDir, portalCopy, writeIn } from "./helpers/portal.ts";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * What a correspondent sees for the mistakes correspondents make (issue 14):
 * each message names the line and says exactly what to write instead, and
 * following it makes the article pass.
 */
const FILE = "content/news/updates/2026/meeting.md";
const HEADER = ["title: 县政府召开专题会议", "category: submitted", "source: 县政府办公室", "unit: office"];
const article = (header: string[], body = "会议研究了有关工作。") => `---\n${header.join("\n")}\n---\n${body}\n`;

function findingsFor(text: string, path = FILE) {
  const root = portalCopy();
  writeIn(root, path, text);
  const result = checkDir(root);
  const all = [...result.errors, ...result.warnings].filter((f) => f.file === path).sort((a, b) => a.line - b.line);
  return { root, result, all };
}

describe("a header typed by hand", () => {
  it("names every field written without a space after its colon, with the line to write", () => {
    const { all } = findingsFor(article(["title:县政府召开专题会议", "category: submitted", "source:县政府办公室", "unit: office"]));
    expect(all.map((f) => [f.rule, f.line])).toEqual([
      ["YAML.NO_SPACE", 2],
      ["YAML.NO_SPACE", 4],
    ]);
    expect(all[0]!.message).toContain("应写成「title: 县政府召开专题会议」");
    expect(all[1]!.message).toContain("应写成「source: 县政府办公室」");
  });

  it("tells a title that opens with a quoted word to use Chinese quotes, and that advice passes", () => {
    const { all } = findingsFor(article(['title: "两会"精神进基层', ...HEADER.slice(1)]));
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ rule: "YAML.QUOTE_START", line: 2 });
    const advice = /写成「(.+)」/.exec(all[0]!.message)![1]!;
    expect(advice).toBe("title: “两会”精神进基层");
    expect(findingsFor(article([advice, ...HEADER.slice(1)])).all).toEqual([]);
  });

  it("splits keywords typed with a Chinese comma into separate keywords, in the message and in its advice", () => {
    for (const written of ["keywords: 常委会，协商议政", "keywords: [常委会，协商议政]"]) {
      const { all } = findingsFor(article([...HEADER, written]));
      expect(all).toHaveLength(1);
      expect(all[0]!.message).toContain("[常委会, 协商议政]");
    }
    const { result } = findingsFor(article([...HEADER, "keywords: [常委会, 协商议政]"]));
    expect(result.articles.find((a) => a.file === FILE)?.data.keywords).toEqual(["常委会", "协商议政"]);
  });

  it("suggests the unit's id when the unit's name is written", () => {
    const { all } = findingsFor(article([...HEADER.slice(0, 3), "unit: 县政府办公室"]));
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ rule: "ARTICLE.UNKNOWN_UNIT", line: 5 });
    expect(all[0]!.message).toContain("应为 unit: office");
  });

  it("gives the template line for an image written as a bare file name", () => {
    const { all } = findingsFor(article([...HEADER, "image: photo.jpg"]));
    expect(all[0]!.message).toContain("image: { src: ./photo.jpg, alt: 图片说明 }");
  });

  it("asks for 〔〕 around a 文号's year", () => {
    const policy = ["title: 关于印发方案的通知", "category: produced", "source: 县政府办公室", "unit: office", "docNumber: 示政办发[2026]12号", "issuer: 示例县人民政府办公室", "writtenDate: 2026-11-02", "topic: 综合政务"];
    const { all } = findingsFor(article(policy), "content/open/policy/2026/plan.md");
    expect(all.map((f) => f.rule)).toEqual(["SCHEMA.DOC_NUMBER"]);
    expect(all[0]!.message).toContain("写成 示政办发〔2026〕12号");
    policy[4] = "docNumber: 示政办发〔2026〕12号";
    expect(findingsFor(article(policy), "content/open/policy/2026/plan.md").all).toEqual([]);
  });
});

describe("file names", () => {
  it("suggests a valid name for a camera's file", () => {
    const root = portalCopy();
    writeIn(root, "content/news/updates/2026/IMG_2034.JPG", new Uint8Array([0xff, 0xd8, 0xff, 0xd9]));
    const hit = checkDir(root).errors.find((f) => f.file.endsWith("IMG_2034.JPG"));
    expect(hit?.message).toContain("可改名为 img_2034.jpg");
  });

  it("suggests a valid name for an article named in Chinese", () => {
    const { all } = findingsFor(article(HEADER), "content/news/updates/2026/专题会议.md");
    expect(all.find((f) => f.rule === "PATH.SLUG")?.message).toContain("可改名为 zhuan-ti-hui-yi.md");
  });
});

describe("a new article's year folder", () => {
  it("must be the year it will be published in, when a pull request brings it", () => {
    const root = portalCopy();
    const path = "content/news/updates/2025/meeting.md";
    writeIn(root, path, article(HEADER));
    const now = new Date("2026-03-02T10:00:00+08:00");
    const arriving = checkPortalFiles(root, [path], now, new Set([path]));
    expect(arriving.errors.find((f) => f.file === path)).toMatchObject({ rule: "PATH.YEAR_FOLDER" });
    expect(arriving.errors.find((f) => f.file === path)!.message).toContain("content/news/updates/2026/meeting.md");
    // Opened before New Year, merged after: last year's folder is still fine in early January.
    expect(checkPortalFiles(root, [path], new Date("2026-01-05T10:00:00+08:00"), new Set([path])).errors.filter((f) => f.file === path)).toEqual([]);
    // A published article is not moved by a later check.
    expect(checkPortalFiles(root, [path], now).errors.filter((f) => f.file === path)).toEqual([]);
  });
});

describe("a template left unchanged", () => {
  it("is an error for a body of 正文…… and a warning for the summary 一句话摘要", () => {
    const { all } = findingsFor(article([...HEADER, "summary: 一句话摘要"], "正文……"));
    expect(all.map((f) => [f.rule, f.severity, f.line])).toEqual([
      ["TEMPLATE.UNCHANGED", "warning", 6],
      ["TEMPLATE.UNCHANGED", "error", 8],
    ]);
  });

  it("is an error for the words check's own advice leaves to replace, e.g. an image described as 图片说明", () => {
    const root = portalCopy();
    writeIn(root, "content/news/updates/2026/photo.jpg", new Uint8Array([0xff, 0xd8, 0xff, 0xd9]));
    writeIn(root, FILE, article([...HEADER, "image: { src: ./photo.jpg, alt: 图片说明 }"]));
    const hit = checkDir(root).errors.filter((f) => f.file === FILE);
    expect(hit.map((f) => [f.rule, f.line])).toEqual([["TEMPLATE.UNCHANGED", 6]]);
    expect(hit[0]!.message).toContain("「图片说明」");
  });

  it("is an error for a field still saying （请填写）", () => {
    const { all } = findingsFor(article([...HEADER, "author: （请填写）"]));
    expect(all).toMatchObject([{ rule: "TEMPLATE.UNCHANGED", severity: "error", line: 6 }]);
    expect(all[0]!.message).toContain("「作者」");
  });
});

describe("a body pasted from Word", () => {
  const pasted = [
    "各乡镇人民政府：",
    "为做好调研工作，现将有关事项通知如下。",
    "",
    "    一、调研内容围绕民生实事开展。",
    "",
    "1.摸清底数",
    "2.形成报告",
    "",
    "县政府办公室\\",
    "2026年12月1日",
  ].join("\n");

  it("warns where lines would run together and where an indent would become a code box", () => {
    const { all } = findingsFor(article(HEADER, pasted));
    expect(all.map((f) => [f.rule, f.line, f.severity])).toEqual([
      ["PASTE.LINES_MERGED", 7, "warning"],
      ["PASTE.INDENTED", 10, "warning"],
      ["PASTE.LINES_MERGED", 12, "warning"],
    ]);
    expect(all[2]!.message).toContain("编号的各条会连成一段");
  });

  it("is mended by the office's automatic fix, one paragraph per Word paragraph", () => {
    const { root, result } = findingsFor(article(HEADER, pasted));
    fixFiles(root, result);
    const fixed = readFileSync(join(root, FILE), "utf8");
    expect(fixed).toContain("各乡镇人民政府：\n\n为做好调研工作");
    expect(fixed).toContain("\n一、调研内容");
    expect(fixed).toContain("1.摸清底数\n\n2.形成报告");
    expect(fixed).toContain("县政府办公室\\\n2026年12月1日"); // a chosen line break stays
    expect(checkDir(root).warnings.filter((f) => f.file === FILE)).toEqual([]);
  });

  it("leaves Markdown lists, tables and headings alone", () => {
    const body = "## 一、基本情况\n- 第一项\n- 第二项\n\n| 项目 | 金额 |\n|---|---|\n| 甲 | 1 |\n\n1. 第一\n2. 第二";
    expect(findingsFor(article(HEADER, body)).all).toEqual([]);
  });
});

describe("findings on a pull request", () => {
  it("never tell the clerk to run a command, and say the office can correct what is correctable", () => {
    const { result } = findingsFor(article(HEADER, "该帐号已注销。\n第二段"));
    const github = formatGithub(result);
    expect(github).not.toMatch(/npm|--fix|运行/);
    expect(github).toContain("也可请网站主管部门自动改正");
    expect(formatText(result)).toContain("npm run check -- --fix 可自动改正");
    const json = JSON.parse(formatJson(result)) as { warnings: { rule: string; fixable: boolean }[] };
    expect(json.warnings.find((f) => f.rule === "PASTE.LINES_MERGED")?.fixable).toBe(true);
  });
});
