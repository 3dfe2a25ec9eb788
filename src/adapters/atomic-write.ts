import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Replaces a file's content all at once: the bytes go to a temporary file in
 * the same folder (same file system, so the rename is atomic), are flushed to
 * disk, and the temporary file is renamed over the target. Interrupted at any
 * moment, the target holds either its old content or its new content, never
 * a truncated file (a bare writeFileSync truncates first: `check --fix`
 * interrupted left articles at 0 bytes). The file's permissions are kept.
 * `data` may come in pieces (a cache too large for one string).
 */
export function writeFileAtomic(path: string, data: string | Uint8Array | Iterable<string>): void {
  const dir = dirname(path);
  const temporary = join(dir, `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  let mode: number | undefined;
  try {
    mode = statSync(path).mode & 0o7777;
  } catch {
    mode = undefined; // a new file: the default permissions
  }
  const fd = openSync(temporary, "wx", mode ?? 0o666);
  try {
    try {
      const pieces = typeof data === "string" || data instanceof Uint8Array ? [data] : data;
      for (const piece of pieces) {
        const bytes = typeof piece === "string" ? Buffer.from(piece, "utf8") : piece;
        for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  syncFolder(dir);
}

/** Makes the rename itself durable; not every platform can open a folder (Windows cannot), and then the rename stands unsynced. */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
