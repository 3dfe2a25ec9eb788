import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { linkedPaths } from "../src/site/copy-assets.ts";
import { runScript } from "./helpers/cli.ts";
import { portalCopy, REPO, writeIn } from "./helpers/portal.ts";

/**
 * Nothing unpublished in dist/: the files of a scheduled item (before its
 * time), of a withdrawn item under `withdrawn: remove`, and files no article
 * lists are searched for in the built site by name and by content hash.
 */
const DIR = "content/news/updates/2026";
const head = (title: string, extra: string) => `---\ntitle: ${title}\ncategory: submitted\nsource: 县政府办公室\nunit: office\n${extra}---\n`;
const pdf = (name: string) => Buffer.from(`%PDF-1.4\n% ${name} ${randomUUID()}\n%%EOF\n`);
// A 1×1 PNG with a unique text chunk-free tail: check reads the extension, not the pixels.
const png = (name: string) => Buffer.concat([Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==", "base64"), Buffer.from(`${name} ${randomUUID()}`)]);

const UNPUBLISHED: Record<string, Buffer> = {
  "sched-photo.png": png("sched-photo"),
  "sched-plan.pdf": pdf("sched-plan"),
  "sched-note.pdf": pdf("sched-note"),
  "removed-photo.png": png("removed-photo"),
  "removed-doc.pdf": pdf("removed-doc"),
  "removed-note.pdf": pdf("removed-note"),
  "orphan-file.pdf": pdf("orphan-file"),
};
const PUBLISHED: Record<string, Buffer> = {
  "live-photo.png": png("live-photo"),
  "live-plan.pdf": pdf("live-plan"),
  "live-note.pdf": pdf("live-note"),
  "expired-doc.pdf": pdf("expired-doc"),
};
const UNPUBLISHED_WORDS = ["禁发前定时稿件", "已撤下稿件", "sched-plan", "sched-photo", "sched-note", "removed-doc", "removed-photo", "removed-note", "orphan-file", "2026/scheduled", "2026/removed"];

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
function files(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(dir, join(prefix, e.name)) : [join(prefix, e.name)]));
}

describe("nothing unpublished reaches dist/", () => {
  let out = "";
  beforeAll(() => {
    const root = portalCopy();
    writeIn(root, "workflows/site.yaml", readFileSync(join(root, "workflows/site.yaml"), "utf8") + "withdrawn: remove\n");
    for (const [name, bytes] of Object.entries({ ...UNPUBLISHED, ...PUBLISHED })) writeIn(root, `${DIR}/${name}`, bytes);
    const withFiles = (p: string) => `image: { src: ./${p}-photo.png, alt: 会场 }\nattachments:\n  - { path: ./${p}-plan.pdf, title: 方案 }\n`;
    writeIn(root, `${DIR}/scheduled.md`, head("禁发前定时稿件", `date: 2099-01-01 09:00\nscheduled: true\n${withFiles("sched")}`) + "见[说明](./sched-note.pdf)。\n");
    writeIn(root, `${DIR}/removed.md`, head("已撤下稿件", `date: 2026-03-05 09:00\ndateReason: 测试\nwithdrawn: { date: 2026-03-06 10:00, reason: 信息有误 }\nattachments:\n  - { path: ./removed-doc.pdf, title: 文件 }\nimage: { src: ./removed-photo.png, alt: 会场 }\n`) + "见[说明](./removed-note.pdf)。\n");
    writeIn(root, `${DIR}/live.md`, head("正常发布稿件", `date: 2026-03-05 09:00\ndateReason: 测试\n${withFiles("live")}`) + "见[说明](./live-note.pdf)。\n");
    // An expired item keeps its page (not listed): its files stay with it.
    writeIn(root, `${DIR}/expired.md`, head("已过期稿件", "date: 2026-01-05 09:00\ndateReason: 测试\nexpires: 2026-02-01\nattachments:\n  - { path: ./expired-doc.pdf, title: 文件 }\n") + "正文。\n");
    const dist = mkdtempSync(join(tmpdir(), "sanshen-dist-"));
    const r = runScript("build", ["--root", root, "--out", dist], REPO, { SANSHEN_CACHE: join(REPO, "node_modules", ".astro-tests", basename(dist)), CI: "1" });
    expect(r.code, r.stderr).toBe(0);
    out = dist;
  });

  it("no unpublished file is in dist/ by name or by content (sha256 of every file)", () => {
    const all = files(out);
    const hashes = new Map(all.map((f) => [sha(readFileSync(join(out, f))), f]));
    for (const [name, bytes] of Object.entries(UNPUBLISHED)) {
      expect(all.filter((f) => f.includes(name)), name).toEqual([]);
      expect(hashes.get(sha(bytes)), name).toBeUndefined();
    }
    for (const [name, bytes] of Object.entries(PUBLISHED)) expect(hashes.get(sha(bytes)), name).toBe(join("news/updates/2026", name));
    expect(all).toContain("open/policy/2026/enterprise-support-table.pdf");
  });

  it("no page, feed or search index mentions an unpublished item or its files", () => {
    for (const f of files(out)) {
      const raw = readFileSync(join(out, f));
      let text = raw.toString("utf8");
      if (f.startsWith("pagefind/")) {
        try {
          text = gunzipSync(raw).toString("utf8"); // Pagefind's fragments and index chunks are gzipped
        } catch {
          /* not compressed */
        }
      }
      for (const word of UNPUBLISHED_WORDS) expect(text.includes(word), `${f} mentions ${word}`).toBe(false);
    }
    // The control: the search index and the feeds do hold the published item.
    const fragments = readdirSync(join(out, "pagefind", "fragment")).map((f) => gunzipSync(readFileSync(join(out, "pagefind", "fragment", f))).toString("utf8"));
    expect(fragments.some((t) => t.includes("正常发布稿件"))).toBe(true);
    expect(readFileSync(join(out, "rss.xml"), "utf8")).toContain("正常发布稿件");
  });
});

describe("which files a page links", () => {
  it("same-site links only, resolved against the page, decoded", () => {
    const linked = linkedPaths(
      [{ path: "news/a/index.html", html: `<a href="./plan.pdf">x</a><img src="/news/%E4%BC%9A.png"><a href="https://other.example/news/secret.pdf">y</a><meta name="Image" content="https://site.example/news/p.png"><a href="/q.pdf?x=1&amp;y=2">z</a>` }],
      "https://site.example",
    );
    expect([...linked].sort()).toEqual(["/news/a/plan.pdf", "/news/p.png", "/news/会.png", "/q.pdf"]);
  });

  it("text that only looks like a link publishes nothing: a code span, the keywords", () => {
    const linked = linkedPaths(
      [
        {
          path: "news/b/index.html",
          html: `<meta name="Keywords" content="会议, /news/b/sched-plan.pdf"><p><code>&lt;img src="/news/b/wnote.pdf"&gt;</code></p><p>src="/news/b/other.pdf"</p><a href="./real.pdf">附件</a>`,
        },
      ],
      "https://site.example",
    );
    expect([...linked]).toEqual(["/news/b/real.pdf"]);
  });
});
