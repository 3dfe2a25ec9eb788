// npm run check -- [--root DIR] [--changed [BASE]] [--all] [--format text|json|github] [--json]
import { changedFiles, publishedChanges, repositoryPrefix } from "../src/adapters/git.ts";
import type { Portal } from "../src/portal/portal.ts";
import { checkPublishTimes } from "../src/checks/check-publish-time.ts";
import { withFindings } from "../src/checks/check-portal.ts";
import { checkPortalFiles, fixFiles } from "../src/adapters/check-files.ts";
import { parseArgs, rootOf, UsageError } from "../src/cli/args.ts";
import { run } from "../src/cli/run.ts";
import { formatReport, type Format } from "../src/findings/format.ts";
import { existsSync } from "node:fs";
import { join } from "node:path";

const affectsEverything = (path: string) => /^(workflows|src|scripts)\/|^package(-lock)?\.json$|^CODEOWNERS$/.test(path);

run(async () => {
  const args = parseArgs(process.argv.slice(2), {
    flags: ["json", "all", "fix"],
    options: ["root", "format", "base"],
    optional: { changed: "origin/main" },
  });
  const root = rootOf(args);
  if (!existsSync(join(root, "workflows"))) throw new UsageError(`${root} 不是门户目录（没有 workflows/）：请用 --root 指向门户仓库`);
  const format = (args.json ? "json" : (args.format ?? "text")) as Format;
  if (!["text", "json", "github"].includes(format)) throw new UsageError("--format 只能是 text、json 或 github");

  let scope: string[] | undefined;
  if (typeof args.changed === "string" && !args.all) {
    let changes;
    try {
      changes = await changedFiles(root, args.changed);
    } catch {
      throw new UsageError(`无法与「${args.changed}」比较：请确认这是 git 仓库且该分支或提交存在（例如先 git fetch origin main）`);
    }
    // Check everything when the change can break files it did not touch: the
    // rules or the checker changed, or an article or attachment that others
    // may reference was deleted or moved.
    const everything = [...changes.present, ...changes.gone].some(affectsEverything) || changes.gone.some((p) => p.startsWith("content/"));
    if (!everything) scope = changes.present.filter((p) => p.startsWith("content/") && existsSync(join(root, p)));
  }
  // Publish-time integrity against the published base: --base, or the base of --changed.
  const base = typeof args.base === "string" ? args.base : typeof args.changed === "string" ? args.changed : undefined;
  const publishFindings = async (portal: Portal | undefined) => {
    if (!base) return [];
    let changes;
    try {
      changes = await publishedChanges(root, base);
    } catch {
      throw new UsageError(`无法与「${base}」比较：请确认这是 git 仓库且该分支或提交存在（例如先 git fetch origin main）`);
    }
    return checkPublishTimes(changes, portal?.removals ?? new Set());
  };
  let portal = checkPortalFiles(root, scope);
  let result = withFindings(portal, await publishFindings(portal.portal));
  if (args.fix) {
    const fixed = fixFiles(root, result);
    if (fixed.files) {
      console.error(`已自动改正 ${fixed.fixes} 处（${fixed.files} 个文件），请核对改动后提交。`);
      portal = checkPortalFiles(root, scope);
      result = withFindings(portal, await publishFindings(portal.portal));
    }
  }
  console.log(formatReport(result, format, format === "github" ? await repositoryPrefix(root) : ""));
  return result.ok ? 0 : 1;
});
