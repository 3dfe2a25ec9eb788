import { describe, expect, it } from "vitest";
import { formatNumber } from "../src/import/word-numbering.ts";
import { readWordDocument } from "../src/import/word-document.ts";
import { autoNumberedDocx } from "./helpers/word-file.ts";

describe("Word's automatic numbering on import", () => {
  it("is written out as the text Word shows: 一、 （一） 1. — each list counting on its own, a deeper level starting again", async () => {
    const { html } = await readWordDocument(await autoNumberedDocx());
    const paragraphs = [...html.matchAll(/<p>([^<]*)<\/p>/g)].map((m) => m[1]);
    expect(paragraphs).toEqual(["关于做好网站内容保障工作的通知", "一、提高认识", "（一）明确责任分工", "（二）加强审核把关", "二、工作要求", "（一）先审后发", "1. 每周报送", "2. 每月通报"]);
    // A bullet list stays a list.
    expect(html).toContain("<ul><li>要点一</li></ul>");
    expect(html).not.toContain("<ol>");
  });

  it("formats numbers the ways Word offers", () => {
    expect([1, 10, 11, 20, 105].map((n) => formatNumber(n, "chineseCounting"))).toEqual(["一", "十", "十一", "二十", "一百零五"]);
    expect(formatNumber(3, "chineseLegalSimplified")).toBe("叁");
    expect(formatNumber(2, "ideographTraditional")).toBe("乙");
    expect(formatNumber(3, "decimalEnclosedCircle")).toBe("③");
    expect(formatNumber(14, "upperRoman")).toBe("XIV");
    expect(formatNumber(28, "lowerLetter")).toBe("ab");
  });
});
