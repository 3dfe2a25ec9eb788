import { z } from "zod";
import "../findings/zod-locale.ts";

/** `workflows/columns.yaml`: the column responsibility table (栏目责任分解表) as a tree. */

export const COLUMN_KINDS = [
  "news", // 动态、要闻
  "notice", // 通知公告
  "policy", // 政策文件
  "interpretation", // 政策解读
  "guide", // 办事指南
  "profile", // 概况、领导、机构
  "list", // 名单、目录类
  "link", // 外部链接栏目
  "topic", // 专题专栏
  "data", // 统计数据
] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];
/** The kinds in Chinese: the national ColumnType meta values, and what a clerk reads in the guide. */
export const KIND_NAMES: Record<ColumnKind, string> = { news: "新闻动态", notice: "通知公告", policy: "政策文件", interpretation: "政策解读", guide: "办事指南", profile: "概况信息", list: "名单目录", link: "链接", topic: "专题专栏", data: "数据发布" };

/**
 * Update requirement (更新要求) in the seeds' own vocabulary:
 * 当日 same-day, 当日或次日 next-day, 次日上午9点前 next-day-9am,
 * 文件印发当日 on-issue (the day the office issues its own document),
 * 文件发布当日 on-release (the day a document is published by whoever issues
 * it: seed 000's 政协章程, which the national CPPCC adopts and publishes),
 * N个工作日内 {working-days: N}, N小时内 {hours: N},
 * 定期 periodic, 刊印后 after-print, 实时 realtime.
 */
export const timelinessSchema = z.union(
  [
    z.enum(["same-day", "next-day", "next-day-9am", "on-issue", "on-release", "periodic", "after-print", "realtime"]),
    z.strictObject({ "working-days": z.int().min(1).max(30) }),
    z.strictObject({ hours: z.int().min(1).max(72) }),
  ],
  {
    error:
      "更新要求只能是 same-day（当日）、next-day（当日或次日）、next-day-9am（次日上午9点前）、on-issue（文件印发当日）、on-release（文件发布当日）、periodic（定期）、after-print（刊印后）、realtime（实时），或 {working-days: N}、{hours: N}",
  },
);
export type Timeliness = z.infer<typeof timelinessSchema>;

/** `14d`, `6w` or a number of days. */
const staleAfterSchema = z.union([
  z.int().min(1),
  z.string().regex(/^\d+[dw]$/, "应写成天数，例如 14d，或周数，例如 2w"),
]);

const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "栏目 id 即目录名，只能用小写英文字母、数字和连字符，例如 news 或 county-cppcc");

export const CATEGORIES = ["reprint", "submitted", "produced"] as const; // 转载 报送 制发
export type Category = (typeof CATEGORIES)[number];
/** The information categories' Chinese names (seed 003), short and with 类: what clerks write, what the 审批单 shows. */
export const CATEGORY_NAMES: Record<Category, readonly [short: string, full: string]> = {
  reprint: ["转载", "转载类"],
  submitted: ["报送", "报送类"],
  produced: ["制发", "制发类"],
};

/** `feed`: an RSS or Atom feed; `list`: an HTML list page. Default: decided by what the address answers. */
const sourceTypeSchema = z.enum(["feed", "list"], { error: "type 应为 feed（RSS/Atom 订阅）或 list（列表页）" }).optional();

/** 网上抓取 (seed 001): a subordinate site's page or feed, imported into this column under a unit's name. */
export const crawlSourceSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: "抓取地址应为 http(s) 网址" }),
  unit: z.string().min(1),
  name: z.string().optional(),
  /** What `npm run crawl -- --source ID` calls it; default `<column path>#<n>` (its place in the column's list, from 1). */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "抓取来源的 id 只用小写字母、数字和连字符，例如 gonghe-news").optional(),
  type: sourceTypeSchema,
  /** CSS selectors for a list page and its article pages, when the defaults do not find them. */
  selectors: z
    .strictObject({
      /** Each entry of the list (default: every link under the list's own folder). */
      item: z.string().min(1).optional(),
      /** The link inside an entry (default: its first <a href>). */
      link: z.string().min(1).optional(),
      /** The title inside an entry (default: the link's text or title attribute). */
      title: z.string().min(1).optional(),
      /** The publish date inside an entry, or on the article page (default: a date in the entry's text, then the page's PubDate meta or 发布时间). */
      date: z.string().min(1).optional(),
      /** The article's body on its page (default: Readability, Firefox's reader view). */
      body: z.string().min(1).optional(),
    })
    .optional(),
});
export type CrawlSource = z.infer<typeof crawlSourceSchema>;
/** Where a site lists its latest items: a crawl source, or a link column's `feed`. */
export type ItemSource = Pick<CrawlSource, "url" | "type" | "selectors">;

const FEED_URL_ERROR = "链接栏目的 feed 应为 http(s) 网址：该网站的 RSS/Atom 订阅地址，或列出最新信息的列表页地址";
/**
 * A link column's latest items (seed 001 栏目链接 "重要栏目及其内容"): the
 * linked site's RSS or Atom feed, or a list page, read at build time and
 * shown under the link; `inspect --linked` reports the site down or silent.
 * An address, or the crawl's `{ url, type, selectors }` when the list page
 * needs telling where its entries are.
 */
export const linkedFeedSchema = z.union([
  z.url({ protocol: /^https?$/, error: FEED_URL_ERROR }),
  z.strictObject({ url: z.url({ protocol: /^https?$/, error: FEED_URL_ERROR }), type: sourceTypeSchema, selectors: crawlSourceSchema.shape.selectors }),
]);
export type LinkedFeed = z.infer<typeof linkedFeedSchema>;

/**
 * The 政务公开 entries the national guideline (《政府网站发展指引》) orders
 * a portal to carry, in its order: 信息公开指南, 信息公开制度, 法定主动公开内容,
 * 信息公开年报, 依申请公开. A column says which one it is with `open:`.
 */
export const OPEN_ENTRIES = ["guide", "rules", "statutory", "report", "application"] as const;
export type OpenEntry = (typeof OPEN_ENTRIES)[number];
export const OPEN_ENTRY_NAMES: Record<OpenEntry, string> = { guide: "信息公开指南", rules: "信息公开制度", statutory: "法定主动公开内容", report: "信息公开年报", application: "依申请公开" };

export interface ColumnInput {
  id: string;
  name: string;
  description?: string | undefined;
  keywords?: string[] | undefined;
  kind?: ColumnKind | undefined;
  units?: string[] | undefined;
  lead?: string | undefined;
  support?: string[] | undefined;
  timeliness?: Timeliness | undefined;
  support_timeliness?: Timeliness | undefined;
  quota?: { weekly: number } | undefined;
  stale_after?: number | string | undefined;
  url?: string | undefined;
  feed?: LinkedFeed | undefined;
  categories?: Category[] | undefined;
  chain?: string | undefined;
  crawl?: CrawlSource[] | undefined;
  open?: OpenEntry | undefined;
  children?: ColumnInput[] | undefined;
}

export const columnSchema: z.ZodType<ColumnInput> = z.lazy(() =>
  z.strictObject({
    id: idSchema,
    name: z.string().regex(/^[^\n\r#]+$/, "栏目名称写在一行内，不含 #").min(1),
    description: z.string().optional(), // ColumnDescription
    keywords: z.array(z.string()).optional(), // ColumnKeywords
    kind: z.enum(COLUMN_KINDS).optional(),
    /**
     * Who answers for the column (责任单位), one of two ways (see responsibility.ts):
     * `units`, units of equal standing, or `lead` (牵头) with `support` (配合).
     */
    units: z.array(z.string()).optional(),
    lead: z.string().min(1).optional(),
    support: z.array(z.string()).optional(),
    /** The update requirement; with a `lead`, the lead answers for it. */
    timeliness: timelinessSchema.optional(),
    /** A deadline of the supporters' own for what they provide (seed 004 三（二）1: leaders' photos within 6 hours). */
    support_timeliness: timelinessSchema.optional(),
    /** 每周至少N条 per responsible unit (seed 001). */
    quota: z.strictObject({ weekly: z.int().min(1) }).optional(),
    stale_after: staleAfterSchema.optional(),
    url: z.url({ protocol: /^https?$/, error: "链接栏目的 url 应为 http(s) 网址" }).optional(),
    feed: linkedFeedSchema.optional(),
    /** Categories this column accepts (inherited by sub-columns). */
    categories: z.array(z.enum(CATEGORIES)).min(1).optional(),
    /** A review chain for every item of this column, whatever its category (inherited; escalations still apply). */
    chain: z.string().optional(),
    crawl: z.array(crawlSourceSchema).optional(),
    /** Which 政务公开 entry of the national guideline this column is (OPEN_ENTRIES). */
    open: z.enum(OPEN_ENTRIES, { error: "open 应为 guide（信息公开指南）、rules（信息公开制度）、statutory（法定主动公开内容）、report（信息公开年报）或 application（依申请公开）" }).optional(),
    children: z.array(columnSchema).optional(),
  }),
);

export const columnsFileSchema = z.array(columnSchema).min(1, "栏目表不能为空");
