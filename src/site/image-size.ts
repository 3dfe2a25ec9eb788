import { closeSync, openSync, readSync } from "node:fs";
import { join, posix } from "node:path";
import { imageSize } from "image-size";

/** Bytes read from the start of an image: its size is in the header (a JPEG's after its metadata, well within this). */
const HEAD = 256 * 1024;

/**
 * An image file's width and height in pixels, from its first bytes
 * (`image-size`), or undefined when the file is missing or not an image
 * it knows. Pages give every image its size, so nothing moves as it loads.
 */
export function imageFileSize(file: string): { width: number; height: number } | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const buffer = Buffer.alloc(HEAD);
    const read = readSync(fd, buffer, 0, HEAD, 0);
    const { width, height } = imageSize(buffer.subarray(0, read));
    return width && height ? { width, height } : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The pixel size of a content image by the URL the portal serves it at
 * (/news/x/2026/photo.jpg → <content>/news/x/2026/photo.jpg), or undefined:
 * not a path of this site, outside content/, missing or not an image.
 */
export function contentImageSize(contentRoot: string, src: string): { width: number; height: number } | undefined {
  if (!src.startsWith("/") || src.startsWith("//")) return undefined;
  let path: string;
  try {
    path = posix.normalize(decodeURIComponent(src.split(/[?#]/)[0]!));
  } catch {
    return undefined;
  }
  const file = join(contentRoot, ...path.split("/").filter(Boolean));
  return file.startsWith(contentRoot) ? imageFileSize(file) : undefined;
}

/** `contentImageSize` for a portal's pages, each image read once. */
export function contentImageSizes(root: string): { get(src: string): { width: number; height: number } | undefined } {
  const known = new Map<string, { width: number; height: number } | undefined>();
  const content = join(root, "content");
  return {
    get(src) {
      if (!known.has(src)) known.set(src, contentImageSize(content, src));
      return known.get(src);
    },
  };
}
