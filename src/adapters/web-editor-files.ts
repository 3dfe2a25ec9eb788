import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { EDITOR_FOLDER, EDITOR_SCRIPT } from "../web-editor/admin-page.ts";

/**
 * Decap CMS's built files in node_modules: its script, the chunks it loads
 * on demand (code-editor modes) and its WebAssembly. Not the source maps, nor
 * the same build again under its old name (cms.js). Served from the portal's
 * own host: never a CDN.
 */
export function editorBundle(): { name: string; path: string }[] {
  const dist = join(dirname(createRequire(import.meta.url).resolve("decap-cms/package.json")), "dist");
  const names = readdirSync(dist).filter((n) => n === EDITOR_SCRIPT || /^\d+\.decap-cms\.js$/.test(n) || n.endsWith(".wasm"));
  if (!names.includes(EDITOR_SCRIPT)) throw new Error(`decap-cms has no dist/${EDITOR_SCRIPT}: run npm ci`);
  return names.map((name) => ({ name, path: join(dist, name) }));
}

/** Writes the web editor into a built site: <out>/admin/ with its page, its configuration (`webEditorFiles`) and Decap's files. */
export function writeWebEditor(out: string, files: Record<string, string>): void {
  const folder = join(out, EDITOR_FOLDER);
  mkdirSync(folder, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  for (const { name, path } of editorBundle()) copyFileSync(path, join(folder, name));
}
