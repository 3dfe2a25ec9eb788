import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import rehypeRaw from "rehype-raw";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified, type Plugin } from "unified";
import type { Root } from "hast";
import { describe, expect, it } from "vitest";
import { articleRehypePlugins } from "../src/site/markdown-pipeline.ts";
import { caseNames, REPO } from "./helpers/portal.ts";

/** An article body through Markdown → HTML with the given first rehype step, then GitHub's sanitising schema. */
const render = (first: Plugin<[], Root, Root>, body: string) =>
  String(unified().use(remarkParse).use(remarkGfm).use(remarkRehype, { allowDangerousHtml: true }).use(first).use(rehypeSanitize, defaultSchema).use(rehypeStringify).processSync(body));
const ours = articleRehypePlugins(join(REPO, "content"))[0] as Plugin<[], Root, Root>;

describe("the article pipeline", () => {
  it("renders every body of the sample and the examples exactly as rehype-raw on every body did", () => {
    const bodies: string[] = [];
    for (const dir of ["content", ...caseNames(join(REPO, "examples")).map((e) => `examples/${e}/content`)]) {
      for (const f of readdirSync(join(REPO, dir), { recursive: true, encoding: "utf8" })) {
        if (/\.mdx?$/.test(f)) bodies.push(readFileSync(join(REPO, dir, f), "utf8").replace(/^---[\s\S]*?\n---\n/, ""));
      }
    }
    expect(bodies.length).toBeGreaterThan(150);
    for (const body of bodies) expect(render(ours, body)).toBe(render(rehypeRaw as Plugin<[], Root, Root>, body));
  });

  it("still parses raw HTML when a body has it, and the sanitiser still removes what is dangerous", () => {
    const body = "正文。\n\n<table><tr><td>单元格</td></tr></table>\n\n<script>alert(1)</script><p onclick=\"x()\">段落</p>\n";
    const html = render(ours, body);
    expect(html).toBe(render(rehypeRaw as Plugin<[], Root, Root>, body));
    expect(html).toContain("<td>单元格</td>");
    expect(html).not.toMatch(/<script|onclick/);
  });
});
