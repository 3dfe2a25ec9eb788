import { describe, expect, it } from "vitest";
import { excerptHtml, indexText, markedTokens, queryTokens, titleMark } from "../src/site/search-text.ts";

describe("the search's one segmentation", () => {
  it("cuts each Han character apart, keeps a Latin word or a number whole, and keeps punctuation on the word before it", () => {
    expect(indexText("示政协办发〔2024〕2号。关于 GDP 增长")).toBe("示 政 协 办 发〔 2024〕 2 号。 关 于 GDP 增 长");
    expect(indexText("“智慧养老”（试行）")).toBe("“ 智 慧 养 老”（ 试 行）");
  });

  it("cuts a query into the same words, punctuation and full-width forms left out", () => {
    expect(queryTokens("示政协办发〔2024〕2号")).toEqual(["示", "政", "协", "办", "发", "2024", "2", "号"]);
    expect(queryTokens("ＧＤＰ增长")).toEqual(["gdp", "增", "长"]);
    expect(queryTokens("《》、。")).toEqual([]);
    // The index's words, keyed as Pagefind keys them, are the query's words.
    const indexed = indexText("商政协办发〔2024〕2号").split(" ").map((w) => w.replace(/[^\p{L}\p{N}]/gu, "").toLowerCase());
    expect(indexed).toEqual(queryTokens("商政协办发〔2024〕2号"));
    // Full-width letters and digits in the text are found by a query typed either way.
    const wide = indexText("ＧＤＰ增长２０２６年").split(" ").map((w) => w.replace(/[^\p{L}\p{N}]/gu, "").toLowerCase());
    expect(wide).toEqual(queryTokens("GDP增长2026年"));
    expect(wide).toEqual(queryTokens("ＧＤＰ增长２０２６年"));
  });

  it("marks a field's copy in letters and digits only, and a whole field between its start and end words", () => {
    expect(markedTokens("docNumber", ["委", "2026"])).toEqual(["qdu59d4", "qdl2026"]);
    expect(markedTokens("docNumber", ["号"], true)).toEqual(["qdb", "qdu53f7", "qde"]);
  });

  it("gives a whole title one word, the same however the reader types it, and another title another word", () => {
    const mark = titleMark(queryTokens("关于２０２６年 GDP 的通知"));
    expect(mark).toMatch(/^qtw[0-9a-f]{8}$/);
    expect(titleMark(queryTokens("关于2026年gdp的通知"))).toBe(mark);
    expect(titleMark(queryTokens("关于2026年GDP的通报"))).not.toBe(mark);
    // Pagefind keys the word as written: letters and digits only, nothing it would cut or drop.
    expect(indexText(mark)).toBe(mark);
  });
});

describe("the excerpt", () => {
  const content = indexText("市政协召开会议，研究住房公积金和智慧养老服务。会议指出要抓好落实。") + " " + indexText("住房公积金 管理 标题");
  const bodyWords = indexText("市政协召开会议，研究住房公积金和智慧养老服务。会议指出要抓好落实。").split(" ").length;
  it("is the body's text around the phrase, the phrase marked once, no space inside Chinese", () => {
    expect(excerptHtml(content, queryTokens("智慧养老"), bodyWords, 12)).toBe("…公积金和<mark>智慧养老</mark>服务。会议…");
  });
  it("comes from the body only, never from the title words after it", () => {
    expect(excerptHtml(content, queryTokens("标题"), bodyWords, 6)).toBe("市政协召开会…");
  });
  it("marks a lone character only for a partial match, not for a page found by its title or 文号", () => {
    expect(excerptHtml(content, queryTokens("会标"), bodyWords, 6, false)).toBe("市政协召开会…");
    expect(excerptHtml(content, queryTokens("会标"), bodyWords, 6, true)).toBe("…召开<mark>会</mark>议，研究…");
  });
  it("escapes the page's text: only its own <mark> is markup", () => {
    const html = excerptHtml(indexText("<img src=x onerror=alert(1)>页面文字"), queryTokens("页面"), 20);
    expect(html).not.toMatch(/<(?!\/?mark>)/);
    expect(html).toContain("&lt;");
    expect(html).toContain("<mark>页面</mark>");
  });
});

describe("the index's cutting, written for speed", () => {
  /** The definition `indexText` is written from: the pieces of `PIECES`, punctuation on the word before it. */
  function reference(text: string): string {
    const pieces = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])[\p{L}\p{N}\p{M}_])+|\s+|[^]/gu;
    const out: string[] = [];
    for (const [piece] of text.matchAll(pieces)) {
      if (/^\s+$/.test(piece)) continue;
      if (!/[\p{L}\p{N}]/u.test(piece) && out.length) out[out.length - 1] += piece;
      else out.push(/[\p{L}\p{N}]/u.test(piece) ? piece.normalize("NFKC") : piece);
    }
    return out.join(" ");
  }

  it("cuts every text as the definition does: Chinese, full-width forms, marks, radicals, kana, astral characters, lone surrogates", () => {
    const samples = [
      "示政协办发〔2024〕2号。关于 GDP 增长",
      "　全角空格　ＧＤＰ２０２６年，ｱｲｳ半角片假名",
      "⺀⻏部首 ⼀康熙部首 〇々〆 ㋀ ①②",
      "e\u0301café ñ _下划线_ a_b 𠀀𠀁扩展B 😀表情",
      "\ud800孤立代理\udc00尾",
      "﨑 﨟 兼容汉字，Привет мир، العربية",
      "",
      "。开头就是标点",
      "\u0301开头就是组合符",
    ];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const alphabet = [..."市政协召开会议，。、；：“”《》〔〕（）abcXYZ019０９ＡＺ _-\n\t　\u0301\u3000⺀〇々ｱア가😀𠀀﨑é·…—"];
    for (let k = 0; k < 2000; k++) samples.push(Array.from({ length: Math.floor(random() * 40) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(""));
    for (const text of samples) expect(indexText(text), JSON.stringify(text)).toBe(reference(text));
  });
});
