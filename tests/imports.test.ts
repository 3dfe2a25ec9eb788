import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { REPO } from "./helpers/portal.ts";

const SRC = join(REPO, "src");

/** The folder under src/ a file is in ("." for src/ itself). */
const folderOf = (file: string) => (file.includes("/") ? file.slice(0, file.indexOf("/")) : ".");

/** The relative modules a file loads when it runs: every import and re-export but `import type`/`export type`, and `import("…")` calls. */
function runtimeImports(file: string): string[] {
  let text = readFileSync(join(SRC, file), "utf8");
  if (file.endsWith(".astro")) text = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? "";
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly && ts.isStringLiteral(node.moduleSpecifier)) out.push(node.moduleSpecifier.text);
    if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) out.push(node.moduleSpecifier.text);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) out.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out.filter((s) => s.startsWith("."));
}

describe("the layout", () => {
  it("runtime imports between folders flow one way: no folder cycles (import type of a model from below is allowed)", () => {
    const files = readdirSync(SRC, { recursive: true, encoding: "utf8" }).filter((f) => /\.(ts|astro)$/.test(f) && !f.endsWith(".d.ts"));
    const edges = new Map<string, Map<string, string>>(); // folder → folder → one file that makes the edge
    for (const file of files) {
      for (const spec of runtimeImports(file)) {
        const [from, to] = [folderOf(file), folderOf(relative(SRC, resolve(SRC, dirname(file), spec)))];
        if (from === to || to.startsWith("..")) continue;
        if (!edges.has(from)) edges.set(from, new Map());
        edges.get(from)!.set(to, `${file} → ${spec}`);
      }
    }
    const cycles: string[] = [];
    const visiting: string[] = [];
    const done = new Set<string>();
    const walk = (folder: string) => {
      visiting.push(folder);
      for (const [next] of edges.get(folder) ?? []) {
        const at = visiting.indexOf(next);
        if (at >= 0) {
          const loop = [...visiting.slice(at), next];
          cycles.push(loop.slice(1).map((to, i) => edges.get(loop[i]!)!.get(to)!).join("; "));
        } else if (!done.has(next)) walk(next);
      }
      visiting.pop();
      done.add(folder);
    };
    for (const folder of edges.keys()) if (!done.has(folder)) walk(folder);
    expect(cycles).toEqual([]);
    // The site is built from the model the build job hands over; it never runs a job itself.
    expect([...(edges.get("site")?.keys() ?? [])]).not.toContain("jobs");
    expect([...(edges.get("pages")?.keys() ?? [])]).not.toContain("jobs");
  });
});
