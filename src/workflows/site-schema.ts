import { z } from "zod";
import { calendarDate } from "../calendar/dates.ts";
import "../findings/zod-locale.ts";

/** `workflows/site.yaml`: the portal's identity, as the national rules name it. */
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "时间格式应为 HH:MM，例如 09:00");

/**
 * 政务新媒体 and other channels the office runs besides the portal (seed 001:
 * the WeChat platform; seed 002 第八条: filing within 3 working days of opening,
 * change or closure).
 */
export const channelSchema = z.strictObject({
  name: z.string().min(1),
  platform: z.enum(["wechat", "weibo", "douyin", "app", "website", "other"]),
  account: z.string().optional(),
  unit: z.string().min(1), // 主办单位
  /** 开设 active, 变更 changed, 关停 closed, 注销 cancelled. */
  status: z.enum(["active", "changed", "closed", "cancelled"]).default("active"),
  /** When it was opened, changed, closed or cancelled (the operation completed, or planned). */
  date: calendarDate.optional(),
  /** When that was filed in the national register (全国政务新媒体信息报送系统). */
  filed: calendarDate.optional(),
  /** When the public notice of a change, closure or cancellation was published (seed 002 第八条: with the filing, standing at least 15 working days). */
  notice: calendarDate.optional(),
  /** When that notice was taken down (or is planned to be); absent while it stands. */
  notice_until: calendarDate.optional(),
  /** Why the unit keeps a second account on the same platform (seed 002 第七条). */
  reason: z.string().min(1).optional(),
  url: z.url().optional(),
});

/** An image the office supplies, as a path in the portal under workflows/brand/ (the build publishes it at /brand/…). */
export const siteImage = z
  .string()
  .regex(/^workflows\/brand\/[^/\\]+\.(png|jpe?g|gif|svg|webp)$/i, "图片放在 workflows/brand/ 目录下，写成 workflows/brand/文件名.png（png、jpg、gif、svg 或 webp）");

/** A 互动交流 or 办事服务 entry: a system of the office's or the province's, by address or by phone. */
export const serviceSchema = z
  .strictObject({
    name: z.string().min(1),
    group: z.enum(["互动交流", "办事服务"]),
    url: z.url({ protocol: /^https?$/, error: "服务入口的 url 应为 http(s) 网址" }).optional(),
    phone: z.string().regex(/^[0-9-]{3,20}$/, "电话只写数字和连字符，例如 12345 或 0914-2311111").optional(),
    description: z.string().optional(),
  })
  .refine((s) => s.url || s.phone, { message: "服务入口至少写 url（网址）或 phone（电话）之一" });

/**
 * The web editor's repository and sign-in (Decap CMS, GitHub backend). Its
 * editorial workflow opens one pull request per article, so the review gate
 * still decides; `base_url` is the office's OAuth service for GitHub sign-in.
 */
export const webEditorSchema = z.strictObject({
  backend: z.literal("github", { error: "web_editor.backend 目前只能是 github" }),
  repo: z.string().regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, "repo 写成 GitHub 上的「组织/仓库名」，例如 example-zx/portal"),
  branch: z.string().regex(/^[A-Za-z0-9._/-]+$/).default("main"),
  base_url: z.url({ protocol: /^https$/, error: "base_url 是 GitHub 登录授权服务（OAuth）的 https 地址" }).optional(),
  auth_endpoint: z.string().regex(/^[A-Za-z0-9._/-]+$/, "auth_endpoint 是授权服务上的路径，例如 auth").optional(),
  /** Correspondents without write access submit from their own fork (Decap's open authoring), as setup-github advises. */
  open_authoring: z.boolean().default(false),
});
export type WebEditorSettings = z.infer<typeof webEditorSchema>;
/** Where the web editor is served (/admin/): no first-level column may take that folder while it is on. */
export const WEB_EDITOR_FOLDER = "admin";

export const siteSchema = z.strictObject({
  name: z.string().min(1), // 网站名称
  domain: z
    .string()
    .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, "域名只写主机名，例如 www.example.gov.cn，不带 http:// 和路径"),
  host_unit: z.string().min(1), // 主办单位
  organizer: z.string().min(1), // 承办单位
  site_code: z.string().regex(/^[0-9A-Za-z]{10}$/, "网站标识码为 10 位数字或字母，见全国政府网站信息报送系统"), // 网站标识码
  icp: z.string().regex(/ICP备/, "ICP 备案号应形如「陕ICP备12345678号-1」"), // ICP备案号
  public_security: z.strictObject({
    number: z.string().regex(/公网安备/, "公安机关备案号应形如「陕公网安备 61100202000001号」"),
    url: z.url().optional(),
    /** The 公安备案 icon the record system issues, a file in the portal (workflows/brand/…); a neutral one otherwise. */
    icon: siteImage.optional(),
  }),
  /**
   * 党政机关网站标识: the image the registration system (bszs.conac.cn)
   * issues for this site, and the address where a reader verifies it.
   */
  party_government_mark: z
    .strictObject({
      url: z.url({ protocol: /^https?$/, error: "党政机关网站标识的核验地址应为 http(s) 网址，见开办单位的标识管理页面" }),
      image: siteImage.optional(),
    })
    .optional(),
  contact: z.strictObject({
    phone: z.string().min(1),
    email: z.email().optional(),
    address: z.string().optional(),
    postcode: z.string().regex(/^\d{6}$/).optional(),
  }),
  timezone: z.literal("Asia/Shanghai").default("Asia/Shanghai"),
  /** The office's review rounds (seed 000: 09:00 and 16:00). */
  review_hours: z.array(time).default(["09:00", "16:00"]),
  /** Office-owned folders (relative to the root) where `.mdx` may be used. */
  mdx_folders: z.array(z.string().regex(/^content\//, "应为 content/ 下的目录")).default([]),
  /** 我为政府网站找错: the address the correction platform issued for this site; without it, the platform's page for the site by its 网站标识码. */
  correction_url: z.url().optional(),
  /** The office's emblem or logo for the header (a file in the portal, e.g. workflows/brand/emblem.png); a neutral mark otherwise. */
  emblem: siteImage.optional(),
  /**
   * The systems that hold 互动交流 and 办事服务 (the mayor's mailbox, the
   * 12345 hotline, the provincial service platform): the portal links them
   * from its home page and never copies their content.
   */
  services: z.array(serviceSchema).default([]),
  /** GitHub organisation, for team owners in CODEOWNERS. */
  github: z.strictObject({ org: z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, "GitHub 组织名只含字母、数字和连字符，不带 @") }).optional(),
  /** What a withdrawn article leaves behind on the portal. */
  withdrawn: z.enum(["notice", "remove"]).default("notice"),
  description: z.string().optional(),
  keywords: z.array(z.string()).default([]),
  channels: z.array(channelSchema).default([]),
  /** 网页编辑器 at /admin/ for correspondents who never use Git (docs/WEB-EDITOR.md): built only when the office opts in here. */
  web_editor: webEditorSchema.optional(),
});

export type Site = z.infer<typeof siteSchema>;
