import { join } from "node:path";
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
  process.env.SANSHEN_ROOT = root;
  process.env.SANSHEN_OUT = outDir;
  const { build } = await import("astro");
  await build({ root: appDir, logLevel: process.env.CI ? "warn" : "info" });
  await indexForSearch(outDir);
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
