// npm run check -- [--root DIR] [--changed [BASE]] [--all] [--format text|json|github] [--json]
import { changedFiles, historyOf, publishedChanges, repositoryPrefix, SHALLOW_MESSAGE } from "../src/adapters/git.ts";
import { finding } from "../src/findings/finding.ts";
import type { Portal } from "../src/portal/portal.ts";
import { checkPublishTimes } from "../src/checks/check-publish-time.ts";
import { withFindings } from "../src/checks/check-portal.ts";
import { checkPortalFiles, fixFiles } from "../src/adapters/check-files.ts";
import { portalRootOf, UsageError } from "../src/cli/args.ts";
import { runJob } from "../src/cli/run.ts";
import { formatReport, type Format } from "../src/findings/format.ts";
import { existsSync } from "node:fs";
import { join } from "node:path";

const affectsEverything = (path: string) => /^(workflows|src|scripts)\/|^package(-lock)?\.json$|^CODEOWNERS$/.test(path);

const usage = `用法：npm run check -- [选项]
检查门户的文章和网站规则文件：信息头、栏目与单位、敏感词、个人信息、图片附件、发布时间。
没有错误时退出码为 0，有错误时为 1。

选项：
  --root 目录        门户仓库所在的目录（默认：当前目录）
  --changed [基准]   只检查相对基准改动过的文章（基准默认 origin/main）
  --all              与 --changed 同用时，仍检查全部文章
  --base 基准        核对已发布文章的发布时间没有被改动
  --fix              自动改正能确定的规范表述（错→对），改后请核对再提交
  --format 格式      结果格式：text（默认）、json 或 github（PR 页面上的行内提示）
  --json             同 --format json
  -h, --help         显示本说明

例如：
  npm run check
  npm run check -- --changed origin/main
  npm run check -- --fix`;

runJob({ usage, flags: ["json", "all", "fix"], options: ["root", "format", "base"], optional: { changed: "origin/main" } }, async (args) => {
  const root = portalRootOf(args);
  const format = (args.json ? "json" : (args.format ?? "text")) as Format;
  if (!["text", "json", "github"].includes(format)) throw new UsageError("--format 只能是 text、json 或 github");

  // Comparing with a base needs the history: a shallow clone is refused, never guessed around.
  if ((typeof args.base === "string" || typeof args.changed === "string") && (await historyOf(root)).kind === "shallow") {
    console.log(formatReport({ ok: false, checked: 0, errors: [finding(".", "GIT.SHALLOW", SHALLOW_MESSAGE)], warnings: [] }, format, ""));
    return 1;
  }
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
    return checkPublishTimes(changes, portal?.removals ?? new Set(), portal?.dateCorrections ?? [], new Date());
  };
  let portal = checkPortalFiles(root, scope);
  let result = withFindings(portal, await publishFindings(portal.portal));
  if (args.fix) {
    // One line per file as it is written: an interrupted run still says what it changed.
    const fixed = fixFiles(root, result, (f) => console.error(`已改正 ${f.file}（${f.fixes} 处）`));
    if (fixed.files) {
      console.error(`已自动改正 ${fixed.fixes} 处（${fixed.files} 个文件），请核对改动后提交。`);
      portal = checkPortalFiles(root, scope);
      result = withFindings(portal, await publishFindings(portal.portal));
    }
  }
  console.log(formatReport(result, format, format === "github" ? await repositoryPrefix(root) : ""));
  return result.ok ? 0 : 1;
});
