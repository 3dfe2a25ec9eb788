import { basename, join } from "node:path";
import { imageFileSize } from "./image-size.ts";
import type { Site } from "../workflows/site-schema.ts";

/**
 * The images the header and footer show: the office's own (site.yaml names
 * files under workflows/brand/, published at /brand/<name>), or a neutral one
 * drawn here. Each with its pixel size, so the page keeps its place for it.
 */
export interface BrandImage {
  src: string;
  width: number;
  height: number;
}

export interface Brand {
  /** The emblem or logo beside the site's name. */
  emblem: BrandImage;
  /** 党政机关网站标识: the issued image, or a neutral badge until the office supplies it. */
  partyMark: BrandImage;
  /** The 公安备案 icon before the record number. */
  police: BrandImage;
}

/**
 * Neutral images (no text, so no font is needed; 1 KB each), published at
 * /brand/<name> by `src/pages/brand/[name].ts`. The 党政机关 badge is a
 * placeholder the office replaces with the image the registration system
 * issues for its site; `check` says so (`SITE.PARTY_MARK_MISSING`).
 */
export const NEUTRAL_IMAGES = {
  "emblem.svg": { width: 64, height: 64, svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="10" fill="#b5121b"/><circle cx="32" cy="32" r="18" fill="none" stroke="#fff" stroke-width="6"/></svg>' },
  "party-mark.svg": { width: 110, height: 55, svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 110 55"><rect x="1.5" y="1.5" width="107" height="52" rx="4" fill="#fff" stroke="#b5121b" stroke-width="3"/><rect x="12" y="12" width="31" height="31" rx="4" fill="#b5121b"/><rect x="52" y="14" width="46" height="6" rx="2" fill="#b5121b"/><rect x="52" y="25" width="46" height="4" rx="2" fill="#b5121b"/><rect x="52" y="35" width="34" height="4" rx="2" fill="#b5121b"/></svg>' },
  "police.svg": { width: 20, height: 20, svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20"><path fill="#1e4f9c" d="M10 1l8 3v5.5c0 4.6-3.3 8.3-8 9.5-4.7-1.2-8-4.9-8-9.5V4z"/><path fill="#fff" d="M6 9.5l3 3 5-6" stroke="#fff" stroke-width="2" fill-opacity="0"/></svg>' },
} as const;

const neutral = (name: keyof typeof NEUTRAL_IMAGES): BrandImage => ({ src: `/brand/${name}`, width: NEUTRAL_IMAGES[name].width, height: NEUTRAL_IMAGES[name].height });

/** The office's image at `path` (workflows/brand/x.png) as the page shows it, or undefined when the file is missing or unreadable (check reports it). */
function officeImage(root: string, path: string | undefined): BrandImage | undefined {
  if (!path) return undefined;
  const size = imageFileSize(join(root, path));
  return size && { src: `/brand/${basename(path)}`, ...size };
}

export function brandOf(root: string, site: Site): Brand {
  return {
    emblem: officeImage(root, site.emblem) ?? neutral("emblem.svg"),
    partyMark: officeImage(root, site.party_government_mark?.image) ?? neutral("party-mark.svg"),
    police: officeImage(root, site.public_security.icon) ?? neutral("police.svg"),
  };
}

/** The office's image files site.yaml names, by the path they are published at (/brand/x.png → workflows/brand/x.png). */
export function brandFiles(site: Site): Map<string, string> {
  const paths = [site.emblem, site.party_government_mark?.image, site.public_security.icon].filter((p): p is string => !!p);
  return new Map(paths.map((p) => [`/brand/${basename(p)}`, p]));
}

/**
 * 我为政府网站找错: the address the office was issued for its site, or the
 * correction platform's page for the site by its 网站标识码, so a reader
 * lands on this portal there rather than on the platform's front page.
 */
export function correctionUrl(site: Site): string {
  const given = site.correction_url?.replace(/\/+$/, "");
  if (given && given !== "https://zfwzzc.www.gov.cn" && given !== "http://zfwzzc.www.gov.cn") return site.correction_url!;
  return `https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action?siteCode=${encodeURIComponent(site.site_code)}`;
}
