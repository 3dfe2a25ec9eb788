import { isLeaf, type Column } from "../columns/column-tree.ts";
import type { Portal } from "../workflows/portal.ts";
import { GUIDE_ELEMENTS } from "../articles/article-schema.ts";

/**
 * A deterministic corpus of realistic Chinese articles spread over a
 * portal's columns, for `npm run bench`. Pure: the same seed gives the same
 * files.
 */
const SENTENCES = [
  "会议传达学习了中共中央、国务院关于进一步加强政务公开工作的重要部署。",
  "与会人员围绕优化营商环境、推动高质量发展等议题进行了深入协商讨论。",
  "市政协主席在讲话中强调，要坚持团结和民主两大主题，切实提高履职能力和水平。",
  "各专门委员会要聚焦全市中心工作，深入开展视察调研，提出有价值的意见建议。",
  "委员们表示，将以更加饱满的热情投入履职工作，为全市经济社会发展贡献智慧和力量。",
  "会议审议通过了关于进一步加强委员履职管理的若干意见和年度协商计划。",
  "调研组先后深入社区、企业和乡村，实地察看了基础设施建设和民生项目推进情况。",
  "近年来，全市上下认真贯彻落实各项决策部署，各项事业取得了新的进展和成效。",
  "下一步，将进一步完善工作机制，强化督促检查，确保各项任务落到实处。",
  "要坚持以人民为中心的发展思想，着力解决群众急难愁盼问题，不断增强人民群众获得感。",
  "会议要求，各级各部门要提高政治站位，压实工作责任，形成工作合力。",
  "政协委员通过提案、社情民意信息等形式积极建言献策，有关部门认真办理并及时答复。",
];

/** Small linear congruential generator: reproducible without a dependency. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface CorpusOptions {
  count: number;
  seed?: number;
  /** Year the articles are filed under. */
  year?: number;
  /**
   * Whether each article carries a `date` (default). Without one its publish
   * time is its arrival on the main line, as for a clerk's article: the
   * corpus with a git history (`history.ts`) leaves it out.
   */
  dated?: boolean;
}

export function generateCorpus(portal: Portal, { count, seed = 42, year = 2026, dated = true }: CorpusOptions): Map<string, string> {
  const rnd = random(seed);
  const columns = portal.columns.filter((c) => isLeaf(c) && c.kind !== "link");
  const policies: string[] = [];
  const files = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const column = columns[i % columns.length]!;
    const slug = `bench-${String(i).padStart(5, "0")}`;
    const id = `${column.path}/${year}/${slug}`;
    if (column.kind === "policy") policies.push(id);
    files.set(`content/${id}.md`, article(column, i, rnd, policies, dated));
  }
  return files;
}

function article(column: Column, i: number, rnd: () => number, policies: string[], dated: boolean): string {
  const month = 1 + Math.floor(rnd() * 10);
  const day = 1 + Math.floor(rnd() * 28);
  const p = (n: number) => String(n).padStart(2, "0");
  const lines = [
    "---",
    `title: 示例市政协${column.name}工作信息第${i + 1}期`,
  ];
  const date = `date: 2026-${p(month)}-${p(day)} ${p(8 + Math.floor(rnd() * 10))}:${p(Math.floor(rnd() * 60))}`;
  if (dated) lines.push(date, "dateReason: 基准测试数据");
  lines.push(
    "category: submitted",
    `source: ${column.name}责任单位`,
    `unit: ${column.units[i % column.units.length]}`,
    `summary: 本文介绍${column.name}的最新工作情况。`,
    "keywords: [政协, 履职]",
  );
  if (column.kind === "policy") {
    lines.push(`docNumber: 示政协发〔2026〕${i + 1}号`, "issuer: 政协示例市委员会", `writtenDate: 2026-${p(month)}-01`, "topic: 政协工作");
  }
  if (column.kind === "interpretation") {
    if (!policies.length) throw new Error("bench corpus: an interpretation column needs a policy column before it");
    lines.push(`interprets: ${policies[i % policies.length]}`);
  }
  if (column.kind === "guide") {
    lines.push("guide:", ...Object.keys(GUIDE_ELEMENTS).map((k) => `  ${k}: 详见正文`));
  }
  lines.push("---", "");
  const target = 1000 + Math.floor(rnd() * 1000);
  let body = "";
  let paragraph = "";
  while (body.length < target) {
    paragraph += SENTENCES[Math.floor(rnd() * SENTENCES.length)];
    if (paragraph.length > 150) {
      body += paragraph + "\n\n";
      paragraph = "";
    }
  }
  return lines.join("\n") + "\n" + body + paragraph + "\n";
}
