// Picks the queue: the embedded one by default, the shared Redis one when REDIS_URL is set. Either way every job
// is logged with its duration and how many events it folded, and a summary line goes out each minute.
import type { Logger } from "probot";
import { type FailureHandler, type JobProcessor, type JobQueue, jobKey, RateLimited } from "./job.js";
import { MemoryQueue, type QueueOptions } from "./memory.js";
import { RedisQueue, type RedisQueueOptions } from "./redis.js";

export type QueueSettings = QueueOptions & { redisUrl?: string } & Partial<
    Omit<RedisQueueOptions, keyof QueueOptions | "url">
  >;

/** Told about every attempt, e.g. by the Prometheus metrics. */
export interface JobObserver {
  attemptFinished(seconds: number, ok: boolean): void;
}

export function createQueue(
  options: QueueSettings,
  processJob: JobProcessor,
  onFailed: FailureHandler,
  log: Logger,
  observer?: JobObserver,
): JobQueue {
  const timed: JobProcessor = async (job, attempt, signal) => {
    const started = performance.now();
    let ok = false;
    let waitMs: number | undefined;
    try {
      await processJob(job, attempt, signal);
      ok = true;
    } catch (error) {
      if (error instanceof RateLimited) waitMs = error.waitMs;
      throw error;
    } finally {
      const seconds = (performance.now() - started) / 1000;
      observer?.attemptFinished(seconds, ok);
      const fields = {
        job: jobKey(job),
        attempt,
        durationMs: Math.round(seconds * 1000),
        coalesced: job.deliveryIds.length - 1,
      };
      if (ok) log.info(fields, "job done");
      else if (waitMs !== undefined)
        log.warn({ ...fields, waitMs }, "GitHub rate limit: the job waits, then runs again");
      else log.warn(fields, "job attempt failed");
    }
  };
  const { redisUrl, ...rest } = options;
  const queue: JobQueue = redisUrl
    ? new RedisQueue(timed, onFailed, { ...rest, url: redisUrl }, log)
    : new MemoryQueue(timed, onFailed, rest, log);
  log.info(
    { queue: redisUrl ? "redis" : "memory", settleMs: rest.settleMs, concurrency: rest.concurrency },
    "job queue ready",
  );
  return withSummary(queue, log);
}

/** Logs queue depth and the last minute's jobs, coalesced events and failures, when anything happened. */
function withSummary(queue: JobQueue, log: Logger, everyMs = 60_000): JobQueue {
  let last = queue.stats();
  const timer = setInterval(() => {
    const now = queue.stats();
    const perMinute = {
      processed: now.processed - last.processed,
      coalesced: now.coalesced - last.coalesced,
      failed: now.failed - last.failed,
    };
    if (Object.values(perMinute).some(Boolean) || now.waiting || now.running) {
      log.info({ waiting: now.waiting, running: now.running, lastMinute: perMinute }, "job queue");
    }
    last = now;
  }, everyMs);
  timer.unref();
  return {
    add: (job) => queue.add(job),
    idle: () => queue.idle(),
    stats: () => queue.stats(),
    ...(queue.health && { health: () => queue.health!() }),
    ...(queue.recover && { recover: (scan: () => Promise<unknown>) => queue.recover!(scan) }),
    close: async () => {
      clearInterval(timer);
      await queue.close();
    },
  };
}
