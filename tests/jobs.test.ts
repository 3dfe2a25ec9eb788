import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lanAddresses } from "../src/adapters/local-network.ts";
import { runScript, STACK_TRACE } from "./helpers/cli.ts";
import { MINI, REPO } from "./helpers/portal.ts";

const scripts = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")).scripts as Record<string, string>;
/** Every job a person starts through npm: the scripts that run `node scripts/run.mjs <job>`. */
const jobs = Object.values(scripts).flatMap((s) => /^node scripts\/run\.mjs ([a-z-]+)$/.exec(s)?.[1] ?? []);
const CHINESE = /[\u4e00-\u9fff]/;

describe("every job explains itself", () => {
  it("the jobs are the ones the README lists", () => {
    const readme = readFileSync(join(REPO, "README.md"), "utf8");
    const table = readme.slice(readme.indexOf("### Commands"), readme.indexOf("###", readme.indexOf("### Commands") + 4));
    const listed = new Set([...table.matchAll(/^\| `npm (?:run )?([a-z-]+)/gm)].map((m) => m[1]!).filter((j) => j !== "test"));
    expect([...jobs].sort()).toEqual([...listed].sort());
    expect(jobs).toContain("report");
  });

  for (const job of jobs) {
    it(`${job} answers --help and -h with its usage in Chinese and an example, exit 0`, () => {
      for (const flag of ["--help", "-h"]) {
        const r = runScript(job, [flag]);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toMatch(/^用法：npm (start|run [a-z-]+)/);
        expect(r.stdout).toMatch(/\n例如：\n {2}npm /);
        expect(r.stdout.split("\n")[1]).toMatch(CHINESE);
        expect(r.stderr).toBe("");
      }
    });

    it(`${job} answers an unknown flag with the sentence and its usage, exit 2`, () => {
      const r = runScript(job, ["--colour"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^用法错误：未知参数 --colour\n\n用法：/);
      expect(r.stderr).not.toMatch(STACK_TRACE);
    });
  }

  it("`npm run check --fix` without `--` is explained, and nothing is checked or fixed", () => {
    const r = spawnSync("npm", ["run", "check", "--fix"], { cwd: REPO, encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0" } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("npm 把 --fix 当成了它自己的设置，没有交给任务：请在任务名后先写 --，例如 npm run check -- --fix");
    expect(r.stdout).not.toMatch(/检查通过|检查未通过/);
  });

  it("`npm start --port 8080` points at `npm start -- --port`", () => {
    const r = runScript("start", [], REPO, { npm_lifecycle_event: "start", npm_config_port: "true" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("例如 npm start -- --port");
  });

  it("a GitHub outage is not a usage mistake: one sentence, no usage, exit 3", async () => {
    // Nothing listens on this port: GitHub is unreachable.
    const port = await freePort();
    const r = runScript("setup-github", ["--repo", "o/r", "--api-url", `http://127.0.0.1:${port}`], REPO, { GITHUB_TOKEN: "t" });
    expect(r.code).toBe(3);
    expect(r.stderr.trim()).toMatch(/^GitHub 接口出错：.*失败（HTTP 无响应，请稍后重试）$/);
  });
});

describe("npm test brings what the tests need", () => {
  /** A folder of commands standing in for the system's: the real sh, git and fc-list, and optionally a fake apt-get. */
  function fakeSystem(withAptGet: boolean) {
    const dir = mkdtempSync(join(tmpdir(), "sanshen-bin-"));
    for (const command of ["sh", "git", "fc-list"]) {
      const found = spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).stdout.trim();
      if (found) symlinkSync(found, join(dir, command));
    }
    const chromium = join(dir, "chromium-here-after-install");
    const log = join(dir, "apt-get.log");
    if (withAptGet) {
      // Records its arguments; "installs" Chromium by creating the file.
      writeFileSync(join(dir, "apt-get"), `#!/bin/sh\necho "$@" >> "${log}"\ncase "$1" in install) : > "${chromium}";; esac\n`);
      chmodSync(join(dir, "apt-get"), 0o755);
    }
    return { path: dir, chromium, log };
  }

  it("as root on Debian, installs a missing Chromium with apt-get (Debian's package, no browser download)", () => {
    if (process.getuid?.() !== 0) return;
    const sys = fakeSystem(true);
    const r = runScript("test-prerequisites", [], REPO, { PATH: sys.path, CHROMIUM_PATH: sys.chromium });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(sys.log, "utf8").trim().split("\n")).toEqual(["update -qq", "install -y -qq chromium"]);
    expect(r.stdout).toContain(`运行测试还缺少：Chromium 浏览器（${sys.chromium}）。正在用 apt-get 安装 chromium`);
    expect(existsSync(sys.chromium)).toBe(true);
  });

  it("elsewhere, says in one Chinese sentence what to install", () => {
    const sys = fakeSystem(false);
    const r = runScript("test-prerequisites", [], REPO, { PATH: sys.path, CHROMIUM_PATH: sys.chromium });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `运行测试还缺少：Chromium 浏览器（${sys.chromium}）。请先安装（Debian/Ubuntu：sudo apt-get install -y chromium；已装有 Chromium 的，可用环境变量 CHROMIUM_PATH 指出它的位置），再运行 npm test。`,
    );
  });
});

describe("npm start", () => {
  it("prints the address first, one Chinese line a step, and serves on 127.0.0.1 only", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [join(REPO, "scripts/run.mjs"), "start", "--root", MINI, "--port", String(port)], {
      cwd: REPO,
      env: { ...process.env, FORCE_COLOR: "0", SANSHEN_CACHE: join(REPO, "node_modules", ".astro-tests", `start-${port}`) },
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${out}`)), 110_000);
        child.stdout.on("data", () => out.includes("门户预览已启动") && (clearTimeout(timer), resolve()));
        child.on("exit", () => reject(new Error(`npm start ended:\n${out}`)));
      });
      const lines = out.trim().split("\n");
      expect(lines[0]).toBe(`门户预览地址：http://127.0.0.1:${port}/`);
      expect(lines.filter((l) => /^\[\d\/4\]/.test(l)).map((l) => l.replace(/（.*）$/, ""))).toEqual([
        "[1/4] 检查内容……通过",
        "[2/4] 生成页面……完成",
        "[3/4] 建立搜索索引……完成",
        "[4/4] 启动预览……完成",
      ]);
      expect(lines.at(-1)).toBe(`门户预览已启动：http://127.0.0.1:${port}/（按 Ctrl+C 停止）`);
      // Astro's English log stays out of a person's way.
      expect(out).not.toMatch(/\[build\]|\[vite\]|astro v\d|Complete!/);
      const home = await fetch(`http://127.0.0.1:${port}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain("<html lang=\"zh-CN\"");
      for (const address of lanAddresses()) expect(await reachable(address, port)).toBe(false);
    } finally {
      child.kill();
    }
  });

  it("a port in use is said before any build starts", async () => {
    const busy = createServer().listen(0, "127.0.0.1");
    await new Promise((r) => busy.once("listening", r));
    const port = (busy.address() as { port: number }).port;
    try {
      const r = runScript("start", ["--root", MINI, "--port", String(port)]);
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toBe(`端口 ${port} 已被占用（可能预览已经开着）：请关掉占用它的程序，或换一个端口，例如 npm start -- --port ${port + 1}`);
      expect(r.stdout).not.toContain("检查内容");
    } finally {
      busy.close();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port, timeout: 2000 });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });
}

describe("the bench corpus's history (npm run bench -- --commits N)", () => {
  it("is one git fast-import stream: each article added by its own commit at its own time, then edits, and the main line reads it", async () => {
    const { historyStream } = await import("../src/bench/history.ts");
    const { mainLineOf } = await import("../src/adapters/git.ts");
    const root = mkdtempSync(join(tmpdir(), "sanshen-history-"));
    const articles = new Map(Array.from({ length: 6 }, (_, i) => [`content/news/updates/2026/a-${i}.md`, `---\ntitle: 第${i}篇\n---\n正文\n`] as const));
    const made = historyStream(new Map([["workflows/site.yaml", "name: x\n"]]), articles, { commits: 20, from: new Date("2026-01-05T09:00:00+08:00"), to: new Date("2026-06-30T18:00:00+08:00") });
    expect(made.commits).toBe(20);
    spawnSync("git", ["init", "-q", "-b", "main"], { cwd: root });
    expect(spawnSync("git", ["fast-import", "--quiet"], { cwd: root, input: made.stream }).status).toBe(0);
    spawnSync("git", ["reset", "-q", "--hard", "main"], { cwd: root });
    expect(Number(spawnSync("git", ["rev-list", "--count", "main"], { cwd: root, encoding: "utf8" }).stdout)).toBe(20);
    for (const [path, text] of made.final) expect(readFileSync(join(root, path), "utf8")).toBe(text);
    const line = await mainLineOf(root);
    if (line.kind !== "git") throw new Error(line.kind);
    const arrivals = [...articles.keys()].map((p) => line.arrivals.get(p)!);
    expect(new Set(arrivals.map((a) => a.commit)).size).toBe(6); // one commit per article
    const months = new Set(arrivals.map((a) => a.when.toISOString().slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(4); // spread over the months, not one day
    const edits = [...line.touching.values()].reduce((n, c) => n + c.length, 0) - 6;
    expect(edits).toBe(13); // 20 commits: the rules, 6 additions, 13 edits
    for (const p of articles.keys()) for (const c of line.touching.get(p)!) expect(c.when >= line.arrivals.get(p)!.when).toBe(true);
    // The same input gives the same stream.
    expect(historyStream(new Map([["workflows/site.yaml", "name: x\n"]]), articles, { commits: 20, from: new Date("2026-01-05T09:00:00+08:00"), to: new Date("2026-06-30T18:00:00+08:00") }).stream.equals(made.stream)).toBe(true);
  });
});
