import { z } from "zod";
import "../findings/zod-locale.ts";
import { CATEGORY_NAMES, type ColumnKind } from "../columns/columns-schema.ts";
import { calendarDate, publishDateTime } from "../calendar/dates.ts";
import { zhEnum } from "./zh-enum.ts";
import { listLine } from "../findings/zod-findings.ts";
import { PLACEHOLDERS } from "./compose-article.ts";

/**
 * The one article schema. `check` and the site's content loader both call
 * `articleSchemaFor(kind)` on the same YAML parse, so the site can never
 * accept what the checker rejects. Fields a column kind does not use are
 * unknown fields there (strict objects): a typo is found, not ignored.
 */

export const category = zhEnum(CATEGORY_NAMES, "信息类别 category ");

/** 公开属性 as clerks write it. */
export const DISCLOSURE_NAME = { public: "主动公开", "on-request": "依申请公开", withheld: "不予公开" } as const;

export const disclosure = zhEnum(
  {
    public: [DISCLOSURE_NAME.public],
    "on-request": [DISCLOSURE_NAME["on-request"]],
    withheld: [DISCLOSURE_NAME.withheld],
  },
  "公开属性 disclosure ",
);

/** 有效性 as a page shows it. */
export const VALIDITY_NAME = { valid: "有效", expired: "失效", repealed: "废止" } as const;

export const validity = zhEnum(
  {
    valid: [VALIDITY_NAME.valid],
    expired: [VALIDITY_NAME.expired],
    repealed: [VALIDITY_NAME.repealed],
  },
  "有效性 validity ",
);

// Control characters in any header text or body are TEXT.CONTROL_CHAR from check-text.ts (one place, escapes included).
const text = z.string().trim().min(1, "不能为空");
const relativeFile = z
  .string()
  .regex(/^(?!\/)(?!.*\.\.)(?!https?:).+$/, "应为与文章同目录的相对路径，例如 ./附件名.pdf 的英文名 ./plan-2026.pdf");

/** Fields every article has. */
const common = {
  title: text.max(120, "标题不能超过 120 字，请精简"),
  /** Only for items whose publish time is not their arrival on main (scheduled, migrated, crawled, sample). */
  date: publishDateTime.optional(),
  dateReason: text.optional(),
  scheduled: z.boolean().optional(),
  /** When the event reported happened (事件时间), for the column's update requirement (当日、次日9点前、6小时内…). */
  eventAt: publishDateTime.optional(),
  category,
  source: text, // 来源 (ContentSource)
  sourceUrl: z.url({ protocol: /^https?$/, error: "来源网址应为 http(s) 网址" }).optional(),
  unit: text, // the responsible unit submitting it
  author: text.optional(), // 作者/通讯员
  disclosure: disclosure.default("public"),
  emergency: z.boolean().default(false), // 重特大突发/舆情回应
  expires: calendarDate.optional(),
  summary: text.max(300, "摘要不能超过 300 字，请精简").optional(), // Description
  keywords: z.array(text).optional(),
  pinned: z.boolean().optional(), // 首页置顶
  image: z.strictObject({ src: relativeFile, alt: text }).optional(),
  attachments: z.array(z.strictObject({ path: relativeFile, title: text })).optional(),
  /** An item that only points elsewhere (外链): body may be empty. */
  link: z.url({ protocol: /^https?$/, error: "链接应为 http(s) 网址" }).optional(),
  /** A legally required 公示 of personal data, with its legal basis: the gate then adds the leader level. */
  piiExemption: text.optional(),
  /** 撤稿: the article stays in the repository with its removal record. */
  withdrawn: z.strictObject({ date: publishDateTime, reason: text }).optional(),
};

/** 政策文件: the disclosure table's fields (索引号 发布机构 文号 成文日期 主题分类 有效性). */
const policy = {
  docNumber: text, // 文号
  issuer: text, // 发文机关 / 发布机构
  writtenDate: calendarDate, // 成文日期
  indexNumber: text.optional(), // 索引号
  topic: text, // 主题分类
  validity: validity.default("valid"),
  /** The document that replaced this one, or 无 (none), when it is no longer valid. */
  replacedBy: text.optional(),
};

/** 政策解读: names the policy document it explains, as `<column path>/<yyyy>/<slug>`. */
export const INTERPRETS_PATH = /^[a-z0-9-]+(\/[a-z0-9-]+)*\/\d{4}\/[a-z0-9-]+$/;
const interpretation = {
  interprets: z.string().regex(INTERPRETS_PATH, "应写被解读文件的路径，例如 open/policy/2026/some-document"),
};

/** 办事指南: the required elements (seed 001 附件3). */
export const GUIDE_ELEMENTS = {
  name: "事项名称",
  basis: "设定依据",
  conditions: "申请条件",
  materials: "办理材料",
  process: "办理流程",
  timeLimit: "办理时限",
  fee: "收费标准",
  location: "办理地点",
  hours: "办理时间",
  consultPhone: "咨询电话",
  complaintPhone: "监督电话",
} as const;

const guide = {
  guide: z.strictObject(
    Object.fromEntries(Object.keys(GUIDE_ELEMENTS).map((k) => [k, text])) as Record<
      keyof typeof GUIDE_ELEMENTS,
      typeof text
    >,
  ),
  /** 在线办理: this matter's page on the service platform. */
  online: z.url({ protocol: /^https?$/, error: "在线办理地址应为 http(s) 网址，例如政务服务网上本事项的办理页面" }).optional(),
  /** 表格下载: the forms an applicant fills in, files next to the article like its attachments. */
  forms: z.array(z.strictObject({ path: relativeFile, title: text })).optional(),
};

const byKind = {
  news: {},
  notice: {},
  policy,
  interpretation,
  guide,
  profile: {},
  list: {},
  link: {},
  topic: {},
  data: {},
} satisfies Record<ColumnKind, object>;

/** The kind each kind-specific field belongs to (docNumber → policy), for "this field is only for …". */
export const FIELD_KIND: Record<string, ColumnKind> = Object.fromEntries(
  Object.entries(byKind).flatMap(([kind, extra]) => Object.keys(extra).map((field) => [field, kind as ColumnKind])),
);

/** The fields a kind requires beyond the common ones, in the schema's order: policy → docNumber, issuer, writtenDate, topic. */
export function requiredKindFields(kind: ColumnKind): string[] {
  return Object.entries(byKind[kind] as Record<string, z.ZodType>)
    .filter(([, schema]) => !schema.safeParse(undefined).success)
    .map(([field]) => field);
}


/** What clerks type between keywords when they mean separate ones: the Chinese comma, 顿号, semicolons. */
const KEYWORD_SEPARATORS = /[，、；;,]/;


/** A 文号's year in brackets other than 〔〕 (GB/T 9704-2012 7.2.3): [2026] 【2026】 （2026） (2026) ［2026］. */
const WRONG_YEAR_BRACKETS = /([[【（(［〈<{])\s*((?:19|20)\d{2})\s*([\]】）)］〉>}])/;

/**
 * The line to write for a field given in the wrong shape, built from what the
 * clerk wrote: `image: photo.jpg` → `image: { src: ./photo.jpg, alt: 图片说明 }`.
 */
export function fieldExample(path: readonly PropertyKey[], written: string): string | undefined {
  const file = `./${written.replace(/^\.?\//, "").trim() || "file.pdf"}`;
  const [field, index] = path;
  const title = field === "forms" ? PLACEHOLDERS.formTitle : PLACEHOLDERS.attachmentTitle;
  if (field === "image" && path.length === 1) return `image: { src: ${file}, alt: ${PLACEHOLDERS.imageAlt} }`;
  if ((field === "attachments" || field === "forms") && path.length === 1) return `${String(field)}: [{ path: ${file}, title: ${title} }]`;
  if ((field === "attachments" || field === "forms") && typeof index === "number") return `- { path: ${file}, title: ${title} }`;
  if (field === "withdrawn" && path.length === 1) return `withdrawn: { date: 2026-12-01 10:00, reason: ${PLACEHOLDERS.withdrawalReason} }`;
  if (field === "guide" && path.length === 1) return `guide: 另起一行，每项缩进两个空格，写 ${Object.keys(GUIDE_ELEMENTS).join("、")}（各写一行「名称: 内容」）`;
  return undefined;
}

export interface CrossFieldIssue {
  path: (string | number)[];
  rule: string;
  message: string;
}

/**
 * Rules between fields. They run on the raw frontmatter even when other
 * fields are wrong, so a clerk sees every problem in one round rather than
 * one wave per pull-request update.
 */
export function crossFieldIssues(raw: Record<string, unknown>): CrossFieldIssue[] {
  const out: CrossFieldIssue[] = [];
  const cat = category.safeParse(raw.category);
  const val = validity.safeParse(raw.validity);
  if (cat.success && cat.data === "reprint" && !raw.sourceUrl) {
    out.push({ path: ["sourceUrl"], rule: "SCHEMA.REQUIRED", message: "转载类信息必须写明来源网址 sourceUrl（转载自哪个权威网站的哪一页）" });
  }
  if (raw.date !== undefined && raw.scheduled !== true && raw.dateReason === undefined) {
    out.push({
      path: ["date"],
      rule: "SCHEMA.DATE_REASON",
      message: "发布时间由合并进主分支的时刻自动确定，一般不要填写 date；定时发布请加 scheduled: true，迁移或转载的旧稿请加 dateReason 说明原因",
    });
  }
  if (Array.isArray(raw.keywords)) {
    for (const [i, word] of raw.keywords.entries()) {
      if (typeof word === "string" && KEYWORD_SEPARATORS.test(word)) {
        out.push({ path: ["keywords", i], rule: "SCHEMA.FORMAT", message: `「${word}」是几个关键词连在一起：每个关键词单独一项，用英文逗号加空格分隔，写成 keywords: ${listLine(word)}` });
      }
    }
  }
  if (typeof raw.docNumber === "string") {
    const year = WRONG_YEAR_BRACKETS.exec(raw.docNumber);
    if (year) {
      out.push({ path: ["docNumber"], rule: "SCHEMA.DOC_NUMBER", message: `文号的年份应使用六角括号〔〕，不用「${year[1]}${year[3]}」：写成 ${raw.docNumber.replace(WRONG_YEAR_BRACKETS, "〔$2〕")}` });
    }
  }
  if (val.success && (val.data === "expired" || val.data === "repealed") && !raw.replacedBy) {
    out.push({ path: ["replacedBy"], rule: "SCHEMA.REQUIRED", message: "失效或废止的文件须写明 replacedBy：替代它的文件路径，没有则写「无」" });
  }
  return out;
}

const schemas = Object.fromEntries(
  Object.entries(byKind).map(([kind, extra]) => [kind, z.strictObject({ ...common, ...extra })]),
) as unknown as Record<ColumnKind, z.ZodObject<z.ZodRawShape, z.core.$strict>>;

export function articleSchemaFor(kind: ColumnKind) {
  return schemas[kind];
}

/** The union of every kind's fields, for the site's typed collection. */
export const storedArticleSchema = z.object({
  ...common,
  ...policy,
  ...interpretation,
  ...guide,
}).partial().extend({ title: z.string(), category: z.string(), source: z.string(), unit: z.string() });

export type ArticleData = z.infer<typeof storedArticleSchema>;

/** Field labels for messages, so a clerk sees 标题 rather than `title`. */
export const FIELD_LABELS: Record<string, string> = {
  title: "标题",
  date: "发布时间",
  eventAt: "事件时间",
  dateReason: "日期说明",
  scheduled: "定时发布",
  category: "信息类别",
  source: "来源",
  sourceUrl: "来源网址",
  unit: "报送单位",
  author: "作者",
  disclosure: "公开属性",
  emergency: "突发/舆情",
  expires: "有效期至",
  summary: "摘要",
  keywords: "关键词",
  pinned: "首页置顶",
  image: "题图",
  alt: "替代文字",
  src: "图片路径",
  attachments: "附件",
  path: "文件路径",
  link: "链接",
  withdrawn: "撤稿记录",
  piiExemption: "个人信息公示依据",
  reason: "原因",
  docNumber: "文号",
  issuer: "发文机关",
  writtenDate: "成文日期",
  indexNumber: "索引号",
  topic: "主题分类",
  validity: "有效性",
  replacedBy: "替代文件",
  interprets: "所解读的文件",
  guide: "办事指南要素",
  online: "在线办理",
  forms: "表格下载",
  ...GUIDE_ELEMENTS,
};
