import { readFileSync } from "node:fs";
import { join } from "node:path";
import { simpleGit } from "simple-git";
import type { PublishedChange } from "../checks/check-publish-time.ts";

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
  const gone = new Set<string>();
  for (const line of `${committed}\n${local}`.split("\n")) {
    const [status, from, to] = line.split("\t");
    if (!status || !from) continue;
    if (status.startsWith("D")) gone.add(from);
    else if (status.startsWith("R")) {
      gone.add(from);
      present.add(to!);
    } else present.add(to ?? from);
  }
  for (const p of present) gone.delete(p);
  return { present: [...present].sort(), gone: [...gone].sort() };
}

/**
 * When each article reached the main line: the first-parent commit that added
 * it, which is its publish time (发布时间) when the frontmatter has no date.
 * A rename or move keeps the time of the original addition: moving an
 * article to its right year folder must not re-date it. One `git log` for the
 * whole repository.
 */
export async function arrivalTimes(root: string): Promise<Map<string, Date>> {
  let raw: string;
  try {
    raw = await git(root).raw(["log", "--first-parent", "--reverse", "-M", "--name-status", "--format=@%cI", "--relative", "--", "content"]);
  } catch {
    return new Map(); // not a git checkout: every undated article counts as new
  }
  return arrivalsFromLog(raw);
}

/** Parses `git log --reverse --name-status --format=@%cI` (oldest commit first). Pure. */
export function arrivalsFromLog(raw: string): Map<string, Date> {
  const out = new Map<string, Date>();
  let when: Date | undefined;
  for (const line of raw.split("\n")) {
    if (line.startsWith("@")) {
      when = new Date(line.slice(1));
      continue;
    }
    const [status, from, to] = line.split("\t");
    if (!status || !from || !when) continue;
    if (status.startsWith("A") && !out.has(from)) out.set(from, when);
    else if (status.startsWith("R") && to) {
      out.set(to, out.get(from) ?? when);
      out.delete(from);
    } else if (status.startsWith("D")) out.delete(from);
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
    if (!status || !from || !/\.mdx?$/.test(from)) continue;
    const baseText = await g.show([`${base}:./${from}`]);
    const kind = status.startsWith("D") ? "deleted" : status.startsWith("R") ? "renamed" : "modified";
    const now = kind === "deleted" ? undefined : to ?? from;
    out.push({ path: from, status: kind, ...(kind === "renamed" ? { to: now! } : {}), baseText, ...(now ? { headText: readFileSync(join(root, now), "utf8") } : {}) });
  }
  return out;
}
