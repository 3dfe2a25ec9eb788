import type { Snapshot } from "./snapshot.ts";

/**
 * The gate judges only PRs into the default branch: a result belongs to the
 * head commit, not the PR, so a pass given to a PR into another branch would
 * carry over to a PR into main sharing that head. Pure, from the snapshot
 * alone, so a replay of a saved PR reproduces the decision (policy-bot's
 * predicate/branch.go).
 */
export function targetBranchProblem(pr: Pick<Snapshot, "base_ref" | "default_branch">): string | undefined {
  if (!pr.base_ref || !pr.default_branch || pr.base_ref === pr.default_branch) return undefined;
  return `只审核合并到 ${pr.default_branch} 的 PR，这个 PR 合并到 ${pr.base_ref}`;
}
