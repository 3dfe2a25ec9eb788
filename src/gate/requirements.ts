import { frontmatterData } from "../articles/frontmatter.ts";
import { ARTICLE_EXTENSIONS, extensionOf, locate } from "../articles/location.ts";
import { isActive, type Portal } from "../portal/portal.ts";
import type { Category } from "../schemas/columns.ts";
import type { ChainStep } from "../schemas/review.ts";
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

const RANK: Record<string, number> = { reprint: 1, submitted: 2, produced: 3 };

export function requirementsOf(portal: Portal, pr: Snapshot): { needs: ChainNeed[]; info: GateInfo; problems: string[] } {
  const problems: string[] = [];
  const info: GateInfo = { units: [], titles: [], columns: [], categories: [], sources: [], formats: [], special: [] };
  const { review } = portal;
  let content: { chain: string; rank: number; because: string[] } | undefined;
  const units = new Set<string>();
  /** Without an article, any one of the column's units may sign its level. */
  const anyOfUnits = new Set<string>();
  const extraLevels = new Set<string>();
  const removals: string[] = [];
  const code: string[] = [];
  /** Images and attachments changed without their article: reviewed as the column's items. */
  const looseAssets: { path: string; column: string; units: string[]; chain: string }[] = [];
  const articleDirs = new Set(pr.files.filter((f) => /\.mdx?$/.test(f.path)).map((f) => f.path.slice(0, f.path.lastIndexOf("/"))));

  for (const file of pr.files) {
    if (!file.path.startsWith("content/")) {
      code.push(file.path);
      continue;
    }
    const isArticle = (ARTICLE_EXTENSIONS as readonly string[]).includes(extensionOf(file.path));
    if (!isArticle) {
      info.formats.push(extensionOf(file.path).slice(1).toUpperCase());
      const dir = file.path.slice(0, file.path.lastIndexOf("/"));
      if (articleDirs.has(dir) || articleDirs.has(dir.slice(0, dir.lastIndexOf("/")))) continue; // travels with its article
      const where = locate(file.path, portal);
      if (!where.ok) {
        problems.push(`${file.path}：不在任何栏目中，请先让 check 通过`);
        continue;
      }
      // Replacing a published photo or attachment changes what readers see: it is reviewed too.
      looseAssets.push({ path: file.path, column: where.column.name, units: where.column.units, chain: where.column.chain ?? "submitted" });
      continue;
    }
    const base = file.base ? frontmatterData(file.base) : undefined;
    const head = file.head ? frontmatterData(file.head) : undefined;
    if (file.status === "removed" || (head?.withdrawn && !base?.withdrawn)) {
      removals.push(file.path);
      continue;
    }
    const where = locate(file.path, portal);
    if (!where.ok || !head) {
      problems.push(`${file.path}：无法确定栏目或信息头，请先让 check 通过`);
      continue;
    }
    const category = (["reprint", "submitted", "produced"] as const).find((c) => c === head.category || CATEGORY_WORDS[c].includes(String(head.category)));
    if (!category) {
      problems.push(`${file.path}：信息类别（category）不明`);
      continue;
    }
    let chain = where.column.chain ?? category;
    if (head.emergency === true && review.escalate.emergency) chain = review.escalate.emergency;
    const rank = chain === category ? RANK[category]! : chain === review.escalate.emergency ? 4 : RANK[category]!;
    if (!content || rank > content.rank) content = { chain, rank, because: [file.path] };
    else if (chain === content.chain) content.because.push(file.path);
    // The gate picks reviewers by the article's unit: a unit not responsible for the column is refused here too.
    if (typeof head.unit !== "string" || !where.column.units.includes(head.unit)) {
      problems.push(`${file.path}：报送单位「${String(head.unit)}」不是栏目「${where.column.name}」的责任单位，请先让 check 通过`);
      continue;
    }
    units.add(head.unit);
    if (typeof head.piiExemption === "string") review.escalate.pii_exempt.forEach((l) => extraLevels.add(l));
    if (file.head && portal.words.scanner.scan(file.head).some((h) => h.entry.level === "warn")) review.escalate.warn_word.forEach((l) => extraLevels.add(l));
    info.titles.push(String(head.title ?? file.path));
    info.columns.push(where.column.name);
    info.categories.push(category);
    if (category === "reprint" && head.source) info.sources.push(`${String(head.source)}${head.sourceUrl ? `（${String(head.sourceUrl)}）` : ""}`);
    if (head.pinned === true) info.special.push("首页置顶");
    if (where.column.kind === "topic") info.special.push("专题专栏");
    info.formats.push(String(file.head).includes("![") ? "图文" : "文字");
  }
  info.units = [...units].map((u) => portal.unitById.get(u)?.name ?? u);

  if (looseAssets.length) {
    const chain = looseAssets[0]!.chain;
    const rank = RANK[chain] ?? 2;
    if (!content || rank > content.rank) content = { chain, rank, because: looseAssets.map((a) => a.path) };
    else content.because.push(...looseAssets.map((a) => a.path));
    if (!units.size) looseAssets.flatMap((a) => a.units).forEach((u) => anyOfUnits.add(u));
    info.columns.push(...looseAssets.map((a) => a.column));
  }

  const needs: ChainNeed[] = [];
  if (content) {
    const steps = review.chains[content.chain] ?? [];
    const have = new Set(steps.map(stepLevel));
    const all = [...steps, ...[...extraLevels].filter((l) => !have.has(l))];
    needs.push({ chain: content.chain, because: content.because, steps: all.flatMap((s) => (units.size ? expand(portal, s, [...units], pr.author) : anyOf(expand(portal, s, [...anyOfUnits], pr.author)))) });
  }
  if (removals.length) needs.push({ chain: "removal", because: removals, steps: (review.chains.removal ?? []).flatMap((s) => expand(portal, s, [...units], pr.author)) });
  if (code.length) needs.push({ chain: "code", because: code, steps: (review.chains.code ?? []).flatMap((s) => expand(portal, s, [], pr.author)) });
  return { needs, info: { ...info, formats: [...new Set(info.formats)], special: [...new Set(info.special)] }, problems };
}

const CATEGORY_WORDS: Record<Category, string[]> = { reprint: ["转载", "转载类"], submitted: ["报送", "报送类"], produced: ["制发", "制发类"] };

const stepLevel = (s: ChainStep) => (typeof s === "string" ? s : s.level);

/** One chain step → one requirement, or one per unit for the unit-based levels (each unit must approve). */
function expand(portal: Portal, step: ChainStep, units: string[], author: string): Requirement[] {
  const id = stepLevel(step);
  const level = portal.review.levels[id];
  if (!level) return [];
  const name = typeof step === "string" ? level.name : step.name;
  const paper = level.paper === true;
  const people = (role: string, only?: string[]) =>
    portal.units.filter((u) => !only || only.includes(u.id)).flatMap((u) => u.people.filter((p) => p.roles.includes(role as never) && isActive(p)).map((p) => p.login));
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
        eligible: portal.units.flatMap((x) => x.people.filter((p) => p.roles.includes("leader") && isActive(p) && p.leads?.includes(u)).map((p) => p.login)),
        paper,
        byAuthor: false,
      }));
    default: {
      const role = { office: "office", leaders: "leader", chiefs: "chief", admins: "admin" }[level.by]!;
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
