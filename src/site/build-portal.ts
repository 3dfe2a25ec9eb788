import { randomUUID } from "node:crypto";
import { cpSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { checkPortalFiles } from "../adapters/check-files.ts";
import { formatText } from "../findings/format.ts";

/**
 * Checks the portal, then builds it with Astro. A portal that fails `check`
 * is not built: the clerk sees check's Chinese findings, not Astro's trace.
 */
export async function buildPortal(root: string, outDir: string, appDir: string): Promise<boolean> {
  const result = checkPortalFiles(root);
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
  const { build } = await import("astro");
  await build({ root: appDir, logLevel: process.env.CI ? "warn" : "info" });
  await indexForSearch(staging);
  if (!inside) {
    rmSync(outDir, { recursive: true, force: true });
    cpSync(staging, outDir, { recursive: true });
    rmSync(staging, { recursive: true, force: true });
  }
  console.log(`网站已生成：${outDir}`);
  return true;
}

/**
 * The search index (Pagefind, extended build: Chinese word segmentation),
 * written to <out>/pagefind/. Only article pages carry data-pagefind-body.
 */
async function indexForSearch(outDir: string): Promise<void> {
  const pagefind = await import("pagefind");
  const { index, errors } = await pagefind.createIndex({ forceLanguage: "zh-cn" });
  if (!index) throw new Error(`Pagefind: ${errors.join("; ")}`);
  const added = await index.addDirectory({ path: outDir });
  if (added.errors.length) throw new Error(`Pagefind: ${added.errors.join("; ")}`);
  await index.writeFiles({ outputPath: join(outDir, "pagefind") });
  await pagefind.close();
}
