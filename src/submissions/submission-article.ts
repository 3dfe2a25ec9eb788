import type { Column } from "../columns/column-tree.ts";
import { findColumn } from "../columns/writable-columns.ts";
import { mayDeliver } from "../columns/responsibility.ts";
import { category as categorySchema } from "../articles/article-schema.ts";
import { chineseQuotes, composeArticle } from "../articles/compose-article.ts";
import { articleSlug, assetName } from "../articles/file-name.ts";
import { locate } from "../articles/location.ts";
import { formatBeijing } from "../calendar/dates.ts";
import { isActive } from "../roster/roster.ts";
import type { Portal } from "../workflows/portal.ts";
import { columnOption, formColumns, type FormField } from "./issue-form.ts";
import { isGitHubUpload, uploadsIn, type Submission, type Upload } from "./read-submission.ts";

/**
 * A submission made into an article: which column and file, the header's
 * fields, the body, and the files to fetch from GitHub's attachment store.
 * Pure: the job downloads, then `finishArticle` names the files and writes
 * the text. What cannot become an article at all (an unknown submitter, no
 * column, a column not the unit's) is a problem for the form; what can is
 * left to `check`, like any pull request.
 */
export interface FormProblem {
  field?: FormField;
  message: string;
}

export interface PlannedUpload extends Upload {
  field: "body" | "photos" | "attachments";
  /** Words for the picture: its caption in the form, else its alt text unless it is a camera's file name. */
  caption: string | undefined;
}

export interface ArticlePlan {
  column: Column;
  unit: string;
  slug: string;
  /** content/<column>/<yyyy>/<slug>.md */
  path: string;
  /** The year folder, with a trailing slash. */
  folder: string;
  fields: Record<string, unknown>;
  /** The body with each upload's place marked by its index: `\u0000upload:3\u0000`. */
  body: string;
  uploads: PlannedUpload[];
  /** What the answer should say although the article can go to review (a photo without a caption). */
  notes: FormProblem[];
}

/** `account`: the submitter cannot submit at all (not on the roster, locked); nothing in the form would change that. */
export type SubmissionPlan = { ok: true; plan: ArticlePlan } | { ok: false; problems: FormProblem[]; account?: true };

export interface SubmissionInput {
  portal: Portal;
  /** The GitHub login that opened the issue: the submitter. */
  author: string;
  submission: Submission;
  now: Date;
  /** Paths under content/ that exist (on the default branch), so new names are free. */
  existing: readonly string[];
  /** Hosts of GitHub's attachment store for this repository's GitHub. */
  uploadHosts: readonly string[];
}

/** A camera's or a phone's name for a picture says nothing about it. */
const CAMERA_NAME = /^(img|dsc|dscn|pxl|mmexport|wechatimg|微信图片|image|photo|screenshot|截图|屏幕截图)?[\s_-]*[\d_-]*(\.\w+)?$/i;

const marker = (i: number) => `\u0000upload:${i}\u0000`;
/** Full-width spaces and tabs Word puts before a paragraph (首行缩进). */
const trimLine = (line: string) => line.replace(/^[\s\u3000]+|[\s\u3000]+$/g, "");

/** A date as clerks write it (2026年11月2日, 2026.11.2, 2026/11/02) in the form `check` reads; anything else as written, for check to explain. */
export function isoDate(text: string): string {
  const m = /^\s*(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?\s*$/.exec(text);
  return m ? `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}` : text.trim();
}

/**
 * The column an answer names. The form's dropdown writes `政协新闻 › 政协动态（news/updates）`;
 * once the issue is edited the answer is plain text, so the path alone, with
 * half-width brackets, the column's name or its id are read as well.
 */
export function columnOfAnswer(portal: Portal, answer: string): Column | undefined {
  const text = answer.trim();
  const path = /[（(]\s*([a-z0-9/-]+)\s*[）)]\s*$/.exec(text)?.[1];
  if (path && portal.columnByPath.has(path)) return portal.columnByPath.get(path);
  const bare = text.replace(/[（(][^）)]*[）)]\s*$/, "").trim();
  const label = bare.split("›").map((part) => part.trim()).filter(Boolean);
  const found = findColumn(portal.columns, label.at(-1) ?? bare);
  if ("column" in found) return found.column;
  // 政协新闻 › 政协动态 names a column by its parent too.
  return found.candidates.find((c) => label.length > 1 && c.parent && portal.columnByPath.get(c.parent)?.name === label.at(-2));
}

export function planSubmission(input: SubmissionInput): SubmissionPlan {
  const { portal, submission, now } = input;
  const a = submission.answers;
  const problems: FormProblem[] = [];
  /** Said in the answer without holding the submission back. */
  const notes: FormProblem[] = [];
  const submitter = portal.personByLogin.get(input.author.toLowerCase());
  if (!submitter) return { ok: false, account: true, problems: [{ message: `您的账号 @${input.author} 不在网站的人员名单中（一人一号）：请联系网站主管部门登记` }] };
  if (!isActive(submitter.person)) return { ok: false, account: true, problems: [{ message: `您的账号 @${input.author} 已锁定${submitter.person.locked?.reason ? `（${submitter.person.locked.reason}）` : ""}：请联系网站主管部门解除锁定` }] };
  const unit = submitter.unit;

  const allowed = formColumns(portal).filter((c) => mayDeliver(c, unit.id));
  const column = columnOfAnswer(portal, a.column ?? "");
  const offer = allowed.length ? `您单位可以投的栏目（照抄其中一个即可）：${allowed.map((c) => columnOption(c, portal)).join("、")}` : "栏目表中还没有您单位负责的栏目，请联系网站主管部门";
  if (!column) problems.push({ field: "column", message: a.column ? `没有找到栏目「${a.column.slice(0, 40)}」。${offer}` : `请选择栏目。${offer}` });
  else if (!allowed.includes(column)) problems.push({ field: "column", message: `「${column.name}」不是${unit.name}负责的栏目。${offer}` });

  const title = chineseQuotes(trimLine((a.title ?? "").replace(/^投稿[:：]\s*/, "")));
  if (!title) problems.push({ field: "title", message: "请填写标题" });
  const category = categorySchema.safeParse(a.category ?? "报送");
  if (!category.success) problems.push({ field: "category", message: "请在「信息类别」中选择报送、转载或制发" });
  if (!/\[[xX]\]/.test(a.confirm ?? "")) problems.push({ field: "confirm", message: "请勾选「报送确认」：稿件须经本单位负责人同意后报送" });

  const uploads: PlannedUpload[] = [];
  const take = (field: PlannedUpload["field"], upload: Upload, caption: string | undefined) => {
    uploads.push({ ...upload, field, caption });
    return marker(uploads.length - 1);
  };
  const describe = (label: string) => (label && !CAMERA_NAME.test(label.trim()) ? label.trim() : undefined);

  // 正文: one paragraph per line, as Word meant it; a picture dropped into the text stays where it was.
  const bodyParts: string[] = [];
  for (const raw of (a.body ?? "").split("\n")) {
    const line = trimLine(raw);
    if (!line) continue;
    let out = "";
    let at = 0;
    for (const u of uploadsIn(line)) {
      if (!isGitHubUpload(u.url, input.uploadHosts)) continue; // a typed link stays a link
      out += line.slice(at, u.start) + (u.image ? `![](${take("body", u, describe(u.label))})` : `[${u.label}](${take("body", u, undefined)})`);
      at = u.end;
    }
    bodyParts.push(out + line.slice(at));
  }
  if (!bodyParts.length) problems.push({ field: "body", message: "请填写正文" });

  // 图片: each picture, with the line under it as its caption.
  const photoLines = (a.photos ?? "").split("\n").map(trimLine).filter(Boolean);
  for (const [i, line] of photoLines.entries()) {
    const [upload] = uploadsIn(line);
    if (!upload) {
      // A line under a picture is its caption; any other words here would be lost.
      if (i === 0 || !uploadsIn(photoLines[i - 1]!).length) {
        problems.push({ field: "photos", message: `「${line.slice(0, 40)}」不在任何照片下面：「图片」一栏只放拖进来的照片，和每张照片下一行的说明；其他文字请写进「正文」` });
      }
      continue;
    }
    if (!upload.image || !isGitHubUpload(upload.url, input.uploadHosts)) {
      problems.push({ field: "photos", message: `「${line.slice(0, 40)}」不是拖进表单的图片：请把照片文件直接拖到「图片」一栏` });
      continue;
    }
    const next = photoLines[i + 1];
    const caption = next && !uploadsIn(next).length ? next : describe(upload.label);
    if (!caption) notes.push({ field: "photos", message: `第 ${uploads.filter((u) => u.field === "photos").length + 1} 张照片下面没有说明，暂用标题作为图片说明（供读屏软件朗读）：请在照片下一行写上照片的内容，如「座谈会现场」` });
    const ref = take("photos", upload, caption);
    bodyParts.push(`![${caption ?? title}](${ref})`);
    if (caption) bodyParts.push(caption);
  }

  // 附件: each file, titled by its name.
  const attachments: { path: string; title: string }[] = [];
  for (const line of (a.attachments ?? "").split("\n").map(trimLine).filter(Boolean)) {
    if (!uploadsIn(line).length) {
      problems.push({ field: "attachments", message: `「${line.slice(0, 40)}」不是拖进来的文件：「附件」一栏只放拖进来的 pdf、docx、xlsx 文件，每个一行；说明文字请写进「正文」` });
      continue;
    }
    for (const upload of uploadsIn(line)) {
      if (upload.image || !isGitHubUpload(upload.url, input.uploadHosts)) {
        problems.push({ field: "attachments", message: `「${line.slice(0, 40)}」不是拖进表单的附件文件：请把 pdf、docx、xlsx 文件直接拖到「附件」一栏（图片请放「图片」一栏）` });
        continue;
      }
      attachments.push({ path: take("attachments", upload, undefined), title: upload.label.replace(/\.[a-z0-9]+$/i, "") || "附件" });
    }
  }
  if (problems.length || !column || !category.success) return { ok: false, problems };
  const writtenDate = a.writtenDate ? isoDate(a.writtenDate) : undefined;

  const year = formatBeijing(now, false).slice(0, 4);
  const taken = new Set<string>();
  for (const path of input.existing) {
    const where = locate(path, portal);
    if (where.ok && where.kind === "article" && where.column === column) taken.add(where.slug);
  }
  const slug = articleSlug(title, taken);
  const folder = `content/${column.path}/${year}/`;
  const firstPhoto = uploads.findIndex((u) => u.field === "photos");
  const fields: Record<string, unknown> = {
    title,
    category: category.data,
    source: a.source ? trimLine(a.source) : unit.name,
    sourceUrl: a.sourceUrl ? trimLine(a.sourceUrl) : undefined,
    unit: unit.id,
    author: submitter.person.name,
    image: firstPhoto >= 0 ? { src: marker(firstPhoto), alt: uploads[firstPhoto]!.caption ?? title } : undefined,
    attachments: attachments.length ? attachments : undefined,
  };
  if (column.kind === "policy") {
    Object.assign(fields, { docNumber: a.docNumber, issuer: a.issuer ?? unit.name, writtenDate, topic: a.topic });
  }
  if (column.kind === "interpretation" && a.interprets) {
    // A pasted page address of the policy document is its path: /open/policy/2026/x/ → open/policy/2026/x.
    fields.interprets = a.interprets.replace(/^https?:\/\/[^/]+/, "").replace(/^\/+|\/+$/g, "").replace(/\.html?$/, "");
  }
  return { ok: true, plan: { column, unit: unit.id, slug, path: `${folder}${slug}.md`, folder, fields, body: bodyParts.join("\n\n"), uploads, notes } };
}

/** A file fetched from the form: its bytes and what they are (from their first bytes, not their name). */
export interface FetchedUpload {
  bytes: Uint8Array;
  /** The extension the bytes are, e.g. `jpg`, `pdf`; undefined when unknown. */
  ext: string | undefined;
}

const IMAGE_TYPES = ["jpg", "png", "gif", "webp"];
const FILE_TYPES = ["pdf", "docx", "xlsx", "doc", "xls", "ofd", "mp4", "zip"];

/**
 * The article's text and files once the uploads are fetched: each named
 * after its caption or its name (pinyin, free in the year folder), with the
 * extension its bytes are. A file of a kind a portal does not publish is a
 * problem for the form.
 */
export function finishArticle(plan: ArticlePlan, fetched: readonly FetchedUpload[], existing: readonly string[]): { ok: true; files: Map<string, Uint8Array | string> } | { ok: false; problems: FormProblem[] } {
  const taken = new Set(existing.filter((p) => p.startsWith(plan.folder)).map((p) => p.slice(plan.folder.length)));
  const names: string[] = [];
  const problems: FormProblem[] = [];
  plan.uploads.forEach((u, i) => {
    const got = fetched[i]!;
    const label = u.label.replace(/\.[a-z0-9]+$/i, "");
    // An .xlsx or .docx is a zip: its name says which.
    const ext = got.ext === "zip" || got.ext === "cfb" ? /\.([a-z0-9]+)$/i.exec(u.label)?.[1]?.toLowerCase() : got.ext;
    const allowed = u.image ? IMAGE_TYPES : [...FILE_TYPES, ...IMAGE_TYPES];
    if (!ext || !allowed.includes(ext) || ext === "zip") {
      problems.push({ field: u.field, message: `「${u.label || "上传的文件"}」不是网站能发布的${u.image ? "图片（jpg、png、gif、webp）" : "附件（pdf、docx、xlsx、ofd、mp4）"}：请另存为这些格式后重新拖入` });
      names.push("");
      return;
    }
    const stem = u.caption ?? (label && !CAMERA_NAME.test(label) ? label : undefined) ?? `${plan.slug}-${u.image ? "photo" : "file"}`;
    const name = assetName(`${stem}.${ext === "jpeg" ? "jpg" : ext}`, taken, plan.slug);
    taken.add(name);
    names.push(name);
  });
  if (problems.length) return { ok: false, problems };
  const fill = (text: string) => text.replace(/\u0000upload:(\d+)\u0000/g, (_, i: string) => `./${names[Number(i)]}`);
  const fillAll = (value: unknown): unknown =>
    typeof value === "string" ? fill(value) : Array.isArray(value) ? value.map(fillAll) : value && typeof value === "object" ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillAll(v)])) : value;
  const fields = fillAll(plan.fields) as Record<string, unknown>;
  const files = new Map<string, Uint8Array | string>([[plan.path, composeArticle({ fields, body: fill(plan.body) })]]);
  plan.uploads.forEach((_, i) => files.set(plan.folder + names[i], fetched[i]!.bytes));
  return { ok: true, files };
}
