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
  console.log(`网站已生成：${outDir}`);
  return true;
}
