import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runSampled, type TreeRun } from "./process-tree.ts";

/**
 * The naive configuration the portal's build must beat, measured in the
 * same run: plain Astro 7 pages, one per article (Astro's glob loader and
 * its default Markdown, `lang="zh-CN"`, the body in `data-pagefind-body`),
 * then `pagefind --site dist`. No check, no publish times, no columns, no
 * feeds: the least a static site with search does.
 */
export async function buildNaive(appDir: string, corpus: string): Promise<{ astro: TreeRun; pagefind: TreeRun; dist: string }> {
  // Inside the app's node_modules, so Astro and its packages resolve.
  const project = join(appDir, "node_modules", ".sanshen-naive");
  rmSync(project, { recursive: true, force: true });
  mkdirSync(join(project, "src", "pages"), { recursive: true });
  writeFileSync(join(project, "astro.config.mjs"), `export default { outDir: "./dist", build: { format: "directory" }, devToolbar: { enabled: false } };\n`);
  writeFileSync(
    join(project, "src", "content.config.mjs"),
    `import { defineCollection } from "astro:content";\nimport { glob } from "astro/loaders";\nexport const collections = { articles: defineCollection({ loader: glob({ pattern: "**/*.md", base: ${JSON.stringify(join(corpus, "content"))} }) }) };\n`,
  );
  writeFileSync(
    join(project, "src", "pages", "[...id].astro"),
    `---
import { getCollection, render } from "astro:content";
export async function getStaticPaths() {
  return (await getCollection("articles")).map((entry) => ({ params: { id: entry.id }, props: { entry } }));
}
const { entry } = Astro.props;
const { Content } = await render(entry);
---
<html lang="zh-CN"><head><meta charset="utf-8"><title>{entry.data.title}</title></head>
<body><main data-pagefind-body><h1>{entry.data.title}</h1><Content /></main></body></html>
`,
  );
  writeFileSync(join(project, "src", "pages", "index.astro"), `<html lang="zh-CN"><head><meta charset="utf-8"><title>首页</title></head><body><h1>首页</h1></body></html>\n`);
  const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" };
  const astro = await runSampled(process.execPath, [join(appDir, "node_modules", "astro", "bin", "astro.mjs"), "build", "--silent"], { cwd: project, env });
  if (astro.code !== 0) throw new Error(`naive astro build failed:\n${astro.stderr.slice(-2000)}`);
  const pagefind = await runSampled(join(appDir, "node_modules", ".bin", "pagefind"), ["--site", "dist"], { cwd: project, env });
  if (pagefind.code !== 0) throw new Error(`naive pagefind failed:\n${pagefind.stderr.slice(-2000)}${pagefind.stdout.slice(-2000)}`);
  return { astro, pagefind, dist: join(project, "dist") };
}
