import { createServer, type IncomingMessage, type Server } from "node:http";

/**
 * A local server speaking the GitHub REST endpoints the gate uses, with the
 * response shapes of GitHub's documentation (trimmed to the fields read):
 * pulls, pulls/files (paginated with Link headers), pulls/reviews,
 * pulls/commits, contents (base64), statuses, issue comments. It records what
 * was written, and can answer the first request with a rate-limit 403.
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
}

export interface FakeGitHub {
  url: string;
  server: Server;
  statuses: { sha: string; state: string; context: string; description: string }[];
  comments: { id: number; body: string; user: { login: string; type: string } }[];
  issues: { number: number; title: string; body: string; state: string }[];
  protection: Record<string, unknown> | undefined;
  requests: string[];
  rateLimitOnce: boolean;
}

export function fakeGitHub(owner: string, repo: string, pr: FakePr, contents: Record<string, string>): Promise<FakeGitHub> {
  const state: FakeGitHub = { url: "", server: undefined as unknown as Server, statuses: [], comments: [], issues: [], protection: undefined, requests: [], rateLimitOnce: false };
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
      state.statuses.push({ sha: p.split("/").pop()!, state: String(b.state), context: String(b.context), description: String(b.description) });
      return json(201, { id: nextId++, state: b.state, context: b.context, description: b.description });
    }
    if (req.method === "GET" && p === `${prefix}/issues/${pr.number}/comments`) return page(state.comments);
    if (req.method === "POST" && p === `${prefix}/issues/${pr.number}/comments`) {
      const b = await body(req);
      const c = { id: nextId++, body: String(b.body), user: { login: "github-actions[bot]", type: "Bot" } };
      state.comments.push(c);
      return json(201, c);
    }
    if (req.method === "PATCH" && p.startsWith(`${prefix}/issues/comments/`)) {
      const id = Number(p.split("/").pop());
      const c = state.comments.find((x) => x.id === id);
      if (!c) return json(404, { message: "Not Found" });
      c.body = String((await body(req)).body);
      return json(200, c);
    }
    if (req.method === "GET" && p === `${prefix}/pulls`) return page([{ number: pr.number, title: pr.title, state: "open", user: { login: pr.author } }]);
    if (req.method === "GET" && p === `${prefix}/issues`) return page(state.issues.filter((i) => i.state === "open"));
    if (req.method === "POST" && p === `${prefix}/issues`) {
      const b = await body(req);
      const issue = { number: 100 + state.issues.length, title: String(b.title), body: String(b.body), state: "open" };
      state.issues.push(issue);
      return json(201, issue);
    }
    if (req.method === "PATCH" && /\/issues\/\d+$/.test(p)) {
      const issue = state.issues.find((i) => i.number === Number(p.split("/").pop()));
      if (!issue) return json(404, { message: "Not Found" });
      Object.assign(issue, await body(req));
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
