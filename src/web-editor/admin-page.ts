import { stringify } from "yaml";
import { editorsPageHead } from "./editors-page.ts";
import type { Portal } from "../workflows/portal.ts";
import { WEB_EDITOR_FOLDER } from "../workflows/site-schema.ts";
import { editorConfig } from "./editor-config.ts";

/** Decap CMS's one script, copied from node_modules next to the page (never a CDN). */
export const EDITOR_SCRIPT = "decap-cms.js";

/** Where the web editor is served: /admin/, a separate app beside the portal's pages. */
export const EDITOR_FOLDER = WEB_EDITOR_FOLDER;

/**
 * The web editor's own files, by name within /admin/: the page that loads
 * Decap and the configuration made from the portal model. Undefined when
 * site.yaml does not opt in (`web_editor:`): then the portal has no /admin/.
 */
export function webEditorFiles(portal: Portal): Record<string, string> | undefined {
  const settings = portal.site.web_editor;
  if (!settings) return undefined;
  const header = "# 由 workflows/ 生成（src/web-editor/），请勿手工修改；改栏目表、单位表或 site.yaml 后重新构建\n";
  return {
    "index.html": adminPage(portal.site.name),
    "config.yml": header + stringify(editorConfig(portal, settings), { lineWidth: 0 }),
  };
}

function adminPage(siteName: string): string {
  return `${editorsPageHead(`网页编辑器 - ${siteName}`)}
<body>
<script src="${EDITOR_SCRIPT}"></script>
</body>
</html>
`;
}

