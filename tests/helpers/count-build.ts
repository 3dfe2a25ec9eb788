// node tests/helpers/count-build.ts <job|astro> <root> <out>
// Builds a portal in this process, either as `npm run build` does (`job`) or
// by starting Astro alone (`astro`), then prints how many times the portal
// was checked, as JSON. The count is read from the process, so the checks of
// Astro's own module graphs (config, content loader, pages) are counted too.
import { build } from "astro";
import { Progress } from "../../src/cli/progress.ts";
import { buildPortal } from "../../src/jobs/build.ts";
import { portalChecks } from "../../src/jobs/check.ts";
import { REPO } from "./portal.ts";

const [mode, root, out] = process.argv.slice(2);
let built = true;
if (mode === "job") {
  built = await buildPortal(root!, out!, REPO, { progress: new Progress(3, () => {}) });
} else {
  process.env.SANSHEN_ROOT = root;
  process.env.SANSHEN_OUT = out;
  await build({ root: REPO, logLevel: "error" });
}
console.log(JSON.stringify({ built, checks: portalChecks() }));
