import type { CommitRecord } from "../roster/inactivity.ts";
import { spawn, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleGit } from "simple-git";
import type { PublishedChange } from "../publication/check-publish-time.ts";

/**
 * Git with paths as they are: without core.quotePath=false, git prints a
 * Chinese file name as "content/\344\274\232.md", quoted and escaped.
 */
function git(root: string) {
  return simpleGit({ baseDir: root, config: ["core.quotePath=false"] });
}

export interface Changes {
  /** Added, copied, modified or renamed-to paths that exist now, relative to the root. */
  present: string[];
  /** Paths that are gone: deleted, or renamed away. */
  gone: string[];
  /** Paths new since the base: added or untracked (not renamed or copied from an existing file). */
  added: string[];
}

/**
 * What changed since `base` in the portal at `root`: committed (merge base to
 * HEAD), staged, unstaged and untracked, so `check --changed` sees what the
 * pull request (or the clerk's working copy) will bring.
 */
export async function changedFiles(root: string, base: string): Promise<Changes> {
  const g = git(root);
  const committed = await g.raw(["diff", "--name-status", "--relative", "-M", `${base}...HEAD`]);
  const local = await g.raw(["diff", "--name-status", "--relative", "-M", "HEAD"]);
  const untracked = await g.raw(["ls-files", "--others", "--exclude-standard"]);
  const present = new Set<string>(untracked.split("\n").filter(Boolean));
  const added = new Set<string>(present);
  const gone = new Set<string>();
  for (const line of `${committed}\n${local}`.split("\n")) {
    const [status, from, to] = line.split("\t");
    if (!status || !from) continue;
    if (status.startsWith("D")) gone.add(from);
    else if (status.startsWith("R")) {
      gone.add(from);
      present.add(to!);
    } else {
      present.add(to ?? from);
      if (status.startsWith("A")) added.add(from);
    }
  }
  for (const p of present) gone.delete(p);
  return { present: [...present].sort(), gone: [...gone].sort(), added: [...added].filter((p) => present.has(p)).sort() };
}

/** Where a portal's publish times come from: full git history, or none (a folder that is not a git checkout). */
export type History = { kind: "git" } | { kind: "none" } | { kind: "shallow" };

/**
 * Whether the portal at `root` has its full history, in one `git rev-parse`.
 * A shallow clone (depth 1 is the default of actions/checkout and most static
 * hosts) holds one commit: every undated article would seem to arrive then,
 * so its publish time would silently change. Callers refuse it; they never guess.
 */
export async function historyOf(root: string): Promise<History> {
  let facts: string[];
  try {
    facts = (await git(root).raw(["rev-parse", "--is-inside-work-tree", "--is-shallow-repository"])).trim().split("\n");
  } catch {
    return { kind: "none" };
  }
  if (facts[0] !== "true") return { kind: "none" };
  return facts[1] === "true" ? { kind: "shallow" } : { kind: "git" };
}

/** Said when a shallow clone is refused, in CI and on a clerk's machine alike. */
export const SHALLOW_MESSAGE =
  "门户仓库是浅克隆（只有最近的提交），无法确定未写 date 的文章的发布时间（即它合并进主分支的时刻），为免发布时间被改动，不予处理。" +
  "请技术管理员取得完整提交历史后重试：GitHub Actions 中给 actions/checkout 加上 with: fetch-depth: 0；其他托管平台请关闭浅克隆（clone depth）；本机的仓库用 git fetch --unshallow 补全。";

/** A first-parent commit on the main line. */
export interface Commit {
  commit: string;
  when: Date;
}

/** When an article reached the main line, and the commit that brought it. */
export interface Arrival extends Commit {
  /** The path it was added under (before any rename). */
  path: string;
  /** Its blob as added (from `git log --raw`): read by id, without resolving the path in the commit's trees. */
  blob?: string;
}

/** What a build needs of the main line's history under content/, read once. */
export interface MainLine {
  /** Each present file's arrival, by its path now. */
  arrivals: Map<string, Arrival>;
  /** Every first-parent commit that touched a path (added, changed, deleted, renamed to or from it), oldest first. */
  touching: Map<string, Commit[]>;
}

/**
 * The portal's history for a build: whether it is complete, when each file
 * reached the main line (the first-parent commit that added it, its publish
 * time (发布时间) when the frontmatter has no date; a rename or move keeps the
 * time of the original addition: moving an article to its right year folder
 * must not re-date it), and the commits that touched each file (to follow a
 * changed date). One `git rev-parse` and one `git log` for the whole
 * repository. The rev-parse is a second process, not a second log: whether a
 * clone is shallow is a fact of the repository that `git log` does not print
 * (a shallow boundary lists like a first commit), and it must be known before
 * the log is trusted. Outside git there is no history (every undated article
 * counts as new); a shallow clone is the caller's to refuse.
 */
export async function mainLineOf(root: string): Promise<MainLineReading> {
  return startMainLine(root)();
}

export type MainLineReading = { kind: "none" } | { kind: "shallow" } | ({ kind: "git" } & MainLine);

/**
 * Starts the one `git log` of the main line now, in the background, and
 * returns a function that waits for it and parses it. Its output goes to a
 * temporary file, not a pipe: a job then checks the portal synchronously on
 * one core while git walks the history on the other (a pipe would fill and
 * stall git until the event loop is free again).
 */
export function startMainLine(root: string): () => Promise<MainLineReading> {
  const facts = spawnSync("git", ["rev-parse", "--is-inside-work-tree", "--is-shallow-repository"], { cwd: root, encoding: "utf8" });
  const lines = facts.status === 0 ? facts.stdout.trim().split("\n") : [];
  if (lines[0] !== "true") return async () => ({ kind: "none" });
  if (lines[1] === "true") return async () => ({ kind: "shallow" });
  // No commit yet (git log fails): every undated article counts as new.
  const done = gitInBackground(root, ["log", "--first-parent", "--reverse", "-M", "--raw", "--no-abbrev", "--format=@%H %cI", "--relative", "--", "content"]);
  return async () => ({ kind: "git", ...mainLineFromLog(await done) });
}

/**
 * Runs git now with its output going to a temporary file, not a pipe: the
 * caller may then work synchronously on one core while git runs on the
 * other (a pipe would fill and stall git until the event loop is free
 * again). Resolves to the output, or "" when git fails.
 */
function gitInBackground(root: string, args: readonly string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "sanshen-log-"));
  const file = join(dir, "log");
  const out = openSync(file, "w");
  const child = spawn("git", ["-c", "core.quotePath=false", ...args], { cwd: root, stdio: ["ignore", out, "ignore"] });
  // Read and removed as soon as git ends, whether or not the caller still wants it (a refused portal does not).
  const finish = (ok: boolean) => {
    closeSync(out);
    const raw = ok ? readFileSync(file, "utf8") : "";
    rmSync(dir, { recursive: true, force: true });
    return raw;
  };
  return new Promise<string>((resolve) => {
    child.on("error", () => resolve(finish(false)));
    child.on("close", (code) => resolve(finish(code === 0)));
  });
}

/** A commit of the current branch's history, with its parents (first parent first). */
export interface GraphCommit extends CommitRecord {
  commit: string;
  parents: string[];
  /** When it was written (author date): on a pull request's branch, about when the clerk submitted it. */
  authored: Date;
}

/**
 * Every commit reachable from HEAD, newest first, with parents, author and
 * committer, in one `git log` started now in the background (see
 * {@link startMainLine}); none outside git or before the first commit.
 */
export function startCommitGraph(root: string): () => Promise<GraphCommit[]> {
  const facts = spawnSync("git", ["rev-parse", "--is-inside-work-tree"], { cwd: root, encoding: "utf8" });
  if (facts.status !== 0 || facts.stdout.trim() !== "true") return async () => [];
  const done = gitInBackground(root, ["log", "--format=%H%x1f%P%x1f%aI%x1f%cI%x1f%an%x1f%ae%x1f%cn%x1f%ce%x1f%s%x1e", "HEAD"]);
  return async () => commitGraphFromLog(await done);
}

/** Parses the log {@link startCommitGraph} asks for. Pure. */
export function commitGraphFromLog(raw: string): GraphCommit[] {
  const out: GraphCommit[] = [];
  for (const record of raw.split("\x1e")) {
    const r = record.trim();
    if (!r) continue;
    const [commit, parents, authored, at, authorName, authorEmail, committerName, committerEmail, subject] = r.split("\x1f");
    out.push({ commit: commit!, parents: parents ? parents.split(" ") : [], authored: new Date(authored!), at: new Date(at!), authorName: authorName!, authorEmail: authorEmail!, committerName: committerName!, committerEmail: committerEmail!, subject: subject ?? "" });
  }
  return out;
}

/**
 * Parses `git log --reverse --raw --no-abbrev --format=@%H %cI` (oldest
 * commit first; `--name-status` lines are read too, without blobs). Pure.
 */
export function mainLineFromLog(raw: string): MainLine {
  const arrivals = new Map<string, Arrival>();
  const touching = new Map<string, Commit[]>();
  const touched = (path: string, at: Commit) => {
    const list = touching.get(path);
    if (list) list.push(at);
    else touching.set(path, [at]);
  };
  let at: Commit | undefined;
  for (const line of raw.split("\n")) {
    if (line.startsWith("@")) {
      const [commit, when] = line.slice(1).split(" ");
      at = { commit: commit!, when: new Date(when!) };
      continue;
    }
    const [head, from, to] = line.split("\t");
    if (!head || !from || !at) continue;
    // --raw: ":<old mode> <new mode> <old blob> <new blob> <status>"; --name-status: "<status>".
    const fields = head.startsWith(":") ? head.split(" ") : undefined;
    const status = fields ? fields[4] ?? "" : head;
    const blob = fields?.[3];
    touched(from, at);
    if (status.startsWith("R") && to) {
      touched(to, at);
      arrivals.set(to, arrivals.get(from) ?? { ...at, path: to, ...(blob ? { blob } : {}) });
      arrivals.delete(from);
    } else if (status.startsWith("A") && !arrivals.has(from)) arrivals.set(from, { ...at, path: from, ...(blob ? { blob } : {}) });
    else if (status.startsWith("D")) arrivals.delete(from);
  }
  return { arrivals, touching };
}

/**
 * The text of each path as its commit had it, keyed `commit:path` (path
 * relative to `root`), in one `git cat-file --batch`; by its blob id when
 * known (no tree walk). A path the commit lacks is left out.
 */
export function textsAt(root: string, wanted: readonly { commit: string; path: string; blob?: string | undefined }[]): Map<string, string> {
  const out = new Map<string, string>();
  if (!wanted.length) return out;
  const r = spawnSync("git", ["-c", "core.quotePath=false", "cat-file", "--batch"], {
    cwd: root,
    input: wanted.map((w) => w.blob ?? `${w.commit}:./${w.path}`).join("\n") + "\n",
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0) throw new Error(`git cat-file: ${r.stderr.toString()}`);
  const buf = r.stdout;
  let at = 0;
  for (const w of wanted) {
    const eol = buf.indexOf(0x0a, at);
    if (eol < 0) break;
    const header = buf.subarray(at, eol).toString();
    at = eol + 1;
    const m = / blob (\d+)$/.exec(header);
    if (!m) continue; // "<object> missing"
    const size = Number(m[1]);
    out.set(`${w.commit}:${w.path}`, buf.subarray(at, at + size).toString("utf8"));
    at += size + 1;
  }
  return out;
}

/** The portal's folder inside its repository (`examples/linyi/`), or "" at the top or outside git. */
export async function repositoryPrefix(root: string): Promise<string> {
  try {
    return (await git(root).raw(["rev-parse", "--show-prefix"])).trim();
  } catch {
    return "";
  }
}

/** Articles published at `base` that the working tree changed, renamed or deleted, with both texts. */
export async function publishedChanges(root: string, base: string): Promise<PublishedChange[]> {
  const g = git(root);
  const diff = await g.raw(["diff", "--name-status", "--relative", "-M", "--diff-filter=MRD", base, "--", "content"]);
  const out: PublishedChange[] = [];
  for (const line of diff.split("\n")) {
    const [status, from, to] = line.split("\t");
    if (!status || !from || !/\.mdx?$/i.test(from)) continue;
    const baseText = await g.show([`${base}:./${from}`]);
    const kind = status.startsWith("D") ? "deleted" : status.startsWith("R") ? "renamed" : "modified";
    const now = kind === "deleted" ? undefined : to ?? from;
    out.push({ path: from, status: kind, ...(kind === "renamed" ? { to: now! } : {}), baseText, ...(now ? { headText: readFileSync(join(root, now), "utf8") } : {}) });
  }
  return out;
}

/** Every commit on every branch, newest first, as git records who wrote and committed it; none outside git. */
export async function commitRecords(root: string): Promise<CommitRecord[]> {
  if ((await historyOf(root)).kind === "none") return [];
  let raw: string;
  try {
    raw = await git(root).raw(["log", "--all", "--format=%cI%x1f%an%x1f%ae%x1f%cn%x1f%ce%x1f%s%x1e"]);
  } catch {
    return []; // no commit yet
  }
  return raw.split("\x1e").map((r) => r.trim()).filter(Boolean).map((r) => {
    const [at, authorName, authorEmail, committerName, committerEmail, subject] = r.split("\x1f");
    return { at: new Date(at!), authorName: authorName!, authorEmail: authorEmail!, committerName: committerName!, committerEmail: committerEmail!, subject: subject ?? "" };
  });
}

/**
 * When each login first appeared in workflows/units.yaml on the current
 * branch (lower case), from one `git log -p` of that file: a new account's
 * month starts the day it was added, not at the beginning of history.
 */
export async function rosterJoins(root: string): Promise<Map<string, Date>> {
  const joined = new Map<string, Date>();
  if ((await historyOf(root)).kind === "none") return joined;
  let raw: string;
  try {
    // A prefix no diff line starts with ("@@" hunk headers do start with "@").
    raw = await git(root).raw(["log", "--reverse", "--format=sanshen-commit %cI", "-p", "-U0", "--", "workflows/units.yaml"]);
  } catch {
    return joined;
  }
  let at: Date | undefined;
  for (const line of raw.split("\n")) {
    if (line.startsWith("sanshen-commit ")) at = new Date(line.slice("sanshen-commit ".length));
    else if (at && line.startsWith("+") && !line.startsWith("+++")) {
      for (const m of line.matchAll(/login:\s*["']?([A-Za-z0-9-]+)/g)) if (!joined.has(m[1]!.toLowerCase())) joined.set(m[1]!.toLowerCase(), at);
    }
  }
  return joined;
}

/** What git knows of the person at this machine (git config user.email, user.name) and where origin points; empty outside git. */
export async function gitIdentity(root: string): Promise<{ email?: string; name?: string; origin?: string }> {
  const read = async (key: string) => {
    try {
      return (await git(root).getConfig(key)).value?.trim() || undefined;
    } catch {
      return undefined;
    }
  };
  let origin: string | undefined;
  try {
    origin = (await git(root).remote(["get-url", "origin"]))?.trim() || undefined;
  } catch {
    origin = undefined;
  }
  const [email, name] = await Promise.all([read("user.email"), read("user.name")]);
  return { ...(email ? { email } : {}), ...(name ? { name } : {}), ...(origin ? { origin } : {}) };
}
