import type { Article } from "./article.ts";
import { appendAll, finding, type Finding } from "../findings/finding.ts";
import type { Position } from "../yaml/positioned-yaml.ts";
import { beijingToDate, formatBeijing } from "../calendar/dates.ts";
import { hostIn } from "../content-safety/word-lists.ts";
import { ASSET_EXTENSIONS, extensionOf, normalizePath } from "./location.ts";
import type { Column } from "../columns/column-tree.ts";
import type { Portal } from "../workflows/portal.ts";
import { CATEGORY_NAMES } from "../columns/columns-schema.ts";
import { describeResponsibility, mayDeliver } from "../columns/responsibility.ts";
import type { PositionedYaml } from "../yaml/positioned-yaml.ts";

/**
 * Rules on one validated article that need the portal model: who may submit
 * to the column, what it may link to in the repository, whether it may be
 * published at all.
 */
export interface Corpus {
  /** Every file under content/. */
  files: ReadonlySet<string>;
  /** Every article id with its column's kind. */
  articleKinds: ReadonlyMap<string, string>;
  /** The moment of the check, for expiry and scheduled items. */
  now: Date;
}

export function checkArticle(article: Article, portal: Portal, yaml: PositionedYaml, corpus: Corpus): Finding[] {
  const { files, articleKinds } = corpus;
  const out: Finding[] = [];
  const { data, column, file } = article;
  const at = (path: (string | number)[]) => yaml.positionOf(path);

  appendAll(out, checkUnit(file, column, data.unit, portal, yaml));

  if (column.categories && !column.categories.includes(data.category as (typeof column.categories)[number])) {
    out.push(
      finding(file, "ARTICLE.CATEGORY_NOT_ALLOWED", `栏目「${column.name}」只接受${column.categories.map((c) => `${CATEGORY_NAMES[c][0]}（${c}）`).join("、")}类信息：请改正 category，或投到其他栏目`, at(["category"])),
    );
  }

  if (data.disclosure === "withheld") {
    out.push(finding(file, "ARTICLE.NOT_PUBLIC", "公开属性为「不予公开」的信息不得上网发布：请删除该文件，或经审核改为主动公开", at(["disclosure"])));
  }

  if (!article.body.trim() && !data.link) {
    out.push(finding(file, "ARTICLE.EMPTY_BODY", "正文为空：请在信息头下方写正文；只指向外部页面的条目请填写 link", { line: article.bodyLine, column: 1 }));
  }

  const dir = file.slice(0, file.lastIndexOf("/") + 1);
  const resolve = (rel: string) => normalizePath(dir + rel.replace(/^\.\//, ""));
  const needFile = (rel: string, path: (string | number)[], what: string) => {
    if (!(ASSET_EXTENSIONS as readonly string[]).includes(extensionOf(rel))) {
      out.push(finding(file, "ARTICLE.FILE_TYPE", `${what}「${rel}」不是图片或附件：图片用 jpg/png/webp，附件用 pdf/docx/xlsx/ofd，视频用 mp4`, at(path)));
    } else if (!files.has(resolve(rel))) {
      out.push(finding(file, "ARTICLE.FILE_MISSING", `${what}「${rel}」不存在：请把文件放在文章同一目录（${dir}）或以文章英文名命名的子目录中，并核对文件名`, at(path)));
    }
  };
  if (data.image) needFile(data.image.src, ["image", "src"], "题图");
  data.attachments?.forEach((a, i) => needFile(a.path, ["attachments", i, "path"], "附件"));
  data.forms?.forEach((a, i) => needFile(a.path, ["forms", i, "path"], "表格"));

  if (data.interprets) {
    const kind = articleKinds.get(data.interprets);
    if (kind !== "policy") {
      out.push(
        finding(file, "ARTICLE.INTERPRETS", kind ? `「${data.interprets}」不是政策文件栏目中的文章：interprets 应指向被解读的政策文件` : `被解读的文件「${data.interprets}」不存在：请写成 <栏目路径>/<年份>/<英文名>，并确认该文件已发布`, at(["interprets"])),
      );
    }
  }
  if (data.replacedBy && data.replacedBy !== "无" && /^[a-z0-9/-]+$/.test(data.replacedBy) && !articleKinds.has(data.replacedBy)) {
    out.push(finding(file, "ARTICLE.REPLACED_BY", `替代文件「${data.replacedBy}」不存在：请写成 <栏目路径>/<年份>/<英文名>，或写文件名称、「无」`, at(["replacedBy"])));
  }

  const today = formatBeijing(corpus.now, false);
  if (data.expires && data.expires < today && !data.withdrawn) {
    out.push(finding(file, "ARTICLE.EXPIRED", `有效期已于 ${data.expires} 届满：网站不再列出本文，请及时清理（撤稿、删除或延长 expires）`, at(["expires"]), "warning"));
  }
  if (data.date && !data.scheduled && beijingToDate(data.date) > corpus.now) {
    out.push(finding(file, "PUBLISH.FUTURE", `发布时间 ${data.date} 在将来：定时发布请加 scheduled: true；否则请删除 date，发布时间由合并时刻自动确定`, at(["date"])));
  }
  if (data.category === "reprint" && data.sourceUrl) appendAll(out, checkReprint(article, portal, at(["sourceUrl"])));

  if (data.date && !data.scheduled) {
    const year = Number(data.date.slice(0, 4));
    if (year !== article.year) {
      out.push(finding(file, "ARTICLE.YEAR_MISMATCH", `发布时间是 ${year} 年，文件却在 ${article.year} 年目录：请移到 ${year}/ 目录`, at(["date"]), "warning"));
    }
  }
  return out;
}


/**
 * A new article without `date` is published when it reaches main, so its year
 * folder is this year's (Beijing). In the first days of January a pull
 * request opened in December may still carry last year's folder.
 */
export function checkArrivalYear(article: Article, now: Date): Finding[] {
  if (article.data.date) return [];
  const today = formatBeijing(now, false);
  const year = Number(today.slice(0, 4));
  const lastYearStillFine = today.slice(5) <= "01-15" && article.year === year - 1;
  if (article.year === year || lastYearStillFine) return [];
  const name = article.file.slice(article.file.lastIndexOf("/") + 1);
  return [
    finding(article.file, "PATH.YEAR_FOLDER", `这篇新文章将在 ${year} 年发布，文件却在 ${article.year}/ 目录：请放到 content/${article.column.path}/${year}/${name}（图片、附件一并移过去）`, { line: 1, column: 1 }),
  ];
}

/** The submitting unit exists and is responsible for the column. Runs even when other fields are wrong. */
export function checkUnit(file: string, column: Column, unitId: unknown, portal: Portal, yaml: PositionedYaml): Finding[] {
  if (typeof unitId !== "string" || !unitId) return [];
  // The position only for a finding: looking it up costs a full YAML parse (simple-yaml.ts).
  const at = () => yaml.positionOf(["unit"]);
  const unit = portal.unitById.get(unitId);
  if (!unit) {
    const allowed = column.units.map((id) => `${id}（${portal.unitById.get(id)?.name ?? id}）`).join("、");
    // A clerk writes the unit's name (市政协办公室) where its id belongs: name the id.
    const named = portal.units.find((u) => u.name === unitId.trim()) ?? portal.units.find((u) => u.name.includes(unitId.trim()) || unitId.includes(u.name));
    const said = named ? `「${unitId}」是单位名称，这里要填单位的英文 id：应为 unit: ${named.id}` : `报送单位「${unitId}」不在 units.yaml 中：请填写单位的英文 id`;
    return [finding(file, "ARTICLE.UNKNOWN_UNIT", `${said}（本栏目可填 ${allowed}）`, at())];
  }
  if (!mayDeliver(column, unitId)) {
    const names = describeResponsibility(column, (id) => portal.unitById.get(id)?.name ?? id);
    return [finding(file, "ARTICLE.UNIT_NOT_RESPONSIBLE", `「${unit.name}」不是栏目「${column.name}」的责任单位（责任单位：${names}）：请改为本单位负责的栏目，或请网站主管部门调整栏目责任分解表`, at())];
  }
  return [];
}

/**
 * 转载审核 (seed 002 第十二条（二）3): a central document only from central
 * authorities (人民日报, 新华社, 中国政府网, the ministries), a provincial one
 * only from those or the province's own sites; any reprint from a site the
 * office has not listed is a warning to confirm.
 */
export function checkReprint(article: Article, portal: Portal, at: Position): Finding[] {
  const { data, file } = article;
  let host: string;
  try {
    host = new URL(data.sourceUrl!).hostname;
  } catch {
    return [];
  }
  const { central, provincial, media, issuers } = portal.words.authorities;
  const said = `${data.source} ${data.title}`;
  // 教育部 names a ministry, 教育部门 does not: an issuer must not run on into 门.
  const names = (list: string[]) => list.some((i) => new RegExp(`${i.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?!门)`, "u").test(said));
  const level = names(issuers.central) ? "central" : names(issuers.provincial) ? "provincial" : undefined;
  if (level === "central" && !hostIn(host, central)) {
    return [finding(file, "REPRINT.AUTHORITY", `中央文件只能从中央新闻单位、中国政府网或国务院部门官网转载，「${host}」不在权威来源名单中：请改从 www.gov.cn 等权威网站转载并更新 sourceUrl`, at)];
  }
  if (level === "provincial" && !hostIn(host, [...central, ...provincial])) {
    return [finding(file, "REPRINT.AUTHORITY", `省级文件只能从省政府门户网站、省级部门官网或中央权威平台转载，「${host}」不在权威来源名单中：请改从权威网站转载并更新 sourceUrl`, at)];
  }
  // 网上抓取 (seed 001): the column's own crawl sources are where its reprints come from.
  const crawled = article.column.crawl.flatMap((s) => {
    try {
      return [new URL(s.url).hostname];
    } catch {
      return [];
    }
  });
  if (!hostIn(host, [...central, ...provincial, ...media, ...crawled])) {
    return [finding(file, "REPRINT.UNLISTED", `转载来源「${host}」不在权威来源名单（workflows/words/authorities.yaml）中：请确认其权威性，必要时请网站主管部门加入名单`, at, "warning")];
  }
  return [];
}
