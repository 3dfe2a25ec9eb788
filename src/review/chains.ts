import { readArticle, type ArticleReading } from "../articles/read-article.ts";
import { ARTICLE_EXTENSIONS, extensionOf, locate } from "../articles/location.ts";
import { loginsWithRole, peopleWithRole } from "../roster/roster.ts";
import type { Role } from "../roster/units-schema.ts";
import type { Portal } from "../workflows/portal.ts";
import type { Category } from "../columns/columns-schema.ts";
import { mayDeliver } from "../columns/responsibility.ts";
import { ROLE_OF_LEVEL, stepLevel, type ChainStep } from "./review-schema.ts";
import { problem, type GateProblem } from "./gate-problem.ts";
import type { Snapshot } from "./snapshot.ts";

/**
 * What a pull request must pass: its chains and, for each step, who may sign.
 * Pure: the policy (from the base branch) and the PR snapshot in.
 */
export interface Requirement {
  level: string;
  /** The step's name in this chain (初审, 复审（办公室）…). */
  name: string;
  /** Logins that may sign this step (the PR author is removed later). */
  eligible: string[];
  paper: boolean;
  /** The step the submission itself signs (by: author-of-unit, seed 002's 承办人初审). */
  byAuthor: boolean;
}

export interface ChainNeed {
  /** reprint | submitted | produced | removal | code | a column chain. */
  chain: string;
  /** Why: the articles or files that brought this chain in. */
  because: string[];
  steps: Requirement[];
}

export interface GateInfo {
  /** Facts for the 审批单. */
  units: string[];
  titles: string[];
  columns: string[];
  categories: Category[];
  sources: string[];
  formats: string[];
  special: string[];
}

const RANK = new Map<string, number>([["reprint", 1], ["submitted", 2], ["produced", 3]]);
/** Own keys only: a chain or level named `constructor` or `toString` is not Object.prototype's. */
const own = <T>(record: Record<string, T>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);

export function requirementsOf(portal: Portal, pr: Snapshot): { needs: ChainNeed[]; info: GateInfo; problems: GateProblem[] } {
  const problems: GateProblem[] = [];
  const info: GateInfo = { units: [], titles: [], columns: [], categories: [], sources: [], formats: [], special: [] };
  const { review } = portal;
  /** Every content chain the PR's articles call for: all are required, none displaces another. */
  const contentChains = new Map<string, string[]>();
  const need = (chain: string, path: string) => contentChains.set(chain, [...(contentChains.get(chain) ?? []), path]);
  const units = new Set<string>();
  /** Images and attachments changed without their article: any one of their column's units signs. */
  const assetGroups = new Map<string, string[]>();
  const extraLevels = new Set<string>();
  const removals: string[] = [];
  const code: string[] = [];
  // Each article of the PR read once, as check reads it: its head, and its base where the gate compares.
  const isArticle = (f: Snapshot["files"][number]) => (ARTICLE_EXTENSIONS as readonly string[]).includes(extensionOf(f.path));
  const readings = new Map(
    pr.files.filter(isArticle).map((f) => [f, { head: f.head ? readArticle(f.path, f.head, portal) : undefined, base: f.base ? readArticle(f.previous_path ?? f.path, f.base, portal) : undefined }]),
  );
  /** A modified article whose only change is its withdrawal record: the fast removal chain alone. */
  const withdrawalOnly = (f: Snapshot["files"][number]) => {
    const { head, base } = readings.get(f) ?? {};
    return f.status === "modified" && Boolean(head?.fields?.withdrawn) && !base?.fields?.withdrawn && sameApartFromWithdrawn(base, head);
  };
  // An image or attachment travels with an article of the PR only when that article names it and is
  // reviewed as content: a withdrawal alone (the fast removal chain) carries nothing with it.
  const reviewedArticles = pr.files.filter((f) => isArticle(f) && f.status !== "removed" && !withdrawalOnly(f));
  const carriedBy = (asset: string) => {
    const name = asset.slice(asset.lastIndexOf("/") + 1);
    const dir = asset.slice(0, asset.lastIndexOf("/"));
    return reviewedArticles.find((a) => {
      const articleDir = a.path.slice(0, a.path.lastIndexOf("/"));
      return (dir === articleDir || dir.startsWith(`${articleDir}/`)) && [a.head, a.base].some((t) => t?.includes(name));
    });
  };
  /** For a published file whose article is not in the PR: the strictest chain an item of its column can take. */
  const strictestFor = (column: { chain?: string | undefined; categories?: readonly Category[] | undefined }) =>
    column.chain ?? [...(column.categories ?? ["reprint", "submitted", "produced"])].sort((a, b) => RANK.get(b)! - RANK.get(a)!)[0]!;

  /** The chain an article's frontmatter calls for in a column: its own chain, the category's, or the emergency one. */
  const chainOf = (reading: ArticleReading | undefined, columnChain: string | undefined): { chain: string; category: Category } | undefined => {
    const category = reading?.category;
    if (!category) return undefined;
    const chain = reading.fields?.emergency === true && review.escalate.emergency ? review.escalate.emergency : (columnChain ?? category);
    return { chain, category };
  };

  for (const file of pr.files) {
    if (!file.path.startsWith("content/")) {
      code.push(file.path);
      continue;
    }
    if (!isArticle(file)) {
      info.formats.push(extensionOf(file.path).slice(1).toUpperCase());
      if (carriedBy(file.path)) continue; // reviewed with the article that names it
      const where = locate(file.path, portal);
      if (!where.ok) {
        problems.push(problem("GATE.OUTSIDE_COLUMNS", `${file.path}：不在任何栏目中，请先让 check 通过`, file.path));
        continue;
      }
      // Replacing or deleting a published photo or attachment changes what readers see. Its article is
      // not in the PR, so the gate cannot tell its category: the strictest chain of the column is required.
      // A new file is published only once a reviewed article links it.
      need(file.status === "added" ? (where.column.chain ?? "submitted") : strictestFor(where.column), file.path);
      if (file.status !== "added") info.special.push("单独替换或删除已发布的图片、附件（按本栏目最严格的审核链；与引用它的文章一起修改时随文章审核）");
      assetGroups.set(where.column.path, where.column.units);
      info.columns.push(where.column.name);
      continue;
    }
    const { head: headReading, base: baseReading } = readings.get(file)!;
    const base = baseReading?.fields;
    const head = headReading?.fields;
    if (file.status === "removed") {
      removals.push(file.path);
      continue;
    }
    const withdrawing = Boolean(head?.withdrawn) && !base?.withdrawn;
    if (withdrawing) {
      removals.push(file.path);
      // Withdrawal alone takes the fast removal chain; anything else changed with it is reviewed as content.
      if (withdrawalOnly(file)) continue;
    }
    const where = locate(file.path, portal);
    if (!where.ok || !head) {
      problems.push(problem("GATE.UNREADABLE", `${file.path}：无法确定栏目或信息头，请先让 check 通过`, file.path));
      continue;
    }
    const now = chainOf(headReading, where.column.chain);
    if (!now) {
      problems.push(problem("GATE.CATEGORY_UNKNOWN", `${file.path}：信息类别（category）不明`, file.path));
      continue;
    }
    // The gate picks reviewers by the article's unit: a unit not responsible for the column is refused here too.
    if (typeof head.unit !== "string" || !mayDeliver(where.column, head.unit)) {
      problems.push(problem("GATE.UNIT_NOT_RESPONSIBLE", `${file.path}：报送单位「${String(head.unit)}」不是栏目「${where.column.name}」的责任单位，请先让 check 通过`, file.path));
      continue;
    }
    need(now.chain, file.path);
    // An edit cannot choose an easier chain: what the published version called for is required too.
    if (base) {
      const before = locate(file.previous_path ?? file.path, portal);
      const was = chainOf(baseReading, before.ok ? before.column.chain : where.column.chain);
      if (was && was.chain !== now.chain) need(was.chain, file.path);
    }
    units.add(head.unit);
    // Moving an article to another unit needs the owning unit's 初审 as well: a unit cannot take over another's article alone.
    if (base && typeof base.unit === "string" && base.unit !== head.unit && portal.unitById.has(base.unit)) units.add(base.unit);
    // Escalation follows check's findings on the head text: a warn-level word where people read it, a declared 公示 of personal data.
    const checkSays = (rule: string) => headReading?.findings.some((f) => f.rule === rule) === true;
    if (checkSays("PII.EXEMPT")) review.escalate.pii_exempt.forEach((l) => extraLevels.add(l));
    if (checkSays("WORDS.WARN")) review.escalate.warn_word.forEach((l) => extraLevels.add(l));
    info.titles.push(String(head.title ?? file.path));
    info.columns.push(where.column.name);
    info.categories.push(now.category);
    if (now.category === "reprint" && head.source) info.sources.push(`${String(head.source)}${head.sourceUrl ? `（${String(head.sourceUrl)}）` : ""}`);
    if (head.pinned === true) info.special.push("首页置顶");
    if (where.column.kind === "topic") info.special.push("专题专栏");
    info.formats.push(String(file.head).includes("![") ? "图文" : "文字");
  }
  info.units = [...units].map((u) => portal.unitById.get(u)?.name ?? u);
  info.columns = [...new Set(info.columns)];

  // Unit-based steps: one per submitting unit, plus one per column whose images or attachments changed alone.
  const groups = [...assetGroups.values()].filter((g) => !g.some((u) => units.has(u)));
  const expandAll = (s: ChainStep) => [...expand(portal, s, [...units], pr.author), ...groups.flatMap((g) => anyOf(expand(portal, s, g, pr.author)))];

  // The category chains nest (reprint < submitted < produced < emergency): only the strictest is
  // needed. A column's own chain is not ranked against them and is required as well.
  const rankOf = (c: string) => (c === review.escalate.emergency ? 4 : RANK.get(c));
  const ranked = [...contentChains.keys()].filter((c) => rankOf(c) !== undefined).sort((a, b) => rankOf(b)! - rankOf(a)!);
  for (const weaker of ranked.slice(1)) {
    contentChains.set(ranked[0]!, [...contentChains.get(ranked[0]!)!, ...contentChains.get(weaker)!]);
    contentChains.delete(weaker);
  }

  const needs: ChainNeed[] = [];
  for (const [chain, because] of contentChains) {
    const steps = own(review.chains, chain);
    if (!steps) {
      problems.push(problem("GATE.UNKNOWN_CHAIN", `${because[0]}：审核链「${chain}」没有在 review.yaml 中定义，请网站主管部门改正 columns.yaml 中栏目的 chain，或在 review.yaml 中定义这条审核链`, because[0]));
      continue;
    }
    const have = new Set(steps.map(stepLevel));
    const all = [...steps, ...[...extraLevels].filter((l) => !have.has(l))];
    needs.push({ chain, because: [...new Set(because)], steps: dedupe(all.flatMap(expandAll)) });
  }
  if (removals.length) needs.push({ chain: "removal", because: removals, steps: (own(review.chains, "removal") ?? []).flatMap(expandAll) });
  if (code.length) needs.push({ chain: "code", because: code, steps: (own(review.chains, "code") ?? []).flatMap((s) => expand(portal, s, [], pr.author)) });
  return { needs, info: { ...info, formats: [...new Set(info.formats)], special: [...new Set(info.special)] }, problems };
}

/** Steps that repeat (the same level for the same people) count once. */
function dedupe(steps: Requirement[]): Requirement[] {
  const seen = new Set<string>();
  return steps.filter((s) => {
    const key = `${s.level}|${s.name}|${s.eligible.join(",")}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether head is base with only a `withdrawn` record added (frontmatter otherwise equal, body unchanged). */
function sameApartFromWithdrawn(base: ArticleReading | undefined, head: ArticleReading | undefined): boolean {
  if (!base?.fields || !head?.fields) return false;
  const { withdrawn: _w, ...rest } = head.fields;
  const canon = (o: Record<string, unknown>) => JSON.stringify(Object.keys(o).sort().map((k) => [k, o[k]]));
  return canon(base.fields) === canon(rest) && base.body.trim() === head.body.trim();
}



/** One chain step → one requirement, or one per unit for the unit-based levels (each unit must approve). */
function expand(portal: Portal, step: ChainStep, units: string[], author: string): Requirement[] {
  const id = stepLevel(step);
  const level = own(portal.review.levels, id);
  if (!level) return [];
  const name = typeof step === "string" ? level.name : step.name;
  const paper = level.paper === true;
  const people = (role: Role, only?: string[]) => loginsWithRole(portal.units, role, only);
  const unitName = (u: string) => portal.unitById.get(u)?.name ?? u;
  switch (level.by) {
    case "author-of-unit":
      return units.map((u) => ({ level: id, name: units.length > 1 ? `${name}（${unitName(u)}）` : name, eligible: people("correspondent", [u]).filter((l) => l === author), paper, byAuthor: true }));
    case "unit-reviewers":
      return units.map((u) => ({ level: id, name: units.length > 1 ? `${name}（${unitName(u)}）` : name, eligible: people("reviewer", [u]), paper, byAuthor: false }));
    case "unit-leaders":
      return units.map((u) => ({
        level: id,
        name: units.length > 1 ? `${name}（${unitName(u)}）` : name,
        eligible: peopleWithRole(portal.units, "leader").filter(({ person }) => person.leads?.includes(u)).map(({ person }) => person.login),
        paper,
        byAuthor: false,
      }));
    default: {
      const role = ROLE_OF_LEVEL[level.by]!;
      return [{ level: id, name, eligible: people(role, level.units), paper, byAuthor: false }];
    }
  }
}

/** Per-unit steps of one level merged into one that any of those units may sign. */
function anyOf(steps: Requirement[]): Requirement[] {
  if (steps.length <= 1) return steps;
  const [first] = steps;
  return [{ ...first!, name: first!.name.replace(/（.*）$/, ""), eligible: [...new Set(steps.flatMap((s) => s.eligible))] }];
}
