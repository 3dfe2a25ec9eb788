import { random } from "./corpus.ts";
import type { Portal } from "../workflows/portal.ts";

/**
 * Phrases planted in the bench corpus, each in a chosen number of articles,
 * with decoys: as many other articles hold the phrase's two halves apart
 * ("智慧方面……养老方面"), which a search that ANDs words anywhere returns
 * and a phrase search must not. Pure and deterministic.
 */
export const PLANTED: readonly { phrase: string; pages: number }[] = [
  { phrase: "智慧养老", pages: 120 },
  { phrase: "老旧小区改造", pages: 300 },
  { phrase: "住房公积金", pages: 40 },
  { phrase: "乡村振兴示范带", pages: 25 },
  { phrase: "数字政协", pages: 80 },
  { phrase: "河湖长制", pages: 15 },
  { phrase: "非物质文化遗产", pages: 60 },
  { phrase: "黄河流域生态保护", pages: 10 },
  { phrase: "城市更新", pages: 200 },
  { phrase: "适老化改造", pages: 30 },
  { phrase: "双月协商座谈会", pages: 50 },
  { phrase: "社区嵌入式服务", pages: 8 },
  { phrase: "农村寄递物流", pages: 12 },
  { phrase: "电动自行车充电", pages: 20 },
  { phrase: "新就业形态", pages: 3 },
  { phrase: "托育", pages: 45 },
];

/** Adds the planted phrases and their decoys to the corpus's article bodies (in place). */
export function plantPhrases(files: Map<string, string>, seed = 7): void {
  const rnd = random(seed);
  const paths = [...files.keys()].filter((p) => p.endsWith(".md"));
  for (const { phrase, pages } of PLANTED) {
    const half = Math.ceil(phrase.length / 2);
    const [a, b] = [phrase.slice(0, half), phrase.slice(half)];
    for (let k = 0; k < pages * 2; k++) {
      const path = paths[Math.floor(rnd() * paths.length)]!;
      const sentence = k < pages ? `本期重点关注${phrase}工作。` : `文中谈到${a}方面的进展，也谈到${b}方面的安排。`;
      files.set(path, `${files.get(path)!.trimEnd()}\n\n${sentence}\n`);
    }
  }
}

export type QueryKind = "planted" | "column" | "unit" | "place" | "docNumber" | "title" | "common" | "nowhere";

export interface BenchQuery {
  query: string;
  kind: QueryKind;
  /** The page that must come first (a document number, an exact title). */
  first?: string;
}

/** At least 40 queries: planted phrases, column, unit and place names, document numbers, titles, common phrases, and phrases that occur nowhere. */
export function benchQueries(portal: Portal, files: ReadonlyMap<string, string>): BenchQuery[] {
  const out: BenchQuery[] = PLANTED.map(({ phrase }) => ({ query: phrase, kind: "planted" as const }));
  const leaves = portal.columns.filter((c) => c.kind !== "link" && !c.children.length);
  for (const c of leaves.slice(0, 6)) out.push({ query: c.name, kind: "column" });
  for (const u of portal.units.slice(0, 6)) out.push({ query: u.name, kind: "unit" });
  for (const place of ["西山县", "南河县", "示例市"]) out.push({ query: place, kind: "place" });
  const ids = [...files.keys()].map((p) => p.replace(/^content\//, "").replace(/\.md$/, ""));
  const policies = ids.filter((id) => /^docNumber: /m.test(files.get(`content/${id}.md`) ?? ""));
  for (const id of [policies[0], policies[7], policies[50], policies[123], policies.at(-1)].filter((x): x is string => !!x)) {
    out.push({ query: /^docNumber: (.+)$/m.exec(files.get(`content/${id}.md`)!)![1]!, kind: "docNumber", first: `/${id}/` });
  }
  for (const id of [ids[3], ids[999], ids[4242], ids[7777], ids.at(-1)].filter((x): x is string => !!x)) {
    out.push({ query: /^title: (.+)$/m.exec(files.get(`content/${id}.md`)!)![1]!, kind: "title", first: `/${id}/` });
  }
  for (const phrase of ["营商环境", "委员履职", "社情民意信息"]) out.push({ query: phrase, kind: "common" });
  for (const phrase of ["火星基地", "不存在的词xyz", "量子纠缠"]) out.push({ query: phrase, kind: "nowhere" });
  return out;
}
