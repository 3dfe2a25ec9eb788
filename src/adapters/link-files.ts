import { copyFileSync, linkSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Puts an earlier build's file into the new build: a hard link, so 11,000
 * kept pages cost no copying, else (another file system, a system without
 * hard links) a copy. Safe because no build writes into a file it did not
 * create: each build writes a new folder and swaps it in whole.
 */
export function linkFile(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  try {
    linkSync(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EXDEV" && code !== "EPERM" && code !== "ENOTSUP") throw error;
    copyFileSync(from, to);
  }
}

/** Every file of a folder, linked (`linkFile`) under another; `skip` leaves out entries of the top folder by name. */
export function linkTree(from: string, to: string, skip: (name: string) => boolean = () => false): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (skip(entry.name)) continue;
    if (entry.isDirectory()) linkTree(join(from, entry.name), join(to, entry.name));
    else if (entry.isFile()) linkFile(join(from, entry.name), join(to, entry.name));
  }
}
