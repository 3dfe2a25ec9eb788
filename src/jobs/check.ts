import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../adapters/atomic-write.ts";
import { changedFiles, historyOf, publishedChanges, repositoryPrefix, SHALLOW_MESSAGE } from "../adapters/git.ts";
import { contentLinks, listContentFiles, notAFile, readFiles, readTextIfExists, readWorkflowTexts, siteImageFindings } from "../adapters/repository-files.ts";
import { checkContent, checkEmptyColumns } from "../articles/check-content.ts";
import { nowOf, portalRootOf, UsageError, type Args } from "../cli/args.ts";
import { applyFixes } from "../findings/apply-fixes.ts";
import { appendAll, byLocation, finding, type Finding } from "../findings/finding.ts";
import { formatReport, type Format } from "../findings/format.ts";
import { checkPublishTimes } from "../publication/check-publish-time.ts";
import { checkRules } from "../workflows/check-rules.ts";
import { ISSUE_FORM_FILE } from "../submissions/issue-form.ts";
import { CORRESPONDENT_GUIDE_FILE } from "../columns/column-guide-table.ts";
import type { Portal } from "../workflows/portal.ts";
import type { Article } from "../articles/article.ts";


/** What `check` found in a portal: the model it accepted (or not), the articles it read, the findings sorted and split. */
export interface CheckResult {
  ok: boolean;
  checked: number;
  errors: Finding[];
  warnings: Finding[];
  portal: Portal | undefined;
  articles: Article[];
}

/** The four rule files every check reads, counted in `checked`. */
const RULE_FILES = 4;

/** Sorts and splits findings into the result every formatter prints. */
export function checkResult(portal: Portal | undefined, findings: Finding[], checkedContent: number, articles: Article[]): CheckResult {
  findings.sort(byLocation);
  const errors = findings.filter((f) => f.severity === "error");
  const warnings = findings.filter((f) => f.severity === "warning");
  return { ok: errors.length === 0, checked: RULE_FILES + checkedContent, errors, warnings, portal, articles };
}


/** A result with more findings (e.g. publish-time integrity, which needs the git base). */
export function withFindings(result: CheckResult, more: Finding[]): CheckResult {
  if (!more.length) return result;
  return checkResult(result.portal, [...result.errors, ...result.warnings, ...more], result.checked - RULE_FILES, result.articles);
}

/**
 * `npm run check` on a portal folder: reads the files, runs the pure checks.
 * One thread on purpose: parsing YAML is memory-bound, and on the 2-core
 * reference machine two worker threads each ran at half speed, so sharding
 * made a whole-corpus check slower (3.8 s against 2.1–3.0 s; docs/BENCHMARKS.md).
 *
 * @param scope files to check in depth; the whole corpus when left out.
 */
/** `textRules: false`: the reading of `stale` and `report` (see ContentInput.textRules). */
export function checkPortalFiles(root: string, scope?: readonly string[], now = new Date(), arriving?: ReadonlySet<string>, { textRules = true }: { textRules?: boolean } = {}): CheckResult {
  countCheck();
  const paths = listContentFiles(root);
  const codeownersFolder = notAFile(root, "CODEOWNERS");
  const rules = checkRules({
    workflows: readWorkflowTexts(root),
    codeowners: codeownersFolder ? undefined : readTextIfExists(join(root, "CODEOWNERS")),
    now,
    digestWorkflow: readTextIfExists(join(root, ".github/workflows/digest.yml")),
    issueForm: readTextIfExists(join(root, ISSUE_FORM_FILE)),
    correspondentGuide: readTextIfExists(join(root, CORRESPONDENT_GUIDE_FILE)),
  });
  const { portal } = rules;
  // A folder named CODEOWNERS is reported as that, not also as a missing file.
  const findings = codeownersFolder ? [codeownersFolder, ...rules.findings.filter((f) => f.rule !== "CODEOWNERS.MISSING")] : rules.findings;
  appendAll(findings, contentLinks(root)); // links are never followed: each one is an error
  if (!portal) return checkResult(undefined, findings, 0, []);
  appendAll(findings, siteImageFindings(root, portal));
  if (!scope) appendAll(findings, checkEmptyColumns(portal, paths));
  const content = checkContent(portal, { paths, contents: readFiles(root, scope ?? paths), now, arriving, textRules });
  appendAll(findings, content.findings);
  return checkResult(portal, findings, content.checked, content.articles);
}

/**
 * How many times this process has checked a portal. On globalThis, under a
 * registered symbol, because Astro loads its config, content loader and pages
 * as separate module graphs: each would have its own module-level counter.
 * A test reads it after a build: a build checks the portal once.
 */
const PORTAL_CHECKS = Symbol.for("sanshen.portalChecks");
type WithChecks = typeof globalThis & { [PORTAL_CHECKS]?: number };
const countCheck = () => {
  (globalThis as WithChecks)[PORTAL_CHECKS] = portalChecks() + 1;
};
export const portalChecks = (): number => (globalThis as WithChecks)[PORTAL_CHECKS] ?? 0;

export interface FixedFile {
  file: string;
  fixes: number;
}

/**
 * `check --fix`: writes the safe corrections into the files that have them,
 * each file replaced atomically, and tells `onFixed` about each file as soon
 * as it is written, so an interrupted run still leaves a record of what changed.
 */
export function fixFiles(root: string, result: CheckResult, onFixed: (fixed: FixedFile) => void = () => {}): { files: number; fixes: number; changed: FixedFile[] } {
  const byFile = new Map<string, Finding[]>();
  for (const list of [result.errors, result.warnings]) {
    for (const f of list) {
      if (!f.fix) continue;
      const group = byFile.get(f.file);
      if (group) group.push(f);
      else byFile.set(f.file, [f]);
    }
  }
  let fixes = 0;
  const changed: FixedFile[] = [];
  for (const [file, findings] of byFile) {
    const path = join(root, file);
    const bytes = readFileSync(path);
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const original = bytes.toString("utf8").slice(bom ? 1 : 0);
    // Findings carry offsets in the LF-normalised text; keep the file's own line ends.
    const crlf = original.includes("\r\n");
    const fixed = applyFixes(original.replace(/\r\n?/g, "\n"), findings);
    if (!fixed.applied) continue;
    writeFileAtomic(path, (bom ? "\ufeff" : "") + (crlf ? fixed.text.replace(/\n/g, "\r\n") : fixed.text));
    fixes += fixed.applied;
    const record = { file, fixes: fixed.applied };
    changed.push(record);
    onFixed(record);
  }
  return { files: changed.length, fixes, changed };
}


/** A change to these can break files it did not touch: then every article is checked. */
const affectsEverything = (path: string) => /^(workflows|src|scripts)\/|^package(-lock)?\.json$|^CODEOWNERS$/.test(path);

/** `npm run check`: the job's composition; scripts/check.ts gives it its command line. */
export async function checkJob(args: Args): Promise<number> {
  const root = portalRootOf(args);
  const format = (args.json ? "json" : (args.format ?? "text")) as Format;
  if (!["text", "json", "github"].includes(format)) throw new UsageError("--format 只能是 text、json 或 github");

  // Comparing with a base needs the history: a shallow clone is refused, never guessed around.
  if ((typeof args.base === "string" || typeof args.changed === "string") && (await historyOf(root)).kind === "shallow") {
    console.log(formatReport({ ok: false, checked: 0, errors: [finding(".", "GIT.SHALLOW", SHALLOW_MESSAGE)], warnings: [] }, format, ""));
    return 1;
  }
  const now = nowOf(args);
  let scope: string[] | undefined;
  let arriving: Set<string> | undefined;
  if (typeof args.changed === "string") {
    let changes;
    try {
      changes = await changedFiles(root, args.changed);
    } catch {
      throw new UsageError(`无法与「${args.changed}」比较：请确认这是 git 仓库且该分支或提交存在（例如先 git fetch origin main）`);
    }
    // Check everything when the change can break files it did not touch: the
    // rules or the checker changed, or an article or attachment that others
    // may reference was deleted or moved.
    const everything = args.all || [...changes.present, ...changes.gone].some(affectsEverything) || changes.gone.some((p) => p.startsWith("content/"));
    if (!everything) scope = changes.present.filter((p) => p.startsWith("content/") && existsSync(join(root, p)));
    // Items this change publishes for the first time are judged against their column's update requirement.
    arriving = new Set(changes.added);
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
    return checkPublishTimes(changes, portal?.removals ?? new Set(), portal?.dateCorrections ?? [], now);
  };
  let portal = checkPortalFiles(root, scope, now, arriving);
  let result = withFindings(portal, await publishFindings(portal.portal));
  if (args.fix) {
    // One line per file as it is written: an interrupted run still says what it changed.
    const fixed = fixFiles(root, result, (f) => console.error(`已改正 ${f.file}（${f.fixes} 处）`));
    if (fixed.files) {
      console.error(`已自动改正 ${fixed.fixes} 处（${fixed.files} 个文件），请核对改动后提交。`);
      portal = checkPortalFiles(root, scope, now, arriving);
      result = withFindings(portal, await publishFindings(portal.portal));
    }
  }
  console.log(formatReport(result, format, format === "github" ? await repositoryPrefix(root) : ""));
  return result.ok ? 0 : 1;
}
