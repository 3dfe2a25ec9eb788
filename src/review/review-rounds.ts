/**
 * The digest runs before each of the office's review rounds (site.yaml's
 * `review_hours`, Beijing time): its GitHub Actions schedule is derived from
 * them, never written by hand, and `check` says when the two disagree. Pure.
 */

/** Minutes before a round that the digest is posted. */
export const DIGEST_LEAD_MINUTES = 15;

/** The cron lines (UTC, as GitHub Actions reads them) for digests `lead` minutes before each round. */
export function digestCrons(reviewHours: readonly string[], lead = DIGEST_LEAD_MINUTES): string[] {
  return reviewHours.map((hhmm) => {
    const [h, m] = hhmm.split(":").map(Number) as [number, number];
    const utc = (((h - 8) * 60 + m - lead) % 1440 + 1440) % 1440;
    return `${utc % 60} ${Math.floor(utc / 60)} * * *`;
  });
}
