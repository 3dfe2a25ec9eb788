import { isRealDay } from "../calendar/dates.ts";

/**
 * The parts of an official document (公文, GB/T 9704) an import recognises:
 * by the Word style a clerk's template gives them, or else by how they read.
 * Each part becomes an HTML class on the way to Markdown (`ROLE`), so the
 * Word, text and web-page importers share one set of rules.
 */
export const ROLE = {
  title: "title", // 标题
  docNumber: "doc-number", // 发文字号 / 文号
  attachmentNote: "attachment-note", // 附件说明
  signature: "signature", // 落款: 发文机关署名 and 成文日期
  caption: "caption", // 题注 under a picture
  center: "center", // a centred paragraph without a style of its own
  right: "right", // a right-aligned paragraph without a style of its own
} as const;

/**
 * Word style names → HTML for mammoth. Body headings start at level 2: the
 * article's title is the page's only level-1 heading. Style names are matched
 * without regard to case; the Chinese names are those of the common 公文
 * templates (Word's built-in styles keep their English names inside the file).
 */
export const WORD_STYLE_MAP: readonly string[] = [
  `p[style-name='标题'] => h1.${ROLE.title}:fresh`,
  `p[style-name='Title'] => h1.${ROLE.title}:fresh`,
  `p[style-name='公文标题'] => h1.${ROLE.title}:fresh`,
  `p[style-name='文件标题'] => h1.${ROLE.title}:fresh`,
  "p[style-name='heading 1'] => h2:fresh",
  "p[style-name='heading 2'] => h3:fresh",
  "p[style-name='heading 3'] => h4:fresh",
  "p[style-name='heading 4'] => h5:fresh",
  "p[style-name='heading 5'] => h6:fresh",
  "p[style-name='正文'] => p:fresh",
  "p[style-name='Body Text'] => p:fresh",
  "p[style-name='主送机关'] => p:fresh",
  `p[style-name='文号'] => p.${ROLE.docNumber}:fresh`,
  `p[style-name='发文字号'] => p.${ROLE.docNumber}:fresh`,
  `p[style-name='附件说明'] => p.${ROLE.attachmentNote}:fresh`,
  `p[style-name='落款'] => p.${ROLE.signature}:fresh`,
  `p[style-name='题注'] => p.${ROLE.caption}:fresh`,
  `p[style-name='Caption'] => p.${ROLE.caption}:fresh`,
  `p[style-name='sanshen center'] => p.${ROLE.center}:fresh`,
  `p[style-name='sanshen right'] => p.${ROLE.right}:fresh`,
];

/** The style name given to an unstyled paragraph Word centres or right-aligns, so the style map can mark it. */
export const ALIGNMENT_STYLE: Record<string, string> = { center: "sanshen center", right: "sanshen right", end: "sanshen right" };

/** Styles that say nothing about a paragraph's part: its alignment may then tell. */
export const PLAIN_STYLES = new Set(["normal", "正文", "body text", "plain text", "纯文本"]);

const CN_DIGITS: Record<string, number> = { 〇: 0, "○": 0, 零: 0, Ｏ: 0, O: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 二〇二六 → 2026, 十二 → 12, 二十一 → 21, 31 → 31. */
function numberOf(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  if (text.includes("十")) {
    const [tens, ones] = text.split("十") as [string, string];
    return (tens ? (CN_DIGITS[tens] ?? NaN) : 1) * 10 + (ones ? (CN_DIGITS[ones] ?? NaN) : 0);
  }
  return Number([...text].map((c) => CN_DIGITS[c] ?? "x").join(""));
}

const YEAR = "(\\d{4}|[〇○零ＯO一二三四五六七八九]{4})";
const MONTH_DAY = "(\\d{1,2}|[一二三四五六七八九十]{1,3})";
const DATE_LINE = new RegExp(`^${YEAR}\\s*年\\s*${MONTH_DAY}\\s*月\\s*${MONTH_DAY}\\s*日$`);

/** 成文日期 as a line of its own: `2026年3月5日` or `二〇二六年三月五日` → `2026-03-05`. */
export function writtenDateOf(line: string): string | undefined {
  const m = DATE_LINE.exec(line.trim());
  if (!m) return undefined;
  const [year, month, day] = [numberOf(m[1]!), numberOf(m[2]!), numberOf(m[3]!)];
  if (!isRealDay(year, month, day) || year < 1949 || year > 2100) return undefined;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** 发文字号: 机关代字〔年份〕序号号, e.g. `示政办发〔2026〕3号`; half-width and other brackets too, as typed. */
export const DOC_NUMBER = /^[\u4e00-\u9fffA-Za-z]{1,20}\s*[〔［\[（(【]\s*(?:19|20)\d{2}\s*[〕］\]）)】]\s*第?\s*\d{1,5}\s*号$/;

/** 附件说明: `附件：1．…`, `附件1：…`, `附：1.…`. */
export const ATTACHMENT_NOTE = /^附\s*件?\s*\d*\s*[:：]|^附件\s*\d+\s*$/;

/** A point of a numbered list as officials type it: 一、 （一） 1. 1、 (1) 第一条. */
export const NUMBERED_POINT = /^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百]+[）)]|\d+\s*[.．、](?!\d)|[（(]\d+[）)]|第[一二三四五六七八九十百零〇\d]+[条章节款])/;

/** A caption under a picture: `图1 会议现场`, `图 2：…`. */
const CAPTION_PREFIX = /^图\s*[\d一二三四五六七八九十]+\s*[.．:：、\s]?\s*/;

/** Short enough to be a caption, a title or a signature line, not a paragraph of prose. */
export const isShortLine = (text: string, max = 40): boolean => text.length > 0 && text.length <= max && !/[。；]$/.test(text);

export function looksLikeCaption(text: string, centred: boolean): boolean {
  return CAPTION_PREFIX.test(text) || (centred && isShortLine(text, 40));
}

/** The alt text a caption gives its picture: the caption without its `图1` number, when something remains. */
export function altFromCaption(caption: string): string {
  const rest = caption.replace(CAPTION_PREFIX, "").trim();
  return rest || caption.trim();
}

/** An alt text Word wrote that says nothing: a file name, "图片 1", "Picture 3". */
export function meaningfulAlt(alt: string | undefined): string | undefined {
  const text = alt?.replace(/\s*(描述已自动生成|自动生成的说明|Description automatically generated)\s*$/i, "").trim();
  if (!text) return undefined;
  if (/\.(png|jpe?g|gif|bmp|emf|wmf|tiff?|webp)$/i.test(text) || /^(图片|图像|image|picture|img)[\s_-]*\d*$/i.test(text)) return undefined;
  return text;
}

/** 此件公开发布 and the like: a note after the signature, still part of it. */
export const AFTER_SIGNATURE = /^[（(]此件.{0,20}[）)]$/;
