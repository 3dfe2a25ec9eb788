import { execFile } from "node:child_process";
import { accessSync, constants, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, delimiter, extname, join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * The desktop programs an import may borrow: LibreOffice to open a legacy
 * Word (.doc) or WPS file, ffmpeg to turn a WMV video into MP4. Neither is
 * required; when one is missing the job says what the clerk can do instead.
 */

/** The first of `names` on PATH, as a full path; undefined when none is installed. */
export function findProgram(names: readonly string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = (env.PATH ?? "").split(delimiter).filter(Boolean);
  const exts = process.platform === "win32" ? (env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";") : [""];
  for (const name of names) {
    for (const dir of dirs) {
      for (const ext of exts) {
        const path = join(dir, name + ext);
        try {
          accessSync(path, constants.X_OK);
          if (statSync(path).isFile()) return path;
        } catch {
          // not here
        }
      }
    }
  }
  return undefined;
}

export const LIBREOFFICE = ["soffice", "libreoffice"] as const;
export const FFMPEG = ["ffmpeg"] as const;

/** Runs a program, resolving with its exit and its last lines of output; never throws for a failing program. */
function run(program: string, args: string[], timeoutMs: number): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    execFile(program, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      resolve({ ok: !error, output: `${stdout}\n${stderr}`.trim().split("\n").slice(-5).join("\n") });
    });
  });
}

/**
 * A .doc or .wps file → .docx bytes, by LibreOffice without a window
 * (`--headless --convert-to docx`), in a temporary folder with its own
 * profile, so an open LibreOffice on the same desk neither blocks nor is disturbed.
 */
export async function convertToDocx(program: string, input: string): Promise<{ bytes: Uint8Array } | { failure: string }> {
  const work = mkdtempSync(join(tmpdir(), "sanshen-office-"));
  try {
    const profile = pathToFileURL(join(work, "profile")).href;
    const outDir = join(work, "out");
    const result = await run(program, [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "docx", "--outdir", outDir, input], 180_000);
    const made = readdirSafe(outDir).find((f) => f.toLowerCase().endsWith(".docx"));
    if (!made) return { failure: result.output || "没有生成 .docx 文件" };
    return { bytes: new Uint8Array(readFileSync(join(outDir, made))) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * A video → MP4 (H.264 and AAC, which every browser plays), by ffmpeg, into
 * a temporary folder; `remove` deletes it once the job has copied it.
 */
export async function convertToMp4(program: string, input: string): Promise<{ path: string; remove: () => void } | { failure: string }> {
  const work = mkdtempSync(join(tmpdir(), "sanshen-video-"));
  const remove = () => rmSync(work, { recursive: true, force: true });
  const output = join(work, `${basename(input, extname(input))}.mp4`);
  const result = await run(program, ["-nostdin", "-loglevel", "error", "-y", "-i", input, "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart", output], 30 * 60_000);
  try {
    if (result.ok && statSync(output).size > 0) return { path: output, remove };
  } catch {
    // no output: reported below
  }
  remove();
  return { failure: result.output || "没有生成 .mp4 文件" };
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
