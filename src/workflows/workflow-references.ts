import { appendAll, finding, type Finding } from "../findings/finding.ts";
import { isLeaf, type Column } from "../columns/column-tree.ts";
import type { ColumnInput } from "../columns/columns-schema.ts";
import { mayDeliver } from "../columns/responsibility.ts";
import { peopleWithRole } from "../roster/roster.ts";
import { WORKFLOW_FILES, type Portal } from "./portal.ts";
import { WEB_EDITOR_FOLDER } from "./site-schema.ts";
import { CATEGORIES, OPEN_ENTRIES, OPEN_ENTRY_NAMES } from "../columns/columns-schema.ts";
import { REQUIRED_CHAINS, ROLE_OF_LEVEL, stepLevel } from "../review/review-schema.ts";
import type { Role } from "../roster/units-schema.ts";

/**
 * Cross-references between the office's rule files: every referenced unit
 * exists, every leaf column can actually be written and reviewed, every
 * chain names defined levels and every level has someone to sign it.
 */
export function checkWorkflowReferences(portal: Portal): Finding[] {
  const out: Finding[] = [];
  const C = WORKFLOW_FILES.columns;
  const U = WORKFLOW_FILES.units;
  const R = WORKFLOW_FILES.review;
  const colAt = (path: (string | number)[]) => portal.sources.columns.positionOf(path);

  // Columns
  appendAll(out, checkOpenEntries(portal));
  const seen = new Set<string>();
  for (const column of portal.columns) {
    if (seen.has(column.path)) {
      out.push(finding(C, "COLUMNS.DUPLICATE_ID", `栏目 id「${column.id}」在同一级出现了两次：同级栏目的 id（目录名）必须不同`, colAt([...column.yamlPath, "id"])));
    }
    seen.add(column.path);
    if (portal.site.web_editor && column.path === WEB_EDITOR_FOLDER) {
      out.push(finding(C, "COLUMNS.RESERVED_ID", `栏目 id「${column.id}」与网页编辑器的地址 /${WEB_EDITOR_FOLDER}/ 冲突：请给栏目换一个 id（目录名），或在 site.yaml 中去掉 web_editor`, colAt([...column.yamlPath, "id"])));
    }
    appendAll(out, checkResponsibility(portal, column));
    if (!isLeaf(column)) {
      const written = writtenColumn(portal, column);
      for (const field of ["units", "lead", "support", "kind", "url", "feed", "timeliness", "support_timeliness"] as const) {
        const raw = portal.sources.columns.positionOf([...column.yamlPath, field], "key");
        if (field !== "kind" && written[field] !== undefined) {
          out.push(finding(C, "COLUMNS.PARENT_FIELD", `栏目「${column.name}」有下级栏目，不直接发布文章：请把 ${field} 写到下级栏目上`, raw));
        }
      }
      continue;
    }
    if (column.kind === "link") {
      if (!column.url) out.push(finding(C, "COLUMNS.LINK_URL", `链接栏目「${column.name}」缺少 url：请写明要链接到的网址`, colAt(column.yamlPath)));
      continue;
    }
    if (column.feed) {
      out.push(finding(C, "COLUMNS.LINK_FEED", `栏目「${column.name}」写了 feed 但类型不是 link：feed 只用于链接栏目，显示被链接网站的最新信息；本栏目的文章请用 crawl 抓取`, colAt([...column.yamlPath, "feed"])));
    }
    if (column.url) {
      out.push(finding(C, "COLUMNS.LINK_URL", `栏目「${column.name}」写了 url 但类型不是 link：链接栏目请写 kind: link，否则删除 url`, colAt([...column.yamlPath, "url"])));
    }
    if (column.chain && !Object.hasOwn(portal.review.chains, column.chain)) {
      out.push(finding(C, "COLUMNS.UNKNOWN_CHAIN", `栏目「${column.name}」的 chain「${column.chain}」不是 review.yaml 中定义的审核链`, colAt([...column.yamlPath, "chain"])));
    }
    column.crawl.forEach((source, i) => {
      if (!mayDeliver(column, source.unit)) {
        out.push(finding(C, "COLUMNS.CRAWL_UNIT", `栏目「${column.name}」的抓取来源 ${source.url} 记在单位「${source.unit}」名下，但该单位不是本栏目的责任单位：请改为责任单位之一（${column.units.join("、")}）`, colAt([...column.yamlPath, "crawl", i, "unit"])));
      }
    });
    if (column.units.length === 0) {
      out.push(finding(C, "COLUMNS.NO_UNIT", `栏目「${column.name}」没有责任单位：每个栏目都要有负责内容保障的单位（units，或牵头单位 lead）`, colAt(column.yamlPath)));
      continue;
    }
    // The lead answers for the column's timeliness, so it must itself be able to deliver;
    // units of equal standing answer together, so one staffed unit among them is enough.
    const answering = column.lead ? [column.lead] : column.units;
    const known = answering.map((id) => portal.unitById.get(id)).filter((u) => u !== undefined);
    if (known.length === 0) continue;
    const who = column.lead ? `的牵头单位「${known[0]!.name}」` : "的责任单位";
    const where = colAt([...column.yamlPath, column.lead ? "lead" : "units"]);
    const staffed = (role: Role) => peopleWithRole(known, role).length > 0;
    if (!staffed("correspondent")) {
      out.push(finding(C, "COLUMNS.NO_CORRESPONDENT", `栏目「${column.name}」${who}没有一名未锁定的通讯员：请在 units.yaml 为${column.lead ? "该单位" : "其中一个单位"}添加通讯员（correspondent）`, where));
    }
    if (!staffed("reviewer")) {
      out.push(finding(C, "COLUMNS.NO_REVIEWER", `栏目「${column.name}」${who}没有一名未锁定的审核人：请在 units.yaml 为${column.lead ? "该单位" : "其中一个单位"}添加审核人（reviewer）`, where));
    }
  }

  // Units
  const unitIds = new Set<string>();
  const logins = new Map<string, string>();
  portal.units.forEach((unit, ui) => {
    if (unitIds.has(unit.id)) {
      out.push(finding(U, "UNITS.DUPLICATE_ID", `单位 id「${unit.id}」出现了两次：每个单位的 id 必须不同`, portal.sources.units.positionOf(["units", ui, "id"])));
    }
    unitIds.add(unit.id);
    unit.people.forEach((person, pi) => {
      const key = person.login.toLowerCase(); // GitHub logins are case-insensitive
      const other = logins.get(key);
      if (other) {
        out.push(
          finding(U, "UNITS.DUPLICATE_LOGIN", `账号 ${person.login} 已在单位「${other}」登记：一人一号，同一账号只能登记一次，身兼数职请在同一条目下列出多个角色`, portal.sources.units.positionOf(["units", ui, "people", pi, "login"])),
        );
      }
      logins.set(key, unit.name);
      person.leads?.forEach((id, li) => {
        const at = portal.sources.units.positionOf(["units", ui, "people", pi, "leads", li]);
        if (!portal.unitById.has(id)) out.push(finding(U, "UNITS.UNKNOWN_UNIT", `${person.name}（${person.login}）分管的单位「${id}」不在 units.yaml 中`, at));
      });
      if (person.leads && !person.roles.includes("leader")) {
        out.push(finding(U, "UNITS.LEADS_NOT_LEADER", `${person.name}（${person.login}）写了 leads（分管单位）但没有 leader 角色：分管领导请加上 leader 角色`, portal.sources.units.positionOf(["units", ui, "people", pi, "leads"], "key"), "warning"));
      }
    });
  });

  // Review chains
  const levels = portal.review.levels;
  for (const chain of REQUIRED_CHAINS) {
    if (!Object.hasOwn(portal.review.chains, chain)) {
      out.push(finding(R, "REVIEW.MISSING_CHAIN", `缺少审核链 ${chain}：review.yaml 必须定义 reprint（转载）、submitted（报送）、produced（制发）、removal（撤稿）、code（技术变更）五条审核链`, portal.sources.review.positionOf(["chains"], "key")));
    }
  }
  for (const [name, steps] of Object.entries(portal.review.chains)) {
    const used = new Set<string>();
    steps.forEach((step, i) => {
      const level = stepLevel(step);
      if (!Object.hasOwn(levels, level)) {
        out.push(finding(R, "REVIEW.UNKNOWN_LEVEL", `审核链 ${name} 用到了未定义的级别「${level}」：请在 levels 中定义它，或改正拼写`, portal.sources.review.positionOf(["chains", name, i])));
      }
      if (used.has(level)) {
        out.push(finding(R, "REVIEW.REPEATED_LEVEL", `审核链 ${name} 中级别「${level}」出现了两次：同一链中每一级只出现一次`, portal.sources.review.positionOf(["chains", name, i])));
      }
      used.add(level);
    });
  }
  const esc = portal.review.escalate;
  if (esc.emergency && !Object.hasOwn(portal.review.chains, esc.emergency)) {
    out.push(finding(R, "REVIEW.UNKNOWN_CHAIN", `escalate.emergency 指向未定义的审核链「${esc.emergency}」`, portal.sources.review.positionOf(["escalate", "emergency"])));
  }
  for (const key of ["warn_word", "pii_exempt"] as const) {
    esc[key].forEach((level, i) => {
      if (!Object.hasOwn(levels, level)) {
        out.push(finding(R, "REVIEW.UNKNOWN_LEVEL", `escalate.${key} 用到了未定义的级别「${level}」`, portal.sources.review.positionOf(["escalate", key, i])));
      }
    });
  }
  for (const [id, level] of Object.entries(levels)) {
    const role = ROLE_OF_LEVEL[level.by];
    level.units?.forEach((unitId, i) => {
      if (!portal.unitById.has(unitId)) {
        out.push(finding(R, "REVIEW.UNKNOWN_UNIT", `审核级别「${level.name}」(${id}) 限定的单位「${unitId}」不在 units.yaml 中`, portal.sources.review.positionOf(["levels", id, "units", i])));
      }
    });
    if (level.units && !role) {
      out.push(finding(R, "REVIEW.LEVEL_UNITS", `审核级别「${level.name}」(${id}) 按栏目责任单位确定审核人（${level.by}），不能再用 units 限定单位：请删除 units`, portal.sources.review.positionOf(["levels", id, "units"], "key")));
    }
    const pool = level.units ? level.units.map((u) => portal.unitById.get(u)).filter((u) => u !== undefined) : portal.units;
    if (role && peopleWithRole(pool, role).length === 0) {
      out.push(finding(R, "REVIEW.NO_SIGNER", `审核级别「${level.name}」(${id}) 没有可签批的人：units.yaml 中${level.units ? `单位 ${level.units.join("、")} ` : ""}没有未锁定的 ${role} 角色，所有经过这一级的稿件都无法通过`, portal.sources.review.positionOf(["levels", id])));
    }
  }
  appendAll(out, checkUnitLeaders(portal));

  // Site
  portal.site.channels.forEach((channel, i) => {
    if (!portal.unitById.has(channel.unit)) {
      out.push(finding(WORKFLOW_FILES.site, "SITE.UNKNOWN_UNIT", `新媒体账号「${channel.name}」的主办单位「${channel.unit}」不在 units.yaml 中`, portal.sources.site.positionOf(["channels", i, "unit"])));
    }
  });
  portal.site.mdx_folders.forEach((folder, i) => {
    const path = folder.replace(/^content\//, "").replace(/\/$/, "");
    if (!portal.columnByPath.has(path)) {
      out.push(finding(WORKFLOW_FILES.site, "SITE.MDX_FOLDER", `mdx_folders 中的「${folder}」不是栏目目录：请写 content/<栏目路径>`, portal.sources.site.positionOf(["mdx_folders", i]), "warning"));
    }
  });
  return out;
}

/** The column's entry in columns.yaml as written (it passed the schema), for the lists before flattening merged them. */
/**
 * The 政务公开 entries the national guideline orders (OPEN_ENTRIES): each
 * named by one column (`open:`); a missing one is a warning naming it, a
 * second column claiming one an error at its line.
 */
function checkOpenEntries(portal: Portal): Finding[] {
  const out: Finding[] = [];
  const C = WORKFLOW_FILES.columns;
  const first = new Map<string, Column>();
  for (const column of portal.columns) {
    if (!column.open) continue;
    const before = first.get(column.open);
    if (before) out.push(finding(C, "COLUMNS.OPEN_TWICE", `栏目「${column.name}」和「${before.name}」都标为「${OPEN_ENTRY_NAMES[column.open]}」（open: ${column.open}）：每项政务公开内容只由一个栏目承担，请删去其中一个的 open`, portal.sources.columns.positionOf([...column.yamlPath, "open"])));
    else first.set(column.open, column);
  }
  const missing = OPEN_ENTRIES.filter((e) => !first.has(e));
  if (missing.length) {
    out.push(finding(C, "COLUMNS.OPEN_MISSING", `栏目表没有标明${missing.map((e) => `「${OPEN_ENTRY_NAMES[e]}」`).join("")}栏目：《政府网站发展指引》要求政务公开设信息公开指南、信息公开制度、法定主动公开内容、信息公开年报、依申请公开。请在承担这些内容的栏目上写 open: ${missing.join("、")}，没有的请新增栏目`, { line: 1, column: 1 }, "warning"));
  }
  return out;
}

function writtenColumn(portal: Portal, column: Column): ColumnInput {
  return column.yamlPath.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], portal.sources.columns.data) as ColumnInput;
}

/**
 * The responsible units as written: units of equal standing, or one lead
 * with its supporters, never both; each unit once and known to units.yaml.
 */
function checkResponsibility(portal: Portal, column: Column): Finding[] {
  const out: Finding[] = [];
  const C = WORKFLOW_FILES.columns;
  const at = (...path: (string | number)[]) => portal.sources.columns.positionOf([...column.yamlPath, ...path]);
  const written = writtenColumn(portal, column);
  if (written.lead !== undefined && written.units !== undefined) {
    out.push(
      finding(C, "COLUMNS.LEAD_AND_UNITS", `栏目「${column.name}」同时写了 units（并列的责任单位）和 lead（牵头单位）：几个单位并列负责时只写 units；一个单位牵头、其他单位配合时写 lead 和 support，请把 units 中的单位移到 support`, portal.sources.columns.positionOf([...column.yamlPath, "lead"], "key")),
    );
  }
  if (written.lead === undefined && written.support !== undefined) {
    out.push(finding(C, "COLUMNS.SUPPORT_WITHOUT_LEAD", `栏目「${column.name}」写了 support（配合单位）但没有 lead（牵头单位）：配合单位要有牵头单位，请写明 lead；几个单位并列负责时都写在 units 中`, portal.sources.columns.positionOf([...column.yamlPath, "support"], "key")));
  }
  if (written.support_timeliness !== undefined && !written.support?.length) {
    out.push(finding(C, "COLUMNS.SUPPORT_TIMELINESS", `栏目「${column.name}」写了 support_timeliness（配合单位提供时限）但没有配合单位：请写明 support，或删除 support_timeliness`, portal.sources.columns.positionOf([...column.yamlPath, "support_timeliness"], "key")));
  }
  const entries: { unit: string; path: (string | number)[]; as: string }[] = [
    ...(written.lead !== undefined ? [{ unit: written.lead, path: ["lead"], as: "牵头单位" }] : []),
    ...(written.units ?? []).map((unit, i) => ({ unit, path: ["units", i], as: "责任单位" })),
    ...(written.support ?? []).map((unit, i) => ({ unit, path: ["support", i], as: "配合单位" })),
  ];
  entries.forEach(({ unit, path, as }, i) => {
    const first = entries.findIndex((e) => e.unit === unit);
    if (first !== i) {
      const before = entries[first]!.as;
      const message =
        before === as
          ? `栏目「${column.name}」的${as}「${unit}」写了两次：请删去重复的一个`
          : before === "牵头单位"
            ? `栏目「${column.name}」的牵头单位「${unit}」又写在了${as}中：牵头单位本身就能报送，请从 ${path[0]} 中删去`
            : `栏目「${column.name}」的单位「${unit}」既是${before}又是${as}：每个单位只写一处，请删去一个`;
      out.push(finding(C, "COLUMNS.DUPLICATE_UNIT", message, at(...path)));
    }
    if (!portal.unitById.has(unit)) {
      out.push(finding(C, "COLUMNS.UNKNOWN_UNIT", `栏目「${column.name}」的${as}「${unit}」不在 units.yaml 中：请先在 units.yaml 添加该单位，或改正单位 id`, at(...path)));
    }
  });
  return out;
}

/**
 * Where a chain needs the leader in charge of the column's unit (by:
 * unit-leaders), every unit that can submit there must have one, unlocked.
 */
function checkUnitLeaders(portal: Portal): Finding[] {
  const { levels, chains, escalate } = portal.review;
  const leaderLevels = new Set(Object.entries(levels).filter(([, l]) => l.by === "unit-leaders").map(([id]) => id));
  if (!leaderLevels.size) return [];
  /** The unit-leaders levels an item of this column can meet, through any chain or escalation. */
  const levelsNeeded = (column: Column) => {
    const chainIds = column.chain ? [column.chain] : (column.categories ?? CATEGORIES);
    const used = [...chainIds, escalate.emergency, "removal"].flatMap((c) => (c && Object.hasOwn(chains, c) ? chains[c]!.map(stepLevel) : []));
    appendAll(appendAll(used, escalate.warn_word), escalate.pii_exempt);
    return [...new Set(used.filter((l) => leaderLevels.has(l)))];
  };
  const led = new Set(peopleWithRole(portal.units, "leader").flatMap(({ person }) => person.leads ?? []));
  const missing = new Map<string, { columns: string[]; levels: Set<string> }>();
  for (const column of portal.columns) {
    if (!isLeaf(column) || column.kind === "link") continue;
    const needed = levelsNeeded(column);
    if (!needed.length) continue;
    for (const unit of column.units) {
      if (led.has(unit) || !portal.unitById.has(unit)) continue;
      const entry = missing.get(unit) ?? { columns: [], levels: new Set<string>() };
      entry.columns.push(column.name);
      needed.forEach((l) => entry.levels.add(l));
      missing.set(unit, entry);
    }
  }
  return [...missing].map(([unit, { columns, levels: ids }]) => {
    const names = [...ids].map((id) => `「${levels[id]!.name}」`).join("、");
    return finding(
      WORKFLOW_FILES.review,
      "REVIEW.NO_UNIT_LEADER",
      `单位「${portal.unitById.get(unit)!.name}」没有分管领导，它在栏目 ${columns.slice(0, 3).join("、")}${columns.length > 3 ? " 等" : ""} 的稿件过不了${names}：请在 units.yaml 给一位未锁定的 leader 加上 leads: [${unit}]`,
      portal.sources.review.positionOf(["levels", [...ids][0]!]),
    );
  });
}
