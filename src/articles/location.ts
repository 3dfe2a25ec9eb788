import type { Column } from "../columns/column-tree.ts";
import { isLeaf } from "../columns/column-tree.ts";
import type { Portal } from "../workflows/portal.ts";

/**
 * Where a file under content/ sits in the column tree. An article lives at
 * content/<column path>/<yyyy>/<slug>.md; its images and attachments sit in
 * the same year folder or in a folder named after the article's slug.
 */
export const ARTICLE_EXTENSIONS = [".md", ".mdx"] as const;
export const ASSET_EXTENSIONS = [".jpg", ".jpeg", ".png", ".webp", ".gif", ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ofd", ".mp4"] as const;
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Image and attachment names: safe in a URL without escaping. */
export const ASSET_NAME = /^[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9]+)+$/;

export type Location =
  | { ok: true; column: Column; year: number; slug: string; ext: string; kind: "article" | "asset"; assetOf?: string }
  | { ok: false; rule: string; message: string };

export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot).toLowerCase() : "";
}

export function locate(path: string, portal: Portal): Location {
  const parts = path.split("/");
  if (parts[0] !== "content") return { ok: false, rule: "PATH.OUTSIDE_CONTENT", message: "不在 content/ 目录下" };
  const segments = parts.slice(1);
  const name = segments.pop()!;
  // Longest prefix of folders that is a column.
  let column: Column | undefined;
  let used = 0;
  for (let i = segments.length; i > 0; i--) {
    const c = portal.columnByPath.get(segments.slice(0, i).join("/"));
    if (c) {
      column = c;
      used = i;
      break;
    }
  }
  const ext = extensionOf(name);
  const isArticle = (ARTICLE_EXTENSIONS as readonly string[]).includes(ext);
  if (!column) {
    const known = portal.columns.filter(isLeaf).slice(0, 3).map((c) => `content/${c.path}/`).join("、");
    return {
      ok: false,
      rule: "PATH.UNKNOWN_COLUMN",
      message: `「${segments.join("/") || "content"}」不是栏目目录：文章只能放在 columns.yaml 所列栏目的目录中（如 ${known}），请移动文件或先在栏目表中增加该栏目`,
    };
  }
  if (!isLeaf(column)) {
    const subs = column.children.map((p) => portal.columnByPath.get(p)!.id).join("、");
    return { ok: false, rule: "PATH.NOT_LEAF", message: `栏目「${column.name}」下设子栏目（${subs}），文章应放在子栏目的目录中` };
  }
  if (column.kind === "link") {
    return { ok: false, rule: "PATH.LINK_COLUMN", message: `栏目「${column.name}」是外部链接栏目（${column.url}），不存放文章` };
  }
  const rest = segments.slice(used);
  const year = Number(rest[0]);
  if (rest.length === 0 || !/^\d{4}$/.test(rest[0]!) || year < 1949 || year > 2100) {
    return {
      ok: false,
      rule: "PATH.YEAR_FOLDER",
      message: `文件应放在年份目录中：content/${column.path}/<四位年份>/${name}`,
    };
  }
  const slug = name.slice(0, name.length - ext.length);
  if (isArticle) {
    if (rest.length !== 1) {
      return { ok: false, rule: "PATH.YEAR_FOLDER", message: `文章应直接放在年份目录中：content/${column.path}/${rest[0]}/${name}` };
    }
    return { ok: true, column, year, slug, ext, kind: "article" };
  }
  if (rest.length > 2) {
    return { ok: false, rule: "PATH.ASSET_FOLDER", message: `附件和图片应与文章放在同一年份目录，或放在以文章英文名命名的子目录中` };
  }
  return { ok: true, column, year, slug, ext, kind: "asset", ...(rest[1] ? { assetOf: rest[1] } : {}) };
}

/** Resolves `.` and `..` in a slash-separated path. */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "..") out.pop();
    else if (part !== "." && part !== "") out.push(part);
  }
  return out.join("/");
}
