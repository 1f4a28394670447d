// The shared queue (REDIS_URL): BullMQ jobs every replica takes from, so work survives a replica's restart and a
// job whose replica dies is picked up by another after BullMQ's stalled-job check.
//
// Per pull request (the job key) Redis holds, besides BullMQ's own keys:
//   events     the events not yet taken by a run, as JSON jobs          (add pushes; a run claims them all)
//   scheduled  set while a BullMQ job is scheduled to claim `events`    (so a burst schedules one job)
//   lock       the id of the BullMQ job evaluating this key right now   (one evaluation per key across replicas)
//   since      when that job took the lock, by Redis's clock
//   claimed:ID the events job ID took, kept until it succeeds or finally fails (retries and a replica that
//              takes over a dead one's job evaluate them)
// A burst therefore costs one job: the first event schedules it `settleMs` ahead, later ones only push. An event
// that arrives while that job runs schedules the next one, which waits for the lock and then takes the newest state.
// A run that has lasted `supersedeAfterMs` (a GitHub request that hangs) is told, on a channel every replica listens
// to, by the job waiting behind it: its replica aborts it, and its events go back for the waiting job to take.
//
// Redis may go away or come back empty. A webhook then waits for it at most ADD_WAIT_MS: its job is written when
// Redis answers again (ioredis holds the command). What Redis held is re-added from this replica's journal of the
// jobs it added and has not seen finish: a marker key, checked each second, tells that Redis lost its data.
import { randomUUID } from "node:crypto";
import { DelayedError, type Job as BullJob, Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import type { Logger } from "probot";
import {
  type FailureHandler,
  type Job,
  type JobProcessor,
  type JobQueue,
  jobKey,
  MAX_RATE_LIMIT_WAITS,
  mergeJobs,
  type QueueHealth,
  type QueueStats,
  RateLimited,
} from "./job.js";
import { Journal } from "./journal.js";
import type { QueueOptions } from "./memory.js";

export interface RedisQueueOptions extends QueueOptions {
  url: string;
  /** The BullMQ queue's name; dod's own keys are prefixed with it too. */
  name?: string;
  /** How long a replica's hold on a job (and on its key) lasts without renewal; a dead replica's job is taken
   * over after about this long. */
  lockDurationMs?: number;
  /** How often each worker looks for jobs whose replica died. */
  stalledIntervalMs?: number;
  /** false: only add jobs (a web-only replica, or a test's producer); other replicas evaluate them. */
  consume?: boolean;
  /** How long a job whose pull request is being evaluated elsewhere waits before it tries again. */
  lockRetryMs?: number;
  /** How long after a failed look-up of what Redis lost (GitHub away) any replica tries again. */
  recoveryRetryMs?: number;
}

interface Data {
  key: string;
  /** The event that scheduled the job: enough to report a failure if its events were lost. */
  first: Job;
  /** Rate limits this job has waited out so far. */
  limitWaits?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long a webhook waits for Redis to take its job before it is answered anyway. */
export const ADD_WAIT_MS = 500;
/** A failed look-up of what Redis lost is tried again (by any replica) after this long, by default. */
const RECOVERY_RETRY_MS = 60_000;
/** A check of Redis unanswered this long makes the queue unhealthy. */
const HUNG_MS = 2000;

const ADD = `
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[2]) then return redis.call('INCR', KEYS[3]) end
return 0`;

const CLAIM = `
local items = redis.call('LRANGE', KEYS[1], 0, -1)
for i = 1, #items do redis.call('RPUSH', KEYS[3], items[i]) end
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('PEXPIRE', KEYS[3], ARGV[1])
return redis.call('LRANGE', KEYS[3], 0, -1)`;

/**
 * Takes or renews the key's lock (1), else 0. `since` holds when the holder took it, by Redis's clock (replicas'
 * clocks may differ): a holder that has run `ARGV[3]` ms is told to stop, on the channel its replica listens to
 * (-1), since this job is the newer event waiting behind it.
 */
const LOCK = `
local holder = redis.call('GET', KEYS[1])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  redis.call('PEXPIRE', KEYS[2], ARGV[2])
  return 1
end
if holder == false then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  redis.call('SET', KEYS[2], string.format('%d', now), 'PX', ARGV[2])
  return 1
end
local since = tonumber(redis.call('GET', KEYS[2]))
if ARGV[3] ~= '' and since and now - since >= tonumber(ARGV[3]) then
  redis.call('PUBLISH', ARGV[4], holder)
  return -1
end
return 0`;

/** A run's claimed events (KEYS[1]) go back to the front of the waiting ones (KEYS[2]), in their order. */
const RETURN_CLAIMED = `
local items = redis.call('LRANGE', KEYS[1], 0, -1)
for i = #items, 1, -1 do redis.call('LPUSH', KEYS[2], items[i]) end
redis.call('DEL', KEYS[1])
redis.call('PEXPIRE', KEYS[2], ARGV[1])`;

/**
 * A superseded run gives its events back, ahead of newer ones, for the job waiting behind it to take. Should no job
 * be scheduled to take them (it gave up), this one schedules the next: its generation, else 0.
 */
const GIVE_BACK = `${RETURN_CLAIMED}
if redis.call('SET', KEYS[3], '1', 'NX', 'PX', ARGV[1]) then return redis.call('INCR', KEYS[4]) end
return 0`;

/** A run that must wait gives its events back, ahead of newer ones, and stays the job scheduled to take them. */
const UNCLAIM = `${RETURN_CLAIMED}
redis.call('SET', KEYS[3], '1', 'PX', ARGV[2])
return #items`;

/** Holds an installation until ARGV[1] ms from now, unless it is held longer already. */
const HOLD = `
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
return 1`;

const UNLOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export class RedisQueue implements JobQueue {
  private readonly redis: Redis;
  /** Listens for the runs this replica must stop (superseded: a newer event waits behind them on some replica). */
  private readonly listener?: Redis;
  /** This replica's runs, by BullMQ job id: what aborts each. */
  private readonly runs = new Map<string, AbortController>();
  private readonly queue: Queue;
  private readonly worker?: Worker<Data>;
  private readonly name: string;
  private readonly lockMs: number;
  private readonly lockRetryMs: number;
  private readonly counts = { processed: 0, coalesced: 0, failed: 0 };
  private readonly finishing = new Set<Promise<void>>();
  private running = 0;
  private waiting = 0;
  private readonly refresher: NodeJS.Timeout;
  private readonly journal = new Journal();
  /** Set while this replica's marker is in Redis: its absence means Redis lost what it held. */
  private readonly marker: string;
  private markerSet = false;
  /** The look-up of what GitHub records as unfinished (recovery.ts), run once per fleet when Redis lost its data. */
  private scan?: () => Promise<unknown>;
  private problem: string | null = null;

  constructor(
    private readonly processJob: JobProcessor,
    private readonly onFailed: FailureHandler,
    private readonly options: RedisQueueOptions,
    private readonly log?: Logger,
  ) {
    this.name = options.name ?? "dod";
    this.lockMs = options.lockDurationMs ?? 30_000;
    this.lockRetryMs = options.lockRetryMs ?? 250;
    this.marker = `dod:{${this.name}}:replica:${randomUUID()}`;
    this.redis = new Redis(options.url, { maxRetriesPerRequest: null });
    // ioredis reports every reconnection attempt: one line per outage is enough.
    this.redis.on("error", (err) => {
      if (!this.problem) this.log?.warn({ err }, "redis connection error");
      this.problem = `Redis unavailable: ${err.message}`;
    });
    this.redis.on("close", () => (this.problem ??= "Redis connection closed"));
    this.redis.on("ready", () => void this.refresh());
    // BullMQ brings its own ioredis; it connects (and disconnects) by URL.
    const connection = { url: options.url, maxRetriesPerRequest: null };
    this.queue = new Queue(this.name, { connection });
    if (options.consume !== false) {
      this.worker = this.consume(connection);
      this.listener = this.listen();
    }
    this.refresher = setInterval(() => void this.refresh(), 1000);
    this.refresher.unref();
  }

  private consume(connection: { url: string; maxRetriesPerRequest: null }): Worker<Data> {
    const worker = new Worker<Data>(this.name, (job, token) => this.run(job, token), {
      connection,
      concurrency: this.options.concurrency,
      lockDuration: this.lockMs,
      stalledInterval: this.options.stalledIntervalMs ?? 30_000,
      maxStalledCount: Math.max(1, this.options.attempts),
    });
    worker.on("error", (err) => this.log?.warn({ err }, "queue worker error"));
    worker.on("failed", (job, error) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) this.track(this.finalFailure(job, error));
    });
    // A job whose replica died more often than maxStalledCount is failed by the stalled check, not by a run.
    worker.on("stalled", (id) => {
      this.track(
        (async () => {
          const job = (await this.queue.getJob(id)) as BullJob<Data> | undefined;
          if (job && (await job.getState()) === "failed")
            await this.finalFailure(job, new Error(job.failedReason || "the replica evaluating it stopped"));
        })(),
      );
    });
    return worker;
  }

  private get supersedeChannel() {
    return `dod:{${this.name}}:supersede`;
  }

  private listen(): Redis {
    const listener = this.redis.duplicate();
    // The main connection reports Redis trouble; this one only needs to come back, which ioredis does.
    listener.on("error", () => undefined);
    void listener.subscribe(this.supersedeChannel).catch(() => undefined);
    listener.on("message", (_channel: string, id: string) => {
      const run = this.runs.get(id);
      if (!run || run.signal.aborted) return;
      this.log?.warn(
        { job: id, afterMs: this.options.supersedeAfterMs },
        "a newer event supersedes a run that is taking too long",
      );
      run.abort();
    });
    return listener;
  }

  async add(job: Job): Promise<void> {
    this.journal.add(job);
    const write = this.write(job);
    this.track(write, "adding a job failed");
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<"waited">((resolve) => (timer = setTimeout(resolve, ADD_WAIT_MS, "waited")));
    if ((await Promise.race([write, waited])) === "waited")
      this.log?.warn({ job: jobKey(job) }, "Redis is slow or away: the job is written when it answers");
    clearTimeout(timer);
  }

  private async write(job: Job): Promise<void> {
    const key = jobKey(job);
    const ttl = Math.max(60_000, this.options.settleMs * 10);
    const generation = (await this.redis.eval(
      ADD,
      3,
      this.key(key, "events"),
      this.key(key, "scheduled"),
      this.key(key, "gen"),
      JSON.stringify(job),
      ttl,
      DAY_MS,
    )) as number;
    if (generation === 0) {
      this.counts.coalesced++;
      return;
    }
    await this.schedule(key, job, generation, this.options.settleMs);
  }

  /** The BullMQ job that takes the key's events once `delayMs` has passed. */
  private async schedule(key: string, first: Job, generation: number, delayMs: number): Promise<void> {
    await this.queue.add(
      "evaluate",
      { key, first },
      {
        jobId: `${key}@${generation}`,
        delay: delayMs,
        attempts: this.options.attempts,
        backoff: { type: "exponential", delay: this.options.backoffMs },
        removeOnComplete: true,
        removeOnFail: 1000,
      },
    );
    this.waiting++;
  }

  /** Resolves once connected (and, for a consuming replica, taking jobs). */
  async ready(): Promise<void> {
    await this.queue.waitUntilReady();
    await this.worker?.waitUntilReady();
  }

  async idle(): Promise<void> {
    for (;;) {
      const counts = await this.queue.getJobCounts("active", "waiting", "delayed", "prioritized", "paused");
      if (Object.values(counts).every((n) => n === 0) && this.running === 0 && this.finishing.size === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Stops taking jobs, finishes the ones this replica holds (their failure reports too), then disconnects. */
  async close(): Promise<void> {
    clearInterval(this.refresher);
    // A look at Redis under way may still start a look-up of what it lost, which the drain below then waits for.
    await this.refreshing;
    await this.worker?.close();
    while (this.finishing.size) await Promise.allSettled([...this.finishing]);
    await this.queue.close();
    await this.listener?.quit().catch(() => undefined);
    await this.redis.quit().catch(() => undefined);
  }

  recover(scan: () => Promise<unknown>): void {
    this.scan = scan;
  }

  stats(): QueueStats {
    return { waiting: this.waiting, running: this.running, ...this.counts };
  }

  health(): QueueHealth {
    return this.problem ? { ok: false, reason: this.problem } : { ok: true };
  }

  private key(jobKeyValue: string, part: string) {
    // The hash tag keeps one pull request's keys in one slot.
    return `dod:{${this.name}:${jobKeyValue}}:${part}`;
  }

  private async run(bull: BullJob<Data>, token?: string): Promise<void> {
    const { key } = bull.data;
    const id = bull.id!;
    // GitHub asked this installation to wait (a rate limit, seen by any replica): no job of it starts before then.
    const hold = this.holdKey(bull.data.first.installationId);
    const heldMs = await this.redis.pttl(hold);
    if (heldMs > 0) {
      await bull.moveToDelayed(Date.now() + heldMs, token);
      throw new DelayedError();
    }
    const locks = [this.key(key, "lock"), this.key(key, "since")];
    const lock = (supersedeAfterMs = "") =>
      this.redis.eval(LOCK, 2, ...locks, id, this.lockMs, supersedeAfterMs, this.supersedeChannel) as Promise<number>;
    // Waiting behind a run of the same key: this job is the newer event, which a run that takes too long gives way to.
    if ((await lock(String(this.options.supersedeAfterMs ?? ""))) !== 1) {
      await bull.moveToDelayed(Date.now() + this.lockRetryMs, token);
      throw new DelayedError();
    }
    this.running++;
    const renew = setInterval(() => void lock().catch(() => undefined), this.lockMs / 3);
    const abort = new AbortController();
    this.runs.set(id, abort);
    try {
      const events = await this.claim(key, id);
      if (events.length === 0) return; // an earlier run already took this job's events
      const started = Date.now();
      try {
        await this.processJob(events.reduce(mergeJobs), bull.attemptsMade + 1, abort.signal);
      } catch (error) {
        if (abort.signal.aborted) return await this.giveBack(key, id, events[0]!);
        const waits = bull.data.limitWaits ?? 0;
        if (!(error instanceof RateLimited) || waits >= MAX_RATE_LIMIT_WAITS) throw error;
        // The events go back, and this job takes them (and those that arrive meanwhile, without scheduling
        // another job) when the wait is over, as the same attempt, with no failure reported meanwhile.
        await this.redis.eval(HOLD, 1, hold, error.waitMs);
        const keys = [this.key(key, `claimed:${id}`), this.key(key, "events"), this.key(key, "scheduled")];
        await this.redis.eval(UNCLAIM, 3, ...keys, DAY_MS, error.waitMs + 60_000);
        await bull.updateData({ ...bull.data, limitWaits: waits + 1 });
        await bull.moveToDelayed(Date.now() + error.waitMs, token);
        throw new DelayedError();
      }
      this.journal.done(key, started);
      await this.redis.del(this.key(key, `claimed:${id}`));
      this.counts.processed++;
    } finally {
      clearInterval(renew);
      this.runs.delete(id);
      this.running--;
      await this.redis.eval(UNLOCK, 1, locks[0]!, id).catch(() => undefined);
    }
  }

  /**
   * A superseded run ends without counting an attempt: its events go back, ahead of the newer ones, so the job
   * waiting behind it evaluates them all (their comments answered too) once, in their newest state.
   */
  private async giveBack(key: string, id: string, first: Job): Promise<void> {
    const keys = [
      this.key(key, `claimed:${id}`),
      this.key(key, "events"),
      this.key(key, "scheduled"),
      this.key(key, "gen"),
    ];
    const generation = (await this.redis.eval(GIVE_BACK, 4, ...keys, DAY_MS)) as number;
    if (generation !== 0) await this.schedule(key, first, generation, 0);
  }

  private holdKey(installationId: number) {
    return `dod:{${this.name}:installation:${installationId}}:hold`;
  }

  private async claim(key: string, id: string): Promise<Job[]> {
    const keys = [this.key(key, "events"), this.key(key, "scheduled"), this.key(key, `claimed:${id}`)];
    const items = (await this.redis.eval(CLAIM, 3, ...keys, DAY_MS)) as string[];
    return items.map((item) => JSON.parse(item) as Job);
  }

  private async finalFailure(bull: BullJob<Data>, error: unknown) {
    this.counts.failed++;
    const claimed = this.key(bull.data.key, `claimed:${bull.id}`);
    const events = ((await this.redis.lrange(claimed, 0, -1).catch(() => [])) as string[]).map(
      (item) => JSON.parse(item) as Job,
    );
    try {
      await this.onFailed(events.length ? events.reduce(mergeJobs) : bull.data.first, error);
    } finally {
      await this.redis.del(claimed).catch(() => undefined);
    }
  }

  private track(work: Promise<void>, what = "reporting a failed job failed") {
    const tracked = work.catch((err) => this.log?.error({ err }, what)).finally(() => this.finishing.delete(tracked));
    this.finishing.add(tracked);
  }

  private refreshing?: Promise<void>;

  private refresh(): Promise<void> {
    if (this.refreshing) return this.refreshing;
    // A Redis that hangs (no error, no answer) is as unhealthy as one that is away.
    const hung = setTimeout(() => (this.problem ??= "Redis does not answer"), HUNG_MS);
    this.refreshing = this.refreshOnce().finally(() => {
      clearTimeout(hung);
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async refreshOnce() {
    try {
      const counts = await this.queue.getJobCounts("waiting", "delayed", "prioritized", "paused");
      this.waiting = Object.values(counts).reduce((sum, n) => sum + n, 0);
      await this.checkMarker();
      await this.recoverFromGitHub();
      this.problem = null;
    } catch (err) {
      // Keep the last figure while Redis is unreachable.
      this.problem ??= `Redis unavailable: ${(err as Error).message}`;
    }
  }

  /**
   * The fleet's marker is absent exactly when Redis has none of the fleet's data (it restarted empty, or is new): the
   * one replica that sets it again re-enqueues what GitHub records as unfinished, which covers what no replica's
   * journal holds (every replica restarted too). Should the look-up fail, another try follows a minute later.
   */
  private async recoverFromGitHub() {
    if (!this.scan || (await this.redis.set(this.recoveryKey, "1", "NX")) !== "OK") return;
    const scan = this.scan;
    this.track(
      (async () => {
        try {
          await scan();
        } catch (error) {
          const retryMs = this.options.recoveryRetryMs ?? RECOVERY_RETRY_MS;
          await this.redis.set(this.recoveryKey, "1", "PX", retryMs).catch(() => undefined);
          throw error;
        }
      })(),
      "re-enqueueing what Redis lost, from GitHub's record, failed",
    );
  }

  private get recoveryKey() {
    return `dod:{${this.name}}:recovered`;
  }

  /** Sets this replica's marker; when it was set before and is gone, Redis lost its data: re-adds the journal. */
  private async checkMarker() {
    const kept = await this.redis.set(this.marker, "1", "PX", DAY_MS, "XX");
    if (kept === "OK") return;
    await this.redis.set(this.marker, "1", "PX", DAY_MS);
    if (!this.markerSet) {
      this.markerSet = true;
      return;
    }
    const jobs = this.journal.all();
    this.log?.warn(
      { jobs: jobs.length },
      "Redis lost its data: adding again the jobs this replica had not seen finish",
    );
    for (const job of jobs) this.track(this.write(job), "adding a job again failed");
  }
}
