import { randomBytes } from "node:crypto";
import { closeSync, copyFileSync, fsyncSync, linkSync, mkdirSync, openSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** A file to create: its bytes, or a file to copy them from (a converted video). */
export type NewFile = { path: string; data: Uint8Array | string } | { path: string; from: string };

/** The file exists already: a new file never replaces one. */
export class FileExists extends Error {
  readonly path: string;
  constructor(path: string) {
    super(`${path} exists`);
    this.path = path;
  }
}

/**
 * Creates files all or none, never replacing one. Each is written in full to
 * a temporary name beside it and then linked to its name, which fails if the
 * name is taken (a rename would replace it); if any file fails, the ones
 * already created are removed, so an interrupted import leaves nothing half done.
 */
export function createFiles(files: readonly NewFile[]): void {
  const created: string[] = [];
  try {
    for (const file of files) {
      createFile(file);
      created.push(file.path);
    }
  } catch (error) {
    for (const path of created) rmSync(path, { force: true });
    throw error;
  }
}

function createFile(file: NewFile): void {
  mkdirSync(dirname(file.path), { recursive: true });
  const temporary = join(dirname(file.path), `.${basename(file.path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    if ("from" in file) copyFileSync(file.from, temporary);
    else {
      const fd = openSync(temporary, "wx", 0o666);
      try {
        const bytes = typeof file.data === "string" ? Buffer.from(file.data, "utf8") : file.data;
        for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    try {
      linkSync(temporary, file.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") throw new FileExists(file.path);
      throw error;
    }
  } finally {
    rmSync(temporary, { force: true });
  }
}
