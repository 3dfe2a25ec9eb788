import type { Article } from "../articles/article.ts";
import type { Portal } from "../workflows/portal.ts";

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
 * Where the build leaves the model for Astro. Astro loads its config, the
 * content loader and the pages as separate module graphs in the same process
 * (each with its own copy of this file), so a module-level variable would be
 * three variables; a registered symbol on globalThis is one.
 */
const HANDOFF = Symbol.for("sanshen.siteModel");
type WithHandoff = typeof globalThis & { [HANDOFF]?: SiteModel };

/** Called once per build, by whoever computed the model (the build job, or the Astro config started alone), before Astro renders anything. */
export function handOver(model: SiteModel): void {
  (globalThis as WithHandoff)[HANDOFF] = model;
}

/** The model handed over in this process, if any. */
export function handedOver(): SiteModel | undefined {
  return (globalThis as WithHandoff)[HANDOFF];
}

/** The site's model, for the content loader and every page: computed once per build, never re-read here. */
export function siteModel(): SiteModel {
  const model = handedOver();
  // Only reachable if Astro ran without astro.config.ts, which hands the model over first.
  if (!model) throw new Error("网站数据尚未准备好：请用 npm run build 或 npm start 生成网站。");
  return model;
}

const BODIES = Symbol.for("sanshen.renderedBodies");
type WithBodies = typeof globalThis & { [BODIES]?: (bodies: Map<string, string> | undefined) => void };

/**
 * For the build job, before Astro starts: the article bodies as the content
 * loader renders them (HTML by article id), as soon as it has rendered the
 * last one, so the search index is made while Astro writes the pages.
 * `cancel` (Astro failed before loading) resolves it with undefined.
 */
export function renderedBodies(): { bodies: Promise<Map<string, string> | undefined>; cancel(): void } {
  let settle!: (b: Map<string, string> | undefined) => void;
  const bodies = new Promise<Map<string, string> | undefined>((resolve) => (settle = resolve));
  (globalThis as WithBodies)[BODIES] = (b) => {
    delete (globalThis as WithBodies)[BODIES];
    settle(b);
  };
  return { bodies, cancel: () => (globalThis as WithBodies)[BODIES]?.(undefined) };
}

/** The content loader, having rendered every body; nothing waits when Astro runs without the build job. */
export function bodiesRendered(bodies: Map<string, string>): void {
  (globalThis as WithBodies)[BODIES]?.(bodies);
}
