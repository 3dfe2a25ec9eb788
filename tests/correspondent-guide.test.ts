import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkDir, REPO, writeIn } from "./helpers/portal.ts";

/** docs/通讯员指南.md: what it tells a correspondent to write passes check, and its column table is the table's. */
const GUIDE = readFileSync(join(REPO, "docs/通讯员指南.md"), "utf8");

/** The sample portal the guide is written for: its rules, content, docs and generated files. */
function sample(): string {
  const root = mkdtempSync(join(tmpdir(), "sanshen-guide-"));
  for (const part of ["workflows", "content", "docs", "CODEOWNERS", ".github"]) cpSync(join(REPO, part), join(root, part), { recursive: true });
  return root;
}

describe("the 通讯员指南", () => {
  it("gives a template that check holds back until its body and summary are written, then passes", () => {
    const template = /```yaml\n(---\n[\s\S]*?)```/.exec(GUIDE)![1]!;
    const root = sample();
    const file = "content/news/updates/2026/zhuan-ti-xie-shang-hui.md";
    writeIn(root, file, template);
    const mine = () => { const r = checkDir(root); return [...r.errors, ...r.warnings].filter((f) => f.file === file); };
    expect(mine().map((f) => f.rule)).toEqual(["TEMPLATE.UNCHANGED", "TEMPLATE.UNCHANGED"]);
    writeIn(root, file, template.replace("一句话摘要", "市政协就民生实事开展专题协商。").replace("正文……", "12月5日，市政协召开专题协商会。\n\n会议听取了有关部门的情况通报。"));
    expect(mine()).toEqual([]);
  });

  it("gives a withdrawal record check accepts", () => {
    const record = /^withdrawn: .+$/m.exec(GUIDE)![0];
    const root = sample();
    writeIn(root, "content/news/updates/2026/a.md", `---\ntitle: 甲\ncategory: submitted\nsource: 市政协办公室\nunit: office\n${record}\n---\n正文。\n`);
    expect(checkDir(root).errors.filter((f) => f.file.endsWith("/a.md"))).toEqual([]);
  });

  it("lists every column that takes articles, with the units and their ids, and check reports the table when it falls behind", () => {
    expect(GUIDE).toContain("| 政协新闻 › 政协动态 | 新闻动态 | `content/news/updates/年份/` | 市政协办公室 `office`、");
    expect(GUIDE).toContain("| 委员履职 › 委员风采 | 新闻动态 | `content/duties/profiles/年份/` | 市政协委员工作委员会 `members`（牵头）、市政协各专门委员会 `committees`（配合） | 定期 |");
    const root = sample();
    expect(checkDir(root).errors.filter((f) => f.rule === "GUIDE.STALE")).toEqual([]);
    const columns = join(root, "workflows/columns.yaml");
    writeFileSync(columns, readFileSync(columns, "utf8").replace("name: 政协动态", "name: 政协工作动态"));
    expect(checkDir(root).errors.filter((f) => f.rule === "GUIDE.STALE")).toMatchObject([{ file: "docs/通讯员指南.md" }]);
  });
});
