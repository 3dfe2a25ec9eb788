import { simpleGit } from "simple-git";

/**
 * Files changed since `base` in the portal at `root`, relative to the root:
 * committed, staged, unstaged and untracked, so `check --changed` sees what
 * the pull request (or the clerk's working copy) will add.
 */
export async function changedFiles(root: string, base: string): Promise<string[]> {
  const git = simpleGit({ baseDir: root });
  const diff = await git.raw(["diff", "--name-only", "--relative", "--diff-filter=ACMRT", `${base}...HEAD`]);
  const local = await git.raw(["diff", "--name-only", "--relative", "--diff-filter=ACMRT", "HEAD"]);
  const untracked = await git.raw(["ls-files", "--others", "--exclude-standard"]);
  return [...new Set([diff, local, untracked].flatMap((s) => s.split("\n")).filter(Boolean))].sort();
}

/**
 * When each article reached the main line: the first-parent commit that added
 * it, which is its publish time (发布时间) when the frontmatter has no date.
 * One `git log` for the whole repository, newest first.
 */
export async function arrivalTimes(root: string): Promise<Map<string, Date>> {
  const git = simpleGit({ baseDir: root });
  const out = new Map<string, Date>();
  let raw: string;
  try {
    raw = await git.raw(["log", "--first-parent", "--diff-filter=A", "--format=@%cI", "--name-only", "--relative", "--", "content"]);
  } catch {
    return out; // not a git checkout: every undated article counts as new
  }
  let when: Date | undefined;
  for (const line of raw.split("\n")) {
    if (line.startsWith("@")) when = new Date(line.slice(1));
    else if (line && when) out.set(line, when); // older commits overwrite: keep the first addition
  }
  return out;
}
