import type { z } from "zod";
import { writableColumns } from "../columns/writable-columns.ts";
import { articleSchemaFor, DISCLOSURE_NAME, FIELD_LABELS, GUIDE_ELEMENTS, INTERPRETS_PATH, VALIDITY_NAME } from "../articles/article-schema.ts";
import type { Column } from "../columns/column-tree.ts";
import { CATEGORIES, CATEGORY_NAMES, type Timeliness } from "../columns/columns-schema.ts";
import { STANDING_NAMES, standingOf } from "../columns/responsibility.ts";
import type { Portal } from "../workflows/portal.ts";
import type { WebEditorSettings } from "../workflows/site-schema.ts";

/**
 * The web editor's configuration (Decap CMS `config.yml`), made from the
 * portal model: one collection per leaf column a unit may write, the fields
 * of the column's kind as the article schema has them, the unit and category
 * choices the column allows. Pure: the build writes it (docs/WEB-EDITOR.md).
 */

/** A Decap field, as much of it as this portal uses. */
export interface EditorField {
  label: string;
  name: string;
  widget: "string" | "text" | "markdown" | "select" | "boolean" | "datetime" | "image" | "file" | "list" | "object";
  required?: boolean;
  hint?: string;
  default?: string | boolean;
  /** A regular expression (its source) and the Chinese message shown when it does not match. */
  pattern?: [string, string];
  options?: { label: string; value: string }[];
  fields?: EditorField[];
  field?: EditorField;
  label_singular?: string;
  collapsed?: boolean;
  format?: string;
  date_format?: string;
  time_format?: string | false;
  picker_utc?: boolean;
  choose_url?: boolean;
  editor_components?: string[];
  modes?: string[];
}

export interface EditorCollection {
  /** Decap's id for the column (in the editor's URLs and its branch names `cms/<name>/…`): the column path with `_` for `/`. */
  name: string;
  label: string;
  label_singular: string;
  description?: string;
  folder: string;
  create: true;
  extension: "md";
  format: "frontmatter";
  /** content/<column path>/<yyyy>/<slug>.md */
  path: string;
  slug: string;
  /** Images and attachments next to the article, in its year folder. */
  media_folder: "";
  public_folder: "";
  summary: string;
  sortable_fields: string[];
  editor: { preview: false };
  fields: EditorField[];
}

export interface EditorConfig {
  locale: "zh_Hans";
  backend: {
    name: "github";
    repo: string;
    branch: string;
    base_url?: string;
    auth_endpoint?: string;
    open_authoring?: true;
    commit_messages: Record<"create" | "update" | "delete" | "uploadMedia" | "deleteMedia", string>;
  };
  publish_mode: "editorial_workflow";
  /** Decap uses a local decap-server only when the editor itself is opened from localhost (an office's preview, the tests). */
  local_backend: true;
  site_url: string;
  display_url: string;
  media_folder: string;
  public_folder: string;
  slug: { encoding: "ascii"; clean_accents: true; sanitize_replacement: "-" };
  collections: EditorCollection[];
}

/**
 * The file name an article gets: the moment it was first saved, e.g.
 * 20261120-093015, under its year folder. A Chinese title cannot be a slug,
 * and Decap writes every field it shows into the frontmatter, so an English
 * file-name field would be an unknown field there (the schema is strict).
 * Government portals name pages by date and number the same way.
 */
export const ARTICLE_PATH = "{{year}}/{{slug}}";
export const ARTICLE_SLUG = "{{year}}{{month}}{{day}}-{{hour}}{{minute}}{{second}}";

/**
 * Fields the editor does not offer, and why. The publish time is never
 * typed (DESIGN.md "Publish time"); the others are the office's decisions,
 * made in the pull request or in Git.
 */
export const NOT_IN_EDITOR: Record<string, string> = {
  date: "发布时间由合并进主分支的时刻自动确定",
  dateReason: "只用于迁移或转载的旧稿，由网站主管填写",
  scheduled: "定时发布由网站主管安排",
  pinned: "首页置顶由网站主管决定",
  link: "外链条目由网站主管添加",
  piiExemption: "个人信息公示依据须经领导审核，由网站主管填写",
  withdrawn: "撤稿由网站主管办理",
};

/** Update requirements with a deadline counted from the event: the editor asks for 事件时间 in such columns. */
const hasDeadline = (t: Timeliness | undefined) => t !== undefined && t !== "periodic" && t !== "after-print" && t !== "realtime";

const URL_PATTERN = "^https?://\\S+$";
const FILE_HINT = "文件名只用小写英文字母、数字和连字符，例如 meeting-photo.jpg；请先改好文件名再上传";

export function editorConfig(portal: Portal, settings: WebEditorSettings): EditorConfig {
  const { site } = portal;
  return {
    locale: "zh_Hans",
    backend: {
      name: "github",
      repo: settings.repo,
      branch: settings.branch,
      ...(settings.base_url ? { base_url: settings.base_url } : {}),
      ...(settings.auth_endpoint ? { auth_endpoint: settings.auth_endpoint } : {}),
      ...(settings.open_authoring ? { open_authoring: true } : {}),
      commit_messages: {
        create: "网页编辑器：{{collection}}新稿 {{slug}}",
        update: "网页编辑器：修改{{collection}} {{slug}}",
        delete: "网页编辑器：删除{{collection}} {{slug}}",
        uploadMedia: "网页编辑器：上传 {{path}}",
        deleteMedia: "网页编辑器：删除 {{path}}",
      },
    },
    publish_mode: "editorial_workflow",
    local_backend: true,
    site_url: `https://${site.domain}`,
    display_url: `https://${site.domain}`,
    // Decap requires a site-wide media folder; every column overrides it with the article's own folder.
    media_folder: "content",
    public_folder: "",
    slug: { encoding: "ascii", clean_accents: true, sanitize_replacement: "-" },
    collections: writableColumns(portal.columns).map((c) => collectionOf(c, portal)),
  };
}

export function collectionName(column: Column): string {
  return column.path.replaceAll("/", "_");
}

function collectionOf(column: Column, portal: Portal): EditorCollection {
  const parents = ancestors(column, portal).map((c) => c.name);
  return {
    name: collectionName(column),
    label: [...parents, column.name].join(" › "),
    label_singular: column.name,
    ...(column.description ? { description: column.description } : {}),
    folder: `content/${column.path}`,
    create: true,
    extension: "md",
    format: "frontmatter",
    path: ARTICLE_PATH,
    slug: ARTICLE_SLUG,
    media_folder: "",
    public_folder: "",
    summary: "{{title}}",
    sortable_fields: ["title"],
    editor: { preview: false },
    fields: fieldsOf(column, portal),
  };
}

function ancestors(column: Column, portal: Portal): Column[] {
  const out: Column[] = [];
  for (let p = column.parent; p; p = portal.columnByPath.get(p)?.parent) out.unshift(portal.columnByPath.get(p)!);
  return out;
}

/**
 * The column kind's fields in the schema's order, each required exactly when
 * the schema requires it, then the body. A field the schema has and the
 * editor neither shows nor leaves out on purpose is an error here, so a new
 * schema field cannot silently be missing from the editor.
 */
export function fieldsOf(column: Column, portal: Portal): EditorField[] {
  const shape = articleSchemaFor(column.kind).shape;
  const fields: EditorField[] = [];
  for (const [name, schema] of Object.entries(shape)) {
    if (name in NOT_IN_EDITOR) continue;
    if (name === "eventAt" && (column.kind === "policy" || !(hasDeadline(column.timeliness) || hasDeadline(column.supportTimeliness)))) continue;
    const field = fieldFor(name, schema as z.ZodType, column, portal);
    if (!field) throw new Error(`web editor: no widget for the article field ${name}`);
    fields.push(field);
  }
  fields.push({ label: "正文", name: "body", widget: "markdown", modes: ["rich_text", "raw"], editor_components: ["image"], hint: "正文中的图片与文章存放在同一目录" });
  return fields;
}

const isRequired = (schema: z.ZodType) => !schema.safeParse(undefined).success;
const label = (name: string) => FIELD_LABELS[name] ?? name;
/** A string field's maximum length, when the schema sets one (through .optional() and .default()). */
function maxLength(schema: z.ZodType): number | undefined {
  let inner = schema as unknown as { def: { type: string; innerType?: unknown }; maxLength?: number | null };
  while ((inner.def.type === "optional" || inner.def.type === "default") && inner.def.innerType) inner = inner.def.innerType as typeof inner;
  return inner.maxLength ?? undefined;
}

function fieldFor(name: string, schema: z.ZodType, column: Column, portal: Portal): EditorField | undefined {
  const base = { label: label(name), name, ...(isRequired(schema) ? {} : { required: false }) };
  const max = maxLength(schema);
  const limited = max ? { pattern: [`^[\\s\\S]{1,${max}}$`, `${label(name)}不能超过 ${max} 字，请精简`] as [string, string] } : {};
  switch (name) {
    case "title":
      return { ...base, widget: "string", ...limited };
    case "summary":
      return { ...base, widget: "text", ...limited };
    case "category":
      return categoryField(base, column);
    case "unit":
      return unitField(base, column, portal);
    case "source":
      return { ...base, widget: "string", hint: "信息来源单位或媒体，例如 市政协办公室；转载时写原发媒体" };
    case "sourceUrl":
      return { ...base, widget: "string", pattern: [URL_PATTERN, "来源网址应为 http(s) 网址"], hint: "转载类必填：原文在权威网站上的网址" };
    case "author":
      return { ...base, widget: "string", hint: "作者或通讯员姓名" };
    case "disclosure":
      // 不予公开 cannot be published at all (check refuses it), so the editor does not offer it.
      return { ...base, widget: "select", default: "public", options: (["public", "on-request"] as const).map((v) => ({ label: DISCLOSURE_NAME[v], value: v })) };
    case "emergency":
      return { ...base, widget: "boolean", default: false, hint: "重特大突发事件、社会热点或舆情回应：按制发类四级审核" };
    case "eventAt":
      return { ...base, widget: "datetime", format: "YYYY-MM-DD HH:mm", date_format: "YYYY-MM-DD", time_format: "HH:mm", picker_utc: false, hint: "会议、活动等发生的时间（北京时间），用于核对本栏目的更新时限" };
    case "expires":
      return { ...base, widget: "datetime", format: "YYYY-MM-DD", date_format: "YYYY-MM-DD", time_format: false, picker_utc: false, hint: "到期后网站不再列出本文；长期有效的不填" };
    case "keywords":
      return { ...base, widget: "list", label_singular: "关键词", field: { label: "关键词", name: "keyword", widget: "string" } };
    case "image":
      return {
        ...base,
        widget: "object",
        fields: [
          // Decap checks an optional object's required sub-fields even when it is left empty: both optional here, check asks for both.
          { label: "图片", name: "src", widget: "image", required: false, choose_url: false, hint: FILE_HINT },
          { label: label("alt"), name: "alt", widget: "string", required: false, hint: "有题图时必填：用一句话说明图片内容，供读屏软件朗读" },
        ],
      };
    case "attachments":
    case "forms":
      return {
        ...base,
        widget: "list",
        label_singular: name === "forms" ? "表格" : "附件",
        fields: [
          { label: "文件", name: "path", widget: "file", choose_url: false, hint: `${FILE_HINT}；附件用 pdf、docx、xlsx 或 ofd` },
          { label: name === "forms" ? "表格名称" : "附件名称", name: "title", widget: "string" },
        ],
      };
    // 政策文件
    case "docNumber":
      return { ...base, widget: "string", hint: "例如 示政协发〔2026〕1号" };
    case "issuer":
    case "topic":
    case "indexNumber":
      return { ...base, widget: "string" };
    case "writtenDate":
      return { ...base, widget: "datetime", format: "YYYY-MM-DD", date_format: "YYYY-MM-DD", time_format: false, picker_utc: false };
    case "validity":
      return { ...base, widget: "select", default: "valid", options: (Object.keys(VALIDITY_NAME) as (keyof typeof VALIDITY_NAME)[]).map((v) => ({ label: VALIDITY_NAME[v], value: v })) };
    case "replacedBy":
      return { ...base, widget: "string", hint: "失效或废止时必填：替代文件的路径，没有则写「无」" };
    // 政策解读
    case "interprets":
      return { ...base, widget: "string", pattern: [INTERPRETS_PATH.source, "应写被解读文件的路径：<栏目路径>/<年份>/<英文名>，例如 about/rules/2026/some-document"], hint: "被解读的政策文件在网站上的路径，例如 about/rules/2026/some-document" };
    // 办事指南
    case "guide":
      return { ...base, widget: "object", fields: (Object.keys(GUIDE_ELEMENTS) as (keyof typeof GUIDE_ELEMENTS)[]).map((k) => ({ label: GUIDE_ELEMENTS[k], name: k, widget: "text" })) };
    case "online":
      return { ...base, widget: "string", pattern: [URL_PATTERN, "在线办理地址应为 http(s) 网址"], hint: "本事项在政务服务网上的办理页面" };
    default:
      return undefined;
  }
}

type Base = Pick<EditorField, "label" | "name" | "required">;

/** The categories the column accepts (all three when it names none), the only choice preselected. */
function categoryField(base: Base, column: Column): EditorField {
  const allowed = column.categories ?? [...CATEGORIES];
  return {
    ...base,
    widget: "select",
    options: allowed.map((c) => ({ label: CATEGORY_NAMES[c][1], value: c })),
    ...(allowed.length === 1 ? { default: allowed[0] } : {}),
    hint: "类别决定审核流程：转载类须写来源网址",
  };
}

/** The column's responsible units by name (牵头, 配合 marked), the only one preselected. */
function unitField(base: Base, column: Column, portal: Portal): EditorField {
  return {
    ...base,
    widget: "select",
    options: column.units.map((id) => {
      const standing = standingOf(column, id);
      const name = portal.unitById.get(id)?.name ?? id;
      return { label: standing && standing !== "equal" ? `${name}（${STANDING_NAMES[standing]}）` : name, value: id };
    }),
    ...(column.units.length === 1 ? { default: column.units[0] } : {}),
    hint: "只列出本栏目的责任单位",
  };
}
