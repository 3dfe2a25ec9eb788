import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { beforeAll, describe, expect, it } from "vitest";
import { readWorkflowTexts } from "../src/adapters/repository-files.ts";
import { importTarget } from "../src/import/import-target.ts";
import { escapeMarkdownText, markdownFromHtml, resolveBreaks } from "../src/import/markdown-from-html.ts";
import { writtenDateOf } from "../src/import/official-document-styles.ts";
import { checkPortalFiles } from "../src/jobs/check.ts";
import { parseWorkflows } from "../src/workflows/parse-workflows.ts";
import { runScript, STACK_TRACE } from "./helpers/cli.ts";
import { portalCopy } from "./helpers/portal.ts";
import { correspondentDocx, PNG } from "./helpers/word-file.ts";

const NOW = "2026-03-06T09:00:00+08:00";
const desk = mkdtempSync(join(tmpdir(), "sanshen-desk-")); // the clerk's folder of received files
const put = (name: string, data: string | Uint8Array) => {
  const path = join(desk, name);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, data);
  return path;
};
const read = (root: string, path: string) => readFileSync(join(root, path), "utf8");
const body = (text: string) => text.slice(text.indexOf("\n---\n") + 5);
const importInto = (root: string, args: string[], env: Record<string, string> = {}) => runScript("import", [...args, "--root", root, "--now", NOW], undefined, env);
const json = (r: { stdout: string }) => JSON.parse(r.stdout);

/** A folder holding only the given programs: PATH set to it, nothing else can be found. */
function programs(scripts: Record<string, string>): string {
  const bin = mkdtempSync(join(tmpdir(), "sanshen-bin-"));
  for (const [name, text] of Object.entries(scripts)) {
    writeFileSync(join(bin, name), text);
    chmodSync(join(bin, name), 0o755);
  }
  return bin;
}
const NOTHING_INSTALLED = { PATH: programs({}) };

/** What the Markdown means, as the site reads it (GFM). */
const tree = (markdown: string) => fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
const kinds = (markdown: string) => new Set(JSON.stringify(tree(markdown)).match(/"type":"\w+"/g)!.map((t) => t.slice(8, -1)));

describe("a correspondent's Word file, imported into a news column", () => {
  let root: string;
  let result: ReturnType<typeof runScript>;
  let article: string;
  let file: string;
  let ms: number;

  beforeAll(async () => {
    root = portalCopy();
    const docx = put("关于做好门户网站内容保障工作的通知.docx", await correspondentDocx());
    const started = performance.now();
    result = importInto(root, [docx, "--column", "updates", "--unit", "office", "--json"]);
    ms = performance.now() - started;
    file = json(result).article;
    article = read(root, file);
  });

  it("becomes an article in the column's folder for this year, named in pinyin, that passes check", () => {
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.code).toBe(0);
    expect(file).toBe("content/news/updates/2026/guan-yu-zuo-hao-men-hu-wang-zhan.md");
    const check = checkPortalFiles(root, undefined, new Date(NOW));
    expect(check.errors.filter((f) => f.file.startsWith("content/news/updates/2026/guan-yu"))).toEqual([]);
    expect(ms).toBeLessThan(5000);
  });

  it("takes the title from the 标题 style and the source from the unit, and leaves the title out of the body", () => {
    expect(article).toMatch(/^---\ntitle: 关于做好门户网站内容保障工作的通知\ncategory: submitted\nsource: 县政府办公室\nunit: office\n/);
    expect(body(article)).not.toContain("关于做好门户网站内容保障工作的通知");
  });

  it("keeps each Word paragraph a paragraph, without the typed first-line indent", () => {
    expect(body(article)).toContain("\n\n为加强政府网站内容建设[^1]，现将有关事项通知如下。\n\n");
    expect(article).not.toMatch(/^( {4}|\t|\u3000)/m);
    expect(kinds(body(article)).has("code")).toBe(false);
  });

  it("keeps numbered points and a leading * or # as text, never a Markdown list or heading", () => {
    const text = body(article);
    for (const point of ["一、充分认识内容保障工作的重要性", "（一）指定专人负责。", "1\\. 每周至少报送3条信息；", "2、报送前须经分管领导审核。", "\\* 星号开头的一行不是列表，# 井号也不是标题。"]) {
      expect(text).toContain(`\n\n${point}`);
    }
    const meaning = kinds(text);
    expect(meaning.has("list")).toBe(false);
    expect(meaning.has("heading")).toBe(false);
  });

  it("keeps a line break between two short lines, and joins a line Word only broke mid-sentence", () => {
    expect(body(article)).toContain("\n\n联系人：张三\\\n电话：0000-1234567\n\n");
    expect(body(article)).toContain("履行职责过程中制作或者获取的");
  });

  it("puts the photo beside the article, its caption as alt text, and makes it the 题图", () => {
    const picture = "guan-yu-zuo-hao-men-hu-wang-zhan-1.png";
    expect(readFileSync(join(root, "content/news/updates/2026", picture))).toEqual(PNG);
    expect(body(article)).toContain(`![县政府常务会议现场](./${picture})\n\n图1 县政府常务会议现场`);
    expect(article).toContain(`image: {src: ./${picture}, alt: 县政府常务会议现场}\n`);
    expect(json(result).pictures).toEqual([{ file: `content/news/updates/2026/${picture}`, alt: "县政府常务会议现场" }]);
  });

  it("keeps the table as a table and the footnote as a footnote", () => {
    expect(body(article)).toContain("| 栏目 | 更新要求 |\n| --- | --- |\n| 工作动态 | 当日更新 |");
    expect(body(article)).toMatch(/\n\[\^1\]: 见《政府网站发展指引》（国办发〔2017〕47号）。\n$/);
    const meaning = kinds(body(article));
    expect(meaning.has("table")).toBe(true);
    expect(meaning.has("footnoteDefinition")).toBe(true);
  });

  it("keeps the 附件说明 and the 落款 as lines of their own at the end", () => {
    expect(body(article)).toContain("\n\n附件：1．内容保障工作负责人员表\\\n2．内容保障工作分工表\n\n县人民政府办公室\\\n2026年3月5日\n\n[^1]");
  });

  it("never replaces an article or a picture: a second import gets new names", () => {
    const again = importInto(root, [join(desk, "关于做好门户网站内容保障工作的通知.docx"), "--column", "news/updates", "--unit", "office", "--json"]);
    expect(again.code).toBe(0);
    expect(json(again).article).toBe("content/news/updates/2026/guan-yu-zuo-hao-men-hu-wang-zhan-2.md");
    expect(read(root, file)).toBe(article);
  });
});

describe("the same Word file imported as a policy document", () => {
  it("fills 文号, 发文机关 and 成文日期 from the document, and check names what is still missing", async () => {
    const root = portalCopy();
    const r = importInto(root, [put("policy.docx", await correspondentDocx()), "--column", "policy"]);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    const text = read(root, "content/open/policy/2026/guan-yu-zuo-hao-men-hu-wang-zhan.md");
    expect(text).toContain("docNumber: 示政办发〔2026〕3号\nissuer: 县人民政府办公室\nwrittenDate: 2026-03-05\n");
    expect(body(text)).not.toContain("示政办发〔2026〕3号");
    // Only the office's 主题分类 is left, and the clerk is told so in Chinese.
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/已导入「policy\.docx」/);
    expect(r.stdout).toMatch(/主题分类.*\[SCHEMA\.REQUIRED\]/);
    expect(r.stdout.match(/错误 /g)).toHaveLength(1);
    // The same steps to a pull request as npm run new gives, commit and push included.
    expect(r.stdout).toContain("接下来：");
    expect(r.stdout).toContain('git commit -m "报送：关于做好门户网站内容保障工作的通知"');
    expect(r.stdout).toContain("git push -u origin article/guan-yu-zuo-hao-men-hu-wang-zhan");
  });
});

describe("a text file saved in GBK", () => {
  it("is read as Chinese, its first line the title, each line a paragraph", () => {
    const root = portalCopy();
    const text = "县发展改革局召开项目推进会\r\n　　3月5日，县发展改革局召开重点项目推进会。\r\n　　会议要求，各项目单位要倒排工期，1~3月完成前期手续。\r\n县发展改革局\r\n2026年3月5日\r\n";
    const r = importInto(root, [put("推进会.txt", iconv.encode(text, "gbk")), "--column", "updates", "--unit", "bureau", "--json"]);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.code).toBe(0);
    const article = read(root, json(r).article);
    expect(article).toContain("title: 县发展改革局召开项目推进会\n");
    expect(article).toContain("source: 县发展改革局\nunit: bureau\n");
    expect(body(article)).toBe("3月5日，县发展改革局召开重点项目推进会。\n\n会议要求，各项目单位要倒排工期，1\\~3月完成前期手续。\n\n县发展改革局\\\n2026年3月5日\n");
  });
});

describe("a saved web page", () => {
  it("gives its article, without the site's navigation, sidebar and footer, and its photo from the page's folder", () => {
    const root = portalCopy();
    put("page_files/photo.jpg", PNG);
    const page = `<!doctype html><html><head><meta charset="gbk"><title>县政府召开常务会议_示例县人民政府</title></head><body>
<header><nav><a href="/">首页</a> | <a href="/news/">新闻动态</a> | <a href="/open/">信息公开</a></nav></header>
<div class="sidebar"><h3>热点推荐</h3><ul><li><a href="/a">热点一</a></li><li><a href="/b">热点二</a></li></ul></div>
<div class="article"><h1>县政府召开常务会议</h1>
<div class="content"><p>　　3月5日，县政府召开第十次常务会议，研究部署当前重点工作。会议听取了关于门户网站内容保障工作的汇报，要求各单位指定专人负责，及时报送信息，确保网站内容准确、权威、及时。</p>
<p style="text-align:center"><img src="page_files/photo.jpg"></p><p style="text-align:center">图1 会议现场</p>
<p>　　会议强调，各单位要高度重视政府网站内容建设，把信息报送作为日常工作，每周至少报送3条信息，经分管领导审核后报送县政府办公室。</p></div></div>
<footer>主办：示例县人民政府办公室 京ICP备00000000号</footer></body></html>`;
    const r = importInto(root, [put("page.html", iconv.encode(page, "gbk")), "--column", "updates", "--unit", "office", "--json"]);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.code).toBe(0);
    const article = read(root, json(r).article);
    expect(article).toContain("title: 县政府召开常务会议\n");
    expect(body(article)).toMatch(/^3月5日，县政府召开第十次常务会议/);
    expect(body(article)).toContain("\n\n![会议现场](./xian-zheng-fu-zhao-kai-chang-wu-hui-1.jpg)\n\n图1 会议现场\n\n会议强调");
    expect(article).not.toMatch(/首页|热点|ICP/);
    expect(existsSync(join(root, "content/news/updates/2026/xian-zheng-fu-zhao-kai-chang-wu-hui-1.jpg"))).toBe(true);
  });
});

describe("legacy Word files and videos", () => {
  const fakeSoffice = `#!/bin/sh
# LibreOffice as the import calls it: --headless --convert-to docx --outdir DIR FILE
while [ $# -gt 0 ]; do case "$1" in --outdir) out="$2"; shift;; *) last="$1";; esac; shift; done
name=$(basename "$last"); mkdir -p "$out" && cp "$FAKE_DOCX" "$out/\${name%.*}.docx"
`;
  const fakeFfmpeg = `#!/bin/sh
for a; do out="$a"; done
printf 'MP4 from %s' "$5" > "$out"
`;

  it("asks the clerk to save a .doc as .docx when LibreOffice is not installed, writing nothing", () => {
    const root = portalCopy();
    const before = readdirSync(join(root, "content/news/updates/2026"));
    const r = importInto(root, [put("旧通知.doc", "not read"), "--column", "updates", "--unit", "office"], NOTHING_INSTALLED);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("「旧通知.doc」是旧版 Word/WPS 格式（.doc），这台电脑没有安装 LibreOffice");
    expect(r.stderr).toContain("「文件 → 另存为」选择「Word 文档（*.docx）」");
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(readdirSync(join(root, "content/news/updates/2026"))).toEqual(before);
  });

  it("converts a .wps with LibreOffice when it is installed", async () => {
    const root = portalCopy();
    const bin = programs({ soffice: fakeSoffice });
    const r = importInto(root, [put("旧通知.wps", "WPS bytes"), "--column", "updates", "--unit", "office", "--json"], { PATH: `${bin}:/usr/bin:/bin`, FAKE_DOCX: put("converted.docx", await correspondentDocx()) });
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.code).toBe(0);
    expect(json(r).title).toBe("关于做好门户网站内容保障工作的通知");
  });

  it("takes a video only with its article, and says how", () => {
    const r = importInto(portalCopy(), [put("会议视频.wmv", "WMV"), "--column", "updates"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("视频「会议视频.wmv」要随文章一起导入：npm run import -- 文章.docx --column 栏目 --attach 会议视频.wmv");
  });

  it("refuses a WMV attachment when ffmpeg is not installed, with what to do, writing nothing", () => {
    const root = portalCopy();
    const before = readdirSync(join(root, "content/news/updates/2026"));
    const r = importInto(root, [put("推进会2.txt", "推进会\n会议内容。\n"), "--column", "updates", "--unit", "bureau", "--attach", put("会议视频.wmv", "WMV")], NOTHING_INSTALLED);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("视频「会议视频.wmv」是 WMV 格式，网页无法播放，须转换为 MP4；这台电脑没有安装 ffmpeg");
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(readdirSync(join(root, "content/news/updates/2026"))).toEqual(before);
  });

  it("converts a WMV attachment to MP4 with ffmpeg and lists it in the article's attachments", () => {
    const root = portalCopy();
    const bin = programs({ ffmpeg: fakeFfmpeg });
    const r = importInto(root, [put("推进会3.txt", "推进会\n会议内容。\n"), "--column", "updates", "--unit", "bureau", "--attach", put("会议视频.wmv", "WMV"), "--json"], { PATH: `${bin}:/usr/bin:/bin` });
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.code).toBe(0);
    expect(json(r).attachments).toEqual([{ file: "content/news/updates/2026/hui-yi-shi-pin.mp4", original: "会议视频.wmv" }]);
    expect(read(root, json(r).article)).toContain("attachments:\n  - {path: ./hui-yi-shi-pin.mp4, title: 会议视频}\n");
    expect(read(root, "content/news/updates/2026/hui-yi-shi-pin.mp4")).toMatch(/^MP4 from /);
  });

  it("names the types it can import when given another", () => {
    const r = importInto(portalCopy(), [put("表格.xyz", "?"), "--column", "updates"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("不能导入「.xyz」类型的文件「表格.xyz」：可以导入 Word 文档（.docx；装有 LibreOffice 时也可以是 .doc、.wps）、纯文本（.txt）或网页（.html）\n");
  });
});

describe("choosing the column and the unit", () => {
  const { portal } = parseWorkflows(readWorkflowTexts(portalCopy()));
  const problem = (column: string, unit?: string) => {
    const target = importTarget(portal!, column, unit);
    return "problem" in target ? target.problem : `${target.column.path} ${target.unit.id}`;
  };

  it("takes an id or a path, and the column's only unit when it has one", () => {
    expect(problem("policy")).toBe("open/policy office");
    expect(problem("news/updates", "bureau")).toBe("news/updates bureau");
  });

  it("says which units may write to a column several units share", () => {
    expect(problem("updates")).toBe("栏目「工作动态」由多个单位报送，请用 --unit 写明是哪个单位：office（县政府办公室）、bureau（县发展改革局）");
    expect(problem("guides", "office")).toBe("单位「县政府办公室」不负责栏目「办事指南」，不能向该栏目报送。可以报送的单位有：bureau（县发展改革局）");
  });

  it("refuses a column with sub-columns and a link column, naming where articles can go", () => {
    expect(problem("news")).toBe("栏目「新闻动态」下设子栏目，文章要放在子栏目中，请选择：news/updates（工作动态）");
    expect(problem("city")).toMatch(/^栏目「市政府网站」是外部链接栏目（https:\/\/city\.example\.gov\.cn\/），不存放文章。可以导入的栏目有：news\/updates（工作动态）、open\/policy（政策文件）/);
  });

  it("answers a mistyped column in a sentence, without a stack trace", () => {
    const r = importInto(portalCopy(), [join(desk, "推进会.txt"), "--column", "nwes"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^没有栏目「nwes」。可以导入的栏目有：news\/updates（工作动态）/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});

describe("text that must stay text", () => {
  it("escapes what Markdown would read as syntax, and leaves full-width punctuation alone", () => {
    expect(escapeMarkdownText("1. 总则")).toBe("1\\. 总则");
    expect(escapeMarkdownText("# 标签 <b>粗</b> 1~3日 a_b *星*")).toBe("\\# 标签 \\<b>粗\\</b> 1\\~3日 a\\_b \\*星\\*");
    expect(escapeMarkdownText("（一）“两会”精神：１．全角。")).toBe("（一）“两会”精神：１．全角。");
  });

  it("keeps a soft break after a sentence or before a numbered point, and drops one mid-sentence", () => {
    expect(resolveBreaks("会议要求：\uE000一、加强领导")).toBe("会议要求：\\\n一、加强领导");
    expect(resolveBreaks("各单位要高度重视政府网站内容建设工作并\uE000指定专人负责")).toBe("各单位要高度重视政府网站内容建设工作并指定专人负责");
    expect(resolveBreaks("本办法自公布之日起施行。\uE0001. 以前的规定同时废止")).toBe("本办法自公布之日起施行。\\\n1\\. 以前的规定同时废止");
  });

  it("reads a 成文日期 written in figures or in Chinese numerals", () => {
    expect(writtenDateOf("2026年3月5日")).toBe("2026-03-05");
    expect(writtenDateOf("二〇二六年十二月三十一日")).toBe("2026-12-31");
    expect(writtenDateOf("2026年2月30日")).toBeUndefined();
  });
});

describe("a table Markdown cannot draw", () => {
  it("stays an HTML table with its merged cells, in the tags check allows, its text escaped", () => {
    const html = `<table><tr><td colspan="2"><p>2026年重点项目</p></td></tr><tr><td><p>项目</p><p>（一期）</p></td><td><p>投资<5亿元</p></td></tr></table>`;
    const body = markdownFromHtml(html, { pictureName: () => undefined, defaultAlt: (n) => `图${n}` });
    expect(body.markdown).toBe(`<table>\n<tr><td colspan="2">2026年重点项目</td></tr>\n<tr><td>项目<br>（一期）</td><td>投资&lt;5亿元</td></tr>\n</table>`);
    expect(body.htmlTables).toBe(1);
    const root = portalCopy();
    writeFileSync(join(root, "content/news/updates/2026/projects.md"), `---\ntitle: 重点项目表\ncategory: submitted\nsource: 县发展改革局\nunit: bureau\n---\n${body.markdown}\n`);
    expect(checkPortalFiles(root, ["content/news/updates/2026/projects.md"], new Date(NOW)).errors).toEqual([]);
  });
});
