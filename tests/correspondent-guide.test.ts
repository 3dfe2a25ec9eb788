import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkDir, portalCopy, REPO, writeIn } from "./helpers/portal.ts";

/** docs/通讯员指南.md: what it tells a correspondent to write passes check, and its column table is the table's. */
const GUIDE = readFileSync(join(REPO, "docs/通讯员指南.md"), "utf8");

describe("the 通讯员指南", () => {
  it("gives a template that, filled in as shown, passes check", () => {
    const template = /```yaml\n(---\n[\s\S]*?)```/.exec(GUIDE)![1]!;
    const root = portalCopy();
    writeIn(root, "content/news/updates/2026/zhuan-ti-hui-yi.md", template);
    const result = checkDir(root);
    expect([...result.errors, ...result.warnings].filter((f) => f.file.includes("zhuan-ti-hui-yi"))).toEqual([]);
  });

  it("gives a withdrawal record check accepts", () => {
    const record = /^withdrawn: .+$/m.exec(GUIDE)![0];
    const root = portalCopy();
    writeIn(root, "content/news/updates/2026/a.md", `---\ntitle: 甲\ncategory: submitted\nsource: 县政府办公室\nunit: office\n${record}\n---\n正文。\n`);
    expect(checkDir(root).errors.filter((f) => f.file.endsWith("/a.md"))).toEqual([]);
  });

  it("lists every column that takes articles, with the units and their ids, and check reports the table when it falls behind", () => {
    expect(GUIDE).toContain("| 政协新闻 › 政协动态 | 新闻动态 | `content/news/updates/年份/` | 市政协办公室 `office`、");
    expect(GUIDE).toContain("| 委员履职 › 委员风采 | 新闻动态 | `content/duties/profiles/年份/` | 市政协委员工作委员会 `members`（牵头）、市政协各专门委员会 `committees`（配合） | 定期 |");
    const root = mkdtempSync(join(tmpdir(), "sanshen-guide-"));
    for (const part of ["workflows", "content", "docs", "CODEOWNERS", ".github"]) cpSync(join(REPO, part), join(root, part), { recursive: true });
    expect(checkDir(root).errors.filter((f) => f.rule === "GUIDE.STALE")).toEqual([]);
    const columns = join(root, "workflows/columns.yaml");
    writeFileSync(columns, readFileSync(columns, "utf8").replace("name: 政协动态", "name: 政协工作动态"));
    expect(checkDir(root).errors.filter((f) => f.rule === "GUIDE.STALE")).toMatchObject([{ file: "docs/通讯员指南.md" }]);
  });
});
