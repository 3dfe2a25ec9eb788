import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { launchChromium } from "../../src/adapters/chromium.ts";
import { serve } from "../../src/adapters/static-site.ts";
import { runScript } from "./cli.ts";
import { REPO } from "./portal.ts";

/**
 * For a browser test file: before its tests, the sample portal built into a
 * fresh folder (its own Astro cache), served locally, and Debian Chromium
 * started; after them, both stopped. Read the fields inside the tests.
 * `env`: more for the build (SANSHEN_SEARCH_PART_PAGES).
 */
export function sampleInBrowser(prefix: string, env: Record<string, string> = {}): { out: string; base: string; browser: Browser } {
  const sample = { out: "", base: "", browser: undefined as unknown as Browser };
  let close = () => {};
  beforeAll(async () => {
    sample.out = mkdtempSync(join(tmpdir(), prefix));
    const build = runScript("build", ["--out", sample.out], REPO, { SANSHEN_CACHE: join(REPO, "node_modules", ".astro-tests", basename(sample.out)), CI: "1", ...env });
    expect(build.code, build.stderr).toBe(0);
    const served = await serve(sample.out);
    sample.base = served.url;
    close = () => served.server.close();
    sample.browser = await launchChromium();
  });
  afterAll(async () => {
    await sample.browser?.close();
    close();
  });
  return sample;
}
