import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import * as prompts from "@clack/prompts";
import { writeFileAtomic } from "../adapters/atomic-write.ts";
import { gitIdentity } from "../adapters/git.ts";
import { listContentFiles, readWorkflowTexts } from "../adapters/repository-files.ts";
import { category as categorySchema } from "../articles/article-schema.ts";
import { locate } from "../articles/location.ts";
import { newArticle } from "../articles/new-article.ts";
import { nextSteps } from "../articles/next-steps.ts";
import { chineseQuotes } from "../articles/compose-article.ts";
import { formatBeijing } from "../calendar/dates.ts";
import { nowOf, portalRootOf, UsageError, type Args } from "../cli/args.ts";
import { JobFailure } from "../cli/run.ts";
import type { Column } from "../columns/column-tree.ts";
import { CATEGORIES, CATEGORY_NAMES, type Category } from "../columns/columns-schema.ts";
import { findColumn, writableColumns } from "../columns/writable-columns.ts";
import { identifyWriter, type Writer } from "../roster/writer.ts";
import { parseWorkflows } from "../workflows/parse-workflows.ts";
import type { Portal } from "../workflows/portal.ts";

/**
 * Asks for what is missing, one question at a time, when a person is at the
 * terminal; a script (or a test) gives everything as options instead, and
 * anything missing is a usage mistake that lists the choices.
 */
interface Ask {
  /** `flag`: the option that answers the question on the command line. */
  select<T extends string>(message: string, options: { value: T; label: string; hint?: string | undefined }[], flag: string, initialValue?: T): Promise<T>;
  text(message: string, flag: string, options?: { placeholder?: string; defaultValue?: string; validate?: (value: string) => string | undefined }): Promise<string>;
}

class Cancelled extends JobFailure {
  constructor() {
    super("已取消，没有写入任何文件。", 130);
  }
}

// clack's own words are English; its select instructions are switched off above and said in Chinese.
prompts.updateSettings({ messages: { cancel: "已取消", error: "出错了" } });

const terminalAsk: Ask = {
  async select(message, options, _flag, initialValue) {
    const answer = await prompts.select({ message: `${message}（↑↓ 选择，回车确认）`, options: options as never, initialValue, maxItems: 12, showInstructions: false });
    if (prompts.isCancel(answer)) throw new Cancelled();
    return answer as never;
  },
  async text(message, _flag, { placeholder, defaultValue, validate } = {}) {
    const answer = await prompts.text({ message, placeholder, defaultValue, validate: validate && ((v) => validate(v ?? "")) });
    if (prompts.isCancel(answer)) throw new Cancelled();
    return answer.trim() || defaultValue || "";
  },
};

/** Without a terminal nothing can be asked: what is missing is named with its option and choices. */
const noAsk: Ask = {
  select: (message, options, flag) => Promise.reject(new UsageError(`还没有回答「${message}」：请加上 --${flag}，可选 ${options.map((o) => `${o.value}（${o.label}）`).join("、")}`)),
  text: (message, flag, { defaultValue } = {}) => (defaultValue !== undefined ? Promise.resolve(defaultValue) : Promise.reject(new UsageError(`还没有写「${message}」：请加上 --${flag}`))),
};

const columnLabel = (c: Column, portal: Portal) => {
  const parent = c.parent ? portal.columnByPath.get(c.parent)?.name : undefined;
  return parent ? `${parent} › ${c.name}` : c.name;
};

async function chooseColumn(args: Args, portal: Portal, writer: Writer | undefined, unit: string | undefined, ask: Ask): Promise<Column> {
  const allowed = writableColumns(portal.columns, unit);
  const whose = writer ? `${writer.person.name}（${writer.unit.name}）` : unit ? portal.unitById.get(unit)?.name ?? unit : "";
  if (!allowed.length) throw new JobFailure(`栏目表中没有${whose}负责的栏目：请网站主管部门在 workflows/columns.yaml 中把本单位列为责任单位。`, 1);
  if (typeof args.column === "string") {
    const found = findColumn(portal.columns, args.column);
    if ("candidates" in found) {
      throw new UsageError(
        found.candidates.length
          ? `栏目「${args.column}」不止一个：请写完整路径，${found.candidates.map((c) => `${c.path}（${columnLabel(c, portal)}）`).join("、")}`
          : `没有栏目「${args.column}」：${whose ? `${whose}可以写的栏目有 ` : "栏目有 "}${allowed.map((c) => `${c.path}（${c.name}）`).join("、")}`,
      );
    }
    if (!allowed.includes(found.column)) {
      const why = found.column.kind === "link" ? "是外部链接栏目，不收文章" : found.column.children.length ? "有下级栏目，文章要放在下级栏目里" : `不是${whose}负责的栏目`;
      throw new UsageError(`栏目「${found.column.name}」${why}：可以写的栏目有 ${allowed.map((c) => `${c.path}（${c.name}）`).join("、")}`);
    }
    return found.column;
  }
  const path = await ask.select(
    "投到哪个栏目",
    allowed.map((c) => ({ value: c.path, label: columnLabel(c, portal), hint: c.path })),
    "column",
  );
  return portal.columnByPath.get(path)!;
}

/** Policy, interpretation and guide columns need more than a title: asked for, or left as （请填写） for check to insist on. */
async function kindFields(args: Args, column: Column, unitName: string, now: Date, policies: string[], ask: Ask, canAsk: boolean): Promise<Record<string, unknown>> {
  const given = (flag: string) => (typeof args[flag] === "string" ? String(args[flag]) : undefined);
  const later = { defaultValue: "" };
  const orPlaceholder = (value: string) => value || undefined;
  switch (column.kind) {
    case "policy":
      return {
        docNumber: orPlaceholder(given("doc-number") ?? (await ask.text("文号（如 示政办发〔2026〕3号，暂无可直接回车）", "doc-number", later))),
        issuer: given("issuer") ?? (await ask.text("发文机关", "issuer", { defaultValue: unitName })),
        // At a terminal today is offered to confirm; a script that says nothing leaves it to be filled in.
        writtenDate: given("written-date") ?? (canAsk ? await ask.text("成文日期", "written-date", { defaultValue: formatBeijing(now, false) }) : undefined),
        topic: orPlaceholder(given("topic") ?? (await ask.text("主题分类（如 综合政务，暂不确定可直接回车）", "topic", later))),
      };
    case "interpretation": {
      const interprets = given("interprets") ?? (policies.length && canAsk ? await ask.select("解读哪份政策文件", policies.map((id) => ({ value: id, label: id })), "interprets") : "");
      return { interprets: orPlaceholder(interprets) };
    }
    case "guide":
      return { guide: { name: orPlaceholder(given("guide-name") ?? (await ask.text("事项名称", "guide-name", later))) } };
    default:
      return {};
  }
}

/** `npm run new`: the job's composition; scripts/new.ts gives it its command line. */
export async function newJob(args: Args, ask?: Ask): Promise<number> {
  const root = portalRootOf(args);
  const now = nowOf(args);
  const { portal } = parseWorkflows(readWorkflowTexts(root));
  if (!portal) throw new JobFailure("网站规则文件（workflows/）有误，无法新建文章：请技术管理员先运行 npm run check 并改正。", 1);
  const interactive = ask ?? (process.stdin.isTTY && process.stdout.isTTY && !args.json ? terminalAsk : noAsk);
  const identity = await gitIdentity(root);

  const login = typeof args.login === "string" ? args.login : undefined;
  const writer = identifyWriter(portal, { login, email: identity.email, name: identity.name });
  if (login && !writer) throw new UsageError(`账号「${login}」不在 workflows/units.yaml 中：请核对 GitHub 账号，或请网站主管部门把您加入人员名单`);
  let unit = typeof args.unit === "string" ? args.unit : writer?.unit.id;
  if (unit && !portal.unitById.has(unit)) {
    const named = portal.units.find((u) => u.name === unit);
    if (!named) throw new UsageError(`没有单位「${unit}」：单位 id 有 ${portal.units.map((u) => `${u.id}（${u.name}）`).join("、")}`);
    unit = named.id;
  }
  if (ask === undefined && interactive === terminalAsk) {
    prompts.intro("新建文章");
    if (writer) prompts.log.info(`您是 ${writer.unit.name} 的 ${writer.person.name}（${writer.person.login}）。`);
    else prompts.log.warn("没有从 git 的 user.email 或 user.name 认出您：可以用 --login 写明 GitHub 账号，下面列出全部栏目。");
  }

  if (!writer && !args.unit && interactive !== terminalAsk && !args.json) console.error("没有从 git 的 user.email 或 user.name 认出您：文章不写作者；用 --login 写明 GitHub 账号，即按您所在单位列出栏目并写上作者。");
  const column = await chooseColumn(args, portal, writer, unit, interactive);
  unit ??= column.units.length === 1 ? column.units[0]! : await interactive.select("以哪个单位的名义报送", column.units.map((id) => ({ value: id, label: portal.unitById.get(id)?.name ?? id })), "unit");
  const unitName = portal.unitById.get(unit)?.name ?? unit;

  const typed = typeof args.title === "string" ? args.title.trim() : await interactive.text("标题", "title", { validate: (v) => (!v.trim() ? "标题不能为空" : v.length > 120 ? "标题不能超过 120 字" : undefined) });
  const title = chineseQuotes(typed);
  if (!title) throw new UsageError("标题不能为空");
  let category: Category;
  const allowedCategories = column.categories ?? [...CATEGORIES];
  if (typeof args.category === "string") {
    const parsed = categorySchema.safeParse(args.category);
    if (!parsed.success || !allowedCategories.includes(parsed.data)) {
      throw new UsageError(`信息类别「${args.category}」不对：本栏目可选 ${allowedCategories.map((c) => `${CATEGORY_NAMES[c][0]}（${c}）`).join("、")}`);
    }
    category = parsed.data;
  } else {
    category = allowedCategories.length === 1
      ? allowedCategories[0]!
      : interactive === terminalAsk || ask !== undefined
        ? await interactive.select("信息类别", allowedCategories.map((c) => ({ value: c, label: CATEGORY_NAMES[c][1], hint: c === "reprint" ? "另须写原文网址" : undefined })), "category", allowedCategories.includes("submitted") ? "submitted" : undefined)
        : allowedCategories.includes("submitted") ? "submitted" : allowedCategories[0]!;
  }

  const files = listContentFiles(root);
  const taken = new Set<string>();
  const policies: string[] = [];
  for (const path of files) {
    const where = locate(path, portal);
    if (!where.ok || where.kind !== "article") continue;
    if (where.column === column) taken.add(where.slug);
    if (where.column.kind === "policy") policies.push(`${where.column.path}/${where.year}/${where.slug}`);
  }
  policies.sort().reverse();
  const extra = await kindFields(args, column, unitName, now, policies, interactive, interactive === terminalAsk || ask !== undefined);
  const author = typeof args.author === "string" ? args.author : writer?.person.name;
  // A reprint names where it comes from (新华社, 中国政府网) and the page, which check compares with the authorities list.
  const source = typeof args.source === "string" ? args.source : category === "reprint" ? await interactive.text("来源（转载自哪家媒体或网站，如 新华社）", "source") : unitName;
  const sourceUrl = typeof args["source-url"] === "string" ? args["source-url"] : category === "reprint" ? await interactive.text("原文网址（https://…）", "source-url", { validate: (v) => (/^https?:\/\/\S+$/.test(v.trim()) ? undefined : "请填写以 https:// 或 http:// 开头的网址") }) : undefined;
  const made = newArticle({ column, title, category, unit, source, sourceUrl, author, kindFields: extra, taken, now });
  const target = join(root, made.path);
  if (existsSync(target)) throw new JobFailure(`${made.path} 已经存在，没有覆盖：请换一个标题或用 --title 另取`, 1);
  mkdirSync(dirname(target), { recursive: true });
  writeFileAtomic(target, made.text);

  if (args.json) {
    console.log(JSON.stringify({ file: made.path, column: column.path, unit, category, title, branch: `article/${made.slug}` }, null, 2));
    return 0;
  }
  const said = `已新建 ${made.path}（栏目：${columnLabel(column, portal)}；报送单位：${unitName}；${CATEGORY_NAMES[category][1]}）`;
  if (interactive === terminalAsk && ask === undefined) prompts.outro(said);
  else console.log(said);
  console.log(
    nextSteps({
      file: made.path,
      slug: made.slug,
      title,
      origin: identity.origin,
      firstStep: [`打开 ${made.path}，把「正文……」换成文章正文（段与段之间空一行）；其中「（请填写）」的地方逐项填好。`, "图片、附件放在同一目录，文件名用小写英文、数字和连字符（如 meeting-photo-1.jpg），在信息头 image 或 attachments 中引用。"],
    }),
  );
  return 0;
}
