import type { Portal } from "../workflows/portal.ts";
import { isActive } from "./roster.ts";

/**
 * Accounts unused for a month are locked (seed 000: 一个月未登录的账号锁定):
 * correspondents and reviewers with no activity for 30 days get a reminder
 * at 25 and are listed for locking at 30. Pure: the activity and `now` in.
 */

export const REMIND_DAYS = 25;
export const LOCK_DAYS = 30;

/** One commit as git records it: who wrote and committed it, and its subject. */
export interface CommitRecord {
  at: Date;
  authorName: string;
  authorEmail: string;
  committerName: string;
  committerEmail: string;
  subject: string;
}

/** Something a person did, by login (lower case): a commit, a pull request, a review. */
export interface Activity {
  login: string;
  at: Date;
}

const DAY = 24 * 3600 * 1000;

/**
 * The logins a commit shows as active: GitHub's noreply address
 * (`12345+login@users.noreply.github.com`), a name that is a login on the
 * roster, and the author of a merged pull request ("Merge pull request #7
 * from login/branch"). A commit whose author is not on the roster says nothing.
 */
export function activityOfCommits(commits: readonly CommitRecord[], logins: ReadonlySet<string>): Activity[] {
  const out: Activity[] = [];
  for (const c of commits) {
    const who = new Set<string>();
    for (const [name, email] of [[c.authorName, c.authorEmail], [c.committerName, c.committerEmail]] as const) {
      const login = loginOf(name, email, logins);
      if (login) who.add(login);
    }
    const merged = mergedPullRequest(c.subject);
    if (merged && logins.has(merged.author)) who.add(merged.author);
    for (const login of who) out.push({ login, at: c.at });
  }
  return out;
}

/**
 * The roster login (lower case) a commit's author or committer is: GitHub's
 * noreply address first, then a name or an address's local part that is a
 * login on the roster; undefined when none is.
 */
export function loginOf(name: string, email: string, logins: ReadonlySet<string>): string | undefined {
  const noreply = /^(?:\d+\+)?([A-Za-z0-9-]+)@users\.noreply\.github\.com$/i.exec(email)?.[1];
  for (const candidate of [noreply, name, email.split("@")[0]]) if (candidate && logins.has(candidate.toLowerCase())) return candidate.toLowerCase();
  return undefined;
}

/** The pull request a merge commit's subject names (GitHub's "Merge pull request #7 from login/branch"), its author in lower case. */
export function mergedPullRequest(subject: string): { number: number; author: string } | undefined {
  const m = /^Merge pull request #(\d+) from ([A-Za-z0-9-]+)\//.exec(subject);
  return m ? { number: Number(m[1]), author: m[2]!.toLowerCase() } : undefined;
}

export type AccountStatus = "active" | "remind" | "lock";

export interface AccountState {
  login: string;
  name: string;
  unit: string;
  roles: string[];
  /** The last activity, or when the person joined the roster when there was none since. */
  lastActive: string | null;
  /** Whole days since then; null when nothing is known. */
  days: number | null;
  status: AccountStatus;
}

/**
 * Each unlocked correspondent and reviewer: the last thing they did (or when
 * they joined the roster, so a new account is not locked on its first day),
 * and whether to remind or to lock them. Nobody is locked on no evidence: a
 * person with neither activity nor a known joining date is left active.
 * `reviewsKnown` false (git alone, no reviews): only correspondents, whose
 * work is commits, are judged; the others are left active.
 */
export function accountStates(portal: Portal, activity: readonly Activity[], joined: ReadonlyMap<string, Date>, now: Date, { reviewsKnown = true } = {}): AccountState[] {
  const last = new Map<string, Date>();
  for (const a of activity) if (a.at <= now && (!last.get(a.login) || a.at > last.get(a.login)!)) last.set(a.login, a.at);
  const out: AccountState[] = [];
  for (const unit of portal.units) {
    for (const person of unit.people) {
      if (!isActive(person) || !person.roles.some((r) => r === "correspondent" || r === "reviewer")) continue;
      const key = person.login.toLowerCase();
      const since = [last.get(key), joined.get(key)].filter((d): d is Date => !!d && d <= now).sort((a, b) => b.getTime() - a.getTime())[0];
      const days = since ? Math.floor((now.getTime() - since.getTime()) / DAY) : null;
      const judged = days !== null && (reviewsKnown || person.roles.includes("correspondent"));
      const status: AccountStatus = !judged ? "active" : days >= LOCK_DAYS ? "lock" : days >= REMIND_DAYS ? "remind" : "active";
      out.push({ login: person.login, name: person.name, unit: unit.id, roles: person.roles, lastActive: since?.toISOString() ?? null, days, status });
    }
  }
  return out;
}

export const ACCOUNTS_MARKER = "<!-- sanshen:accounts -->";
export const ACCOUNTS_LABEL = "账号管理";
/** What a lock says in units.yaml. */
export const LOCK_REASON = `超过 ${LOCK_DAYS} 天未使用，按规定锁定`;

const dayOf = (iso: string | null) => (iso ? iso.slice(0, 10) : "—");

/** The text for a person: who will be locked, who is reminded. */
export function renderAccountsText(states: readonly AccountState[], portal: Portal, now: Date): string {
  const unitName = (u: string) => portal.unitById.get(u)?.name ?? u;
  const lock = states.filter((s) => s.status === "lock");
  const remind = states.filter((s) => s.status === "remind");
  const line = (s: AccountState) => `  ${s.name}（${s.login}，${unitName(s.unit)}）：最后一次使用 ${dayOf(s.lastActive)}，已 ${s.days} 天`;
  const out = [`账号使用情况（截至 ${now.toISOString().slice(0, 10)}，通讯员和审核人共 ${states.length} 人）`];
  out.push(lock.length ? `\n超过 ${LOCK_DAYS} 天未使用、应锁定的 ${lock.length} 人：` : `\n没有超过 ${LOCK_DAYS} 天未使用的账号。`, ...lock.map(line));
  if (remind.length) out.push(`\n已 ${REMIND_DAYS} 天以上未使用、请尽快登录使用的 ${remind.length} 人：`, ...remind.map(line));
  return out.join("\n");
}

/** The one reminder issue: who will be locked and when (and the lock PR's number, when the job keeps one); undefined when nobody is near the month. */
export function accountsNotice(states: readonly AccountState[], portal: Portal, lockPr?: number): { marker: string; title: string; body: string; labels: string[] } | undefined {
  const unitName = (u: string) => portal.unitById.get(u)?.name ?? u;
  const near = states.filter((s) => s.status !== "active");
  if (!near.length) return undefined;
  const row = (s: AccountState) => `| @${s.login} | ${s.name} | ${unitName(s.unit)} | ${dayOf(s.lastActive)} | ${s.days} 天 | ${s.status === "lock" ? "已超过 30 天，将锁定" : `请在 ${LOCK_DAYS - (s.days ?? 0)} 天内使用`} |`;
  const body = [
    ACCOUNTS_MARKER,
    `按规定，一个月未使用的账号将被锁定，锁定后不能报送也不能审核。以下 ${near.length} 位同事的账号已 ${REMIND_DAYS} 天以上没有提交、拉取请求或审核记录：`,
    "",
    "| 账号 | 姓名 | 单位 | 最后一次使用 | 未使用 | 处理 |",
    "|---|---|---|---|---|---|",
    ...near.map(row),
    "",
    `登录 GitHub 报送或审核一次即可保持账号。${lockPr ? `已超过 30 天的账号已在拉取请求 #${lockPr} 中标记锁定` : "已超过 30 天的账号由技术管理员在人员名单中标记锁定"}，经网站主管部门审核后生效；需要恢复的，请联系网站主管部门。`,
  ].join("\n");
  return { marker: ACCOUNTS_MARKER, title: "账号即将锁定提醒", body, labels: [ACCOUNTS_LABEL] };
}
