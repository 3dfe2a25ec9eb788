import { random } from "./corpus.ts";

/**
 * A realistic git history for the bench corpus, as one `git fast-import`
 * stream (one process instead of thousands of `git commit` calls): a first
 * commit with the portal's rules, then each article added by its own commit
 * at a time spread over the months given, and edits of articles already
 * published (a sentence appended) until the history holds `commits` commits.
 * Pure and deterministic: the same input gives the same stream.
 */
export interface HistoryOptions {
  /** Commits in all, the first (rules) included; at least one per article plus one. */
  commits: number;
  /** First and last commit time. */
  from: Date;
  to: Date;
  seed?: number;
}

export interface History {
  /** The fast-import stream (branch `refs/heads/main`). */
  stream: Buffer;
  /** Each file's text at the last commit. */
  final: Map<string, string>;
  commits: number;
}

const EDIT = "\n会议还研究了其他事项，并对下一阶段工作作出安排。\n";

export function historyStream(base: ReadonlyMap<string, string>, articles: ReadonlyMap<string, string>, { commits, from, to, seed = 7 }: HistoryOptions): History {
  const paths = [...articles.keys()];
  if (commits < paths.length + 1) throw new Error(`bench history: ${commits} commits cannot add ${paths.length} articles one by one`);
  const rnd = random(seed);
  const span = to.getTime() - from.getTime();
  // Each article's arrival: evenly spread with jitter, so every month has its share.
  const events: { at: number; path: string; edit: boolean }[] = paths.map((path, i) => ({
    at: from.getTime() + Math.floor(((i + rnd()) / paths.length) * span * 0.98) + 60_000,
    path,
    edit: false,
  }));
  const arrival = new Map(events.map((e) => [e.path, e.at]));
  for (let k = paths.length + 1; k < commits; k++) {
    const path = paths[Math.floor(rnd() * paths.length)]!;
    const since = arrival.get(path)!;
    events.push({ at: since + 1000 + Math.floor(rnd() * (to.getTime() - since)), path, edit: true });
  }
  events.sort((a, b) => a.at - b.at || (a.edit === b.edit ? 0 : a.edit ? 1 : -1));
  const final = new Map(articles);
  const chunks: Buffer[] = [];
  const data = (text: string) => {
    const bytes = Buffer.from(text);
    chunks.push(Buffer.from(`data ${bytes.length}\n`), bytes, Buffer.from("\n"));
  };
  let mark = 0;
  const commit = (at: number, message: string, files: [string, string][]) => {
    mark++;
    chunks.push(Buffer.from(`commit refs/heads/main\nmark :${mark}\ncommitter bench <bench@example.invalid> ${Math.floor(at / 1000)} +0800\n`));
    data(message);
    if (mark > 1) chunks.push(Buffer.from(`from :${mark - 1}\n`));
    for (const [path, text] of files) {
      chunks.push(Buffer.from(`M 100644 inline ${path}\n`));
      data(text);
    }
  };
  commit(from.getTime(), "portal rules", [...base]);
  for (const e of events) {
    let text = final.get(e.path)!;
    if (e.edit) final.set(e.path, (text = text + EDIT));
    commit(e.at, `${e.edit ? "edit" : "add"} ${e.path}`, [[e.path, text]]);
  }
  return { stream: Buffer.concat(chunks), final, commits: mark };
}
