import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { STACK_TRACE } from "./helpers/cli.ts";
import { portalCopy, REPO, writeIn } from "./helpers/portal.ts";

const realGit = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();

/** The mini portal committed on main, as a deploy checks it out. */
function committedPortal(): string {
  const root = portalCopy();
  const git = (...args: string[]) => execFileSync(realGit, ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...args], { cwd: root, stdio: "pipe" });
  git("init", "-q", "-b", "main");
  git("add", ".");
  git("commit", "-qm", "base");
  return root;
}

/**
 * A `git` first on PATH that records each command (its subcommand, after any
 * `-c name=value`) and runs the real one: what the build asked git, counted
 * from outside, whichever module asked.
 */
function recordingGit(): { bin: string; log: string } {
  const bin = mkdtempSync(join(tmpdir(), "sanshen-git-"));
  const log = join(bin, "calls.txt");
  writeFileSync(join(bin, "git"), `#!/bin/sh\nfor a in "$@"; do case "$prev" in -c) prev=;; *) case "$a" in -c) prev=-c;; *) echo "$a" >> "${log}"; break;; esac;; esac; done\nexec "${realGit}" "$@"\n`);
  chmodSync(join(bin, "git"), 0o755);
  return { bin, log };
}

/** Builds a portal in one process (tests/helpers/count-build.ts) and reads how often it was checked and what git ran. */
function countedBuild(mode: "job" | "astro", root: string): { built: boolean; checks: number; git: string[]; stderr: string } {
  const id = basename(mkdtempSync(join(tmpdir(), "sanshen-count-")));
  // Astro alone writes where its config says; inside the app folder, as Astro needs for its chunks.
  const out = mode === "job" ? join(tmpdir(), `${id}-dist`) : join(REPO, "node_modules", ".astro-tests", id, "dist");
  const { bin, log } = recordingGit();
  const r = spawnSync(process.execPath, [...(process.features.typescript ? [] : ["--import", "tsx"]), join(REPO, "tests", "helpers", "count-build.ts"), mode, root, out], {
    cwd: REPO,
    encoding: "utf8",
    // Astro's telemetry runs its own `git rev-list` (a project hash): not the build's reading of the history.
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, SANSHEN_CACHE: join(REPO, "node_modules", ".astro-tests", `${id}-cache`), CI: "1", ASTRO_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  expect(existsSync(join(out, "index.html")), r.stderr).toBe(true);
  const counted = JSON.parse(r.stdout.trim().split("\n").at(-1)!) as { built: boolean; checks: number };
  return { ...counted, git: existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : [], stderr: r.stderr };
}

describe("a build reads the portal once", () => {
  it("npm run build checks the portal exactly once and reads its history with one git log", () => {
    const r = countedBuild("job", committedPortal());
    expect(r.built).toBe(true);
    expect(r.checks).toBe(1);
    // Whether the clone is complete, the history, the texts at arrival: one of each.
    expect(r.git).toEqual(["rev-parse", "log", "cat-file"]);
  });

  it("Astro started alone (astro build) checks the portal once too, in its config", () => {
    const r = countedBuild("astro", committedPortal());
    expect(r.checks).toBe(1);
    expect(r.git.filter((c) => c === "log")).toHaveLength(1);
  });

  it("Astro started alone refuses a portal check refuses, with check's Chinese findings and no stack trace", () => {
    const root = portalCopy();
    const file = "content/news/updates/2026/county-meeting.md";
    writeIn(root, file, readFileSync(join(root, file), "utf8").replace(/^title:.*$/m, "title: "));
    const cache = join(REPO, "node_modules", ".astro-tests", basename(root));
    const r = spawnSync(process.execPath, [join(REPO, "node_modules", "astro", "bin", "astro.mjs"), "build"], {
      cwd: REPO,
      encoding: "utf8",
      env: { ...process.env, SANSHEN_ROOT: root, SANSHEN_OUT: join(cache, "dist"), SANSHEN_CACHE: cache, ASTRO_TELEMETRY_DISABLED: "1", FORCE_COLOR: "0" },
    });
    expect(r.status).toBe(1);
    const said = r.stdout + r.stderr;
    expect(said).toContain(`${file}\n  错误  第 2 行`);
    expect(said).toMatch(/\[SCHEMA\.TYPE\][\s\S]*门户内容未通过检查，网站不予构建。/);
    expect(said).not.toMatch(STACK_TRACE);
    expect(existsSync(join(cache, "dist", "index.html"))).toBe(false);
  });
});
