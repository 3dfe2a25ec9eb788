import { articleId, type Article } from "./article.ts";
import { readArticle } from "./read-article.ts";
import { ASSET_EXTENSIONS, ASSET_NAME, locate, SLUG } from "./location.ts";
import { appendAll, finding, type Finding } from "../findings/finding.ts";
import { isLeaf } from "../columns/column-tree.ts";
import type { Portal } from "../workflows/portal.ts";
import { articleSlug, assetName } from "./file-name.ts";
import { checkArrivalYear, checkArticle, checkUnit } from "./check-article.ts";
import { checkMarkdown } from "./check-markdown.ts";
import { checkTimeliness } from "./check-timeliness.ts";

export interface ContentInput {
  /** Every file under content/, relative to the root. */
  paths: readonly string[];
  /** Bytes of the files to check in depth (all of them, or only the changed ones). */
  contents: ReadonlyMap<string, Uint8Array>;
  /** The moment of the check (expiry, scheduled items). */
  now: Date;
  /** Articles this change brings to main for the first time (`check --changed`): judged against their column's update requirement. */
  arriving?: ReadonlySet<string>;
  /**
   * The rules on what people read (words, personal data, proofreading, the
   * Markdown body): on by default. Off for `stale` and `report`, which judge
   * when items were published: a word added to a list today must not blind
   * the daily stale check (the daily 读网 re-scans with today's lists).
   */
  textRules?: boolean;
}

export interface ContentResult {
  articles: Article[];
  findings: Finding[];
  checked: number;
}

/** Checks files under content/ against the portal's model. Pure: bytes in, findings out. */
export function checkContent(portal: Portal, input: ContentInput): ContentResult {
  const findings: Finding[] = [];
  const articles: Article[] = [];
  const all = new Set(input.paths);
  const slugs = new Map<string, string[]>(); // column path + slug → files
  const articleKinds = new Map<string, string>(); // article id → column kind, for cross-references

  // Pass 1 over every path (names only): placement, names, uniqueness.
  for (const path of input.paths) {
    const where = locate(path, portal);
    if (!where.ok) {
      if (input.contents.has(path)) findings.push(finding(path, where.rule, where.message));
      continue;
    }
    const inScope = input.contents.has(path);
    if (where.kind === "asset") {
      if (inScope && !(ASSET_EXTENSIONS as readonly string[]).includes(where.ext)) {
        findings.push(
          finding(path, "PATH.FILE_TYPE", `不支持的文件类型「${where.ext || "无扩展名"}」：图片用 jpg/png/webp，附件用 pdf/docx/xlsx/ofd，视频用 mp4；文章用 .md`),
        );
      } else if (inScope && input.contents.get(path)!.length > assetLimit(where.ext)) {
        const mb = (input.contents.get(path)!.length / 1024 / 1024).toFixed(1);
        findings.push(finding(path, "ASSET.TOO_LARGE", `文件有 ${mb} MB，超过上限 ${assetLimit(where.ext) / 1024 / 1024} MB：图片请压缩（宽 1920 像素以内即可），大文件请拆分或压缩后上传`));
      } else if (inScope && !ASSET_NAME.test(path.slice(path.lastIndexOf("/") + 1))) {
        const name = path.slice(path.lastIndexOf("/") + 1);
        findings.push(finding(path, "PATH.ASSET_NAME", `文件名「${name}」不合规：图片和附件的文件名只能用小写英文字母、数字、连字符和下划线，否则网页上的链接会失效。可改名为 ${assetName(name)}，文章里引用它的地方一并改`));
      }
      continue;
    }
    articleKinds.set(articleId(where.column.path, where.year, where.slug), where.column.kind);
    const key = `${where.column.path}/${where.slug}`;
    slugs.set(key, [...(slugs.get(key) ?? []), path]);
    if (!inScope) continue;
    if (!SLUG.test(where.slug)) {
      findings.push(
        finding(path, "PATH.SLUG", `文件名「${path.slice(path.lastIndexOf("/") + 1)}」不合规：只能用小写英文字母、数字和连字符，不要用中文、空格或大写。可改名为 ${articleSlug(where.slug)}${where.ext}`),
      );
    }
    if (where.ext === ".mdx" && !portal.site.mdx_folders.some((f) => path.startsWith(f.replace(/\/?$/, "/")))) {
      findings.push(finding(path, "PATH.MDX", ".mdx 文件会在构建时执行代码，只允许放在 site.yaml 的 mdx_folders 所列目录：请改为 .md"));
    }
  }
  // A slug is unique in its column across years (and .md/.mdx): report every copy in scope.
  for (const group of slugs.values()) {
    if (group.length < 2) continue;
    for (const path of group) {
      if (!input.contents.has(path)) continue;
      const others = group.filter((p) => p !== path).join("、");
      findings.push(finding(path, "PATH.DUPLICATE_SLUG", `同一栏目中已有同名文章 ${others}：请换一个文件名，栏目内文件名不能重复`));
    }
  }

  const internal = (p: string) => p === "" || portal.columnByPath.has(p) || articleKinds.has(p);

  // Pass 2: read the articles in scope (one reading, as the gate reads them), then the rules that need the corpus.
  let checked = 0;
  for (const [path, bytes] of input.contents) {
    const where = locate(path, portal);
    checked++;
    if (!where.ok || where.kind !== "article") continue; // reported in pass 1
    const reading = readArticle(path, bytes, portal, { text: input.textRules ?? true });
    appendAll(findings, reading.findings);
    const { yaml, data, fields } = reading;
    if (yaml && (input.textRules ?? true)) appendAll(findings, checkMarkdown({ file: path, text: reading.text!, bodyStart: reading.bodyStart, files: all, internal }, portal));
    if (!data) {
      if (fields) appendAll(findings, checkUnit(path, where.column, fields.unit, portal, yaml!));
      continue;
    }
    const article: Article = {
      id: articleId(where.column.path, where.year, where.slug),
      file: path,
      column: where.column,
      year: where.year,
      slug: where.slug,
      data,
      body: reading.body,
      bodyLine: reading.bodyLine,
    };
    appendAll(findings, checkArticle(article, portal, yaml!, { files: all, articleKinds, now: input.now }));
    if (input.arriving?.has(path)) {
      appendAll(findings, checkTimeliness(article, yaml!, input.now));
      appendAll(findings, checkArrivalYear(article, input.now));
    }
    articles.push(article);
  }

  return { articles, findings, checked };
}

/** 空白栏目: a leaf column with no article at all (only meaningful when the whole corpus is checked). */
export function checkEmptyColumns(portal: Portal, paths: readonly string[]): Finding[] {
  const used = new Set<string>();
  for (const path of paths) {
    const where = locate(path, portal);
    if (where.ok && where.kind === "article") used.add(where.column.path);
  }
  return portal.columns
    .filter((c) => isLeaf(c) && c.kind !== "link" && !used.has(c.path))
    .map((column) =>
      finding("workflows/columns.yaml", "COLUMN.EMPTY", `栏目「${column.name}」（content/${column.path}/）还没有任何文章：空白栏目在政府网站检查中扣分，请责任单位尽快补充内容或调整栏目`, portal.sources.columns.positionOf(column.yamlPath), "warning"),
    );
}

/** Size limits: a portal page must load fast on a phone, and GitHub refuses files over 100 MB. */
export function assetLimit(ext: string): number {
  const MB = 1024 * 1024;
  if ([".jpg", ".jpeg", ".png", ".webp", ".gif"].includes(ext)) return 5 * MB;
  if (ext === ".mp4") return 90 * MB;
  return 20 * MB;
}
