import { existsSync, readFileSync, statSync } from "node:fs";
import { nextSteps } from "../articles/next-steps.ts";
import { gitIdentity } from "../adapters/git.ts";
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { FileExists, createFiles, type NewFile } from "../adapters/new-files.ts";
import { FFMPEG, LIBREOFFICE, convertToDocx, convertToMp4, findProgram } from "../adapters/office-programs.ts";
import { listContentFiles, readWorkflowTexts } from "../adapters/repository-files.ts";
import { category as categorySchema } from "../articles/article-schema.ts";
import { ASSET_EXTENSIONS, locate } from "../articles/location.ts";
import { formatBeijing } from "../calendar/dates.ts";
import { nowOf, portalRootOf, UsageError, type Args } from "../cli/args.ts";
import { JobFailure } from "../cli/run.ts";
import { formatText } from "../findings/format.ts";
import { pictureByExtension, type DocumentSource } from "../import/document-source.ts";
import { importedArticle, type TitleFrom } from "../import/imported-article.ts";
import { importTarget } from "../import/import-target.ts";
import { readPlainText } from "../import/plain-text.ts";
import { readWebPage } from "../import/web-page.ts";
import { readWordDocument } from "../import/word-document.ts";
import { parseWorkflows } from "../workflows/parse-workflows.ts";
import { checkPortalFiles } from "./check.ts";

/** The file types `import` reads, and what it says about the others. */
const WORD = [".docx"];
const LEGACY_WORD = [".doc", ".wps"];
const TEXT = [".txt"];
const WEB_PAGE = [".html", ".htm"];
const VIDEO = [".wmv", ".avi", ".mov", ".mpg", ".mpeg", ".flv", ".mkv", ".3gp", ".asf", ".rm", ".rmvb"];
const SUPPORTED = "Word 文档（.docx；装有 LibreOffice 时也可以是 .doc、.wps）、纯文本（.txt）或网页（.html）";
/** Largest document read: a Word file with photos runs to a few MB. */
const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

const TITLE_FROM: Record<TitleFrom, string> = {
  option: "按 --title 填写",
  style: "取自文档中「标题」样式的段落",
  heading: "取自文档开头的标题",
  "first-line": "取自文档第一行",
  page: "取自网页标题",
  "file-name": "文档中没有找到标题，暂用文件名",
};

/**
 * The clerk's file path: as typed, from the folder they ran npm in (npm
 * itself runs the job in the repository's folder, and says where it was
 * started in INIT_CWD).
 */
const clerkPath = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);

function readInput(path: string, what: string): Uint8Array {
  if (!existsSync(path)) throw new JobFailure(`找不到${what}「${path}」：请核对文件名和所在的文件夹（可以把文件拖进终端窗口得到完整路径）`, 2);
  const stat = statSync(path);
  if (!stat.isFile()) throw new JobFailure(`「${path}」是文件夹，不是文件：请写出要导入的文件`, 2);
  if (stat.size > MAX_DOCUMENT_BYTES) throw new JobFailure(`「${basename(path)}」有 ${(stat.size / 1024 / 1024).toFixed(0)} MB，太大了：请压缩文中的图片（Word：图片格式 → 压缩图片）后再导入`, 2);
  return new Uint8Array(readFileSync(path));
}

/** A file import cannot read, refused before anything else is asked of the clerk, with what to do instead. */
function refuseUnreadable(file: string): void {
  const ext = extname(file).toLowerCase();
  const name = basename(file);
  if (VIDEO.includes(ext) || ext === ".mp4") {
    throw new JobFailure(`视频「${name}」要随文章一起导入：npm run import -- 文章.docx --column 栏目 --attach ${name}（WMV 等格式会转换为网页能播放的 MP4）`, 2);
  }
  if (ext === ".pdf") throw new JobFailure(`PDF 无法可靠地还原成可编辑的文字：请向起草单位要 Word 原件（.docx）导入；PDF 可以作为附件：--attach ${name}`, 2);
  if (ext === ".md") throw new JobFailure(`「${name}」已经是 Markdown 文章：请直接放到栏目的年份目录中（content/栏目路径/年份/），再运行 npm run check`, 2);
  if (![...WORD, ...LEGACY_WORD, ...TEXT, ...WEB_PAGE].includes(ext)) {
    throw new JobFailure(`不能导入「${ext || "没有扩展名"}」类型的文件「${name}」：可以导入 ${SUPPORTED}`, 2);
  }
}

/** The document as HTML with its pictures, whatever its type; converting a .doc or .wps first. */
async function readDocument(file: string): Promise<DocumentSource> {
  const ext = extname(file).toLowerCase();
  const name = basename(file);
  if (LEGACY_WORD.includes(ext)) {
    const office = findProgram(LIBREOFFICE);
    if (!office) {
      throw new JobFailure(`「${name}」是旧版 Word/WPS 格式（${ext}），这台电脑没有安装 LibreOffice，无法转换：请在 Word 或 WPS 中打开它，「文件 → 另存为」选择「Word 文档（*.docx）」，再导入 .docx 文件`, 2);
    }
    readInput(file, "文件");
    const converted = await convertToDocx(office, file);
    if ("failure" in converted) {
      throw new JobFailure(`LibreOffice 没能转换「${name}」（${converted.failure.split("\n")[0]}）：请在 Word 或 WPS 中「另存为」.docx 后再导入`, 3);
    }
    return wordDocument(converted.bytes, name);
  }
  const bytes = readInput(file, "文件");
  if (WORD.includes(ext)) return wordDocument(bytes, name);
  if (TEXT.includes(ext)) return readPlainText(bytes);
  const page = readWebPage(bytes);
  return { ...page, pictures: pagePictures(page.html, dirname(file)) };
}

async function wordDocument(bytes: Uint8Array, name: string): Promise<DocumentSource> {
  try {
    return await readWordDocument(bytes);
  } catch {
    throw new JobFailure(`「${name}」打不开，不是有效的 Word 文档（可能已损坏，或是改了扩展名的其他文件）：请在 Word 或 WPS 中打开并重新「另存为」.docx`, 2);
  }
}

/** A saved page's pictures are files beside it (页面_files/…): read those the page names by a relative path inside its folder. */
function pagePictures(html: string, folder: string): DocumentSource["pictures"] {
  const pictures: DocumentSource["pictures"] = new Map();
  for (const [, src] of html.matchAll(/<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']/gi)) {
    if (!src || /^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith("/")) continue;
    let path: string;
    try {
      path = resolve(folder, decodeURI(src.split(/[?#]/)[0]!));
    } catch {
      continue;
    }
    const inside = relative(folder, path);
    if (inside.startsWith("..") || isAbsolute(inside) || !existsSync(path) || !statSync(path).isFile()) continue;
    pictures.set(src, pictureByExtension(new Uint8Array(readFileSync(path)), extname(path)));
  }
  return pictures;
}

interface Attachment {
  original: string;
  extension: string;
  /** Where its bytes are: the clerk's file, or a converted video in a temporary folder. */
  from: string;
  remove?: () => void;
}

/** `--attach`: a video converted to MP4 when it is not one, or a file the portal accepts as an attachment. */
async function attachment(file: string): Promise<Attachment> {
  const ext = extname(file).toLowerCase();
  const name = basename(file);
  readInput(file, "附件");
  if (VIDEO.includes(ext)) {
    const ffmpeg = findProgram(FFMPEG);
    if (!ffmpeg) {
      throw new JobFailure(`视频「${name}」是 ${ext.slice(1).toUpperCase()} 格式，网页无法播放，须转换为 MP4；这台电脑没有安装 ffmpeg，无法转换：请用格式工厂等软件把它转成 MP4（H.264）后再用 --attach 导入，或请技术管理员安装 ffmpeg`, 2);
    }
    const converted = await convertToMp4(ffmpeg, file);
    if ("failure" in converted) throw new JobFailure(`ffmpeg 没能把「${name}」转换为 MP4（${converted.failure.split("\n")[0]}）：请用其他软件转成 MP4 后再导入`, 3);
    return { original: name, extension: ".mp4", from: converted.path, remove: converted.remove };
  }
  if (!(ASSET_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new JobFailure(`「${name}」不能作为附件：附件可以是 pdf、docx、xlsx、ofd、图片（jpg、png）或视频（mp4，或可转换的 wmv 等）`, 2);
  }
  return { original: name, extension: ext === ".jpeg" ? ".jpg" : ext, from: file };
}

/** `npm run import`: the job's composition; scripts/import.ts gives it its command line. */
export async function importJob(args: Args): Promise<number> {
  if (typeof args.file !== "string") throw new UsageError("请写出要导入的文件，例如 npm run import -- 通知.docx --column updates");
  if (typeof args.column !== "string") throw new UsageError("请用 --column 写明导入到哪个栏目，例如 --column updates 或 --column news/updates");
  refuseUnreadable(args.file);
  const root = portalRootOf(args);
  const now = nowOf(args);
  const category = args.category === undefined ? "submitted" : categorySchema.safeParse(String(args.category));
  if (typeof category !== "string" && !category.success) throw new UsageError(`--category 只能是 reprint（转载）、submitted（报送）或 produced（制发），现在是「${args.category}」`);

  const { portal } = parseWorkflows(readWorkflowTexts(root));
  if (!portal) throw new JobFailure("门户的规则文件（workflows/）有错误，无法确定栏目：请先运行 npm run check 查看并改正", 1);
  const target = importTarget(portal, args.column, typeof args.unit === "string" ? args.unit : undefined);
  if ("problem" in target) throw new JobFailure(target.problem, 2);
  const { column, unit } = target;

  const file = clerkPath(args.file);
  const attached = typeof args.attach === "string" ? await attachment(clerkPath(args.attach)) : undefined;
  try {
    const source = await readDocument(file);
    const year = formatBeijing(now, false).slice(0, 4);
    const folder = `content/${column.path}/${year}`;
    const paths = listContentFiles(root);
    const takenSlugs = new Set<string>();
    for (const path of paths) {
      const where = locate(path, portal);
      if (where.ok && where.kind === "article" && where.column.path === column.path) takenSlugs.add(where.slug);
    }
    const takenNames = new Set(paths.filter((p) => dirname(p) === folder).map((p) => basename(p).toLowerCase()));

    const article = importedArticle({
      source,
      fileName: basename(file),
      column,
      unit,
      title: typeof args.title === "string" ? args.title : undefined,
      category: typeof category === "string" ? category : category.data,
      sourceName: typeof args.source === "string" ? args.source : undefined,
      attachments: attached ? [attached] : [],
      takenSlugs,
      takenNames,
    });
    const articlePath = `${folder}/${article.slug}.md`;
    const files: NewFile[] = [
      ...article.pictures.map((p) => ({ path: join(root, folder, p.name), data: p.bytes })),
      ...article.attachments.map((a) => ({ path: join(root, folder, a.name), from: attached!.from })),
      // The article last: it never names a picture that is not there yet.
      { path: join(root, articlePath), data: article.text },
    ];
    try {
      createFiles(files);
    } catch (error) {
      if (error instanceof FileExists) throw new JobFailure(`「${relative(root, error.path).split(sep).join("/")}」刚刚被别人建立了，没有覆盖它，也没有留下任何新文件：请重新运行一次`, 3);
      throw error;
    }

    const written = files.map((f) => relative(root, f.path).split(sep).join("/"));
    const checked = checkPortalFiles(root, written, now);
    const mine = new Set(written);
    const errors = checked.errors.filter((f) => mine.has(f.file));
    const warnings = checked.warnings.filter((f) => mine.has(f.file));
    const report = { ok: errors.length === 0, checked: written.length, errors, warnings };

    if (args.json) {
      console.log(
        JSON.stringify(
          {
            ok: report.ok,
            article: articlePath,
            title: article.title,
            titleFrom: article.titleFrom,
            column: column.path,
            unit: unit.id,
            pictures: article.pictures.map((p) => ({ file: `${folder}/${p.name}`, alt: p.alt })),
            attachments: article.attachments.map((a) => ({ file: `${folder}/${a.name}`, original: a.original })),
            notes: article.notes,
            errors: errors.map(({ file, line, column, rule, message }) => ({ file, line, column, rule, message })),
            warnings: warnings.map(({ file, line, column, rule, message }) => ({ file, line, column, rule, message })),
          },
          null,
          2,
        ),
      );
      return report.ok ? 0 : 1;
    }

    const lines = [
      `已导入「${basename(file)}」：${articlePath}`,
      `  标题：${article.title}（${TITLE_FROM[article.titleFrom]}）`,
      `  栏目：${column.name}（${column.path}）  报送单位：${unit.name}`,
    ];
    if (article.pictures.length) lines.push(`  图片 ${article.pictures.length} 张：${article.pictures.map((p) => `${p.name}（${p.alt}）`).join("、")}`);
    if (article.attachments.length) lines.push(`  附件：${article.attachments.map((a) => `${a.name}（${a.original}${attached?.remove ? "，已转换为 MP4" : ""}）`).join("、")}`);
    if (article.notes.length) lines.push("", "请留意：", ...article.notes.map((n) => `  · ${n}`));
    lines.push("", "检查结果：", formatText(report));
    const slug = articlePath.slice(articlePath.lastIndexOf("/") + 1).replace(/\.md$/, "");
    lines.push("", nextSteps({ file: articlePath, slug, title: article.title, origin: (await gitIdentity(root)).origin, firstStep: [`打开 ${articlePath}，与原件逐段核对${report.ok ? "" : "，按上面的检查结果改正"}。`] }));
    console.log(lines.join("\n"));
    return report.ok ? 0 : 1;
  } finally {
    attached?.remove?.();
  }
}
