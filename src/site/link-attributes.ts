/**
 * Where a page links a file: the attributes browsers fetch or follow. Text
 * that merely looks like a link (a code span showing `src="…"`, a path in the
 * keywords) does not publish anything.
 */
export const LINK_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ["href"],
  area: ["href"],
  link: ["href"],
  img: ["src", "srcset"],
  source: ["src", "srcset"],
  video: ["src", "poster"],
  audio: ["src"],
  track: ["src"],
  iframe: ["src"],
  embed: ["src"],
  object: ["data"],
};

/** The URLs of one link attribute's value: a srcset holds several, each before its width or density. */
export function attributeUrls(attribute: string, value: string): string[] {
  if (attribute === "srcset") return value.split(",").map((c) => c.trim().split(/\s+/)[0] ?? "").filter(Boolean);
  return value.trim() ? [value.trim()] : [];
}
