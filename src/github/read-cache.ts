// The app's cache (see cache.ts for what is kept): in this process's memory, bounded per kind, and in Redis when
// REDIS_URL is set, so every replica shares it. A cache never fails an evaluation: a Redis error is a miss.
import { Redis } from "ioredis";
import type { Logger } from "probot";
import { LruMap } from "toad-cache";
import { type Cache, type CacheKind, MAX_VALUE_CHARS } from "./cache.js";

const COMMAND_TIMEOUT_MS = 250;

export class ReadCache implements Cache {
  private readonly memory = new Map<string, LruMap<string>>();
  private readonly redis?: Redis;

  constructor(options: { redisUrl?: string; log?: Pick<Logger, "warn"> } = {}) {
    if (options.redisUrl) {
      // Fail fast rather than hold an evaluation up while Redis is away: a miss only costs a read.
      // A webhook's handler reads it too, and must be answered fast: a slow Redis answers a miss after
      // COMMAND_TIMEOUT_MS, as does one that is away (ioredis holds commands while it reconnects).
      this.redis = new Redis(options.redisUrl, {
        maxRetriesPerRequest: 1,
        connectTimeout: 2000,
        commandTimeout: COMMAND_TIMEOUT_MS,
      });
      // ioredis reports every reconnection attempt: one line per outage is enough.
      let down = false;
      this.redis.on("error", (err) => {
        if (!down) options.log?.warn({ err }, "read cache: Redis unavailable, reading GitHub instead");
        down = true;
      });
      this.redis.on("ready", () => (down = false));
    }
  }

  async get<T>(kind: CacheKind, key: string): Promise<T | undefined> {
    const local = this.lru(kind).get(key);
    if (local !== undefined && !(kind.rewritten && this.redis)) return JSON.parse(local) as T;
    if (!this.redis) return undefined;
    // Redis away is a miss, also for a rewritten entry this process holds: it may be another replica's old news.
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

  async getFields<T>(kind: CacheKind, key: string): Promise<Record<string, T> | undefined> {
    const local = this.lru(kind).get(key);
    if (local !== undefined && !(kind.rewritten && this.redis)) return JSON.parse(local) as Record<string, T>;
    if (!this.redis) return undefined;
    const shared = await this.redis.hgetall(this.redisKey(kind, key)).catch(() => null);
    if (!shared || Object.keys(shared).length === 0) return undefined;
    const record = Object.fromEntries(Object.entries(shared).map(([field, text]) => [field, JSON.parse(text) as T]));
    this.lru(kind).set(key, JSON.stringify(record));
    return record;
  }

  async setField<T>(kind: CacheKind, key: string, field: string, value: T | undefined): Promise<void> {
    const local = this.lru(kind).get(key);
    const record = local === undefined ? {} : (JSON.parse(local) as Record<string, unknown>);
    if (value === undefined) delete record[field];
    else record[field] = value;
    this.lru(kind).set(key, JSON.stringify(record));
    if (!this.redis) return;
    // One field at a time, never the whole record: another replica's field written meanwhile stays.
    const redisKey = this.redisKey(kind, key);
    const write = this.redis.multi();
    if (value === undefined) write.hdel(redisKey, field);
    else write.hset(redisKey, field, JSON.stringify(value));
    await write
      .pexpire(redisKey, kind.ttlMs)
      .exec()
      .catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }

  private lru(kind: CacheKind): LruMap<string> {
    let lru = this.memory.get(kind.name);
    if (!lru) {
      lru = new LruMap<string>(kind.max, kind.ttlMs);
      this.memory.set(kind.name, lru);
    }
    return lru;
  }

  private redisKey(kind: CacheKind, key: string) {
    return `dod:cache:${kind.name}:${key}`;
  }
}
