import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../src/adapters/chromium.ts";
import { serve } from "../src/adapters/static-site.ts";
import { writeWebEditor } from "../src/adapters/web-editor-files.ts";
import { SLUG } from "../src/articles/location.ts";
import { checkPortalFiles } from "../src/jobs/check.ts";
import { webEditorFiles } from "../src/web-editor/admin-page.ts";
import { REPO } from "./helpers/portal.ts";

/**
 * A correspondent who never uses Git writes an article in the web editor
 * (Decap CMS, generated from the sample portal's rules), offline: the sample
 * portal is a git repository in a temporary folder, decap-server serves it in
 * its local git mode (each article a branch, as each is a pull request on
 * GitHub), and Debian Chromium opens /admin/ as the build writes it.
 */

const git = (root: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...args], { cwd: root, encoding: "utf8" });

/** The sample portal committed on main, the web editor opted in (site.yaml). */
function sampleRepository(): string {
  const root = mkdtempSync(join(tmpdir(), "sanshen-editor-"));
  for (const part of ["content", "workflows", "CODEOWNERS"]) cpSync(join(REPO, part), join(root, part), { recursive: true });
  const site = join(root, "workflows", "site.yaml");
  writeFileSync(site, `${readFileSync(site, "utf8")}web_editor: { backend: github, repo: example-zx/portal }\n`);
  git(root, "init", "-q", "-b", "main");
  // decap-server commits with the repository's identity: a fresh machine (CI's empty HOME) has none of its own.
  git(root, "config", "user.name", "网页编辑器测试");
  git(root, "config", "user.email", "editor@example.invalid");
  git(root, "add", ".");
  git(root, "commit", "-qm", "base");
  return root;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe: Server = createServer().once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** decap-server in local git mode on the repository; resolves once it listens. */
function startDecapServer(root: string, port: number): Promise<ChildProcess> {
  const server = spawn(process.execPath, [join(REPO, "node_modules", "decap-server", "dist", "index.js")], {
    env: { ...process.env, PORT: String(port), BIND_HOST: "127.0.0.1", MODE: "git", GIT_REPO_DIRECTORY: root, LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let said = "";
    const listen = (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes("listening on")) resolve(server);
    };
    server.stdout!.on("data", listen);
    server.stderr!.on("data", listen);
    server.once("exit", (code) => reject(new Error(`decap-server exited (${code}): ${said}`)));
  });
}

describe("the web editor, offline", () => {
  let root = "";
  let admin = "";
  let decapPort = 0;
  let decap: ChildProcess | undefined;
  let browser: Browser | undefined;
  let close = () => {};
  const temporary: string[] = [];

  beforeAll(async () => {
    root = sampleRepository();
    temporary.push(root);
    const checked = checkPortalFiles(root);
    expect(checked.errors).toEqual([]);
    const files = webEditorFiles(checked.portal!);
    expect(files).toBeDefined();
    // /admin/ as the build writes it (src/jobs/build.ts calls the same two functions).
    const out = mkdtempSync(join(tmpdir(), "sanshen-editor-site-"));
    temporary.push(out);
    writeWebEditor(out, files!);
    const served = await serve(out);
    admin = `${served.url}/admin/`;
    close = () => served.server.close();
    decapPort = await freePort();
    decap = await startDecapServer(root, decapPort);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    decap?.kill();
    close();
    for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
  });

  it("a correspondent writes a news item with a photo: it goes to review on its own branch, at content/<column>/<yyyy>/<slug>.md with the photo beside it, and check accepts it", async () => {
    const context = await browser!.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    const page = await context.newPage();
    // The generated config says `local_backend: true` (Decap's default address, port 8081); this test's decap-server listens elsewhere.
    await page.route(/^http:\/\/(localhost|127\.0\.0\.1):8081\/api\/v1$/, (route) => route.continue({ url: `http://127.0.0.1:${decapPort}/api/v1` }));
    const utcDay = () => new Date().toISOString().slice(0, 10).replaceAll("-", "");
    const before = utcDay();
    await page.goto(admin);

    await page.getByRole("button", { name: "登录" }).click();
    await page.getByRole("link", { name: "政协新闻 › 时政要闻" }).click();
    await page.getByRole("link", { name: "创建“时政要闻”类型的内容" }).click();
    await page.getByLabel("标题").fill("市政协召开网页编辑器试用座谈会");
    await page.getByLabel("信息类别").click();
    await page.getByText("报送类", { exact: true }).click();
    await page.getByLabel("来源", { exact: true }).fill("市政协办公室");
    await page.getByLabel("报送单位").click();
    await page.getByRole("option", { name: "市政协办公室" }).click();
    // A photo straight from the camera folder: Decap keeps only the ASCII of its name, lower-cased.
    await page.getByRole("button", { name: "选择图片" }).click();
    await page.locator("input[type=file]").setInputFiles({ name: "座谈会现场 1.PNG", mimeType: "image/png", buffer: readFileSync(join(REPO, "content/work/reading/2026/reading-activity-xishan.png")) });
    await page.getByRole("button", { name: "选用已选中项目" }).click();
    await page.getByLabel("替代文字").fill("座谈会现场");
    await page.locator("[contenteditable=true]").click();
    await page.keyboard.type("座谈会听取了各县区政协通讯员试用网页编辑器的意见。");
    // The 通讯员指南's pictures: `SANSHEN_SCREENSHOTS=docs/screenshots npx vitest run tests/web-editor.browser.test.ts`.
    const shots = process.env.SANSHEN_SCREENSHOTS;
    if (shots) await page.screenshot({ path: join(shots, "web-editor-form.png") });
    await page.getByRole("button", { name: "保存" }).click();
    // Saved as a draft: on GitHub, a branch and a pull request; the review gate decides from here.
    await page.getByRole("button", { name: "状态: 草稿" }).click();
    await page.getByRole("menuitem", { name: "审核中" }).click();
    await page.getByRole("button", { name: "状态: 审核中" }).waitFor();
    if (shots) await page.screenshot({ path: join(shots, "web-editor-review.png") });
    const after = utcDay();
    await context.close();

    // Nothing reached main: the article waits on its own branch.
    expect(git(root, "log", "--format=%s", "main")).toBe("base\n");
    const branches = git(root, "branch", "--format=%(refname:short)").split("\n").filter((b) => b.startsWith("cms/"));
    expect(branches).toHaveLength(1);
    const changed = git(root, "diff", "--name-only", `main...${branches[0]}`).trim().split("\n");
    const file = changed.find((f) => f.endsWith(".md"))!;
    const [, year, slug] = /^content\/news\/politics\/(\d{4})\/([^/]+)\.md$/.exec(file) ?? [];
    expect(slug, file).toMatch(SLUG);
    // The photo beside the article, in its year folder.
    expect(changed.sort()).toEqual([`content/news/politics/${year}/1.png`, file].sort());
    // Named by the time of its first save in UTC (Decap's date tags ignore the browser's zone: 8 hours behind
    // Beijing; docs/WEB-EDITOR.md), under that year. The publish time the pages show comes from git.
    expect([before, after]).toContain(slug!.slice(0, 8));
    expect(year).toBe(slug!.slice(0, 4));
    const text = git(root, "show", `${branches[0]}:${file}`);
    expect(text).not.toMatch(/^date:/m);

    // The branch as check sees it on the pull request.
    const review = mkdtempSync(join(tmpdir(), "sanshen-editor-pr-"));
    temporary.push(review);
    git(root, "worktree", "add", "-q", review, branches[0]!);
    const result = checkPortalFiles(review);
    expect(result.errors).toEqual([]);
    expect(result.warnings.filter((w) => w.file === file)).toEqual([]);
    const article = result.articles.find((a) => a.file === file);
    expect(article?.data).toMatchObject({ title: "市政协召开网页编辑器试用座谈会", category: "submitted", source: "市政协办公室", unit: "office", disclosure: "public", image: { src: "1.png", alt: "座谈会现场" } });
    expect(article?.body.trim()).toBe("座谈会听取了各县区政协通讯员试用网页编辑器的意见。");
  });
});
