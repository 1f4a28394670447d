// Reads that cannot change for their key (a pull request's files for one base..head pair, the config of one base
// commit) and reads that change rarely (team members), kept by one app instance: in memory, bounded, and in Redis
// when REDIS_URL is set, so every replica shares them. A cache never fails an evaluation: a Redis error is a miss.
import { Redis } from "ioredis";
import type { Logger } from "probot";
import { LruMap } from "toad-cache";

export interface CacheKind {
  name: string;
  /** Entries kept in this process's memory. */
  max: number;
  ttlMs: number;
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

/** A value this large (JSON characters) is not kept: one huge diff must not push out every other entry. */
export const MAX_VALUE_CHARS = 4_000_000;

export class ReadCache {
  private readonly memory = new Map<string, LruMap<string>>();
  private readonly redis?: Redis;

  constructor(options: { redisUrl?: string; log?: Pick<Logger, "warn"> } = {}) {
    if (options.redisUrl) {
      // Fail fast rather than hold an evaluation up while Redis is away: a miss only costs a read.
      this.redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
      this.redis.on("error", (err) => options.log?.warn({ err }, "read cache: Redis unavailable, reading GitHub instead"));
    }
  }

  async get<T>(kind: CacheKind, key: string): Promise<T | undefined> {
    const local = this.lru(kind).get(key);
    if (local !== undefined) return JSON.parse(local) as T;
    if (!this.redis) return undefined;
    const shared = await this.redis.get(this.redisKey(kind, key)).catch(() => null);
    if (shared === null) return undefined;
    this.lru(kind).set(key, shared);
    return JSON.parse(shared) as T;
  }

  async set<T>(kind: CacheKind, key: string, value: T, ttlMs = kind.ttlMs): Promise<void> {
    const text = JSON.stringify(value);
    if (text.length > MAX_VALUE_CHARS) return;
    this.lru(kind).set(key, text);
    await this.redis?.set(this.redisKey(kind, key), text, "PX", ttlMs).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }

  private lru(kind: CacheKind): LruMap<string> {
    let lru = this.memory.get(kind.name);
    if (!lru) this.memory.set(kind.name, (lru = new LruMap<string>(kind.max, kind.ttlMs)));
    return lru;
  }

  private redisKey(kind: CacheKind, key: string) {
    return `dod:cache:${kind.name}:${key}`;
  }
}

/** The key of what a pull request's diff holds: the same base and head commits always give the same files. */
export const diffKey = (owner: string, repo: string, baseSha: string, headSha: string) =>
  `${owner}/${repo}:${baseSha}..${headSha}`.toLowerCase();
