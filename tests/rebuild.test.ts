import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScript } from "./helpers/cli.ts";
import { portalCopy, REPO, writeIn } from "./helpers/portal.ts";

/**
 * A rebuild into the folder of an earlier build renders only the pages whose
 * props changed and writes again only the index parts that hold a changed
 * page (`src/jobs/build.ts`, `src/site/page-plan.ts`). What it makes must be
 * exactly what a build from nothing makes: after each kind of change, the
 * two folders are compared file by file.
 */

const article = (n: number, title: string) =>
  `---\ntitle: ${title}\ndate: 2026-10-${String(1 + (n % 28)).padStart(2, "0")} 09:${String(n % 60).padStart(2, "0")}\ndateReason: 测试数据\ncategory: submitted\nsource: 县政府办公室\nunit: office\n---\n第${n}条消息：县里召开会议，研究部署近期工作。\n`;

/** The mini portal with 30 more news items (two list pages), committed on main. */
function portalWithNews(): { root: string; commit(message: string): void } {
  const root = portalCopy();
  for (let n = 1; n <= 30; n++) writeIn(root, `content/news/updates/2026/item-${n}.md`, article(n, `县里召开第${n}次工作会议`));
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...args], { cwd: root, stdio: "pipe" });
  git("init", "-q", "-b", "main");
  const commit = (message: string) => {
    git("add", "-A");
    git("commit", "-qm", message);
  };
  commit("base");
  return { root, commit };
}

function build(root: string, out: string, cache: string): string {
  const r = runScript("build", ["--root", root, "--out", out], REPO, { SANSHEN_CACHE: cache, CI: "1" });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

/** Every file of a built site but the build's own marker, by path. */
function files(dir: string, prefix = ""): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) for (const [p, b] of files(dir, path)) out.set(p, b);
    else if (path !== ".sanshen-build") out.set(path, readFileSync(join(dir, path)));
  }
  return out;
}

function expectSameSite(rebuilt: string, fresh: string): void {
  const a = files(rebuilt);
  const b = files(fresh);
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
  const differing = [...a].filter(([path, bytes]) => !bytes.equals(b.get(path)!)).map(([path]) => path);
  expect(differing).toEqual([]);
}

const temp = (name: string) => join(REPO, "node_modules", ".astro-tests", `${name}-${basename(mkdtempSync(join(tmpdir(), "sanshen-rebuild-")))}`);

describe("a rebuild", () => {
  it("makes the very site a build from nothing makes, and renders only the pages a change touches", () => {
    const { root, commit } = portalWithNews();
    const out = mkdtempSync(join(tmpdir(), "sanshen-rebuilt-"));
    const cache = temp("cache");
    const cold = build(root, out, cache);
    expect(cold).toMatch(/生成页面……完成（\d+ 个页面，[\d.]+ 秒）/);

    /** Rebuilds into `out`, builds the same portal from nothing elsewhere, compares the two; the rebuild's step lines. */
    const rebuildAndCompare = () => {
      const said = build(root, out, cache);
      const fresh = mkdtempSync(join(tmpdir(), "sanshen-fresh-"));
      const freshCache = temp("fresh");
      build(root, fresh, freshCache);
      expectSameSite(out, fresh);
      rmSync(fresh, { recursive: true, force: true });
      rmSync(freshCache, { recursive: true, force: true });
      return said;
    };

    // Nothing changed: every page and the index kept.
    expect(rebuildAndCompare()).toMatch(/生成页面……完成（\d+ 个页面，均无变动，沿用上次生成的，[\d.]+ 秒）[\s\S]*沿用上次的索引分块 1 个/);

    // One body: that article's page only (a list shows titles and days, not bodies), and its WeChat version; the others' are the earlier build's files.
    const wechat = (n: number) => statSync(join(out, `wechat/news/updates/2026/item-${n}/index.html`)).ino;
    const before = [wechat(7), wechat(8)];
    writeIn(root, "content/news/updates/2026/item-7.md", article(7, "县里召开第7次工作会议").replace("研究部署", "认真研究部署"));
    commit("body");
    expect(rebuildAndCompare()).toMatch(/其中 1 个有变动，已重新生成，其余沿用上次的/);
    expect(wechat(7)).not.toBe(before[0]);
    expect(wechat(8)).toBe(before[1]);
    expect(readFileSync(join(out, "wechat/news/updates/2026/item-7/index.html"), "utf8")).toContain("认真研究部署");

    // One title: its page, its neighbours' previous/next links, the list page it is on, the column above.
    writeIn(root, "content/news/updates/2026/item-12.md", article(12, "县里召开第十二次工作会议"));
    commit("title");
    const title = rebuildAndCompare();
    const changed = Number(/其中 (\d+) 个有变动/.exec(title)?.[1]);
    expect(changed).toBeGreaterThanOrEqual(4);
    expect(changed).toBeLessThan(10);

    // A new article and a withdrawn one: lists shift, pages appear, the index changes.
    writeIn(root, "content/news/updates/2026/item-31.md", article(31, "县里召开第31次工作会议"));
    const withdrawn = readFileSync(join(root, "content/news/updates/2026/item-3.md"), "utf8").replace("unit: office\n", "unit: office\nwithdrawn: { date: 2026-11-20 10:00, reason: 信息有误 }\n");
    writeIn(root, "content/news/updates/2026/item-3.md", withdrawn);
    commit("add and withdraw");
    expect(rebuildAndCompare()).toMatch(/其中 \d+ 个有变动，已重新生成/);

    // The office's rules changed: every page is made again.
    writeIn(root, "workflows/site.yaml", readFileSync(join(root, "workflows/site.yaml"), "utf8").replace(/^name: (.*)$/m, "name: $1门户"));
    commit("site name");
    expect(rebuildAndCompare()).toMatch(/生成页面……完成（\d+ 个页面，[\d.]+ 秒）/);
  });

  it("builds whole into a folder whose earlier build it cannot vouch for (its cache gone)", () => {
    const { root } = portalWithNews();
    const out = mkdtempSync(join(tmpdir(), "sanshen-rebuilt-"));
    const cache = temp("cache");
    build(root, out, cache);
    rmSync(cache, { recursive: true, force: true });
    expect(build(root, out, cache)).toMatch(/生成页面……完成（\d+ 个页面，[\d.]+ 秒）/);
  });
});
