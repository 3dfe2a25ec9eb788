import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";

/** Something the tests need from the operating system, and the Debian package that brings it. */
export interface Prerequisite {
  /** What a person calls it, in Chinese. */
  name: string;
  debianPackage: string;
  present: () => boolean;
}

const onPath = (command: string) => spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;

/** Chinese fonts as fontconfig sees them (what Chromium draws with); the Noto CJK folder when fontconfig is absent. */
function cjkFontInstalled(): boolean {
  const listed = spawnSync("fc-list", [":lang=zh", "family"], { encoding: "utf8" });
  if (listed.status === 0) return listed.stdout.trim() !== "";
  const dir = "/usr/share/fonts/opentype/noto";
  return existsSync(dir) && readdirSync(dir).some((f) => f.includes("CJK"));
}

/** git for the history-based tests; Debian's Chromium (never a browser download) and CJK fonts for the browser tests. */
export function testPrerequisites(chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"): Prerequisite[] {
  return [
    { name: "git", debianPackage: "git", present: () => onPath("git") },
    { name: `Chromium 浏览器（${chromiumPath}）`, debianPackage: "chromium", present: () => existsSync(chromiumPath) },
    { name: "中文字体", debianPackage: "fonts-noto-cjk", present: cjkFontInstalled },
  ];
}

/** Whether this machine can install Debian packages by itself: root with apt-get. */
export const canInstallDebianPackages = (): boolean => process.getuid?.() === 0 && onPath("apt-get");

/**
 * `apt-get update` and `apt-get install` of the given packages. Their long
 * output is kept back and shown only when they fail.
 */
export function installDebianPackages(packages: string[]): { ok: boolean; output: string } {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  let output = "";
  for (const args of [["update", "-qq"], ["install", "-y", "-qq", ...packages]]) {
    const r = spawnSync("apt-get", args, { encoding: "utf8", env, maxBuffer: 1 << 26 });
    output += `${r.stdout ?? ""}${r.stderr ?? ""}`;
    if (r.status !== 0) return { ok: false, output };
  }
  return { ok: true, output };
}
