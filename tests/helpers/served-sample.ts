import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { expect } from "vitest";
import { serve } from "../../src/adapters/static-site.ts";
import { runScript } from "./cli.ts";
import { REPO } from "./portal.ts";

/** The sample portal built into a fresh folder (its own Astro cache) and served locally, as the browser tests use it. */
export async function servedSample(prefix: string): Promise<{ out: string; base: string; close: () => void }> {
  const out = mkdtempSync(join(tmpdir(), prefix));
  const build = runScript("build", ["--out", out], REPO, { SANSHEN_CACHE: join(REPO, "node_modules", ".astro-tests", basename(out)), CI: "1" });
  expect(build.code, build.stderr).toBe(0);
  const served = await serve(out);
  return { out, base: served.url, close: () => served.server.close() };
}
