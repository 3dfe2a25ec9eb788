import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScript, STACK_TRACE } from "./helpers/cli.ts";
import { caseNames, FIXTURES, portalCopy, REPO, writeIn } from "./helpers/portal.ts";

interface Json { ok: boolean; checked: number; errors: { file: string; line: number; column: number; rule: string; severity: string; message: string }[]; warnings: unknown[] }
const json = (stdout: string) => JSON.parse(stdout) as Json;

describe("npm run check", () => {
  it("passes on the sample portal with zero errors", () => {
    const r = runScript("check", ["--json"]);
    expect(r.code, r.stdout.slice(0, 2000)).toBe(0);
    const out = json(r.stdout);
    expect(out.ok).toBe(true);
    expect(out.errors).toEqual([]);
    expect(out.checked).toBeGreaterThan(60);
  });

  const examples = caseNames(join(REPO, "examples"));
  it("there are four example portals, one per other seed", () => {
    expect(examples.sort()).toEqual(["hainanzhou", "linyi", "lvliang-fgw", "wuzhong"]);
  });
  for (const name of examples) {
    it(`passes on examples/${name}`, () => {
      const r = runScript("check", ["--root", `examples/${name}`, "--json"]);
      expect(r.code, r.stdout.slice(0, 2000)).toBe(0);
      expect(json(r.stdout).checked).toBeGreaterThanOrEqual(4 + 5);
    });
  }

  it("a planted error exits 1 and the JSON names the rule, the file and the line", () => {
    const root = portalCopy();
    writeIn(root, "content/news/updates/2026/planted.md", "---\ntitle: 县政府召开专题会议\ncategory: submitted\nsource: 县政府办公室\nunit: bureau\ndate: 2026-13-01 10:00\ndateReason: 迁移\n---\n正文\n");
    const r = runScript("check", ["--root", root, "--json"]);
    expect(r.code).toBe(1);
    const out = json(r.stdout);
    expect(out.ok).toBe(false);
    expect(out.errors).toEqual([
      { file: "content/news/updates/2026/planted.md", line: 6, column: 7, rule: "SCHEMA.DATE_INVALID", severity: "error", message: expect.stringMatching(/不是一个存在的日期/), fixable: false },
    ]);
  });

  it("the text format groups findings by file, in Chinese, with what to do", () => {
    const root = portalCopy();
    writeIn(root, "content/news/updates/2026/a.md", "---\ntitle：会议\n---\n正文\n");
    writeIn(root, "content/news/updates/2026/B.md", "---\ntitle: 会议\ncategory: submitted\nsource: 县政府办公室\nunit: office\n---\n正文\n");
    const r = runScript("check", ["--root", root]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("content/news/updates/2026/B.md\n  错误  整个文件  文件名「B.md」不合规");
    expect(r.stdout).toContain("content/news/updates/2026/a.md\n  错误  第 2 行第 6 列  「title」后面用了中文冒号");
    expect(r.stdout).toMatch(/检查未通过：共检查 \d+ 个文件，2 个错误/);
  });

  it("--format github prints annotations for the pull request", () => {
    const root = portalCopy();
    writeIn(root, "content/news/updates/2026/a.md", "---\ntitle: 会议\ncategory: submitted\nsource: 县政府办公室\nunit: nobody\n---\n正文\n");
    const r = runScript("check", ["--root", root, "--format", "github"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=content\/news\/updates\/2026\/a.md,line=5,col=7,title=ARTICLE.UNKNOWN_UNIT::报送单位「nobody」/m);
  });

  it("never crashes or prints a stack trace, whatever the corpus holds", () => {
    const root = portalCopy();
    // Every content case of the bad-input corpus at once, each under its own name.
    for (const name of caseNames(join(FIXTURES, "bad-input"))) {
      const dir = join(FIXTURES, "bad-input", name);
      for (const e of readdirSync(join(dir), { recursive: true, withFileTypes: true })) {
        const from = join(e.parentPath, e.name);
        const rel = from.slice(dir.length + 1);
        if (e.isFile() && rel.startsWith("content/")) writeIn(root, rel.replace(/\/bad\.(mdx?)$/, `/${name}.$1`), readFileSync(from));
      }
    }
    writeIn(root, "content/news/updates/2026/huge.md", "---\n" + "x".repeat(5 * 1024 * 1024));
    for (const format of ["text", "json", "github"]) {
      const r = runScript("check", ["--root", root, "--format", format]);
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
      expect(r.stderr).toBe("");
    }
    const out = json(runScript("check", ["--root", root, "--json"]).stdout);
    expect(out.errors.length).toBeGreaterThan(30);
    expect(out.errors.every((f) => /[\u4e00-\u9fff]/.test(f.message) && /^[A-Z]+\.[A-Z0-9_]+$/.test(f.rule))).toBe(true);
  });

  it("a wrong option or a folder that is not a portal gets one sentence and exit 2", () => {
    const bad = runScript("check", ["--colour"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^用法错误：未知参数 --colour\n\n用法：npm run check/);
    const notPortal = runScript("check", ["--root", FIXTURES]);
    expect(notPortal.code).toBe(2);
    expect(notPortal.stderr).toMatch(/不是门户目录/);
  });
});

describe("npm run check -- --changed", () => {
  function repo(): string {
    const root = portalCopy();
    const git = (...args: string[]) => execFileSync("git", args, { cwd: root, stdio: "pipe" });
    git("init", "-q", "-b", "main");
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "add", ".");
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "base");
    return root;
  }

  it("checks only the files changed since the base", () => {
    const root = repo();
    writeIn(root, "content/news/updates/2026/new.md", "---\ntitle: 新稿件\ncategory: submitted\nsource: 县政府办公室\nunit: office\n---\n正文\n");
    const r = json(runScript("check", ["--root", root, "--changed", "main", "--json"]).stdout);
    expect(r).toMatchObject({ ok: true, checked: 5 }); // 4 rule files + 1 article
  });

  it("finds the error in a changed file and ignores an old file it did not touch", () => {
    const root = repo();
    writeIn(root, "content/news/updates/2026/new.md", "---\ntitle: 新稿件\ncategory: 原创\nsource: 县政府办公室\nunit: office\n---\n正文\n");
    const r = runScript("check", ["--root", root, "--changed", "main", "--json"]);
    expect(r.code).toBe(1);
    expect(json(r.stdout).errors.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual(["content/news/updates/2026/new.md:3 SCHEMA.ENUM"]);
  });

  it("checks everything when the office's rules changed", () => {
    const root = repo();
    const units = join(root, "workflows/units.yaml");
    writeFileSync(units, execFileSync("cat", [units], { encoding: "utf8" }) + "  - { id: press, name: 县融媒体中心, people: [] }\n");
    const r = json(runScript("check", ["--root", root, "--changed", "main", "--json"]).stdout);
    expect(r.checked).toBe(9);
  });

  it("explains a base that does not exist", () => {
    const r = runScript("check", ["--root", repo(), "--changed", "origin/nowhere"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/无法与「origin\/nowhere」比较/);
  });
});

describe("npm run codeowners", () => {
  it("--check exits 0 on the sample and 1 when the table changed", () => {
    expect(runScript("codeowners", ["--check"]).code).toBe(0);
    const root = portalCopy();
    writeIn(root, "workflows/columns.yaml", execFileSync("cat", [join(root, "workflows/columns.yaml")], { encoding: "utf8" }).replace("units: [bureau]", "units: [bureau, office]"));
    const stale = runScript("codeowners", ["--root", root, "--check"]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/npm run codeowners/);
    expect(runScript("codeowners", ["--root", root]).code).toBe(0);
    expect(runScript("codeowners", ["--root", root, "--check"]).code).toBe(0);
  });
});

describe("on an old Node", () => {
  it("says which version is needed instead of failing with a stack trace", () => {
    const r = spawnSync(process.execPath, ["-e", "Object.defineProperty(process.versions, 'node', { value: '20.19.0' }); Object.defineProperty(process, 'version', { value: 'v20.19.0' }); import('./scripts/require-node.mjs')"], { cwd: REPO, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/三审需要 Node.js 22.12 或更高版本，当前是 v20.19.0。请通过 npm 运行（例如 npm start、npm run check -- --help），npm 会使用项目自带的 Node 24。/);
    expect(spawnSync(process.execPath, [join(REPO, "scripts/require-node.mjs")]).status).toBe(0);
  });

  it("npm runs every script on the pinned Node, whatever the machine's Node is", () => {
    const pinned = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")).devDependencies.node;
    // The machine's own PATH, without the node_modules/.bin that `npm test` put in front.
    const path = (process.env.PATH ?? "").split(":").filter((p) => !p.includes("node_modules")).join(":");
    const r = spawnSync("npm", ["exec", "--no", "--", "node", "-p", "process.version"], { cwd: REPO, encoding: "utf8", env: { ...process.env, PATH: path } });
    expect(r.stdout.trim()).toBe(`v${pinned}`);
  });
});

describe("a large corpus", () => {
  it("gets the same findings from the CLI as from the in-process check", async () => {
    const { generateCorpus } = await import("../src/bench/corpus.ts");
    const { parseWorkflows } = await import("../src/workflows/parse-workflows.ts");
    const { readWorkflowTexts } = await import("../src/adapters/repository-files.ts");
    const { checkDir } = await import("./helpers/portal.ts");
    const root = portalCopy();
    const files = generateCorpus(parseWorkflows(readWorkflowTexts(root)).portal!, { count: 1600 });
    for (const [path, text] of files) writeIn(root, path, text);
    writeIn(root, "content/news/updates/2026/bench-00004.md", "---\ntitle: 缺少字段\n---\n正文\n"); // planted: required fields missing
    writeIn(root, "content/news/updates/2025/bench-00008.md", files.get("content/news/updates/2026/bench-00008.md")!);
    const cli = json(runScript("check", ["--root", root, "--json"]).stdout);
    const inProcess = checkDir(root);
    expect(cli.checked).toBe(inProcess.checked);
    expect(cli.errors).toEqual(inProcess.errors.map(({ fix, ...f }) => ({ ...f, fixable: fix !== undefined })));
    expect(cli.errors.map((f) => f.rule)).toEqual(expect.arrayContaining(["SCHEMA.REQUIRED", "PATH.DUPLICATE_SLUG"]));
  });
});

describe("on Node 22.12–22.17, which cannot strip types", () => {
  it("runs the job through tsx", () => {
    const r = spawnSync(process.execPath, ["--no-experimental-strip-types", join(REPO, "scripts/run.mjs"), "check", "--root", "tests/fixtures/mini-portal"], { cwd: REPO, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/检查通过/);
    expect(r.status).toBe(0);
  });
});

describe("writes are atomic (a temporary file renamed over the old one)", () => {
  const NEWS = "content/news/updates/2026/fix-me.md";
  const text = "---\ntitle: 县政府召开专题会议\ncategory: submitted\nsource: 县政府办公室\nunit: office\n---\n请用帐号登录。。\n";

  // A hard link shares the file's bytes: a write in place changes both names, a rename replaces only one.
  it("check --fix replaces each file whole and lists the files it changed", () => {
    const root = portalCopy();
    writeIn(root, NEWS, text);
    writeIn(root, "content/news/updates/2026/second.md", text);
    linkSync(join(root, NEWS), join(root, "before.md"));
    const r = runScript("check", ["--root", root, "--fix"]);
    expect(readFileSync(join(root, NEWS), "utf8")).toContain("请用账号登录。\n");
    expect(readFileSync(join(root, "before.md"), "utf8")).toBe(text);
    expect(r.stderr).toContain(`已改正 ${NEWS}（2 处）`);
    expect(r.stderr).toContain("已改正 content/news/updates/2026/second.md（2 处）");
    expect(r.stderr).toMatch(/已自动改正 4 处（2 个文件）/);
    expect(readdirSync(join(root, "content/news/updates/2026")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("codeowners replaces CODEOWNERS whole, keeping its permissions", () => {
    const root = portalCopy();
    writeIn(root, "workflows/columns.yaml", readFileSync(join(root, "workflows/columns.yaml"), "utf8").replace("units: [bureau]", "units: [bureau, office]"));
    const before = readFileSync(join(root, "CODEOWNERS"), "utf8");
    chmodSync(join(root, "CODEOWNERS"), 0o640);
    linkSync(join(root, "CODEOWNERS"), join(root, "CODEOWNERS.before"));
    expect(runScript("codeowners", ["--root", root]).code).toBe(0);
    expect(readFileSync(join(root, "CODEOWNERS.before"), "utf8")).toBe(before);
    expect(readFileSync(join(root, "CODEOWNERS"), "utf8")).not.toBe(before);
    expect(statSync(join(root, "CODEOWNERS")).mode & 0o777).toBe(0o640);
  });

  it("a write that fails leaves the old file and no temporary file", async () => {
    const { writeFileAtomic } = await import("../src/adapters/atomic-write.ts");
    const root = portalCopy();
    mkdirSync(join(root, "a-folder"));
    expect(() => writeFileAtomic(join(root, "a-folder"), "x")).toThrow();
    expect(statSync(join(root, "a-folder")).isDirectory()).toBe(true);
    expect(readdirSync(root).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});
