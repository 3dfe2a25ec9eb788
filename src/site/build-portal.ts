import { randomUUID } from "node:crypto";
import { cpSync, readdirSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { checkPortalFiles } from "../adapters/check-files.ts";
import type { Progress } from "../cli/progress.ts";
import { formatText } from "../findings/format.ts";

export interface BuildOptions {
  /** One line a step for a person: check, pages, search index. */
  progress: Progress;
  /** Astro's own (English) log in full; otherwise errors only. */
  verbose?: boolean;
}

/**
 * Checks the portal, then builds it with Astro. A portal that fails `check`
 * is not built: the clerk sees check's Chinese findings, not Astro's trace.
 */
export async function buildPortal(root: string, outDir: string, appDir: string, { progress, verbose = false }: BuildOptions): Promise<boolean> {
  const result = await progress.step("检查内容", () => checkPortalFiles(root), (r) => (r.ok ? `通过（${r.checked} 个文件，{s}）` : "未通过"));
  if (!result.ok) {
    console.error(formatText({ ...result, warnings: [] }));
    console.error("门户内容未通过检查，网站不予构建。");
    return false;
  }
  // Astro imports its prerender chunks from the output folder, and Node resolves
  // their packages from there: outside the app folder that fails. Build inside, then move.
  const inside = !relative(appDir, outDir).startsWith("..");
  const staging = inside ? outDir : join(appDir, "node_modules", ".sanshen-out", randomUUID());
  process.env.SANSHEN_ROOT = root;
  process.env.SANSHEN_OUT = staging;
  await progress.step(
    "生成页面",
    async () => {
      const { build } = await import("astro");
      await build({ root: appDir, logLevel: verbose ? "info" : "error" });
      return countPages(staging);
    },
    (pages) => `完成（${pages} 个页面，{s}）`,
  );
  await progress.step("建立搜索索引", () => indexForSearch(staging), (pages) => `完成（${pages} 篇可检索，{s}）`);
  if (!inside) {
    rmSync(outDir, { recursive: true, force: true });
    cpSync(staging, outDir, { recursive: true });
    rmSync(staging, { recursive: true, force: true });
  }
  return true;
}

function countPages(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((p) => p.endsWith(".html")).length;
}

/**
 * The search index (Pagefind, extended build: Chinese word segmentation),
 * written to <out>/pagefind/. Only article pages carry data-pagefind-body.
 * Returns the number of pages a reader can find.
 */
async function indexForSearch(outDir: string): Promise<number> {
  const pagefind = await import("pagefind");
  const { index, errors } = await pagefind.createIndex({ forceLanguage: "zh-cn" });
  if (!index) throw new Error(`Pagefind: ${errors.join("; ")}`);
  const added = await index.addDirectory({ path: outDir });
  if (added.errors.length) throw new Error(`Pagefind: ${added.errors.join("; ")}`);
  const outputPath = join(outDir, "pagefind");
  await index.writeFiles({ outputPath });
  await pagefind.close();
  // Pagefind counts every page it read; one fragment is written per page with a searchable body.
  return readdirSync(join(outputPath, "fragment")).length;
}
