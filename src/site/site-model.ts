import type { Article } from "../articles/article.ts";
import type { Portal } from "../workflows/portal.ts";
import type { PageRoute } from "./page-plan.ts";
import type { Brand } from "./brand.ts";

/** What every page of a build is made from: the portal `check` accepted, with each article's publish time. */
export interface SiteModel {
  /** The portal folder (absolute). */
  root: string;
  portal: Portal;
  articles: Article[];
  /** Publish time (发布时间) of each article id. */
  published: Map<string, Date>;
  /** "none" outside git: undated articles then show the build time (a local preview only). */
  history: "git" | "none";
  /** The size of each article's attachment, by path from the portal root (附件大小 on the page). */
  fileBytes: Map<string, number>;
  /** The last main-line commit that touched each file under content/ (profile and list columns are kept up to date by edits). */
  lastChanged: Map<string, Date>;
}

/**
 * What Astro's pages are made from: the model, each shown article's body as
 * HTML (`article-bodies.ts`, by id), and the one moment the build is made
 * for (what is published, listed or expired is decided once, for every page).
 */
export interface SiteBuild {
  model: SiteModel;
  bodies: ReadonlyMap<string, string>;
  now: Date;
  /** Every column and article page, with its props and key (`page-plan.ts`). */
  routes: readonly PageRoute[];
  /** The paths of the routes Astro renders; the others an earlier build wrote and the build keeps. Undefined: all. */
  rendering?: ReadonlySet<string> | undefined;
  /** The header's and footer's images (`brand.ts`). */
  brand: Brand;
  /** The pixel size of a content image by the URL it is served at (/news/x/2026/photo.jpg), for the pages that show one. */
  imageSizes: { get(src: string): { width: number; height: number } | undefined };
}

/**
 * Where the build leaves what it made for Astro. Astro loads its config and
 * the pages as separate module graphs in the same process (each with its own
 * copy of this file), so a module-level variable would be two variables; a
 * registered symbol on globalThis is one.
 */
const HANDOFF = Symbol.for("sanshen.siteBuild");
type WithHandoff = typeof globalThis & { [HANDOFF]?: SiteBuild };

/** Called once per build, by whoever made it (the build job, or the Astro config started alone), before Astro renders anything. */
export function handOver(build: SiteBuild): void {
  (globalThis as WithHandoff)[HANDOFF] = build;
}

/** What was handed over in this process, if anything. */
export function handedOver(): SiteBuild | undefined {
  return (globalThis as WithHandoff)[HANDOFF];
}

/** The build every page is made from: computed once per build, never re-read here. */
export function siteBuild(): SiteBuild {
  const build = handedOver();
  // Only reachable if Astro ran without astro.config.ts, which hands the build over first.
  if (!build) throw new Error("网站数据尚未准备好：请用 npm run build 或 npm start 生成网站。");
  return build;
}

/** The site's model, for every page. */
export function siteModel(): SiteModel {
  return siteBuild().model;
}
