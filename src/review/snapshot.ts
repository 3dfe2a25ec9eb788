import "../findings/zod-locale.ts";
import { z } from "zod";

/**
 * A pull request as the gate sees it: the stable snapshot format of
 * `npm run gate -- --snapshot pr.json`, built from the GitHub API by the
 * adapter or written by hand. Like policy-bot's pull.Context: the policy
 * engine never sees an HTTP call.
 */
export const snapshotSchema = z.strictObject({
  number: z.int().positive(),
  title: z.string().default(""),
  author: z.string().min(1),
  /** A 投稿 form's PR: the issue it came from and the bot that opened it; `author` is then the person who opened the issue. */
  submitted_via: z.strictObject({ issue: z.int().positive(), bot: z.string().min(1) }).optional(),
  head_sha: z.string().min(1),
  /** The branch the PR merges into, and the repository's default branch (left out: taken to be the same). */
  base_ref: z.string().min(1).optional(),
  default_branch: z.string().min(1).optional(),
  files: z.array(
    z.strictObject({
      path: z.string().min(1),
      status: z.enum(["added", "modified", "removed", "renamed"]),
      previous_path: z.string().nullish(),
      head: z.string().nullable(),
      base: z.string().nullable(),
    }),
  ),
  reviews: z.array(
    z.strictObject({
      user: z.string().min(1),
      state: z.enum(["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED"]),
      commit_id: z.string().min(1),
      submitted_at: z.iso.datetime({ offset: true }),
      body: z.string().nullish(),
    }),
  ),
  /** `author`, `committer`: the GitHub logins GitHub linked to the commit, when known (their approvals do not count). */
  commits: z.array(z.strictObject({ sha: z.string().min(1), committed_at: z.iso.datetime({ offset: true }), author: z.string().nullish(), committer: z.string().nullish() })),
});

export type Snapshot = z.infer<typeof snapshotSchema>;
