import { resolve } from "node:path";

/** The portal Astro builds when started alone (`astro build`, `astro sync`): SANSHEN_ROOT, else the current folder. */
export function portalRoot(): string {
  return resolve(process.env.SANSHEN_ROOT ?? process.cwd());
}
