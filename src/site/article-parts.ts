import { extensionOf } from "../articles/location.ts";

/**
 * Parts of an article page that its search record shows too, so both say
 * the same: the attachment list and the mark after a link to a document no
 * longer in force. Plain TypeScript (no astro: imports): the build's index
 * step runs outside Astro.
 */

/** An attachment as an article page lists it: title, link, type and size (the national rules ask for 附件格式、大小). */
export interface ShownAttachment {
  title: string;
  href: string;
  /** PDF, DOCX … */
  type: string;
  /** 12 KB, 1.4 MB */
  size: string;
}

/** An article's attachments as its page and its search record show them; `fileBytes` by path from the portal root. */
export function shownAttachments(articleId: string, attachments: readonly { title: string; path: string }[], fileBytes: ReadonlyMap<string, number>): ShownAttachment[] {
  const folder = articleId.slice(0, articleId.lastIndexOf("/"));
  return attachments.map((a) => {
    const file = a.path.replace(/^\.\//, "");
    const bytes = fileBytes.get(`content/${folder}/${file}`) ?? 0;
    const size = bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
    return { title: a.title, href: `/${folder}/${file}`, type: extensionOf(file).slice(1).toUpperCase(), size };
  });
}

/** What a link to a document no longer in force says after its title, so a reader is not sent to it unwarned (失效、废止). */
export function validityMark(entry: { data: object }): string {
  const validity = (entry.data as { validity?: string }).validity;
  return validity === "repealed" ? "（已废止）" : validity === "expired" ? "（已失效）" : "";
}
