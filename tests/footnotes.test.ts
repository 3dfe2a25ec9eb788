import { describe, expect, it } from "vitest";
import { articleMarkdownRenderer } from "../src/site/markdown-pipeline.ts";
import { REPO } from "./helpers/portal.ts";

describe("an article's footnotes on the page", () => {
  it("link both ways to elements that exist, under a Chinese heading", async () => {
    const renderer = await articleMarkdownRenderer(`${REPO}/content`);
    const { code } = await renderer.render("会议强调[^1]，要抓好落实[^note]。\n\n[^1]: 见《实施方案》。\n[^note]: 2026 年底前完成。\n", { frontmatter: {} } as never);
    const ids = new Set([...code.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    const targets = [...code.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(targets).toHaveLength(4);
    for (const target of targets) expect(ids, target).toContain(target);
    expect(code).toContain(">注释</h2>");
    expect(code).toContain('aria-label="返回正文"');
    expect(code).not.toMatch(/Footnotes|Back to reference/);
  });
});
