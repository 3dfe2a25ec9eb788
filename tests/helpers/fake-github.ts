import { createServer, type IncomingMessage, type Server } from "node:http";
import { createHash, verify, type KeyObject } from "node:crypto";

/**
 * A local server speaking the GitHub REST endpoints the gate uses, with the
 * response shapes of GitHub's documentation (trimmed to the fields read):
 * pulls, pulls/files (paginated with Link headers), pulls/reviews,
 * pulls/commits, contents (base64), statuses, check runs, issue comments,
 * branch protection, rulesets, environments, the git data API (refs, blobs,
 * trees, commits) with pull requests opened and edited through it, team
 * memberships, and a GitHub App's installation
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
  issues: { number: number; title: string; body: string; state: string; labels: { name: string }[]; state_reason?: string | null; user?: { login: string; type: string } }[];
  /** Comments on those issues (an issue opened by a person, e.g. with the 投稿 form). */
  issueComments: { id: number; number: number; body: string }[];
  /** Files dropped into issues, by path on this server (`/user-attachments/assets/<id>`): served only with a token, as a private repository's are. */
  uploads: Map<string, Uint8Array>;
  protection: Record<string, unknown> | undefined;
  requests: string[];
  rateLimitOnce: boolean;
  /** Closed pull requests beside the one under review (GET /pulls?state=closed, and each one's reviews), as GitHub lists them. */
  closedPulls: FakeClosedPr[];
  /** Whether branch protection's required checks pass on a commit, as GitHub judges them (see below). */
  requiredChecksPass(sha: string): boolean;
  /** The repository's git objects and refs (`heads/main` → sha); trees are flat: path → blob sha. */
  git: { blobs: Map<string, string>; bytes: Map<string, Uint8Array>; trees: Map<string, Record<string, string>>; commits: Map<string, FakeCommit>; refs: Map<string, string> };
  /** Pull requests opened through the API (numbers from 50), beside the fixed `pr`. */
  pulls: FakeOpenedPull[];
  /** Comments on those pull requests. */
  pullComments: { id: number; number: number; body: string }[];
  /** Organisation teams: slug → member logins. */
  teams: Record<string, string[]>;
  /** PUT actions/permissions/workflow's body, once set. */
  workflowPermissions?: Record<string, unknown>;
  /** The repository setting "Allow GitHub Actions to create and approve pull requests" off: POST /pulls answers 403. */
  refuseActionsPulls: boolean;
  /** A branch of one commit holding `files` (on `parent`'s files when given); returns the commit's sha. */
  seedBranch(branch: string, files: Record<string, string>, parent?: string): string;
  /** A file's text on a branch or commit of the git store, or undefined. */
  fileOn(ref: string, path: string): string | undefined;
  /** A file's bytes on a branch or commit of the git store, or undefined. */
  bytesOn(ref: string, path: string): Uint8Array | undefined;
}

export interface FakeCommit {
  tree: string;
  parents: string[];
  message: string;
  date: string;
  /** The author given when the commit was made through the API (GitHub links the login from a noreply address). */
  author?: { name: string; email: string };
}

export interface FakeOpenedPull {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  head: string;
  base: string;
  user: { login: string; type: string };
  reviews: FakePr["reviews"];
  created_at: string;
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
  const git: FakeGitHub["git"] = { blobs: new Map(), bytes: new Map(), trees: new Map(), commits: new Map(), refs: new Map() };
  const hash = (kind: string, value: unknown) => createHash("sha1").update(`${kind}\0${JSON.stringify(value)}`).digest("hex");
  const putBlob = (text: string) => {
    const sha = hash("blob", text);
    git.blobs.set(sha, text);
    return sha;
  };
  const putTree = (entries: Record<string, string>) => {
    const sorted = Object.fromEntries(Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : 1)));
    const sha = hash("tree", sorted);
    git.trees.set(sha, sorted);
    return sha;
  };
  const putCommit = (c: FakeCommit) => {
    const sha = hash("commit", c);
    git.commits.set(sha, c);
    return sha;
  };
  /** A branch name or a commit sha → the commit's flat tree. */
  const treeOf = (ref: string): Record<string, string> | undefined => {
    const sha = git.refs.get(`heads/${ref}`) ?? ref;
    const commit = git.commits.get(sha);
    return commit ? git.trees.get(commit.tree) : undefined;
  };
  const state: FakeGitHub = {
    url: "", server: undefined as unknown as Server, statuses: [], checkRuns: [], rulesets: [], environments: {}, unavailable: [], log: [], badJwts: [], comments: [], issues: [], issueComments: [], uploads: new Map(), protection: undefined, requests: [], rateLimitOnce: false, closedPulls: [],
    requiredChecksPass: (sha) => checksPass(state.protection, state, sha),
    git, pulls: [], pullComments: [], teams: {}, refuseActionsPulls: false,
    seedBranch(branch, files, parent) {
      const base = parent ? (treeOf(parent) ?? {}) : {};
      const tree = putTree({ ...base, ...Object.fromEntries(Object.entries(files).map(([path, text]) => [path, putBlob(text)])) });
      const sha = putCommit({ tree, parents: parent ? [git.refs.get(`heads/${parent}`) ?? parent] : [], message: `seed ${branch}`, date: new Date().toISOString() });
      git.refs.set(`heads/${branch}`, sha);
      return sha;
    },
    fileOn(ref, path) {
      const blob = treeOf(ref)?.[path];
      return blob === undefined ? undefined : git.blobs.get(blob);
    },
    bytesOn(ref, path) {
      const blob = treeOf(ref)?.[path];
      return blob === undefined ? undefined : (git.bytes.get(blob) ?? Buffer.from(git.blobs.get(blob) ?? "", "utf8"));
    },
  };
  let nextId = 1000;
  const prefix = `/repos/${owner}/${repo}`;
  const refJson = (ref: string, sha: string) => ({ ref: `refs/${ref}`, node_id: "x", url: `${state.url}${prefix}/git/refs/${ref}`, object: { type: "commit", sha, url: `${state.url}${prefix}/git/commits/${sha}` } });
  const commitJson = (sha: string) => {
    const c = git.commits.get(sha)!;
    const who = { name: "github-actions[bot]", email: "41898282+github-actions[bot]@users.noreply.github.com", date: c.date };
    return { sha, url: `${state.url}${prefix}/git/commits/${sha}`, message: c.message, author: c.author ? { ...c.author, date: c.date } : who, committer: who, tree: { sha: c.tree, url: `${state.url}${prefix}/git/trees/${c.tree}` }, parents: c.parents.map((x) => ({ sha: x, url: `${state.url}${prefix}/git/commits/${x}` })) };
  };
  const pullJson = (x: FakeOpenedPull) => {
    const files = Object.entries(treeOf(x.head) ?? {}).filter(([f, blob]) => treeOf(x.base)?.[f] !== blob).length;
    return {
      number: x.number, title: x.title, body: x.body, state: x.state, html_url: `https://github.com/${owner}/${repo}/pull/${x.number}`, user: x.user, changed_files: files, created_at: x.created_at, updated_at: x.created_at,
      head: { ref: x.head, sha: git.refs.get(`heads/${x.head}`) ?? "0".repeat(40), label: `${owner}:${x.head}`, repo: { full_name: `${owner}/${repo}` } },
      base: { ref: x.base, sha: git.refs.get(`heads/${x.base}`) ?? "0".repeat(40), repo: { default_branch: "main", full_name: `${owner}/${repo}` } },
    };
  };
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
      const ref = url.searchParams.get("ref") ?? "main";
      const key = `${ref}:${path}`;
      // A branch or commit of the git store answers from its tree; anything else from the fixed contents.
      const text = treeOf(ref) ? state.fileOn(ref, path) : contents[key];
      if (text === undefined) return json(404, { message: "Not Found" });
      return json(200, { type: "file", encoding: "base64", name: path.split("/").pop(), path, sha: "x", content: Buffer.from(text).toString("base64") });
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
      const onPull = state.pullComments.find((x) => x.id === id);
      if (onPull) {
        onPull.body = String((await body(req)).body);
        return json(200, { id, body: onPull.body, user: { login: "github-actions[bot]", type: "Bot" } });
      }
      const onIssue = state.issueComments.find((x) => x.id === id);
      if (onIssue) {
        onIssue.body = String((await body(req)).body);
        return json(200, { id, body: onIssue.body, user: { login: "github-actions[bot]", type: "Bot" } });
      }
      const c = state.comments.find((x) => x.id === id);
      if (!c) return json(404, { message: "Not Found" });
      // An App may edit only its own comments.
      if (poster && c.performed_via_github_app?.id !== poster) return json(403, { message: "Resource not accessible by integration" });
      c.body = String((await body(req)).body);
      return json(200, c);
    }
    if (req.method === "GET" && p === `${prefix}/pulls`) {
      const opened = state.pulls.map((x) => pullJson(x));
      // GitHub's filters: state (default open) and head (`owner:branch`).
      const head = url.searchParams.get("head");
      if (head) {
        const wantState = url.searchParams.get("state") ?? "open";
        return page(opened.filter((x) => `${owner}:${x.head.ref}` === head && (wantState === "all" || x.state === wantState)));
      }
      return page([{ number: pr.number, title: pr.title, state: "open", user: { login: pr.author }, created_at: pr.createdAt ?? "2026-11-20T00:00:00Z", updated_at: pr.updatedAt ?? pr.createdAt ?? "2026-11-20T00:00:00Z" }, ...opened]);
    }
    if (req.method === "GET" && p === prefix) return json(200, { id: 1, name: repo, full_name: `${owner}/${repo}`, owner: { login: owner }, default_branch: "main", private: true });
    // The git data API (docs.github.com/rest/git): refs, blobs, trees, commits.
    // Octokit sends a ref's slashes encoded (heads%2Fmain).
    const refPath = ((r) => (r ? decodeURIComponent(r) : undefined))(/\/git\/refs?\/(.+)$/.exec(p)?.[1]);
    if (req.method === "GET" && p.startsWith(`${prefix}/git/ref/`) && refPath) {
      const sha = git.refs.get(refPath);
      if (!sha) return json(404, { message: "Not Found" });
      return json(200, refJson(refPath, sha));
    }
    if (req.method === "POST" && p === `${prefix}/git/refs`) {
      const b = await body(req);
      const ref = String(b.ref).replace(/^refs\//, "");
      if (!String(b.ref).startsWith("refs/") || String(b.ref).split("/").length < 3) return json(422, { message: "Reference name must start with 'refs/' and have at least two slashes." });
      if (git.refs.has(ref)) return json(422, { message: "Reference already exists" });
      if (!git.commits.has(String(b.sha))) return json(422, { message: "Object does not exist" });
      git.refs.set(ref, String(b.sha));
      return json(201, refJson(ref, String(b.sha)));
    }
    if (req.method === "PATCH" && p.startsWith(`${prefix}/git/refs/`) && refPath) {
      const b = await body(req);
      const old = git.refs.get(refPath);
      if (!old) return json(422, { message: "Reference does not exist" });
      const sha = String(b.sha);
      if (!git.commits.has(sha)) return json(422, { message: "Object does not exist" });
      // Without force, only a fast-forward (the old head an ancestor of the new one).
      const ancestors = (c: string): string[] => [c, ...(git.commits.get(c)?.parents ?? []).flatMap(ancestors)];
      if (!b.force && !ancestors(sha).includes(old)) return json(422, { message: "Update is not a fast forward" });
      git.refs.set(refPath, sha);
      return json(200, refJson(refPath, sha));
    }
    if (req.method === "DELETE" && p.startsWith(`${prefix}/git/refs/`) && refPath) {
      if (!git.refs.delete(refPath)) return json(422, { message: "Reference does not exist" });
      res.writeHead(204);
      return res.end();
    }
    if (req.method === "POST" && p === `${prefix}/git/blobs`) {
      const b = await body(req);
      const bytes = b.encoding === "base64" ? Buffer.from(String(b.content), "base64") : Buffer.from(String(b.content), "utf8");
      const sha = hash("blob", bytes.toString("base64"));
      git.blobs.set(sha, bytes.toString("utf8"));
      git.bytes.set(sha, bytes);
      return json(201, { sha, url: `${state.url}${prefix}/git/blobs/${sha}` });
    }
    if (req.method === "POST" && p === `${prefix}/git/trees`) {
      const b = await body(req);
      const base = b.base_tree ? git.trees.get(String(b.base_tree)) : {};
      if (!base) return json(422, { message: "base_tree is not a valid tree" });
      const entries = { ...base };
      for (const e of b.tree as { path: string; mode: string; type: string; sha?: string | null; content?: string }[]) {
        if (e.sha === null) delete entries[e.path];
        else if (e.content !== undefined) entries[e.path] = putBlob(e.content);
        else if (e.sha && git.blobs.has(e.sha)) entries[e.path] = e.sha;
        else return json(422, { message: `tree.sha ${e.sha} is not a valid blob` });
      }
      const sha = putTree(entries);
      return json(201, { sha, url: `${state.url}${prefix}/git/trees/${sha}`, tree: Object.entries(entries).map(([path, blob]) => ({ path, mode: "100644", type: "blob", sha: blob })), truncated: false });
    }
    if (req.method === "POST" && p === `${prefix}/git/commits`) {
      const b = await body(req);
      if (!git.trees.has(String(b.tree))) return json(422, { message: "Tree SHA does not exist" });
      const parents = (b.parents as string[]) ?? [];
      if (parents.some((x) => !git.commits.has(x))) return json(422, { message: "Parent SHA does not exist" });
      const author = b.author as { name?: string; email?: string } | undefined;
      const sha = putCommit({ tree: String(b.tree), parents, message: String(b.message), date: new Date().toISOString(), ...(author?.name && author.email ? { author: { name: author.name, email: author.email } } : {}) });
      return json(201, commitJson(sha));
    }
    if (req.method === "GET" && p.startsWith(`${prefix}/git/commits/`)) {
      const sha = p.split("/").pop()!;
      if (!git.commits.has(sha)) return json(404, { message: "Not Found" });
      return json(200, commitJson(sha));
    }
    // Pull requests opened through the API.
    if (req.method === "POST" && p === `${prefix}/pulls`) {
      const b = await body(req);
      if (state.refuseActionsPulls) return json(403, { message: "GitHub Actions is not permitted to create or approve pull requests.", documentation_url: "https://docs.github.com/rest/pulls/pulls#create-a-pull-request" });
      const head = String(b.head).replace(`${owner}:`, "");
      if (!git.refs.has(`heads/${head}`)) return json(422, { message: "Validation Failed", errors: [{ resource: "PullRequest", field: "head", code: "invalid" }] });
      if (state.pulls.some((x) => x.state === "open" && x.head === head)) return json(422, { message: "Validation Failed", errors: [{ resource: "PullRequest", code: "custom", message: `A pull request already exists for ${owner}:${head}.` }] });
      const created: FakeOpenedPull = { number: 50 + state.pulls.length, title: String(b.title), body: String(b.body ?? ""), state: "open", head, base: String(b.base), user: { login: "github-actions[bot]", type: "Bot" }, reviews: [], created_at: new Date().toISOString() };
      state.pulls.push(created);
      return json(201, pullJson(created));
    }
    const opened = state.pulls.find((x) => new RegExp(`^${prefix}/(?:pulls|issues)/${x.number}(?:/|$)`).test(p));
    if (opened) {
      const sub = p.slice(p.indexOf(String(opened.number), prefix.length) + String(opened.number).length);
      if (req.method === "GET" && p.includes("/pulls/") && sub === "") return json(200, pullJson(opened));
      if (req.method === "PATCH" && p.includes("/pulls/") && sub === "") {
        const b = await body(req);
        for (const k of ["title", "body", "state"] as const) if (typeof b[k] === "string") (opened as unknown as Record<string, string>)[k] = b[k] as string;
        return json(200, pullJson(opened));
      }
      if (req.method === "GET" && sub === "/files") {
        const head = treeOf(opened.head) ?? {};
        const base = treeOf(opened.base) ?? {};
        const files = [...new Set([...Object.keys(base), ...Object.keys(head)])].sort().filter((f) => head[f] !== base[f]).map((filename) => ({ filename, status: !(filename in base) ? "added" : !(filename in head) ? "removed" : "modified", sha: head[filename] ?? "x", additions: 1, deletions: 1, changes: 2 }));
        return page(files);
      }
      if (req.method === "GET" && sub === "/reviews") return page(opened.reviews);
      if (req.method === "GET" && sub === "/commits") {
        const sha = git.refs.get(`heads/${opened.head}`)!;
        const made = git.commits.get(sha);
        // GitHub links a commit to the account of its author's noreply address.
        const linked = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/.exec(made?.author?.email ?? "")?.[1];
        return page([{ sha, commit: { message: made?.message, committer: { date: made?.date } }, author: { login: linked ?? "github-actions[bot]" }, committer: { login: "web-flow" } }]);
      }
      if (req.method === "GET" && sub === "/comments") return page(state.pullComments.filter((c) => c.number === opened.number).map(({ id, body: text }) => ({ id, body: text, user: { login: "github-actions[bot]", type: "Bot" } })));
      if (req.method === "POST" && sub === "/comments") {
        const c = { id: nextId++, number: opened.number, body: String((await body(req)).body) };
        state.pullComments.push(c);
        return json(201, { id: c.id, body: c.body, user: { login: "github-actions[bot]", type: "Bot" } });
      }
    }
    // Issues opened by people (the 投稿 form), their comments, and the files dropped into them.
    const personIssue = state.issues.find((i) => i.user && new RegExp(`^${prefix}/issues/${i.number}(?:/comments)?$`).test(p));
    if (personIssue) {
      const issueJson = { ...personIssue, body: personIssue.body, html_url: `https://github.com/${owner}/${repo}/issues/${personIssue.number}` };
      if (req.method === "GET" && p.endsWith("/comments")) return page(state.issueComments.filter((c) => c.number === personIssue.number).map(({ id, body: text }) => ({ id, body: text, user: { login: "github-actions[bot]", type: "Bot" } })));
      if (req.method === "POST" && p.endsWith("/comments")) {
        const c = { id: nextId++, number: personIssue.number, body: String((await body(req)).body) };
        state.issueComments.push(c);
        return json(201, { id: c.id, body: c.body, user: { login: "github-actions[bot]", type: "Bot" } });
      }
      if (req.method === "GET") return json(200, issueJson);
    }
    if (req.method === "GET" && p.startsWith("/user-attachments/")) {
      const file = state.uploads.get(p);
      if (!file || !authorization) return json(404, { message: "Not Found" });
      res.writeHead(200, { "Content-Type": "application/octet-stream" });
      return res.end(Buffer.from(file));
    }
    // Team memberships (docs.github.com/rest/teams/members).
    const membership = /^\/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/.exec(p);
    if (membership) {
      const [, , slug, user] = membership as unknown as [string, string, string, string];
      const members = state.teams[slug];
      if (!members) return json(404, { message: "Not Found" });
      const i = members.findIndex((m) => m.toLowerCase() === user.toLowerCase());
      if (req.method === "GET") return i < 0 ? json(404, { message: "Not Found" }) : json(200, { url: `${state.url}${p}`, role: "member", state: "active" });
      if (req.method === "DELETE") {
        if (i >= 0) members.splice(i, 1);
        res.writeHead(204);
        return res.end();
      }
    }
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
    if (req.method === "PUT" && p === `${prefix}/actions/permissions/workflow`) {
      state.workflowPermissions = await body(req);
      res.writeHead(204);
      return res.end();
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
