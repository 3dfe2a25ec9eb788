import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { parse } from "yaml";
import type { z } from "zod";
import { describe, expect, it } from "vitest";
import { articleSchemaFor } from "../src/articles/article-schema.ts";
import { locate, SLUG } from "../src/articles/location.ts";
import { COLUMN_KINDS } from "../src/columns/columns-schema.ts";
import type { Portal } from "../src/workflows/portal.ts";
import { webEditorFiles } from "../src/web-editor/admin-page.ts";
import { ARTICLE_PATH, ARTICLE_SLUG, editorConfig, fieldsOf, NOT_IN_EDITOR, type EditorCollection } from "../src/web-editor/editor-config.ts";
import { runScript } from "./helpers/cli.ts";
import { checkDir, MINI, portalCopy, REPO, writeIn } from "./helpers/portal.ts";

const OPT_IN = "web_editor: { backend: github, repo: example-zx/portal }\n";

/** A portal's model, its site.yaml opting in to the web editor and `edit` applied to its column table. */
function portalOf(from: string, edit: (columns: string) => string = (c) => c): Portal {
  const root = portalCopy(from);
  writeIn(root, "workflows/site.yaml", readFileSync(join(root, "workflows/site.yaml"), "utf8") + OPT_IN);
  writeIn(root, "workflows/columns.yaml", edit(readFileSync(join(root, "workflows/columns.yaml"), "utf8")));
  const checked = checkDir(root);
  expect(checked.errors).toEqual([]);
  rmSync(root, { recursive: true, force: true });
  return checked.portal!;
}

const sample = portalOf(REPO);
const mini = portalOf(MINI);
const config = (portal: Portal) => editorConfig(portal, portal.site.web_editor!);
const collection = (portal: Portal, path: string) => config(portal).collections.find((c) => c.folder === `content/${path}`)!;
const field = (c: EditorCollection, name: string) => c.fields.find((f) => f.name === name);
const names = (c: EditorCollection) => c.fields.map((f) => f.name);

describe("the web editor's configuration, made from the portal's rules", () => {
  it("offers one collection per leaf column that takes articles: no parent columns, no link columns", () => {
    expect(config(mini).collections.map((c) => c.folder)).toEqual(["content/news/updates", "content/open/policy", "content/open/interpretation", "content/services/guides"]);
    const folders = config(sample).collections.map((c) => c.folder);
    expect(folders).toContain("content/parties"); // a first-level column without children takes articles itself
    expect(folders).not.toContain("content/news"); // has sub-columns
    for (const link of sample.columns.filter((c) => c.kind === "link")) expect(folders).not.toContain(`content/${link.path}`);
  });

  it("names each column in Chinese with its parents, as the navigation does", () => {
    expect(collection(sample, "news/politics")).toMatchObject({ name: "news_politics", label: "政协新闻 › 时政要闻", label_singular: "时政要闻" });
  });

  it("puts an article at content/<column path>/<yyyy>/<slug>.md, with a slug check accepts, and its images and attachments beside it", () => {
    const c = collection(mini, "news/updates");
    expect(c).toMatchObject({ path: ARTICLE_PATH, slug: ARTICLE_SLUG, extension: "md", format: "frontmatter", media_folder: "", public_folder: "" });
    // What Decap makes of the templates at a moment (its date tags are zero-padded).
    const at = { year: "2026", month: "11", day: "20", hour: "09", minute: "30", second: "05" };
    const fill = (template: string, slug = "") => template.replace(/\{\{(\w+)\}\}/g, (_, tag: string) => (tag === "slug" ? slug : at[tag as keyof typeof at]));
    const slug = fill(ARTICLE_SLUG);
    expect(slug).toMatch(SLUG);
    const where = locate(`${c.folder}/${fill(c.path, slug)}.md`, mini);
    expect(where).toMatchObject({ ok: true, year: 2026, slug: "20261120-093005", kind: "article" });
  });

  it("has no field for the publish time: it comes from git (DESIGN.md, Publish time)", () => {
    for (const c of config(sample).collections) {
      expect(names(c)).not.toContain("date");
      expect(names(c)).not.toContain("dateReason");
      expect(names(c)).not.toContain("scheduled");
    }
  });

  it("lets a unit pick only among the column's responsible units, by Chinese name, the lead and supporters marked", () => {
    expect(field(collection(sample, "duties/profiles"), "unit")).toMatchObject({
      widget: "select",
      options: [
        { label: "市政协委员工作委员会（牵头）", value: "members" },
        { label: "市政协各专门委员会（配合）", value: "committees" },
      ],
    });
    const single = field(collection(mini, "open/policy"), "unit")!;
    expect(single.options).toEqual([{ label: "县政府办公室", value: "office" }]);
    expect(single.default).toBe("office");
  });

  it("offers the three categories, or only those the column accepts", () => {
    expect(field(collection(mini, "news/updates"), "category")!.options).toEqual([
      { label: "转载类", value: "reprint" },
      { label: "报送类", value: "submitted" },
      { label: "制发类", value: "produced" },
    ]);
    const limited = portalOf(MINI, (c) => c.replace("kind: news, units: [office, bureau]", "kind: news, units: [office, bureau], categories: [submitted]"));
    expect(field(collection(limited, "news/updates"), "category")).toMatchObject({ options: [{ label: "报送类", value: "submitted" }], default: "submitted" });
  });

  it("asks each kind for its own fields: a policy document its 文号 and 成文日期, an interpretation the document it explains, a guide the eleven elements", () => {
    expect(names(collection(mini, "open/policy"))).toEqual(expect.arrayContaining(["docNumber", "issuer", "writtenDate", "topic", "validity"]));
    expect(names(collection(mini, "news/updates"))).not.toContain("docNumber");
    expect(field(collection(mini, "open/interpretation"), "interprets")!.pattern![0]).toBe("^[a-z0-9-]+(\\/[a-z0-9-]+)*\\/\\d{4}\\/[a-z0-9-]+$");
    const guide = field(collection(mini, "services/guides"), "guide")!;
    expect(guide.fields!.map((f) => f.label)).toEqual(["事项名称", "设定依据", "申请条件", "办理材料", "办理流程", "办理时限", "收费标准", "办理地点", "办理时间", "咨询电话", "监督电话"]);
    expect(names(collection(mini, "services/guides"))).toContain("forms");
  });

  it("asks for the event time only where the column's update requirement counts from the event", () => {
    expect(names(collection(mini, "news/updates"))).toContain("eventAt"); // same-day
    expect(names(collection(mini, "open/interpretation"))).not.toContain("eventAt"); // no requirement
    expect(names(collection(mini, "open/policy"))).not.toContain("eventAt"); // counted from 成文日期
  });

  it("requires a field exactly when the article schema does, and keeps the schema's length limits", () => {
    for (const kind of COLUMN_KINDS.filter((k) => k !== "link")) {
      const column = { ...mini.columns.find((c) => c.path === "news/updates")!, kind };
      const shape = articleSchemaFor(kind).shape as unknown as Record<string, z.ZodType>;
      for (const f of fieldsOf(column, mini).filter((f) => f.name !== "body")) {
        expect(f.required !== false, `${kind}.${f.name}`).toBe(!shape[f.name]!.safeParse(undefined).success);
      }
    }
    const title = field(collection(mini, "news/updates"), "title")!;
    expect(new RegExp(title.pattern![0]).test("标".repeat(120))).toBe(true);
    expect(new RegExp(title.pattern![0]).test("标".repeat(121))).toBe(false);
  });

  it("shows every field of the schema or leaves it out for a reason", () => {
    for (const kind of COLUMN_KINDS.filter((k) => k !== "link")) {
      const column = { ...mini.columns.find((c) => c.path === "news/updates")!, kind };
      const shown = new Set(fieldsOf(column, mini).map((f) => f.name));
      // eventAt: only where the column's requirement counts from the event (the test above).
      for (const name of Object.keys(articleSchemaFor(kind).shape)) expect(shown.has(name) || name in NOT_IN_EDITOR || name === "eventAt", `${kind}.${name}`).toBe(true);
    }
  });

  it("offers only the publishable disclosures: 不予公开 cannot be published", () => {
    expect(field(collection(mini, "news/updates"), "disclosure")!.options!.map((o) => o.label)).toEqual(["主动公开", "依申请公开"]);
  });

  it("opens a pull request for every article (editorial workflow), in Chinese, against the configured repository", () => {
    const c = config(mini);
    expect(c).toMatchObject({ locale: "zh_Hans", publish_mode: "editorial_workflow", backend: { name: "github", repo: "example-zx/portal", branch: "main" } });
    expect(c.backend.base_url).toBeUndefined();
  });
});

describe("the web editor's files", () => {
  it("are not made unless site.yaml opts in", () => {
    const checked = checkDir(MINI);
    expect(checked.portal!.site.web_editor).toBeUndefined();
    expect(webEditorFiles(checked.portal!)).toBeUndefined();
  });

  it("are a page that loads Decap from its own folder, never a CDN, and the configuration as YAML", () => {
    const files = webEditorFiles(mini)!;
    expect(Object.keys(files).sort()).toEqual(["config.yml", "index.html"]);
    const page = files["index.html"]!;
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(page.match(/<script[^>]*>/g)).toEqual(['<script src="decap-cms.js">']);
    expect(parse(files["config.yml"]!)).toEqual(JSON.parse(JSON.stringify(config(mini))));
  });

  it("a wrong web_editor setting is a Chinese finding in site.yaml", () => {
    const root = portalCopy();
    writeIn(root, "workflows/site.yaml", `${readFileSync(join(root, "workflows/site.yaml"), "utf8")}web_editor: { backend: github, repo: portal }\n`);
    const result = checkDir(root);
    expect(result.errors.map((e) => `${e.file} ${e.message}`).join("\n")).toMatch(/workflows\/site\.yaml .*组织\/仓库名/);
    rmSync(root, { recursive: true, force: true });
  });

  it("no first-level column may be called admin while the web editor is on: its address is /admin/", () => {
    const root = portalCopy();
    writeIn(root, "workflows/site.yaml", readFileSync(join(root, "workflows/site.yaml"), "utf8") + OPT_IN);
    writeIn(root, "workflows/columns.yaml", readFileSync(join(root, "workflows/columns.yaml"), "utf8").replace("- id: links", "- id: admin"));
    expect(checkDir(root).errors.map((e) => e.rule)).toEqual(["COLUMNS.RESERVED_ID"]);
    rmSync(root, { recursive: true, force: true });
  });
});

describe("the build with the web editor", () => {
  const git = (root: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...args], { cwd: root, stdio: "pipe" });

  it("writes /admin/ with its page, its configuration and Decap's script copied from node_modules, and keeps it out of the sitemap", () => {
    const root = portalCopy();
    writeIn(root, "workflows/site.yaml", readFileSync(join(root, "workflows/site.yaml"), "utf8") + OPT_IN);
    git(root, "init", "-q", "-b", "main");
    git(root, "add", ".");
    git(root, "commit", "-qm", "base");
    const out = mkdtempSync(join(tmpdir(), "sanshen-editor-dist-"));
    const r = runScript("build", ["--root", root, "--out", out], REPO, { SANSHEN_CACHE: join(REPO, "node_modules", ".astro-tests", basename(out)), CI: "1" });
    expect(r.code, r.stderr).toBe(0);
    const checked = checkDir(root);
    expect(readFileSync(join(out, "admin", "config.yml"), "utf8")).toBe(webEditorFiles(checked.portal!)!["config.yml"]);
    expect(readFileSync(join(out, "admin", "index.html"), "utf8")).toBe(webEditorFiles(checked.portal!)!["index.html"]);
    const decap = join(createRequire(import.meta.url).resolve("decap-cms/package.json"), "..", "dist", "decap-cms.js");
    expect(readFileSync(join(out, "admin", "decap-cms.js")).equals(readFileSync(decap))).toBe(true);
    expect(existsSync(join(out, "admin", "decap-cms.js.map"))).toBe(false);
    expect(readFileSync(join(out, "sitemap.xml"), "utf8")).not.toContain("/admin/");
    rmSync(root, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });
});

