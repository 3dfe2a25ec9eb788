import { resolve } from "node:path";

/** The portal the site is built from: `--root` of `npm run build`, passed as SANSHEN_ROOT. */
export function portalRoot(): string {
  return resolve(process.env.SANSHEN_ROOT ?? process.cwd());
}
