import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "./helpers/portal.ts";

const readme = readFileSync(join(REPO, "README.md"), "utf8");
const firstBlock = /```bash\n([\s\S]*?)```/.exec(readme)![1]!.trimEnd().split("\n");

describe("the README's first screen", () => {
  it("gives exactly two commands: install and start the sample, install and test", () => {
    expect(firstBlock).toEqual(["npm ci && npm start", "npm ci && npm test"]);
    // They come before anything else the reader must read.
    expect(readme.indexOf("npm ci && npm start")).toBeLessThan(readme.indexOf("## 中文说明"));
  });

  it("CI runs the README's test command verbatim", () => {
    const ci = readFileSync(join(REPO, ".ci/run"), "utf8").split("\n");
    expect(ci).toContain(firstBlock[1]);
    expect(ci.join("\n")).not.toMatch(/\|\|\s*npm install/);
  });

  it("names no document outside the repository", () => {
    expect(readme).not.toMatch(/\.\.\/shared|DESIGN\.md|\bseed \d|\bissue \d|\d{3}_[0-9a-f]{16}\.txt/i);
  });

  it("pins the Node that every npm script runs on", () => {
    const pkg = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8"));
    expect(pkg.devDependencies.node).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.allowScripts.node).toBe(true);
    const lock = JSON.parse(readFileSync(join(REPO, "package-lock.json"), "utf8"));
    expect(lock.packages["node_modules/node"].version).toBe(pkg.devDependencies.node);
    // Every platform's optional builds are locked, so `npm ci` accepts the lock anywhere.
    for (const name of ["@pagefind/darwin-arm64", "@pagefind/windows-x64", "@astrojs/compiler-binding-darwin-arm64", "@astrojs/compiler-binding-win32-x64-msvc"]) {
      expect(lock.packages[`node_modules/${name}`], name).toBeDefined();
    }
  });
});

describe("the rule reference", () => {
  it("names every rule id check can report (docs/RULES.md), by its own name or its family's", () => {
    const rules = readFileSync(join(REPO, "docs/RULES.md"), "utf8");
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
    const used = new Set<string>();
    for (const dir of ["articles", "content-safety", "findings", "workflows", "columns", "publication", "roster", "calendar"]) {
      for (const file of files(join(REPO, "src", dir))) {
        for (const m of readFileSync(file, "utf8").matchAll(/"((?:[A-Z]+)\.[A-Z][A-Z_]+)"/g)) used.add(m[1]!);
      }
    }
    expect(used.size).toBeGreaterThan(60);
    const missing = [...used].filter((id) => !rules.includes(`\`${id}\``) && !rules.includes(`\`${id.split(".")[0]}.*\``));
    expect(missing).toEqual([]);
  });
});
