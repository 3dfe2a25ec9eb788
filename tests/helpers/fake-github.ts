import { createServer, type IncomingMessage, type Server } from "node:http";
import { verify, type KeyObject } from "node:crypto";

/**
 * A local server speaking the GitHub REST endpoints the gate uses, with the
 * response shapes of GitHub's documentation (trimmed to the fields read):
 * pulls, pulls/files (paginated with Link headers), pulls/reviews,
 * pulls/commits, contents (base64), statuses, check runs, issue comments,
 * branch protection, rulesets, environments, and a GitHub App's installation
 * token (the JWT's RS256 signature and claims verified with the App's public
 * key). It records what was written and with which credentials, can answer
 * the first request with a rate-limit 403, and lets a test act between
 * requests (a push moving the head).
 */
export interface FakePr {
  number: number;
  title: string;
  author: string;
  head: string;
  base: string;
  files: { filename: string; status: string; previous_filename?: string }[];
  reviews: { id: number; user: { login: string }; state: string; commit_id: string; submitted_at: string; body: string }[];
  commits: { sha: string; commit: { committer: { date: string } } }[];
  changedFiles?: number;
  baseRef?: string;
  /** When it was opened and last updated (GitHub's created_at, updated_at). */
  createdAt?: string;
  updatedAt?: string;
}

/** The App GitHub knows: its id, the public half of its key, its installation on the repository. */
export interface FakeApp {
  id: number;
  publicKey: KeyObject;
  installationId: number;
  token: string;
}

export interface FakeCheckRun {
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  output: { title: string; summary: string };
  /** The App that posted it (from the credentials used), as GitHub records `app.id`. */
  app_id: number | null;
  authorization: string;
}

export interface FakeGitHub {
  url: string;
  server: Server;
  statuses: { sha: string; state: string; context: string; description: string; app_id?: number | null }[];
  checkRuns: FakeCheckRun[];
  rulesets: (Record<string, unknown> & { id: number })[];
  environments: Record<string, Record<string, unknown>>;
  /** Each request with the credentials it carried. */
  log: { method: string; path: string; query: string; authorization: string }[];
  /** JWTs that failed verification, with why. */
  badJwts: string[];
  /** Endpoints the repository's plan does not offer: GitHub answers 403 "Upgrade to GitHub Pro…". */
  unavailable: string[];
  /** Called before each request is answered (a test moves the head here). */
  onRequest?: (method: string, path: string) => void | Promise<void>;
  comments: { id: number; body: string; user: { login: string; type: string }; performed_via_github_app?: { id: number } | null }[];
  issues: { number: number; title: string; body: string; state: string; labels: { name: string }[]; state_reason?: string | null }[];
  protection: Record<string, unknown> | undefined;
  requests: string[];
  rateLimitOnce: boolean;
  /** Closed pull requests beside the one under review (GET /pulls?state=closed, and each one's reviews), as GitHub lists them. */
  closedPulls: FakeClosedPr[];
  /** Whether branch protection's required checks pass on a commit, as GitHub judges them (see below). */
  requiredChecksPass(sha: string): boolean;
}

/** A closed pull request as GitHub's list returns it (merged_at null when closed unmerged), with its reviews. */
export interface FakeClosedPr {
  number: number;
  user: { login: string };
  created_at: string;
  updated_at: string;
  merged_at: string | null;
  merge_commit_sha: string | null;
  reviews: { id: number; user: { login: string }; state: string; submitted_at: string }[];
}

type Check = { context: string; app_id?: number | null };
/** When each status or check run arrived (kept out of the recorded bodies the tests compare). */
const arrival = new WeakMap<object, number>();
let arrivals = 0;
export const arrived = <T extends object>(x: T): T => (arrival.set(x, arrivals++), x);
/**
 * GitHub's reading of `required_status_checks`: each required name is met by
 * the latest check run or commit status of that name on the commit; when the
 * requirement names an `app_id`, only what that App posted counts.
 */
function checksPass(protection: Record<string, unknown> | undefined, state: FakeGitHub, sha: string): boolean {
  const required = protection?.required_status_checks as { contexts?: string[]; checks?: Check[] } | undefined;
  const checks: Check[] = required?.checks ?? (required?.contexts ?? []).map((context) => ({ context }));
  return checks.every(({ context, app_id }) => {
    const pinned = typeof app_id === "number" && app_id !== -1;
    const results = [
      ...state.statuses.filter((x) => x.sha === sha && x.context === context).map((x) => ({ app: x.app_id ?? null, ok: x.state === "success", at: arrival.get(x) ?? 0 })),
      ...state.checkRuns.filter((x) => x.head_sha === sha && x.name === context).map((x) => ({ app: x.app_id, ok: x.status === "completed" && ["success", "neutral", "skipped"].includes(x.conclusion ?? ""), at: arrival.get(x) ?? 0 })),
    ]
      .filter((x) => !pinned || x.app === app_id)
      .sort((a, b) => a.at - b.at);
    return results.length > 0 && results.at(-1)!.ok;
  });
}

/** Whether a JWT is one GitHub accepts from this App: RS256 signed by its key, iss its id, valid now, at most 10 minutes long. */
export function jwtProblem(jwt: string, app: FakeApp, now = Math.floor(Date.now() / 1000)): string | undefined {
  const [h, p, sig] = jwt.split(".");
  if (!h || !p || !sig) return "not a JWT";
  const header = JSON.parse(Buffer.from(h, "base64url").toString());
  if (header.alg !== "RS256") return `alg ${header.alg}`;
  if (!verify("RSA-SHA256", Buffer.from(`${h}.${p}`), app.publicKey, Buffer.from(sig, "base64url"))) return "bad signature";
  const claims = JSON.parse(Buffer.from(p, "base64url").toString());
  if (String(claims.iss) !== String(app.id)) return `iss ${claims.iss}`;
  if (!(claims.iat <= now && now < claims.exp)) return "not valid now";
  if (claims.exp - claims.iat > 600) return "longer than 10 minutes";
  return undefined;
}

export function fakeGitHub(owner: string, repo: string, pr: FakePr, contents: Record<string, string>, app?: FakeApp): Promise<FakeGitHub> {
  const state: FakeGitHub = { url: "", server: undefined as unknown as Server, statuses: [], checkRuns: [], rulesets: [], environments: {}, unavailable: [], log: [], badJwts: [], comments: [], issues: [], protection: undefined, requests: [], rateLimitOnce: false, closedPulls: [], requiredChecksPass: (sha) => checksPass(state.protection, state, sha) };
  let nextId = 1000;
  const prefix = `/repos/${owner}/${repo}`;
  const body = (req: IncomingMessage) => new Promise<Record<string, unknown>>((resolve) => {
    let s = "";
    req.on("data", (c) => (s += c));
    req.on("end", () => resolve(s ? JSON.parse(s) : {}));
  });
  const server = createServer(async (req, res) => {
    const url = new URL(req.url!, "http://x");
    state.requests.push(`${req.method} ${url.pathname}`);
    const authorization = String(req.headers.authorization ?? "");
    state.log.push({ method: req.method!, path: url.pathname, query: url.search, authorization });
    await state.onRequest?.(req.method!, url.pathname);
    const json = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "x-ratelimit-remaining": "4999", ...headers });
      res.end(JSON.stringify(data));
    };
    if (state.rateLimitOnce) {
      state.rateLimitOnce = false;
      return json(403, { message: "API rate limit exceeded", documentation_url: "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting" }, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 1) });
    }
    const page = <T>(items: T[]) => {
      const per = Number(url.searchParams.get("per_page") ?? 30);
      const n = Number(url.searchParams.get("page") ?? 1);
      const last = Math.max(1, Math.ceil(items.length / per));
      const link: Record<string, string> = n < last ? { Link: `<${state.url}${url.pathname}?per_page=${per}&page=${n + 1}>; rel="next", <${state.url}${url.pathname}?per_page=${per}&page=${last}>; rel="last"` } : {};
      json(200, items.slice((n - 1) * per, n * per), link);
    };
    const p = url.pathname;
    if (state.unavailable.some((u) => p.startsWith(`${prefix}/${u}`))) return json(403, { message: "Upgrade to GitHub Pro or make this repository public to enable this feature." });
    // App endpoints take the App's JWT (Bearer), nothing else.
    const asApp = () => {
      const jwt = authorization.replace(/^Bearer /i, "");
      const why = !app ? "no app" : !/^Bearer /i.test(authorization) ? "not Bearer" : jwtProblem(jwt, app);
      if (why) state.badJwts.push(why);
      return !why;
    };
    if (req.method === "GET" && p === `${prefix}/installation`) {
      if (!asApp()) return json(401, { message: "A JSON web token could not be decoded" });
      return json(200, { id: app!.installationId, app_id: app!.id, account: { login: owner } });
    }
    if (req.method === "POST" && app && p === `/app/installations/${app.installationId}/access_tokens`) {
      if (!asApp()) return json(401, { message: "A JSON web token could not be decoded" });
      return json(201, { token: app.token, expires_at: new Date(Date.now() + 36e5).toISOString(), permissions: { checks: "write", pull_requests: "write", contents: "read" } });
    }
    // The App's installation token is the App; any other credential is not.
    const poster = app && authorization === `token ${app.token}` ? app.id : null;
    if (req.method === "POST" && p === `${prefix}/check-runs`) {
      const b = await body(req);
      const run = { name: String(b.name), head_sha: String(b.head_sha), status: String(b.status), conclusion: (b.conclusion as string | undefined) ?? null, output: b.output as FakeCheckRun["output"], app_id: poster, authorization };
      state.checkRuns.push(arrived(run));
      return json(201, { id: nextId++, ...run });
    }
    if (req.method === "GET" && p === "/apps/github-actions") return json(200, { id: 15368, slug: "github-actions", name: "GitHub Actions" });
    if (req.method === "GET" && p === `${prefix}/rulesets`) return json(200, state.rulesets.map(({ id, name, target }) => ({ id, name, target })));
    if (req.method === "POST" && p === `${prefix}/rulesets`) {
      const ruleset = { id: nextId++, ...(await body(req)) };
      state.rulesets.push(ruleset);
      return json(201, ruleset);
    }
    if (req.method === "PUT" && /\/rulesets\/\d+$/.test(p)) {
      const i = state.rulesets.findIndex((r) => r.id === Number(p.split("/").pop()));
      if (i < 0) return json(404, { message: "Not Found" });
      state.rulesets[i] = { id: state.rulesets[i]!.id, ...(await body(req)) };
      return json(200, state.rulesets[i]);
    }
    if (req.method === "PUT" && p.startsWith(`${prefix}/environments/`)) {
      const name = decodeURIComponent(p.slice(`${prefix}/environments/`.length));
      state.environments[name] = await body(req);
      return json(200, { name, ...state.environments[name] });
    }
    const closed = /\/pulls\/(\d+)\/reviews$/.exec(p) && state.closedPulls.find((c) => p === `${prefix}/pulls/${c.number}/reviews`);
    if (req.method === "GET" && closed) return page(closed.reviews);
    if (req.method === "GET" && p === `${prefix}/pulls` && url.searchParams.get("state") === "closed") {
      // GitHub's sort=updated&direction=desc: most recently updated first.
      return page([...state.closedPulls].sort((a, b) => b.updated_at.localeCompare(a.updated_at)).map(({ reviews: _, ...c }) => ({ ...c, state: "closed", title: `#${c.number}` })));
    }
    if (req.method === "GET" && p === `${prefix}/pulls/${pr.number}`) {
      return json(200, { number: pr.number, title: pr.title, state: "open", changed_files: pr.changedFiles ?? pr.files.length, user: { login: pr.author, type: "User" }, head: { sha: pr.head, ref: "branch" }, base: { sha: pr.base, ref: pr.baseRef ?? "main", repo: { default_branch: "main" } } });
    }
    if (req.method === "GET" && p === `${prefix}/pulls/${pr.number}/files`) return page(pr.files.map((f) => ({ sha: "x", additions: 1, deletions: 0, changes: 1, ...f })));
    if (req.method === "GET" && p === `${prefix}/pulls/${pr.number}/reviews`) return page(pr.reviews);
    if (req.method === "GET" && p === `${prefix}/pulls/${pr.number}/commits`) return page(pr.commits);
    if (req.method === "GET" && p.startsWith(`${prefix}/contents/`)) {
      const path = decodeURIComponent(p.slice(`${prefix}/contents/`.length));
      const key = `${url.searchParams.get("ref")}:${path}`;
      if (!(key in contents)) return json(404, { message: "Not Found" });
      return json(200, { type: "file", encoding: "base64", name: path.split("/").pop(), path, sha: "x", content: Buffer.from(contents[key]!).toString("base64") });
    }
    if (req.method === "POST" && p.startsWith(`${prefix}/statuses/`)) {
      const b = await body(req);
      state.statuses.push(arrived({ sha: p.split("/").pop()!, state: String(b.state), context: String(b.context), description: String(b.description), ...(poster ? { app_id: poster } : {}) }));
      return json(201, { id: nextId++, state: b.state, context: b.context, description: b.description });
    }
    if (req.method === "GET" && p === `${prefix}/issues/${pr.number}/comments`) return page(state.comments);
    if (req.method === "POST" && p === `${prefix}/issues/${pr.number}/comments`) {
      const b = await body(req);
      const c = { id: nextId++, body: String(b.body), user: { login: poster ? "sanshen[bot]" : "github-actions[bot]", type: "Bot" }, performed_via_github_app: { id: poster ?? 15368 } };
      state.comments.push(c);
      return json(201, c);
    }
    if (req.method === "PATCH" && p.startsWith(`${prefix}/issues/comments/`)) {
      const id = Number(p.split("/").pop());
      const c = state.comments.find((x) => x.id === id);
      if (!c) return json(404, { message: "Not Found" });
      // An App may edit only its own comments.
      if (poster && c.performed_via_github_app?.id !== poster) return json(403, { message: "Resource not accessible by integration" });
      c.body = String((await body(req)).body);
      return json(200, c);
    }
    if (req.method === "GET" && p === `${prefix}/pulls`) return page([{ number: pr.number, title: pr.title, state: "open", user: { login: pr.author }, created_at: pr.createdAt ?? "2026-11-20T00:00:00Z", updated_at: pr.updatedAt ?? pr.createdAt ?? "2026-11-20T00:00:00Z" }]);
    if (req.method === "GET" && p === `${prefix}/issues`) {
      // GitHub's filters: state (default open) and labels (comma-separated, all must match).
      const wantState = url.searchParams.get("state") ?? "open";
      const wantLabels = url.searchParams.get("labels")?.split(",").filter(Boolean) ?? [];
      return page(state.issues.filter((i) => (wantState === "all" || i.state === wantState) && wantLabels.every((l) => i.labels.some((x) => x.name === l))));
    }
    if (req.method === "POST" && p === `${prefix}/issues`) {
      const b = await body(req);
      const issue = { number: 100 + state.issues.length, title: String(b.title), body: String(b.body), state: "open", labels: ((b.labels as string[] | undefined) ?? []).map((name) => ({ name })) };
      state.issues.push(issue);
      return json(201, issue);
    }
    if (req.method === "PATCH" && /\/issues\/\d+$/.test(p)) {
      const issue = state.issues.find((i) => i.number === Number(p.split("/").pop()));
      if (!issue) return json(404, { message: "Not Found" });
      const { labels, ...rest } = await body(req);
      Object.assign(issue, rest, labels ? { labels: (labels as string[]).map((name) => ({ name })) } : {});
      return json(200, issue);
    }
    if (req.method === "PUT" && p === `${prefix}/branches/main/protection`) {
      state.protection = await body(req);
      return json(200, { url: `${state.url}${p}` });
    }
    json(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" });
  });
  state.server = server;
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
    state.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    resolve(state);
  }));
}
