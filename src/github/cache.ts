// What the gatherer may keep between evaluations, and under which keys: reads that cannot change for their key (a
// pull request's files for one base..head pair, the config of one base commit) and reads that change rarely (team
// members). The app's implementation is read-cache.ts; the CLI and the Action keep nothing.

export interface Cache {
  get<T>(kind: CacheKind, key: string): Promise<T | undefined>;
  set<T>(kind: CacheKind, key: string, value: T, ttlMs?: number): Promise<void>;
  /** A record kept field by field (a Redis hash), so that writers of different fields never drop each other's. */
  getFields<T>(kind: CacheKind, key: string): Promise<Record<string, T> | undefined>;
  /** Sets one field of such a record, or deletes it (`undefined`); the whole record's TTL starts again. */
  setField<T>(kind: CacheKind, key: string, field: string, value: T | undefined): Promise<void>;
}

export interface CacheKind {
  name: string;
  /** Entries kept in this process's memory. */
  max: number;
  ttlMs: number;
  /**
   * Entries are rewritten under the same key (what was last seen, not what a commit holds): with Redis, another
   * replica's newer entry wins over this process's copy.
   */
  rewritten?: boolean;
}

const DAY_MS = 24 * 60 * 60_000;

/** A pull request's files beyond the first page, per base..head commit pair. */
export const FILES: CacheKind = { name: "files", max: 100, ttlMs: DAY_MS };
/** Added lines per file (REST patches), per base..head commit pair. */
export const ADDED_LINES: CacheKind = { name: "added-lines", max: 50, ttlMs: DAY_MS };
/** Members of one `@org/team`: membership changes, so only briefly. */
export const TEAMS: CacheKind = { name: "teams", max: 1000, ttlMs: 5 * 60_000 };
/** What a base commit's config refers to (checks, labels), for skipping events that cannot matter. */
export const CONFIG_REFERENCES: CacheKind = { name: "config-refs", max: 1000, ttlMs: DAY_MS };

/**
 * What the last evaluation of a head commit saw, per pull request (github/heads.ts): a record of one field per pull
 * request, since two pull requests sharing a head may be evaluated at once on two replicas.
 */
export const HEADS: CacheKind = { name: "head-records", max: 5000, ttlMs: DAY_MS, rewritten: true };

/** Each pull request's last verdict as the dashboard shows it: an unchanged verdict leaves the dashboard alone. */
export const VERDICTS: CacheKind = { name: "verdicts", max: 10_000, ttlMs: 7 * DAY_MS, rewritten: true };

/**
 * Per repository (and the app whose checks were read), the dashboard issue's last gathered input, which evaluations
 * patch (dashboard/patch.ts). Briefly: what no event reports — an edit of the issue, a change of the organisation's
 * done.yml — shows within this long, when the next refresh reads GitHub again.
 */
export const DASHBOARDS: CacheKind = { name: "dashboards", max: 100, ttlMs: 30 * 60_000, rewritten: true };
export const dashboardKey = (owner: string, repo: string, appId: number | undefined) =>
  `${owner}/${repo}:${appId ?? "by-name"}`.toLowerCase();

/**
 * A closed milestone's pull requests as the dashboard shows them, once none of them is open: keyed by what GitHub
 * changes when one is added, removed or reopened, or the milestone reopened (closedMilestoneKey).
 */
export const CLOSED_RELEASES: CacheKind = { name: "closed-releases", max: 200, ttlMs: DAY_MS };
/**
 * Per repository, changed whenever a merged or closed pull request's check changes (a waiver after the merge, the
 * evaluation at merge): it is part of every closed milestone's key, since GitHub does not touch the milestone then.
 * It outlives the entries keyed by it: a missing epoch is a new one (dashboard-gather.ts), never an older entry's.
 */
export const CLOSED_PULLS_EPOCH: CacheKind = {
  name: "closed-pulls-epoch",
  max: 1000,
  ttlMs: 7 * DAY_MS,
  rewritten: true,
};
export const repositoryKey = (owner: string, repo: string) => `${owner}/${repo}`.toLowerCase();

/** A value this large (JSON characters) is not kept: one huge diff must not push out every other entry. */
export const MAX_VALUE_CHARS = 4_000_000;

/** The key of what a pull request's diff holds: the same base and head commits always give the same files. */
export const diffKey = (owner: string, repo: string, baseSha: string, headSha: string) =>
  `${owner}/${repo}:${baseSha}..${headSha}`.toLowerCase();

/** The key of a config's references: the base commit it was read from. */
export const configKey = (owner: string, repo: string, baseSha: string) => `${owner}/${repo}@${baseSha}`.toLowerCase();

/** The key of what evaluations saw of a head commit. */
export const headKey = (owner: string, repo: string, headSha: string) => `${owner}/${repo}@${headSha}`.toLowerCase();

/**
 * The key of a closed milestone's pull requests: its `updatedAt` (GitHub touches it when an issue or pull request
 * joins or leaves it), its closing, and its count of open and merged pull requests; the app whose checks were read;
 * the repository's CLOSED_PULLS_EPOCH.
 */
export const closedMilestoneKey = (
  owner: string,
  repo: string,
  m: { number: number; updatedAt: string; closedAt: string | null; count: number },
  checksOf: string,
  epoch: string,
) => `${owner}/${repo}#${m.number}@${m.updatedAt}/${m.closedAt ?? ""}/${m.count}:${checksOf}:${epoch}`.toLowerCase();
