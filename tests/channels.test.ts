import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument, type YAMLMap, type YAMLSeq } from "yaml";
import { checkPortalFiles } from "../src/jobs/check.ts";
import { portalCopy, REPO } from "./helpers/portal.ts";

/** The 吴忠 example (seed 002) with its new-media register edited, checked at `now`. */
function register(edit: (yaml: string) => string, now = "2026-12-02T09:00:00+08:00") {
  const root = portalCopy(join(REPO, "examples/wuzhong"));
  const file = join(root, "workflows/site.yaml");
  writeFileSync(file, edit(readFileSync(file, "utf8")));
  const r = checkPortalFiles(root, undefined, new Date(now));
  return [...r.errors, ...r.warnings].filter((f) => f.file === "workflows/site.yaml" && /^(CHANNEL|CALENDAR)\./.test(f.rule)).map((f) => ({ rule: f.rule, severity: f.severity, line: f.line, message: f.message }));
}
const JKWZ = "{ name: 健康吴忠, platform: wechat, account: example-jkwz, unit: wjw, status: changed, date: 2026-09-14, filed: 2026-09-16, notice: 2026-09-16 }";

describe("the new-media register (seed 002 第七条、第八条)", () => {
  it("passes as the example keeps it", () => {
    expect(register((y) => y)).toEqual([]);
  });

  it("a filing later than 3 working days after the change is recorded, in working days under the holiday calendar", () => {
    // 2026-09-14 (Mon) + 3 working days = 09-17; filed 09-30 is 9 working days late.
    const found = register((y) => y.replace(JKWZ, JKWZ.replace("filed: 2026-09-16", "filed: 2026-09-30")));
    expect(found).toEqual([expect.objectContaining({ rule: "CHANNEL.FILED_LATE", severity: "warning", line: 46 })]);
    expect(found[0]!.message).toBe("新媒体账号「健康吴忠」于 2026-09-14 变更，2026-09-30 才备案，超过 3 个工作日的时限 9 个工作日（应在 2026-09-17 前）：已记入统计通报");
  });

  it("counts across the National Day week: an account closed on 2026-09-30 may be filed until Saturday 2026-10-10, a 调休 working day", () => {
    const closed = (filed: string) => register((y) => y.replace(JKWZ, JKWZ.replace("status: changed, date: 2026-09-14, filed: 2026-09-16, notice: 2026-09-16", `status: closed, date: 2026-09-30, filed: ${filed}, notice: ${filed}`)));
    expect(closed("2026-10-10")).toEqual([]);
    const late = closed("2026-10-12");
    expect(late.map((f) => f.rule)).toEqual(["CHANNEL.FILED_LATE", "CHANNEL.NOTICE_LATE"]);
    expect(late[0]!.message).toContain("超过 3 个工作日的时限 1 个工作日（应在 2026-10-10 前）");
  });

  it("an unfiled account past its deadline is an error; before it, a reminder with the date", () => {
    const unfiled = (y: string) => y.replace(JKWZ, JKWZ.replace("date: 2026-09-14, filed: 2026-09-16, notice: 2026-09-16", "date: 2026-11-30, notice: 2026-11-30"));
    expect(register(unfiled)).toEqual([expect.objectContaining({ rule: "CHANNEL.FILING_DUE", severity: "warning" })]);
    expect(register(unfiled)[0]!.message).toContain("请在 2026-12-03 前在全国政务新媒体信息报送系统备案");
    expect(register(unfiled, "2026-12-04T09:00:00+08:00")).toEqual([expect.objectContaining({ rule: "CHANNEL.NOT_FILED", severity: "error" })]);
  });

  it("a change or closure needs a public notice with the filing, standing 15 working days", () => {
    expect(register((y) => y.replace(JKWZ, JKWZ.replace(", notice: 2026-09-16", ""))).map((f) => f.rule)).toEqual(["CHANNEL.NO_NOTICE"]);
    const short = register((y) => y.replace(JKWZ, JKWZ.replace("notice: 2026-09-16", "notice: 2026-09-16, notice_until: 2026-09-30")));
    expect(short).toEqual([expect.objectContaining({ rule: "CHANNEL.NOTICE_TOO_SHORT", severity: "warning" })]);
    expect(short[0]!.message).toContain("只公告了 10 个工作日");
    // Still standing, planned to come down too early: there is time to keep it up.
    const planned = register((y) => y.replace(JKWZ, JKWZ.replace("date: 2026-09-14, filed: 2026-09-16, notice: 2026-09-16", "date: 2026-11-30, filed: 2026-12-01, notice: 2026-12-01, notice_until: 2026-12-10")));
    expect(planned).toEqual([expect.objectContaining({ rule: "CHANNEL.NOTICE_TOO_SHORT", severity: "error" })]);
    expect(planned[0]!.message).toContain("请保留到 2026-12-22 或以后");
  });

  it("a unit's second account on one platform needs a reason (第七条)", () => {
    const second = "\n  - { name: 吴忠发改服务, platform: wechat, account: example-wzfg2, unit: fgw, status: active }\n";
    expect(register((y) => y.trimEnd() + second).map((f) => f.rule)).toEqual(["CHANNEL.DUPLICATE"]);
    expect(register((y) => y.trimEnd() + second.replace("status: active }", "status: active, reason: 价格举报专用，按市里要求单独保留 }"))).toEqual([]);
    // A closed account does not count.
    expect(register((y) => y.trimEnd() + second.replace("example-wzfg2, unit: fgw, status: active }", "example-wzjg, unit: fgw, status: closed, date: 2026-11-01, filed: 2026-11-01, notice: 2026-11-02 }"))).toEqual([]);
  });

  it("a date beyond the holiday calendar is said, never counted as plain weekdays", () => {
    const found = register((y) => y.replace(JKWZ, JKWZ.replace("date: 2026-09-14, filed: 2026-09-16, notice: 2026-09-16", "date: 2026-12-30, notice: 2026-12-30")));
    expect(found).toEqual([expect.objectContaining({ rule: "CALENDAR.BEYOND_DATA", severity: "warning" })]);
    expect(found[0]!.message).toContain("chinese-days");
  });
});

describe("every example's register keeps seed 002 第七条、第八条", () => {
  for (const example of ["hainanzhou", "linyi", "lvliang-fgw", "wuzhong"]) {
    it(`examples/${example}: a second account on a platform, a late filing, a change without notice are each found`, () => {
      const root = portalCopy(join(REPO, "examples", example));
      const file = join(root, "workflows/site.yaml");
      const found = () => {
        const r = checkPortalFiles(root, undefined, new Date("2026-12-02T09:00:00+08:00"));
        return [...r.errors, ...r.warnings].filter((f) => f.file === "workflows/site.yaml" && /^(CHANNEL|CALENDAR)\./.test(f.rule)).map((f) => f.rule).sort();
      };
      expect(found()).toEqual([]);
      const doc = parseDocument(readFileSync(file, "utf8"));
      const channels = doc.get("channels") as YAMLSeq<YAMLMap>;
      const first = channels.items[0]!;
      // The same unit opens a second account on the first account's platform, changes it on 2 November and files it on the 20th, with no notice.
      channels.add(doc.createNode({ name: "测试第二账号", platform: first.get("platform"), account: "example-second", unit: first.get("unit"), status: "changed", date: "2026-11-02", filed: "2026-11-20" }));
      writeFileSync(file, doc.toString());
      expect(found()).toEqual(["CHANNEL.DUPLICATE", "CHANNEL.FILED_LATE", "CHANNEL.NO_NOTICE"]);
    });
  }
});
