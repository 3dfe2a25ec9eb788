import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { arrivalsFromLog, arrivalTimes, changedFiles } from "../src/adapters/git.ts";
import { runScript } from "./helpers/cli.ts";
import { portalCopy, writeIn } from "./helpers/portal.ts";

/** A mini portal committed on main, then a branch `pr` checked out. */
function repo(): { root: string; git: (...a: string[]) => string } {
  const root = portalCopy();
  let dates = { GIT_COMMITTER_DATE: "2026-11-01T02:00:00Z", GIT_AUTHOR_DATE: "2026-11-01T02:00:00Z" };
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...args], { cwd: root, encoding: "utf8", env: { ...process.env, ...dates } });
  git("init", "-q", "-b", "main");
  git("add", ".");
  git("commit", "-qm", "base");
  dates = { GIT_COMMITTER_DATE: "2026-11-10T02:00:00Z", GIT_AUTHOR_DATE: "2026-11-10T02:00:00Z" };
  git("checkout", "-qb", "pr");
  return { root, git };
}
const json = (s: string) => JSON.parse(s) as { ok: boolean; checked: number; errors: { file: string; rule: string }[] };

describe("check --changed on a pull request branch", () => {
  it("finds a file whose name is Chinese (git would quote it)", async () => {
    const { root, git } = repo();
    writeIn(root, "content/news/updates/2026/会议.md", "---\ntitle: 会议\ncategory: submitted\nsource: 县政府办公室\nunit: nobody\n---\n正文\n");
    git("add", ".");
    git("commit", "-qm", "pr");
    expect((await changedFiles(root, "main")).present).toEqual(["content/news/updates/2026/会议.md"]);
    const r = json(runScript("check", ["--root", root, "--changed", "main", "--json"]).stdout);
    expect(r.errors.map((f) => f.rule).sort()).toEqual(["ARTICLE.UNKNOWN_UNIT", "PATH.SLUG"]);
  });

  it("checks everything when an article others refer to is deleted", async () => {
    const { root, git } = repo();
    git("rm", "-q", "content/open/policy/2026/enterprise-support.md", "content/open/policy/2026/enterprise-support-table.pdf");
    git("commit", "-qm", "delete");
    expect((await changedFiles(root, "main")).gone).toEqual(["content/open/policy/2026/enterprise-support-table.pdf", "content/open/policy/2026/enterprise-support.md"]);
    const r = json(runScript("check", ["--root", root, "--changed", "main", "--json"]).stdout);
    expect(r.errors.map((f) => `${f.file} ${f.rule}`)).toEqual([
      "content/open/interpretation/2026/enterprise-support-explained.md ARTICLE.INTERPRETS",
      "content/open/policy/2026/enterprise-support.md PUBLISH.DELETED", // a published article is withdrawn, not deleted
    ]);
  });

  it("checks everything when the checker itself changes", () => {
    const { root } = repo();
    writeIn(root, "src/new-rule.ts", "export {};\n");
    expect(json(runScript("check", ["--root", root, "--changed", "main", "--json"]).stdout).checked).toBe(9);
  });
});

describe("publish time from git history", () => {
  it("a moved article keeps the time it was first published", async () => {
    const { root, git } = repo();
    git("mv", "content/news/updates/2026/county-meeting.md", "content/news/updates/2026/county-standing-meeting.md");
    git("commit", "-qm", "rename");
    const times = await arrivalTimes(root);
    expect(times.get("content/news/updates/2026/county-standing-meeting.md")?.toISOString()).toBe("2026-11-01T02:00:00.000Z");
    expect(times.has("content/news/updates/2026/county-meeting.md")).toBe(false);
  });

  it("reads additions, renames and deletions oldest first", () => {
    const log = ["@2026-01-01T00:00:00Z", "A\tcontent/a.md", "A\tcontent/b.md", "@2026-02-01T00:00:00Z", "R100\tcontent/a.md\tcontent/c.md", "D\tcontent/b.md", "@2026-03-01T00:00:00Z", "A\tcontent/b.md"].join("\n");
    const times = arrivalsFromLog(log);
    expect([...times].map(([p, d]) => `${p} ${d.toISOString().slice(0, 7)}`).sort()).toEqual(["content/b.md 2026-03", "content/c.md 2026-01"]);
  });
});

describe("rule files", () => {
  it("a BOM, as old Windows Notepad saves it, is tolerated", () => {
    const root = portalCopy();
    writeIn(root, "workflows/columns.yaml", "\ufeff" + readFileSync(join(root, "workflows/columns.yaml"), "utf8"));
    expect(json(runScript("check", ["--root", root, "--json"]).stdout).ok).toBe(true);
    rmSync(root, { recursive: true });
  });
});
