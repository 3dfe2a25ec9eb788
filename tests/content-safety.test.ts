import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkPortalFiles } from "../src/jobs/check.ts";
import { findPii, isResidentId, luhn } from "../src/content-safety/personal-data.ts";
import { proofread } from "../src/content-safety/proofread.ts";
import { beijingToDate, formatBeijing, isRealDay } from "../src/calendar/dates.ts";
import { runScript } from "./helpers/cli.ts";
import { portalCopy, writeIn } from "./helpers/portal.ts";

const NEWS = "content/news/updates/2026/a.md";
const NOW = new Date("2026-11-22T04:00:00Z");
const article = (body: string, extra = "", head = "title: 县政府召开专题会议\ncategory: submitted\nsource: 县政府办公室\nunit: office\n") => `---\n${head}${extra}---\n${body}\n`;

/** Check the mini portal with one article added; the findings on that article. */
function check(body: string, extra = "", path = NEWS, head?: string) {
  const root = portalCopy();
  writeIn(root, path, article(body, extra, head));
  const r = checkPortalFiles(root, undefined, NOW);
  return [...r.errors, ...r.warnings].filter((f) => f.file === path);
}
const rules = (fs: { rule: string }[]) => fs.map((f) => f.rule);

describe("sensitive words (涉密信息不公开、敏感信息不上网)", () => {
  it("a secrecy marker in the body is an error at its line and column", () => {
    const f = check("第一段。\n\n本文件为内部资料，请勿转发。");
    expect(f).toMatchObject([{ rule: "WORDS.BLOCK", line: 9, column: 5, severity: "error" }]);
    expect(f[0]!.message).toMatch(/「内部资料」是禁用词/);
  });

  it("is found through spaces, hyphens, zero-width characters and full-width forms", () => {
    for (const trick of ["绝 密", "绝-密", "绝\u200b密", "绝　密", "机*密"]) {
      const f = check(`这是${trick}文件。`);
      expect(rules(f), trick).toEqual(["WORDS.BLOCK"]);
      expect(f[0]!.message).toContain(`「${trick}」`);
    }
  });

  it("in the title and every text field too", () => {
    const f = check("正文。", "summary: 一份绝密的摘要\nattachments:\n  - { path: ./x.pdf, title: 不得外传的附件 }\n", NEWS, "title: 机密会议纪要\ncategory: submitted\nsource: 县政府办公室\nunit: office\n");
    expect(f.filter((x) => x.rule === "WORDS.BLOCK").map((x) => x.line)).toEqual([2, 6, 8]);
  });

  it("an excepted phrase passes (保护商业机密 is not a secrecy marker)", () => {
    expect(rules(check("要依法保护企业商业机密，严禁涉密信息上网。"))).toEqual([]);
  });

  it("a warn-level word is a warning the gate escalates", () => {
    expect(check("妥善处置群体性事件。")).toMatchObject([{ rule: "WORDS.WARN", severity: "warning" }]);
  });

  it("a serious wording error is an error with the right form; a typo is a warning", () => {
    const f = check("中华人民共合国成立以来，推进“一带一路”战略。请用帐号登录。");
    expect(f.map((x) => `${x.rule}:${x.severity}`)).toEqual(["WORDS.CORRECT:error", "WORDS.CORRECT:error", "WORDS.CORRECT:warning"]);
    expect(f[1]!.message).toContain("应为「“一带一路”倡议」");
  });

  it("a context rule: 台湾 listed among 国家", () => {
    expect(rules(check("与美国、日本、台湾等十几个国家开展交流。"))).toEqual(["WORDS.PATTERN"]);
    expect(rules(check("与台湾地区开展交流。"))).toEqual([]);
  });
});

describe("check --fix", () => {
  it("writes the right forms and safe punctuation into the file, and then passes", () => {
    const root = portalCopy();
    writeIn(root, NEWS, article("中华人民共合国成立以来。。截止目前,成效显著，共有１２个单位。"));
    const r = runScript("check", ["--root", root, "--fix"]);
    expect(r.stderr).toMatch(/已自动改正 5 处/);
    expect(readFileSync(join(root, NEWS), "utf8")).toContain("中华人民共和国成立以来。截至目前，成效显著，共有12个单位。");
    expect(r.code).toBe(0);
  });

  it("leaves a dodged spelling for a person to fix (no blind replacement)", () => {
    const root = portalCopy();
    writeIn(root, NEWS, article("两 岸 三 地的交流。"));
    const r = runScript("check", ["--root", root, "--fix"]);
    expect(r.code).toBe(1);
    expect(readFileSync(join(root, NEWS), "utf8")).toContain("两 岸 三 地的交流。");
  });

  it("keeps a file's CRLF line ends and BOM", () => {
    const root = portalCopy();
    writeIn(root, NEWS, "\ufeff" + article("请用帐号登录。").replace(/\n/g, "\r\n"));
    runScript("check", ["--root", root, "--fix"]);
    const text = readFileSync(join(root, NEWS), "utf8");
    expect(text.startsWith("\ufeff---\r\n")).toBe(true);
    expect(text).toContain("请用账号登录。\r\n");
  });
});

describe("personal data (隐私信息要遮掩)", () => {
  it("an ID number is confirmed by the GB 11643 checksum", () => {
    expect(isResidentId("11010519491231002X")).toBe(true);
    expect(isResidentId("110105194912310021")).toBe(false);
    expect(isResidentId("110105194902300027")).toBe(false); // 2月30日
    expect(findPii("证件号 110105194912310021")).toEqual([]);
  });

  it("ID, mobile and bank card numbers are errors, with the masked form to use", () => {
    const card = "6222020200000000001".slice(0, 18);
    const valid = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => card + d).find(luhn)!;
    const f = check(`申请人身份证号11010519491231002X，手机 +86 138-1234-5678，账号 ${valid}。`);
    expect(f.map((x) => x.rule)).toEqual(["PII.FOUND", "PII.FOUND", "PII.FOUND"]);
    expect(f[0]!.message).toContain("110105********002X");
    expect(f[1]!.message).toContain("138****5678");
    expect(f[2]!.message).toContain(`${valid.slice(0, 4)} **** **** ${valid.slice(-4)}`);
  });

  it("full-width digits are digits", () => {
    expect(rules(check("联系人手机１３９１２３４５６７８。"))).toEqual(["PII.FOUND", "PROOF.FULLWIDTH_ALNUM"]);
  });

  it("masked forms, office landlines and document numbers pass", () => {
    expect(rules(check("联系电话：0974-8512655，09748512655，2310567，手机138****1234，证件110105********002X，文号南政办〔2015〕86号，2026年11月20日。"))).toEqual([]);
  });

  it("an ID number written in groups is found, with the masked form", () => {
    for (const written of ["610102 19900101 1231", "6101 0219 9001 0112 31", "6101-0219-9001-0112-31", "６１０１０２ １９９００１０１ １２３１"]) {
      const f = check(`申请人身份证号${written}。`);
      expect(rules(f).filter((r) => r === "PII.FOUND"), written).toEqual(["PII.FOUND"]);
      expect(f.find((x) => x.rule === "PII.FOUND")!.message).toContain("610102********1231");
    }
  });

  it("a mobile number in 3-4-4 groups, with or without +86, is found", () => {
    for (const written of ["138 1234 5678", "138-1234-5678", "+86 138 1234 5678", "+86-138-1234-5678", "86 138 1234 5678", "0086 13812345678", "(+86) 139 1234 5678"]) {
      const f = check(`联系人手机${written}。`);
      expect(rules(f), written).toEqual(["PII.FOUND"]);
      expect(f[0]!.message).toContain("****5678");
    }
  });

  it("grouped numbers that are not personal data pass: landlines, faxes, serials, dates, invalid IDs", () => {
    expect(rules(check("电话 010-6512 3456，传真 (0911) 2345 6789，热线 400-123-4567，编号 2026 1120 0001 2345 67，证号 610102 19900101 1232，2026 11 20。"))).toEqual([]);
  });

  it("a declared 公示 exemption turns the error into a warning the gate escalates", () => {
    const f = check("拟录用人员身份证号11010519491231002X。", "piiExemption: 依据《公务员录用规定》第二十八条公示\n");
    expect(f).toMatchObject([{ rule: "PII.EXEMPT", severity: "warning" }]);
  });
});

describe("reprint sources (转载审核)", () => {
  const reprint = (source: string, url: string, title = "关于做好冬季供暖工作的通知") =>
    `title: ${title}\ncategory: reprint\nsource: ${source}\nsourceUrl: ${url}\nunit: office\n`;
  it("a central document from an authoritative site passes", () => {
    expect(rules(check("正文。", "", NEWS, reprint("国家发展改革委", "https://www.ndrc.gov.cn/xxgk/a.html")))).toEqual([]);
  });
  it("a central document from elsewhere is an error", () => {
    expect(rules(check("正文。", "", NEWS, reprint("国务院办公厅", "https://www.some-county.gov.cn/a.html")))).toEqual(["REPRINT.AUTHORITY"]);
  });
  it("a provincial document may come from the province's portal but not from local media", () => {
    expect(rules(check("正文。", "", NEWS, reprint("陕西省人民政府", "https://www.shaanxi.gov.cn/a.html")))).toEqual([]);
    expect(rules(check("正文。", "", NEWS, reprint("陕西省人民政府", "https://www.example-daily.cn/a.html")))).toEqual(["REPRINT.AUTHORITY"]);
  });
  it("a 部门 is not a ministry (教育部门 is not 教育部)", () => {
    const root = portalCopy();
    const authorities = readFileSync(join(root, "workflows/words/authorities.yaml"), "utf8").replace("central: [国务院,", "central: [教育部, 国务院,");
    writeIn(root, "workflows/words/authorities.yaml", authorities);
    writeIn(root, NEWS, article("正文。", "", reprint("市教育部门", "https://www.example-daily.cn/a.html", "市教育部门部署冬季校园安全工作")));
    expect(checkPortalFiles(root, undefined, NOW).errors).toEqual([]);
  });
  it("local news from an unlisted site is a warning to confirm", () => {
    expect(check("正文。", "", NEWS, reprint("某某网", "https://news.example.org/a.html", "我县举办农民丰收节"))).toMatchObject([{ rule: "REPRINT.UNLISTED", severity: "warning" }]);
  });
});

describe("raw HTML and links", () => {
  it("tables, line breaks and sub/superscripts are allowed", () => {
    expect(rules(check("<table><tr><td>1</td></tr></table>\n\nH<sub>2</sub>O<br>"))).toEqual([]);
  });
  it("script, iframe, style, event handlers and javascript: URLs are errors", () => {
    const f = check('<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n<iframe src="https://x"></iframe>\n\n[点这里](javascript:alert(3))\n\n<div style="color:red">红字</div>');
    expect(f.map((x) => `${x.line} ${x.rule}`)).toEqual(["7 HTML.DANGEROUS", "9 HTML.DANGEROUS", "11 HTML.DANGEROUS", "13 LINK.DANGEROUS", "15 HTML.NOT_ALLOWED"]);
  });
  it("a blocked site is an error, plain http a warning", () => {
    const f = check("见[这里](https://www.gambling.example/a)和 http://www.example-daily.cn/b 。");
    expect(f.map((x) => `${x.rule}:${x.severity}`)).toEqual(["LINK.BLOCKED:error", "LINK.INSECURE:warning"]);
  });
  it("an image needs alt text and must exist", () => {
    expect(check("![](./photo.png)\n\n![会场](./missing.png)").map((x) => `${x.line} ${x.rule}`)).toEqual(["7 ARTICLE.FILE_MISSING", "7 IMAGE.ALT", "9 ARTICLE.FILE_MISSING"]);
  });
  it("a link to another article is its URL, not its .md file", () => {
    expect(rules(check("见[上一篇](../2026/county-meeting.md)和[政策](/open/policy/2026/enterprise-support/)和[错](/open/nothing/)"))).toEqual(["LINK.ARTICLE_FILE", "LINK.INTERNAL_MISSING"]);
  });
});

describe("publication dates and expiry", () => {
  it("a new article dated in the future needs scheduled: true", () => {
    expect(rules(check("正文。", "date: 2026-12-01 09:00\ndateReason: 迁移\n"))).toEqual(["PUBLISH.FUTURE"]);
    expect(rules(check("正文。", "date: 2026-12-01 09:00\nscheduled: true\n"))).toEqual([]);
  });
  it("a publish time before the portal could exist is an error, not a year of the 1900s", () => {
    for (const date of ["0000-01-01 00:00", "0099-12-31 09:00", "1993-12-31 23:59"]) {
      const found = check("正文。", `date: ${date}\ndateReason: 迁移\n`);
      expect(found.map((f) => `${f.severity} ${f.rule} ${f.line}`), date).toEqual(["error SCHEMA.DATE_TOO_EARLY 6"]);
      expect(found[0]!.message).toContain("1994");
    }
    expect(rules(check("正文。", "date: 1994-04-20 09:00\ndateReason: 迁移\n", "content/news/updates/1994/a.md"))).toEqual([]);
    expect(rules(check("正文。", "withdrawn: { date: 0001-01-01 00:00, reason: 误发 }\n"))).toEqual(["SCHEMA.DATE_TOO_EARLY"]);
  });
  it("years 0–99 are never read as 1900–1999", () => {
    expect(beijingToDate("0050-03-01 08:00").getUTCFullYear()).toBe(50);
    expect(formatBeijing(beijingToDate("0050-03-01 08:00"))).toBe("0050-03-01 08:00");
    expect(isRealDay(0, 2, 29)).toBe(true); // year 0 is a leap year; 1900 is not
    expect(isRealDay(1900, 2, 29)).toBe(false);
  });
  it("an expired item is a warning to clean up (及时清理)", () => {
    expect(check("正文。", "expires: 2026-10-31\n")).toMatchObject([{ rule: "ARTICLE.EXPIRED", severity: "warning" }]);
  });
});

describe("proofreading", () => {
  it("finds unmatched brackets and quotes, doubled and half-width punctuation, full-width letters", () => {
    expect(proofread("会议（第一次\n\n这是“引号”。。还有,逗号和ＡＢＣ。").map((h) => h.rule)).toEqual(["PROOF.UNMATCHED", "PROOF.DOUBLED", "PROOF.HALFWIDTH_PUNCT", "PROOF.FULLWIDTH_ALNUM"]);
  });
  it("leaves correct text alone", () => {
    expect(proofread("会议指出：“要坚持（不动摇）”。时间为9:30，网址 https://www.gov.cn 。")).toEqual([]);
  });
});

describe("publish-time integrity (严禁篡改发布时间)", () => {
  function published() {
    const root = portalCopy();
    const git = (...a: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...a], { cwd: root, stdio: "pipe" });
    git("init", "-q", "-b", "main");
    git("add", ".");
    git("commit", "-qm", "published");
    return { root, git };
  }
  it("changing a published article's date is an error", () => {
    const { root } = published();
    const p = join(root, "content/news/updates/2026/county-meeting.md");
    writeIn(root, "content/news/updates/2026/county-meeting.md", readFileSync(p, "utf8").replace("2026-11-02 10:00", "2026-11-05 10:00"));
    const r = runScript("check", ["--root", root, "--base", "main", "--json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).errors).toMatchObject([{ rule: "PUBLISH.DATE_CHANGED", file: "content/news/updates/2026/county-meeting.md", line: 3 }]);
  });
  /** The mini portal with county-meeting published undated (its publish time is its arrival on main), on a branch `pr`. */
  function publishedUndated() {
    const root = portalCopy();
    const file = join(root, MEETING);
    writeFileSync(file, readFileSync(file, "utf8").replace("date: 2026-11-02 10:00\ndateReason: 测试数据\n", ""));
    const git = (...a: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...a], { cwd: root, stdio: "pipe" });
    git("init", "-q", "-b", "main");
    git("add", ".");
    git("commit", "-qm", "published");
    git("checkout", "-qb", "pr");
    return { root, git, file };
  }
  const MEETING = "content/news/updates/2026/county-meeting.md";
  const backdate = (file: string) => writeFileSync(file, readFileSync(file, "utf8").replace("title: 县政府召开第十次常务会议\n", "title: 县政府召开第十次常务会议\ndate: 2026-10-02 10:00\ndateReason: 补录\n"));
  it("adding a date to a published undated article (backdating) is an error, with --base and with --changed", () => {
    const { root, git, file } = publishedUndated();
    backdate(file);
    const uncommitted = runScript("check", ["--root", root, "--base", "main", "--json"]);
    expect(uncommitted.code).toBe(1);
    expect(JSON.parse(uncommitted.stdout).errors).toMatchObject([{ rule: "PUBLISH.DATE_ADDED", file: MEETING, line: 3 }]);
    for (const args of [["--changed", "HEAD"], ["--base", "HEAD"]]) {
      expect(JSON.parse(runScript("check", ["--root", root, ...args, "--json"]).stdout).errors.map((f: { rule: string }) => f.rule), args.join(" ")).toEqual(["PUBLISH.DATE_ADDED"]);
    }
    git("commit", "-qam", "backdate");
    for (const args of [["--base", "HEAD~1"], ["--changed", "main"], ["--changed", "main", "--base", "main"]]) {
      const r = runScript("check", ["--root", root, ...args, "--json"]);
      expect(JSON.parse(r.stdout).errors.map((f: { rule: string }) => f.rule), args.join(" ")).toEqual(["PUBLISH.DATE_ADDED"]);
    }
  });
  it("a date change listed in workflows/date-corrections.yaml with its reason and approval passes; an unlisted one does not", () => {
    const { root, file } = publishedUndated();
    backdate(file);
    writeIn(root, "workflows/date-corrections.yaml", `corrections:\n  - path: ${MEETING}\n    to: 2026-10-03 10:00\n    reason: 补录\n    approval: 办公室签批单 2026-11-20 第 3 号\n`);
    expect(JSON.parse(runScript("check", ["--root", root, "--base", "main", "--json"]).stdout).errors).toMatchObject([{ rule: "PUBLISH.DATE_ADDED" }]); // a different date
    writeIn(root, "workflows/date-corrections.yaml", `corrections:\n  - path: ${MEETING}\n    to: 2026-10-02 10:00\n    reason: 补录\n    approval: 办公室签批单 2026-11-20 第 3 号\n`);
    const ok = runScript("check", ["--root", root, "--base", "main", "--json"]);
    expect(ok.code, ok.stdout).toBe(0);
  });
  /** The mini portal with an item scheduled for 2099 on main, its date then moved to `to` in the working tree. */
  function rescheduled(to: string) {
    const root = portalCopy();
    const path = "content/news/updates/2099/embargoed.md";
    writeIn(root, path, "---\ntitle: 定时发布稿件\ndate: 2099-01-01 09:00\nscheduled: true\ncategory: submitted\nsource: 县政府办公室\nunit: office\n---\n正文。\n");
    const git = (...a: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...a], { cwd: root, stdio: "pipe" });
    git("init", "-q", "-b", "main");
    git("add", ".");
    git("commit", "-qm", "scheduled");
    writeFileSync(join(root, path), readFileSync(join(root, path), "utf8").replace("2099-01-01 09:00", to));
    return runScript("check", ["--root", root, "--base", "main", "--json"]);
  }
  it("an item still scheduled for later may be rescheduled: it is not published yet", () => {
    const r = rescheduled("2099-02-01 09:00");
    expect(r.code, r.stdout).toBe(0);
  });
  it("an embargo may not be moved into the past: that backdates the item", () => {
    const r = rescheduled("2026-06-01 09:00");
    expect(JSON.parse(r.stdout).errors.map((f: { rule: string }) => f.rule)).toContain("PUBLISH.DATE_CHANGED");
  });
  it("publish times of an article named x.MD are guarded like x.md", () => {
    const { root, git } = published();
    git("mv", MEETING, MEETING.replace(/\.md$/, ".MD"));
    git("commit", "-qm", "upper-case name");
    const p = join(root, MEETING.replace(/\.md$/, ".MD"));
    writeFileSync(p, readFileSync(p, "utf8").replace("2026-11-02 10:00", "2026-11-05 10:00"));
    const r = runScript("check", ["--root", root, "--base", "HEAD", "--json"]);
    expect(JSON.parse(r.stdout).errors).toMatchObject([{ rule: "PUBLISH.DATE_CHANGED" }]);
    // and the office can list a correction for it
    writeIn(root, "workflows/date-corrections.yaml", `corrections:\n  - { path: ${MEETING.replace(/\.md$/, ".MD")}, from: 2026-11-02 10:00, to: 2026-11-05 10:00, reason: 误填, approval: 办公室 2026-11-20 }\n`);
    const ok = runScript("check", ["--root", root, "--base", "HEAD", "--json"]);
    expect(ok.code, ok.stdout).toBe(0);
  });
  it("a correction without its approval is refused, with its line", () => {
    const { root } = publishedUndated();
    writeIn(root, "workflows/date-corrections.yaml", `corrections:\n  - path: ${MEETING}\n    to: 2026-10-02 10:00\n    reason: 补录\n`);
    expect(JSON.parse(runScript("check", ["--root", root, "--json"]).stdout).errors).toMatchObject([{ file: "workflows/date-corrections.yaml", line: 2, rule: "SCHEMA.REQUIRED" }]);
  });
  it("removing a published article's date is an error unless listed", () => {
    const { root } = published();
    const p = join(root, MEETING);
    writeFileSync(p, readFileSync(p, "utf8").replace("date: 2026-11-02 10:00\ndateReason: 测试数据\n", ""));
    expect(JSON.parse(runScript("check", ["--root", root, "--base", "main", "--json"]).stdout).errors).toMatchObject([{ rule: "PUBLISH.DATE_CHANGED", file: MEETING }]);
    writeIn(root, "workflows/date-corrections.yaml", `corrections:\n  - { path: ${MEETING}, from: 2026-11-02 10:00, reason: 误填, approval: 办公室 2026-11-20 }\n`);
    expect(runScript("check", ["--root", root, "--base", "main", "--json"]).code).toBe(0);
  });
  it("deleting a published article needs a removal record; withdrawing it is the way", () => {
    const { root, git } = published();
    git("rm", "-q", "content/news/updates/2026/county-meeting.md");
    expect(JSON.parse(runScript("check", ["--root", root, "--base", "main", "--json"]).stdout).errors).toMatchObject([{ rule: "PUBLISH.DELETED" }]);
    writeIn(root, "workflows/removals.yaml", "removals:\n  - { path: content/news/updates/2026/county-meeting.md, date: 2026-11-21, reason: 依法删除 }\n");
    expect(runScript("check", ["--root", root, "--base", "main", "--json"]).code).toBe(0);
  });
});
