import { composeArticle } from "../articles/compose-article.ts";
import { articleSlug, assetName } from "../articles/file-name.ts";
import type { Column } from "../columns/column-tree.ts";
import type { Category } from "../columns/columns-schema.ts";
import type { Unit } from "../roster/units-schema.ts";
import type { DocumentSource } from "./document-source.ts";
import { markdownFromHtml } from "./markdown-from-html.ts";
import { shapeDocument } from "./shape-document.ts";

/**
 * An imported document → the article file and the files beside it. Pure:
 * the job reads the document and writes what this returns.
 */
export interface ImportRequest {
  source: DocumentSource;
  /** The clerk's file name (`关于….docx`): the title when the document gives none. */
  fileName: string;
  column: Column;
  unit: Unit;
  /** `--title`: the clerk's title, over the document's. */
  title?: string | undefined;
  category: Category;
  /** 来源; default: the unit's name. */
  sourceName?: string | undefined;
  /** Where a reprint was taken from (网上抓取): its address and, when kept, its original publish time with the reason. */
  origin?: { sourceUrl: string; date?: string | undefined; dateReason?: string | undefined } | undefined;
  /** Files to attach (a converted video, a PDF), by the name the clerk knows them by and their extension here. */
  attachments?: readonly { original: string; extension: string }[];
  /** Slugs the column has already (in any year: a slug is unique in its column). */
  takenSlugs: ReadonlySet<string>;
  /** File names already in the year folder. */
  takenNames: ReadonlySet<string>;
}

export type TitleFrom = "option" | "style" | "heading" | "first-line" | "page" | "file-name";

export interface ImportedArticle {
  slug: string;
  title: string;
  titleFrom: TitleFrom;
  /** The article file's text (composeArticle). */
  text: string;
  pictures: { name: string; bytes: Uint8Array; alt: string }[];
  attachments: { name: string; original: string }[];
  /** What the clerk should look at, in Chinese, one sentence each. */
  notes: string[];
}

/** Kinds whose first picture is the item's 题图 (the home page's photo). */
const PHOTO_KINDS = new Set(["news", "topic"]);
const MAX_TITLE = 120;

const stem = (fileName: string) => fileName.replace(/^.*[\\/]/, "").replace(/\.[^.]+$/, "").trim();

export function importedArticle(request: ImportRequest): ImportedArticle {
  const { source, column, unit } = request;
  const policy = column.kind === "policy";
  const shaped = shapeDocument(source.html, { documentFields: policy, titleFromFirstLine: source.titleFromFirstLine });
  const notes: string[] = [];

  const [found, foundFrom]: [string | undefined, TitleFrom] = shaped.title ? [shaped.title, shaped.titleFrom!] : [source.titleHint, "page"];
  let title = request.title?.trim() || found || stem(request.fileName);
  const titleFrom: TitleFrom = request.title?.trim() ? "option" : found ? foundFrom : "file-name";
  if (title.length > MAX_TITLE) {
    notes.push(`标题有 ${title.length} 字，超过 120 字，已截短：请核对，或用 --title 给出标题`);
    title = title.slice(0, MAX_TITLE);
  }

  const slug = articleSlug(title, request.takenSlugs);
  const taken = new Set(request.takenNames);
  const take = (suggested: string) => {
    const name = assetName(suggested, taken);
    taken.add(name);
    return name;
  };
  const names = new Map<string, string>();
  const body = markdownFromHtml(shaped.html, {
    pictureName: (src) => {
      const picture = source.pictures.get(src);
      if (!picture?.extension) return undefined;
      if (!names.has(src)) names.set(src, take(`${slug}-${names.size + 1}${picture.extension}`));
      return names.get(src);
    },
    defaultAlt: (n) => `${title}（图${n}）`,
  });

  for (const src of body.dropped) {
    const picture = source.pictures.get(src);
    notes.push(
      picture
        ? `文中有一张 ${picture.format} 格式的图片，网页无法显示，没有导入：请在 Word 中右键该图片「另存为图片」存成 PNG 或 JPG，放到文章目录并在正文中引用`
        : `网页中的图片「${src.slice(0, 80)}」没有找到图片文件，没有导入：请把图片另存到文章目录并在正文中引用`,
    );
  }
  const defaulted = body.pictures.filter((p, i) => p.alt === `${title}（图${i + 1}）`).length;
  if (defaulted) notes.push(`${defaulted} 张图片下方没有图注，替代文字暂写为「${title}（图N）」：请改为描述图片内容的文字，方便视障读者`);
  if (body.htmlTables) notes.push(`${body.htmlTables} 个表格有合并单元格或多段文字，保留为 HTML 表格（<table>）：请在预览中核对`);

  const attachments = (request.attachments ?? []).map((a) => ({ name: take(`${stem(a.original) || "attachment"}${a.extension}`), original: a.original }));
  const first = body.pictures[0];
  const fields: Record<string, unknown> = {
    title,
    category: request.category,
    source: request.sourceName?.trim() || unit.name,
    ...(request.origin ? { sourceUrl: request.origin.sourceUrl, date: request.origin.date, dateReason: request.origin.date ? request.origin.dateReason : undefined } : {}),
    unit: unit.id,
    ...(policy ? { docNumber: shaped.docNumber, issuer: shaped.issuer, writtenDate: shaped.writtenDate } : {}),
    ...(first && PHOTO_KINDS.has(column.kind) ? { image: { src: `./${first.name}`, alt: first.alt } } : {}),
    ...(attachments.length ? { attachments: attachments.map((a) => ({ path: `./${a.name}`, title: stem(a.original) || a.name })) } : {}),
  };

  return {
    slug,
    title,
    titleFrom,
    text: composeArticle({ fields, body: body.markdown }),
    pictures: body.pictures.map((p) => ({ name: p.name, bytes: source.pictures.get(p.src)!.bytes, alt: p.alt })),
    attachments,
    notes,
  };
}
