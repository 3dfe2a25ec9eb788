import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { changedFiles, mainLineFromLog, mainLineOf } from "../src/adapters/git.ts";
import { siteFrom, type SiteReading } from "../src/jobs/build.ts";
import { checkPortalFiles } from "../src/jobs/check.ts";
import { runScript, STACK_TRACE } from "./helpers/cli.ts";
import { portalCopy, REPO, writeIn } from "./helpers/portal.ts";

/** A mini portal committed on main, then a branch `pr` checked out. */
function repo(prepare: (root: string) => void = () => {}): { root: string; git: (...a: string[]) => string } {
  const root = portalCopy();
  prepare(root);
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
/** The site a build of `root` would make, or its refusal. */
const siteOf = (root: string) => siteFrom(root, "网站不予构建", checkPortalFiles(root), new Date());
const modelOf = (reading: SiteReading) => {
  if ("refusal" in reading) throw new Error(reading.refusal);
  return reading.model;
};
const refusalOf = (reading: SiteReading) => ("refusal" in reading ? reading.refusal : "(built)");
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
    const history = await mainLineOf(root);
    if (history.kind !== "git") throw new Error(history.kind);
    expect(history.arrivals.get("content/news/updates/2026/county-standing-meeting.md")?.when.toISOString()).toBe("2026-11-01T02:00:00.000Z");
    expect(history.arrivals.has("content/news/updates/2026/county-meeting.md")).toBe(false);
  });

  it("reads additions, renames and deletions oldest first, and the commits that touched each file", () => {
    const log = ["@c1 2026-01-01T00:00:00Z", "A\tcontent/a.md", "A\tcontent/b.md", "@c2 2026-02-01T00:00:00Z", "R100\tcontent/a.md\tcontent/c.md", "D\tcontent/b.md", "@c3 2026-03-01T00:00:00Z", "A\tcontent/b.md", "M\tcontent/c.md"].join("\n");
    const { arrivals, touching } = mainLineFromLog(log);
    expect([...arrivals].map(([p, a]) => `${p} ${a.commit} ${a.path} ${a.when.toISOString().slice(0, 7)}`).sort()).toEqual(["content/b.md c3 content/b.md 2026-03", "content/c.md c1 content/a.md 2026-01"]);
    expect(Object.fromEntries([...touching].map(([p, cs]) => [p, cs.map((c) => c.commit)]))).toEqual({ "content/a.md": ["c1", "c2"], "content/b.md": ["c1", "c2", "c3"], "content/c.md": ["c2", "c3"] });
  });

  it("reads git log --raw the same way, keeping each arrival's blob (read by id, without a tree walk)", () => {
    const z = "0".repeat(40);
    const [a, b, c] = ["a", "b", "c"].map((x) => x.repeat(40));
    const log = ["@c1 2026-01-01T00:00:00Z", `:000000 100644 ${z} ${a} A\tcontent/a.md`, `:000000 100644 ${z} ${b} A\tcontent/b.md`, "@c2 2026-02-01T00:00:00Z", `:100644 100644 ${a} ${a} R100\tcontent/a.md\tcontent/c.md`, `:100644 000000 ${b} ${z} D\tcontent/b.md`, "@c3 2026-03-01T00:00:00Z", `:000000 100644 ${z} ${c} A\tcontent/b.md`, `:100644 100644 ${a} ${c} M\tcontent/c.md`].join("\n");
    const { arrivals, touching } = mainLineFromLog(log);
    expect([...arrivals].map(([p, x]) => `${p} ${x.commit} ${x.path} ${x.blob}`).sort()).toEqual([`content/b.md c3 content/b.md ${c}`, `content/c.md c1 content/a.md ${a}`]);
    expect(Object.fromEntries([...touching].map(([p, cs]) => [p, cs.map((x) => x.commit)]))).toEqual({ "content/a.md": ["c1", "c2"], "content/b.md": ["c1", "c2", "c3"], "content/c.md": ["c2", "c3"] });
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

describe("the site's publish times (严禁篡改发布时间)", () => {
  const MEETING = "content/news/updates/2026/county-meeting.md";
  /** The mini portal on main with county-meeting undated, published 2026-11-01 10:00 Beijing. */
  function undatedOnMain() {
    const p = (root: string) => join(root, MEETING);
    const { root, git } = repo((r) => writeFileSync(p(r), readFileSync(p(r), "utf8").replace("date: 2026-11-02 10:00\ndateReason: 测试数据\n", "")));
    git("checkout", "-q", "main");
    return { root, git, p: p(root) };
  }
  it("an undated article shows its arrival on main", async () => {
    const { root } = undatedOnMain();
    const site = modelOf(await siteOf(root));
    expect(site.published.get("news/updates/2026/county-meeting")?.toISOString()).toBe("2026-11-01T02:00:00.000Z");
  });
  it("a date added on main after publication, without a listed correction, stops the build; listed, it is used", async () => {
    const { root, git, p } = undatedOnMain();
    writeFileSync(p, readFileSync(p, "utf8").replace("category:", "date: 2026-10-02 10:00\ndateReason: 补录\ncategory:"));
    git("commit", "-qam", "backdate on main");
    expect(refusalOf(await siteOf(root))).toMatch(/date-corrections\.yaml[\s\S]*PUBLISH\.DATE_CHANGED/);
    const build = runScript("build", ["--root", root, "--out", join(root, "..", `${basename(root)}-out`)]);
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(/发布时间被改动，网站不予构建/);
    expect(build.stderr).not.toMatch(STACK_TRACE);

    const listed = portalCopyOf(root);
    writeIn(listed, "workflows/date-corrections.yaml", `corrections:\n  - { path: ${MEETING}, to: "2026-10-02 10:00", reason: 补录, approval: 办公室签批单第 3 号 }\n`);
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "add", "-A"], { cwd: listed });
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "correction"], { cwd: listed });
    expect(modelOf(await siteOf(listed)).published.get("news/updates/2026/county-meeting")?.toISOString()).toBe("2026-10-02T02:00:00.000Z");
  });
  it("a date changed twice on main is judged change by change from the history: both listed, the build goes on", async () => {
    const { root, git, p } = undatedOnMain();
    writeFileSync(p, readFileSync(p, "utf8").replace("category:", "date: 2026-10-02 10:00\ndateReason: 补录\ncategory:"));
    git("commit", "-qam", "backdate");
    writeFileSync(p, readFileSync(p, "utf8").replace("date: 2026-10-02 10:00", "date: 2026-10-03 10:00"));
    git("commit", "-qam", "correct again");
    writeIn(root, "workflows/date-corrections.yaml", [
      "corrections:",
      `  - { path: ${MEETING}, to: "2026-10-02 10:00", reason: 补录, approval: 办公室签批单第 3 号 }`,
      `  - { path: ${MEETING}, from: "2026-10-02 10:00", to: "2026-10-03 10:00", reason: 再次更正, approval: 办公室签批单第 4 号 }`,
      "",
    ].join("\n"));
    git("add", "-A");
    git("commit", "-qm", "corrections");
    // Judged as one change (no date → 10-03, which nobody listed), it would be refused.
    expect(modelOf(await siteOf(root)).published.get("news/updates/2026/county-meeting")?.toISOString()).toBe("2026-10-03T02:00:00.000Z");
  });
  it("a shallow clone is refused by check --base and by the build, saying how to fetch the history", async () => {
    const { root } = undatedOnMain();
    const shallow = mkdtempSync(join(tmpdir(), "sanshen-shallow-"));
    execFileSync("git", ["clone", "-q", "--depth", "1", "-b", "main", `file://${root}`, shallow]);
    const r = runScript("check", ["--root", shallow, "--base", "HEAD", "--json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).errors).toMatchObject([{ rule: "GIT.SHALLOW" }]);
    expect(JSON.parse(r.stdout).errors[0].message).toMatch(/fetch-depth: 0[\s\S]*git fetch --unshallow/);
    expect(runScript("check", ["--root", shallow, "--changed", "HEAD", "--json"]).code).toBe(1);
    expect(refusalOf(await siteOf(shallow))).toMatch(/GIT\.SHALLOW[\s\S]*fetch-depth: 0/);
    const build = runScript("build", ["--root", shallow, "--out", join(shallow, "..", `${basename(shallow)}-out`)]);
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(/浅克隆/);
  });
  it("a folder outside git still previews, undated articles at the build time, and says so", async () => {
    const root = portalCopy();
    const p = join(root, MEETING);
    writeFileSync(p, readFileSync(p, "utf8").replace("date: 2026-11-02 10:00\ndateReason: 测试数据\n", ""));
    const before = Date.now();
    const reading = await siteOf(root);
    expect(modelOf(reading).published.get("news/updates/2026/county-meeting")!.getTime()).toBeGreaterThanOrEqual(before);
    expect("note" in reading && reading.note).toMatch(/不是 git 仓库[\s\S]*本次构建的时间[\s\S]*仅供本地预览/);
  });
  it("every workflow that builds or compares with a base fetches the full history", () => {
    const dir = join(REPO, ".github", "workflows");
    for (const name of readdirSync(dir)) {
      const text = readFileSync(join(dir, name), "utf8");
      if (!/npm run (build|check)\b/.test(text)) continue;
      const checkouts = text.match(/uses: actions\/checkout@[^\n]*(\n\s+with:(\n\s{8,}[^\n]*)*)?/g) ?? [];
      expect(checkouts.length, name).toBeGreaterThan(0);
      for (const c of checkouts) expect(c, name).toMatch(/fetch-depth: 0/);
    }
  });
});

/** A full clone of a repository into a fresh folder. */
function portalCopyOf(root: string): string {
  const dir = mkdtempSync(join(tmpdir(), "sanshen-clone-"));
  execFileSync("git", ["clone", "-q", root, dir]);
  return dir;
}
