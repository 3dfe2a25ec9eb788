import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { REPO } from "./helpers/portal.ts";

/**
 * The house the README draws: rooms in src/ whose runtime imports flow one
 * way, I/O only where the README says, and every room drawn in the README.
 */

const SRC = join(REPO, "src");
/** Where reading files, running git or talking to GitHub is allowed. */
const IO_ROOMS = new Set(["adapters", "jobs", "cli", "site"]);
const IO_MODULE = /^(node:)?(fs|fs\/promises|child_process|net|os|http|https|dgram)$|^simple-git$|^@octokit\//;

interface Import {
  from: string;
  specifier: string;
  /** Only types are imported: erased at runtime. */
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.(ts|astro)$/.test(e.name) && !e.name.endsWith(".d.ts") ? [join(dir, e.name)] : [],
  );
}

/** The imports of a module, read with TypeScript's parser (an .astro file: its frontmatter script). */
function importsOf(file: string): Import[] {
  let text = readFileSync(file, "utf8");
  if (file.endsWith(".astro")) text = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? "";
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: Import[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      out.push({ from: file, specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      out.push({ from: file, specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      out.push({ from: file, specifier: node.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const roomOf = (file: string) => relative(SRC, file).split(/[\\/]/)[0]!;
const files = sourceFiles(SRC);
const imports = files.flatMap(importsOf);

/** Runtime edges between rooms (folders directly under src/), with one example import for the message. */
function roomGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const i of imports) {
    if (i.typeOnly || !i.specifier.startsWith(".")) continue;
    const target = join(dirname(i.from), i.specifier);
    if (relative(SRC, target).startsWith("..")) continue;
    const [from, to] = [roomOf(i.from), roomOf(target)];
    if (from === to || to.includes(".") || from.includes(".")) continue;
    if (!graph.has(from)) graph.set(from, new Map());
    graph.get(from)!.set(to, `${posix.join(...relative(REPO, i.from).split(/[\\/]/))} → ${i.specifier}`);
  }
  return graph;
}

/** Strongly connected components with more than one room (Tarjan). */
function cycles(graph: Map<string, Map<string, string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const connect = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!idx.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) connect(v);
  return out;
}

describe("the layout the README draws", () => {
  it("has no runtime import cycle between the rooms of src/", () => {
    const graph = roomGraph();
    const found = cycles(graph).map((c) => c.map((a) => c.filter((b) => graph.get(a)?.has(b)).map((b) => graph.get(a)!.get(b)!)).flat());
    expect(found).toEqual([]);
    // The site is built from the model the build job hands over; it never runs a job itself.
    for (const room of ["site", "pages", "layouts", "components"]) expect([...(graph.get(room)?.keys() ?? [])]).not.toContain("jobs");
  });

  it("finds a cycle when there is one (control)", () => {
    const graph = new Map([
      ["a", new Map([["b", "a → b"]])],
      ["b", new Map([["c", "b → c"]])],
      ["c", new Map([["a", "c → a"]])],
      ["d", new Map([["a", "d → a"]])],
    ]);
    expect(cycles(graph)).toEqual([["a", "b", "c"]]);
  });

  it("does I/O only in adapters, jobs, the command line and the site's build hooks", () => {
    const outside = imports.filter((i) => IO_MODULE.test(i.specifier) && !i.typeOnly && !IO_ROOMS.has(roomOf(i.from))).map((i) => `${relative(REPO, i.from)} → ${i.specifier}`);
    expect(outside).toEqual([]);
  });

  it("draws every room of src/ in the README", () => {
    const readme = readFileSync(join(REPO, "README.md"), "utf8");
    const layout = readme.slice(readme.indexOf("### Layout"), readme.indexOf("###", readme.indexOf("### Layout") + 4));
    const rooms = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(rooms.filter((r) => !new RegExp(`(^|\\s)${r}/`, "m").test(layout))).toEqual([]);
  });

  it("names the files a newcomer looks for: a column's staleness, an approval counted, the footer", () => {
    for (const file of ["src/columns/staleness.ts", "src/review/count-approvals.ts", "src/components/Footer.astro"]) {
      expect(files.map((f) => posix.join(...relative(REPO, f).split(/[\\/]/)))).toContain(file);
    }
  });
});
