import { rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeArticle } from "../src/articles/decode.ts";
import { frontmatterData, parseArticle } from "../src/articles/frontmatter.ts";
import { readArticle } from "../src/articles/read-article.ts";
import { readWorkflowTexts } from "../src/adapters/repository-files.ts";
import { parseWorkflows } from "../src/workflows/parse-workflows.ts";
import { isRealDay } from "../src/calendar/dates.ts";
import { checkDir, MINI, portalCopy, writeIn } from "./helpers/portal.ts";

const FILE = "content/news/updates/2026/a.md";
const head = "---\ntitle: 县政府召开专题会议\ncategory: submitted\nsource: 县政府办公室\nunit: office\n";

describe("an article", () => {
  it("accepts the Chinese words clerks type for category, disclosure and validity", () => {
    const p = parseArticle(FILE, head.replace("submitted", "报送") + "disclosure: 主动公开\n---\n正文\n", "news");
    expect(p.findings).toEqual([]);
    expect(p.data).toMatchObject({ category: "submitted", disclosure: "public", emergency: false });
  });

  it("keeps a date as Beijing wall-clock text, checked against the calendar", () => {
    expect(isRealDay(2024, 2, 29)).toBe(true);
    expect(isRealDay(2026, 2, 29)).toBe(false);
    const p = parseArticle(FILE, head + "date: 2026-11-20 09:30\ndateReason: 自旧网站迁移\n---\n正文\n", "news");
    expect(p.data?.date).toBe("2026-11-20 09:30");
  });

  it("a scheduled item may carry a date without a reason", () => {
    const p = parseArticle(FILE, head + "date: 2026-12-01 09:00\nscheduled: true\n---\n正文\n", "news");
    expect(p.findings).toEqual([]);
  });

  it("a policy document needs its disclosure table fields", () => {
    const p = parseArticle("content/open/policy/2026/a.md", head + "---\n正文\n", "policy");
    expect(p.findings).toHaveLength(1);
    expect(p.findings[0]!.message).toMatch(/文号.*发文机关.*成文日期.*主题分类/);
  });

  it("reports where the body starts, after the frontmatter", () => {
    const p = parseArticle(FILE, head + "---\n第一段\n", "news");
    expect(p.bodyLine).toBe(7);
    expect(p.body).toBe("第一段\n");
  });

  it("is read into one value, from the repository's bytes or a pull request's text alike", () => {
    const { portal } = parseWorkflows(readWorkflowTexts(MINI));
    const text = head.replace("submitted", "报送") + "---\n妥善处置群体性事件\n";
    const fromText = readArticle(FILE, text, portal!);
    const fromBytes = readArticle(FILE, new TextEncoder().encode("\ufeff" + text.replace(/\n/g, "\r\n")), portal!);
    const seen = (r: typeof fromText) => ({ kind: r.kind, category: r.category, fields: r.fields, data: r.data, body: r.body, bodyLine: r.bodyLine, regions: r.regions.map((g) => g.field), findings: r.findings });
    expect(seen(fromBytes)).toEqual(seen(fromText));
    expect(seen(fromText)).toMatchObject({ kind: "news", category: "submitted", fields: { category: "报送" }, data: { category: "submitted" }, body: "妥善处置群体性事件\n", bodyLine: 7, regions: ["title", "source", "body"] });
    expect(fromText.findings).toMatchObject([{ rule: "WORDS.WARN", line: 7 }]);
    // Texts from git history need only the fields: the same split and YAML reading.
    expect(frontmatterData("\ufeff" + text.replace(/\n/g, "\r\n"))).toEqual(fromText.fields);
  });

  it("tolerates a BOM and CRLF line ends, as Windows Notepad writes them", () => {
    const text = "\ufeff" + (head + "---\n正文\n").replace(/\n/g, "\r\n");
    const decoded = decodeArticle(FILE, new TextEncoder().encode(text));
    expect("text" in decoded && decoded.text.startsWith("---\ntitle")).toBe(true);
    const root = portalCopy();
    writeIn(root, FILE, text);
    const r = checkDir(root);
    expect(r.errors).toEqual([]);
  });

  it("a GBK file is named as such, with how to convert it", () => {
    const gbk = new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xcf, 0xd8, 0xd5, 0xfe, 0xb8, 0xae, 0x0a]); // ---\n县政府\n
    const d = decodeArticle(FILE, gbk);
    expect("finding" in d && d.finding.rule).toBe("ENCODING.GBK");
    expect("finding" in d && d.finding.message).toMatch(/UTF-8/);
    expect("finding" in d && d.finding.line).toBe(2);
  });

  it("an interpretation links to a policy document that exists", () => {
    const root = portalCopy();
    writeIn(root, "content/open/interpretation/2026/b.md", head + "interprets: news/updates/2026/county-meeting\n---\n正文\n");
    const r = checkDir(root);
    expect(r.errors.map((f) => f.rule)).toEqual(["ARTICLE.INTERPRETS"]);
    expect(r.errors[0]!.message).toMatch(/不是政策文件/);
  });

  it("an image beside the article is found, one elsewhere is not", () => {
    const root = portalCopy();
    writeIn(root, "content/news/updates/2026/photo.png", new Uint8Array([0x89, 0x50]));
    writeIn(root, "content/news/updates/2026/c.md", head + "image: { src: ./photo.png, alt: 会议现场 }\n---\n正文\n");
    writeIn(root, "content/news/updates/2026/d.md", head + "image: { src: ./nothing.png, alt: 会议现场 }\n---\n正文\n");
    const r = checkDir(root);
    expect(r.errors.map((f) => `${f.file} ${f.rule}`)).toEqual(["content/news/updates/2026/d.md ARTICLE.FILE_MISSING"]);
  });

  it("an article in the wrong year folder gets a warning", () => {
    const root = portalCopy();
    writeIn(root, "content/news/updates/2025/e.md", head + "date: 2026-01-05 10:00\ndateReason: 迁移\n---\n正文\n");
    const r = checkDir(root);
    expect(r.ok).toBe(true);
    expect(r.warnings.map((f) => f.rule)).toContain("ARTICLE.YEAR_MISMATCH");
  });

  it("an empty column is reported as a warning when the whole portal is checked", () => {
    const root = portalCopy();
    const columnWarnings = (r: ReturnType<typeof checkDir>) => r.warnings.filter((f) => f.rule.startsWith("COLUMN.")).map((f) => f.rule);
    expect(columnWarnings(checkDir(root))).toEqual([]);
    rmSync(`${root}/content/services`, { recursive: true });
    expect(columnWarnings(checkDir(root))).toEqual(["COLUMN.EMPTY"]);
  });
});

describe("one round of findings", () => {
  it("reports every problem of a file at once, not one wave per resubmission", () => {
    const p = parseArticle(FILE, "---\ntitle: 转载稿件\ncategory: 转载\nsource: 新华社\nunit: office\nkeywords: 12\ndate: 2025-01-01\n---\n正文\n", "news");
    expect(p.findings.map((f) => `${f.rule}:${f.line}`).sort()).toEqual(["SCHEMA.DATE_REASON:7", "SCHEMA.REQUIRED:2", "SCHEMA.TYPE:6"]);
  });

  it("suggests the English field for a Chinese one", () => {
    const p = parseArticle(FILE, "---\n标题: 会议\ncategory: submitted\nsource: 县政府办公室\nunit: office\n---\n正文\n", "news");
    expect(p.findings.find((f) => f.rule === "SCHEMA.UNKNOWN_FIELD")?.message).toMatch(/是否应为 title（标题）/);
  });

  it("the unit is checked even when another field is wrong", () => {
    const root = portalCopy();
    writeIn(root, "content/open/policy/2026/x.md", head.replace("unit: office", "unit: bureau") + "---\n正文\n");
    const rules = checkDir(root).errors.map((f) => f.rule).sort();
    expect(rules).toEqual(["ARTICLE.UNIT_NOT_RESPONSIBLE", "SCHEMA.REQUIRED"]);
  });
});
