// The embedded queue: one evaluation per pull request at a time, events that arrive while one waits fold into
// it, different pull requests run in parallel up to a limit. Nothing to install; lost on restart.
import type { Logger } from "probot";
import {
  type FailureHandler,
  type Job,
  type JobProcessor,
  type JobQueue,
  jobKey,
  MAX_RATE_LIMIT_WAITS,
  mergeJobs,
  type QueueStats,
  RateLimited,
} from "./job.js";

export interface QueueOptions {
  /** How long a job waits for more events on the same key before it runs. */
  settleMs: number;
  concurrency: number;
  attempts: number;
  /** Backoff before retry n is `backoffMs * 2^(n-1)`. */
  backoffMs: number;
  /**
   * A run of one key that has lasted this long is aborted once a newer event for that key is ready: the newer state
   * is evaluated instead of waiting behind a hung GitHub request (minutes, with each request's deadline and retries).
   */
  supersedeAfterMs?: number;
}

export const defaultQueueOptions: QueueOptions = {
  settleMs: 2000,
  concurrency: 8,
  attempts: 3,
  backoffMs: 1000,
  supersedeAfterMs: 10_000,
};

interface Running {
  started: number;
  abort: AbortController;
  /** A timer that will supersede the run when it has lasted `supersedeAfterMs`. */
  timer?: NodeJS.Timeout;
}

interface Entry {
  job: Job;
  /** The attempt this entry runs as: 1 for new work, n for the (n-1)th retry. */
  attempt: number;
  ready: boolean;
  timer?: NodeJS.Timeout;
  /** Rate limits this job has waited out so far. */
  limitWaits?: number;
}

export class MemoryQueue implements JobQueue {
  private readonly waiting = new Map<string, Entry>();
  private readonly running = new Map<string, Running>();
  private readonly idleWaiters: (() => void)[] = [];
  private readonly counts = { processed: 0, coalesced: 0, failed: 0 };
  /** Installations GitHub asked to wait, and until when (ms since the epoch): their jobs don't start before. */
  private readonly heldUntil = new Map<number, number>();
  private readonly holdTimers = new Set<NodeJS.Timeout>();
  /** Draining: new work (follow-ups of running jobs) runs at once, without a settle delay. */
  private closing = false;
  private closed = false;

  constructor(
    private readonly processJob: JobProcessor,
    private readonly onFailed: FailureHandler,
    private readonly options: QueueOptions = defaultQueueOptions,
    private readonly log?: Pick<Logger, "error"> & Partial<Pick<Logger, "warn">>,
  ) {}

  async add(job: Job): Promise<void> {
    if (this.closed) throw new Error("queue is closed");
    const key = jobKey(job);
    const entry = this.waiting.get(key);
    if (entry) {
      entry.job = mergeJobs(entry.job, job);
      this.counts.coalesced++;
      return;
    }
    this.schedule(key, { job, attempt: 1, ready: false }, this.closing ? 0 : this.options.settleMs);
  }

  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Runs what is waiting now (retries included) without further delay, finishes what runs, then refuses work. */
  async close(): Promise<void> {
    this.closing = true;
    // Shutting down: what waits for a rate limit gets one more try now rather than being held past the exit.
    this.heldUntil.clear();
    for (const timer of this.holdTimers) clearTimeout(timer);
    this.holdTimers.clear();
    for (const entry of this.waiting.values()) {
      clearTimeout(entry.timer);
      entry.ready = true;
    }
    this.pump();
    await this.idle();
    this.closed = true;
  }

  stats(): QueueStats {
    return { waiting: this.waiting.size, running: this.running.size, ...this.counts };
  }

  private schedule(key: string, entry: Entry, delayMs: number) {
    this.waiting.set(key, entry);
    if (delayMs <= 0) {
      entry.ready = true;
      queueMicrotask(() => this.pump());
      return;
    }
    entry.timer = setTimeout(() => {
      entry.ready = true;
      this.pump();
    }, delayMs);
  }

  private isIdle() {
    return this.waiting.size === 0 && this.running.size === 0;
  }

  private pump() {
    for (const [key, entry] of this.waiting) {
      if (!entry.ready) continue;
      const blocking = this.running.get(key);
      if (blocking) {
        this.supersede(key, blocking);
        continue;
      }
      if (this.running.size >= this.options.concurrency || this.heldUntil.has(entry.job.installationId)) continue;
      this.waiting.delete(key);
      const running: Running = { started: performance.now(), abort: new AbortController() };
      this.running.set(key, running);
      void this.run(key, entry, running.abort.signal).finally(() => {
        clearTimeout(running.timer);
        this.running.delete(key);
        this.pump();
      });
    }
    if (this.isIdle()) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** A newer event is ready behind a run of its key: abort the run once it has lasted `supersedeAfterMs`. */
  private supersede(key: string, running: Running) {
    const after = this.options.supersedeAfterMs;
    if (after === undefined || running.abort.signal.aborted || running.timer) return;
    const left = running.started + after - performance.now();
    const abort = () => {
      this.log?.warn?.({ job: key, afterMs: after }, "a newer event supersedes a run that is taking too long");
      running.abort.abort();
    };
    if (left <= 0) abort();
    else running.timer = setTimeout(abort, left);
  }

  /** One attempt. A retry goes back to the waiting map (freeing its slot during the backoff), where events that
   * arrive meanwhile fold into it, so the retry evaluates the newest state once. */
  private async run(key: string, entry: Entry, signal: AbortSignal): Promise<void> {
    try {
      await this.processJob(entry.job, entry.attempt, signal);
      this.counts.processed++;
    } catch (error) {
      if (error instanceof RateLimited) {
        if (this.closing) {
          // No failure check while the limit lasts; like anything this queue holds, the job is lost on exit.
          this.log?.error({ job: key, waitMs: error.waitMs }, "rate limited while shutting down: job dropped");
          return;
        }
        if ((entry.limitWaits ?? 0) < MAX_RATE_LIMIT_WAITS) return this.waitOut(key, entry, error.waitMs);
      }
      const newer = this.waiting.get(key);
      if (newer) {
        // A newer event is already waiting to evaluate this pull request again: that run is the retry.
        // It runs as the next attempt, at most the last one, so a failure is reported after it at the latest.
        newer.job = mergeJobs(entry.job, newer.job);
        newer.attempt = Math.min(Math.max(newer.attempt, entry.attempt + 1), this.options.attempts);
        return;
      }
      if (entry.attempt < this.options.attempts) {
        const backoff = this.closing ? 0 : this.options.backoffMs * 2 ** (entry.attempt - 1);
        this.schedule(key, { job: entry.job, attempt: entry.attempt + 1, ready: false }, backoff);
        return;
      }
      this.counts.failed++;
      try {
        await this.onFailed(entry.job, error);
      } catch (err) {
        // A queue must not die of its failure handler, nor lose what went wrong (the Redis queue logs it alike).
        this.log?.error({ err, job: key }, "reporting a failed job failed");
      }
    }
  }

  /** GitHub asked to wait: this job runs again after `waitMs` as the same attempt (with whatever event waits for
   * the same key folded in), and no job of the installation starts before then. */
  private waitOut(key: string, entry: Entry, waitMs: number) {
    const installation = entry.job.installationId;
    const until = Date.now() + waitMs;
    if ((this.heldUntil.get(installation) ?? 0) < until) {
      this.heldUntil.set(installation, until);
      const timer = setTimeout(() => {
        this.holdTimers.delete(timer);
        if (this.heldUntil.get(installation) === until) this.heldUntil.delete(installation);
        this.pump();
      }, waitMs);
      this.holdTimers.add(timer);
    }
    const newer = this.waiting.get(key);
    if (newer) clearTimeout(newer.timer);
    const job = newer ? mergeJobs(entry.job, newer.job) : entry.job;
    const limitWaits = (entry.limitWaits ?? 0) + 1;
    this.schedule(key, { job, attempt: entry.attempt, ready: false, limitWaits }, waitMs);
  }
}
