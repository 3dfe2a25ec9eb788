import { pinyin } from "pinyin-pro";
import { SLUG } from "./location.ts";

/**
 * File names a clerk would not think of: an article's and an asset's name
 * must be lowercase ASCII (PATH.SLUG, PATH.ASSET_NAME), while titles are
 * Chinese and camera files are `IMG_2034.JPG`. Chinese becomes toneless
 * pinyin (pinyin-pro: a maintained dictionary with polyphone rules), so the
 * name still says what the file is.
 */

/** At most this many syllables or words: a readable name, not the whole title. */
const MAX_PARTS = 8;

/** Lowercase ASCII words of a text: Chinese as pinyin syllables, Latin words and digits as they are. */
export function asciiWords(text: string): string[] {
  const parts = pinyin(text.normalize("NFKC"), { toneType: "none", type: "array", nonZh: "consecutive", v: true });
  return parts.flatMap((part) => part.toLowerCase().split(/[^a-z0-9]+/)).filter(Boolean);
}

/** A new name not in `taken`: the base, else base-2, base-3 … */
function unused(base: string, taken: ReadonlySet<string>, ext = ""): string {
  if (!taken.has(base + ext)) return base + ext;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}${ext}`)) return `${base}-${n}${ext}`;
}

/**
 * An article's slug from its title: `市政协召开五届十次常委会会议` →
 * `shi-zheng-xie-zhao-kai-wu-jie-shi`; `fallback` when the title has no
 * letters or Chinese at all. Unique among `taken` (slugs of the same column).
 */
export function articleSlug(title: string, taken: ReadonlySet<string> = new Set(), fallback = "article"): string {
  const base = asciiWords(title).slice(0, MAX_PARTS).join("-") || fallback;
  return unused(SLUG.test(base) ? base : fallback, taken);
}

/**
 * A valid asset name for a file a clerk has: `IMG_2034.JPG` → `img_2034.jpg`,
 * `会议照片 1.jpg` → `hui-yi-zhao-pian-1.jpg`. Unique among `taken` (names in the same folder).
 */
export function assetName(original: string, taken: ReadonlySet<string> = new Set(), fallback = "file"): string {
  const name = original.normalize("NFKC").replace(/^.*[\\/]/, "");
  const dot = name.lastIndexOf(".");
  const ext = dot > 0 ? name.slice(dot).toLowerCase().replace(/[^.a-z0-9]/g, "") : "";
  const stem = dot > 0 ? name.slice(0, dot) : name;
  // Keep underscores and hyphens the camera or the clerk wrote; everything else becomes a word break.
  const words = stem.split(/([_-])/).flatMap((piece) => (piece === "_" || piece === "-" ? [piece] : asciiWords(piece).join("-")));
  const base = words.join("").replace(/[-_]{2,}/g, (run) => run[0]!).replace(/^[-_]+|[-_]+$/g, "").slice(0, 60).replace(/[-_]+$/, "") || fallback;
  return unused(base, taken, ext === "." ? "" : ext);
}
