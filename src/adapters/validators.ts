import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The outside validators an inspector or an office runs on a portal, each
 * fetched from the npm registry at a pinned version the first time
 * (`npm exec`), so nobody's `npm ci` carries them: the W3C Nu HTML Checker
 * (vnu-jar, on the machine's Java), Lighthouse (on Debian's Chromium) and
 * linkinator. Each returns its findings as data.
 */
export const VALIDATOR_VERSIONS = { vnu: "vnu-jar@26.9.27", lighthouse: "lighthouse@13.5.0", linkinator: "linkinator@8.1.0" } as const;

/** Runs a tool from the registry without blocking this process (the site it checks is served from here). */
function npmExec(pkg: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["exec", "--yes", `--package=${pkg}`, "--", ...args], { env: { ...process.env, ...env } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }));
  });
}

/** The Nu checker's errors on HTML files: message, file, line. Needs Java (17 or later). */
export async function nuErrors(files: readonly string[]): Promise<{ file: string; line: number | undefined; message: string }[]> {
  if (!files.length) return [];
  const r = await npmExec(VALIDATOR_VERSIONS.vnu, ["vnu", "--errors-only", "--format", "json", ...files]);
  if (!r.stderr.includes("{")) throw new Error(`W3C Nu HTML Checker 没有运行：它需要 Java 17 或以上（Debian：apt-get install -y openjdk-17-jre-headless）。${r.stderr.trim().slice(-300)}`);
  const report = JSON.parse(r.stderr.slice(r.stderr.indexOf("{"))) as { messages: { url?: string; lastLine?: number; message: string; type: string }[] };
  return report.messages.filter((m) => m.type === "error").map((m) => ({ file: (m.url ?? "").replace(/^file:/, ""), line: m.lastLine, message: m.message }));
}

/** Lighthouse's four category scores (0–100) for one page, as a phone (its default mobile emulation). */
export async function lighthouseScores(url: string, chromium: string): Promise<Record<"performance" | "accessibility" | "best-practices" | "seo", number>> {
  const out = join(mkdtempSync(join(tmpdir(), "sanshen-lh-")), "report.json");
  const r = await npmExec(
    VALIDATOR_VERSIONS.lighthouse,
    ["lighthouse", url, "--quiet", "--output=json", `--output-path=${out}`, "--only-categories=performance,accessibility,best-practices,seo", "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking"],
    { CHROME_PATH: chromium },
  );
  if (r.code !== 0) throw new Error(`lighthouse ${url}: ${r.stderr.slice(-500)}`);
  const report = JSON.parse(readFileSync(out, "utf8")) as { categories: Record<string, { score: number }> };
  return Object.fromEntries(Object.entries(report.categories).map(([k, v]) => [k, Math.round(v.score * 100)])) as Record<"performance" | "accessibility" | "best-practices" | "seo", number>;
}

/** Broken links found by crawling a served site from its home page, its own pages only (other hosts are not fetched). */
export async function brokenLinks(base: string): Promise<{ checked: number; broken: { url: string; status: number; parent: string | undefined }[] }> {
  const r = await npmExec(VALIDATOR_VERSIONS.linkinator, ["linkinator", base, "--recurse", "--format", "json", "--skip", `^(?!${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")})`]);
  const report = JSON.parse(r.stdout) as { links: { url: string; status: number; state: string; parent?: string }[] };
  return { checked: report.links.filter((l) => l.state !== "SKIPPED").length, broken: report.links.filter((l) => l.state === "BROKEN").map((l) => ({ url: l.url, status: l.status, parent: l.parent })) };
}
