import { describe, expect, it } from "vitest";
import { composeArticle } from "../src/articles/compose-article.ts";
import { articleSlug, asciiWords, assetName } from "../src/articles/file-name.ts";
import { parseArticle } from "../src/articles/frontmatter.ts";
import { checkDir, portalCopy, writeIn } from "./helpers/portal.ts";

describe("a new article's file name", () => {
  it("is the pinyin of the title's first words, so it still says what the article is", () => {
    expect(articleSlug("市政协召开五届十次常委会会议")).toBe("shi-zheng-xie-zhao-kai-wu-jie-shi");
    expect(articleSlug("“两会”精神进基层 2026")).toBe("liang-hui-jing-shen-jin-ji-ceng-2026");
  });

  it("never takes a name the column already has", () => {
    expect(articleSlug("通知", new Set(["tong-zhi", "tong-zhi-2"]))).toBe("tong-zhi-3");
  });

  it("falls back when the title has neither letters nor Chinese", () => {
    expect(articleSlug("《》——")).toBe("article");
  });

  it("turns a camera's or a clerk's file name into a valid asset name, keeping the extension", () => {
    expect(assetName("IMG_2034.JPG")).toBe("img_2034.jpg");
    expect(assetName("会议照片 1.jpg")).toBe("hui-yi-zhao-pian-1.jpg");
    expect(assetName("附件：实施方案（2026年）.PDF", new Set(["fu-jian-shi-shi-fang-an-2026-nian.pdf"]))).toBe("fu-jian-shi-shi-fang-an-2026-nian-2.pdf");
    expect(assetName("２０２６ＡＢＣ.png")).toBe("2026abc.png");
  });

  it("reads Latin words and digits as they are", () => {
    expect(asciiWords("GDP增长5.2%")).toEqual(["gdp", "zeng", "zhang", "5", "2"]);
  });
});

describe("an article composed from fields", () => {
  const fields = {
    unit: "office",
    title: '"两会"精神: 在基层',
    category: "submitted",
    source: "县政府办公室",
    keywords: ["常委会", "协商议政"],
    summary: undefined,
  };

  it("writes the header in the templates' order, quoting only what YAML needs, and reads back the same", () => {
    const text = composeArticle({ fields, body: "\n第一段。\n\n第二段。\n\n" });
    expect(text).toBe(`---\ntitle: '"两会"精神: 在基层'\ncategory: submitted\nsource: 县政府办公室\nunit: office\nkeywords: [常委会, 协商议政]\n---\n第一段。\n\n第二段。\n`);
    const read = parseArticle("content/news/updates/2026/a.md", text, "news");
    expect(read.findings).toEqual([]);
    expect(read.data).toMatchObject({ title: '"两会"精神: 在基层', keywords: ["常委会", "协商议政"] });
  });

  it("puts a hint beside a field without changing its value", () => {
    const text = composeArticle({ fields: { ...fields, title: "标题" }, body: "正文", hints: { source: "来源：本单位全称" } });
    expect(text).toContain("source: 县政府办公室 # 来源：本单位全称\n");
    expect(parseArticle("content/news/updates/2026/a.md", text, "news").data?.source).toBe("县政府办公室");
  });

  it("passes check in a portal when its fields are the column's", () => {
    const root = portalCopy();
    const text = composeArticle({
      fields: { title: "关于印发实施方案的通知", category: "produced", source: "县政府办公室", unit: "office", docNumber: "示政办发〔2026〕3号", issuer: "示例县人民政府办公室", writtenDate: "2026-11-02", topic: "综合政务" },
      body: "各乡镇人民政府：\n\n现将实施方案印发给你们，请认真贯彻执行。",
    });
    writeIn(root, "content/open/policy/2026/shi-shi-fang-an.md", text);
    const result = checkDir(root);
    expect(result.errors.filter((f) => f.file.includes("shi-shi-fang-an"))).toEqual([]);
  });
});
