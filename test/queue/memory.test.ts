import { describe, expect, it, vi } from "vitest";
import { type Job, jobKey, type PullRequestJob, RateLimited } from "../../src/queue/job.js";
import { MemoryQueue, type QueueOptions } from "../../src/queue/memory.js";

let delivery = 0;
const pr = (number: number, extra: Partial<PullRequestJob> = {}): PullRequestJob => ({
  kind: "pull_request",
  installationId: 1,
  owner: "Codertocat",
  repo: "Hello-World",
  number,
  headSha: `sha-${++delivery}`,
  commentIds: [],
  deliveryIds: [`d${delivery}`],
  ...extra,
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const options = (o: Partial<QueueOptions> = {}): QueueOptions => ({
  settleMs: 20,
  concurrency: 4,
  attempts: 3,
  backoffMs: 5,
  ...o,
});

describe("MemoryQueue", () => {
  it("folds events for one pull request within the settle delay into one run of the newest state", async () => {
    const runs: Job[] = [];
    const queue = new MemoryQueue(
      async (job) => void runs.push(job),
      async () => undefined,
      options({ settleMs: 50 }),
    );
    for (let i = 0; i < 10; i++) await queue.add(pr(7, { commentIds: i === 3 ? [42] : [] }));
    await queue.idle();
    expect(runs).toHaveLength(1);
    expect(runs[0]!.deliveryIds).toHaveLength(10);
    expect((runs[0] as PullRequestJob).headSha).toBe(`sha-${delivery}`);
    expect(runs[0]!.commentIds).toEqual([42]);
    expect(queue.stats()).toMatchObject({ processed: 1, coalesced: 9, failed: 0, waiting: 0, running: 0 });
  });

  it("never runs one pull request twice at once; an event during a run gets one more run afterwards", async () => {
    let active = 0;
    let maxActive = 0;
    const runs: string[][] = [];
    const queue = new MemoryQueue(
      async (job) => {
        maxActive = Math.max(maxActive, ++active);
        await sleep(40);
        runs.push(job.deliveryIds);
        active--;
      },
      async () => undefined,
      options({ settleMs: 5 }),
    );
    await queue.add(pr(1));
    await sleep(15); // running now
    await queue.add(pr(1));
    await queue.add(pr(1));
    await sleep(15); // settled, but must wait for the running one
    expect(queue.stats()).toMatchObject({ running: 1, waiting: 1 });
    await queue.idle();
    expect(maxActive).toBe(1);
    expect(runs.map((r) => r.length)).toEqual([1, 2]);
  });

  it("runs different pull requests in parallel, up to the limit", async () => {
    let active = 0;
    let maxActive = 0;
    const queue = new MemoryQueue(
      async () => {
        maxActive = Math.max(maxActive, ++active);
        await sleep(30);
        active--;
      },
      async () => undefined,
      options({ settleMs: 0, concurrency: 3 }),
    );
    for (let n = 1; n <= 7; n++) await queue.add(pr(n));
    await queue.idle();
    expect(maxActive).toBe(3);
    expect(queue.stats().processed).toBe(7);
  });

  it("retries with exponential backoff, then hands the job and the last error to onFailed once", async () => {
    const attempts: { attempt: number; at: number }[] = [];
    const onFailed = vi.fn(async () => undefined);
    const queue = new MemoryQueue(
      async (_job, attempt) => {
        attempts.push({ attempt, at: Date.now() });
        throw new Error(`GitHub said no (${attempt})`);
      },
      onFailed,
      options({ settleMs: 0, attempts: 3, backoffMs: 40 }),
    );
    await queue.add(pr(3));
    await queue.idle();
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(35);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(75);
    expect(onFailed).toHaveBeenCalledTimes(1);
    expect(onFailed).toHaveBeenCalledWith(expect.objectContaining({ number: 3 }), new Error("GitHub said no (3)"));
    expect(queue.stats()).toMatchObject({ processed: 0, failed: 1, waiting: 0, running: 0 });
  });

  it("frees the slot while backing off, and folds events that arrive meanwhile into the retry", async () => {
    const runs: { attempt: number; deliveries: number }[] = [];
    const queue = new MemoryQueue(
      async (job, attempt) => {
        runs.push({ attempt, deliveries: job.deliveryIds.length });
        if (jobKey(job).endsWith("#1") && attempt === 1) throw new Error("flaky");
      },
      async () => undefined,
      options({ settleMs: 0, concurrency: 1, attempts: 3, backoffMs: 60 }),
    );
    await queue.add(pr(1));
    await sleep(20); // PR 1 is backing off
    await queue.add(pr(2)); // runs in the only slot meanwhile
    await queue.add(pr(1)); // folds into the retry
    await queue.idle();
    expect(runs).toEqual([
      { attempt: 1, deliveries: 1 },
      { attempt: 1, deliveries: 1 },
      { attempt: 2, deliveries: 2 },
    ]);
  });

  it("keeps going when the failure handler itself fails, and logs why", async () => {
    const log = { error: vi.fn() };
    const queue = new MemoryQueue(
      async () => {
        throw new Error("down");
      },
      async () => {
        throw new Error("still down");
      },
      options({ settleMs: 0, attempts: 1 }),
      log,
    );
    await queue.add(pr(1));
    await queue.idle();
    expect(queue.stats().failed).toBe(1);
    expect(log.error).toHaveBeenCalledExactlyOnceWith(
      { err: new Error("still down"), job: "codertocat/hello-world#1" },
      "reporting a failed job failed",
    );
  });

  it("close() runs what is waiting without the settle delay, finishes what runs, then refuses work", async () => {
    const done: number[] = [];
    const queue = new MemoryQueue(
      async (job) => {
        await sleep(20);
        done.push(Number(jobKey(job).split("#")[1]));
        // A follow-up added while draining (an issue's pull requests) still runs.
        if (jobKey(job).endsWith("#1")) await queue.add(pr(9));
      },
      async () => undefined,
      options({ settleMs: 60_000 }),
    );
    await queue.add(pr(1));
    await queue.add(pr(2));
    const started = Date.now();
    await queue.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(done.sort()).toEqual([1, 2, 9]);
    await expect(queue.add(pr(3))).rejects.toThrow("queue is closed");
  });

  it("holds a rate-limited job, and its installation's others, for GitHub's wait; same attempt, no failure", async () => {
    const runs: { number: number; attempt: number; at: number; deliveries: number }[] = [];
    const onFailed = vi.fn(async () => undefined);
    const started = Date.now();
    let limited = false;
    const queue = new MemoryQueue(
      async (job, attempt) => {
        const { number } = job as PullRequestJob;
        runs.push({ number, attempt, at: Date.now() - started, deliveries: job.deliveryIds.length });
        if (number === 1 && !limited) {
          limited = true;
          throw new RateLimited(150, new Error("API rate limit exceeded for installation ID 1."));
        }
      },
      onFailed,
      options({ settleMs: 0, attempts: 1 }),
    );
    await queue.add(pr(1));
    await sleep(30); // PR 1 is waiting for the limit
    await queue.add(pr(2)); // same installation: waits too
    await queue.add(pr(3, { installationId: 2 })); // another installation's quota: runs at once
    await queue.add(pr(1)); // folds into the waiting run
    await queue.idle();
    expect(onFailed).not.toHaveBeenCalled();
    expect(runs.slice(0, 2).map(({ number, attempt }) => [number, attempt])).toEqual([
      [1, 1],
      [3, 1],
    ]);
    // After the wait, in either order: PR 1 again (as attempt 1, with the event folded in) and PR 2.
    expect(runs.slice(2).map(({ number, attempt }) => [number, attempt])).toEqual(
      expect.arrayContaining([
        [1, 1],
        [2, 1],
      ]),
    );
    expect(runs).toHaveLength(4);
    expect(runs.filter((r) => r.number === 1).map((r) => r.deliveries)).toEqual([1, 2]);
    expect(runs.find((r) => r.number === 3)!.at).toBeLessThan(100);
    for (const run of runs.slice(2)) expect(run.at).toBeGreaterThanOrEqual(148);
    expect(queue.stats()).toMatchObject({ processed: 3, failed: 0 });
  });

  it("close() gives a rate-limited job one more try, and drops it (logged, no failure check) if still limited", async () => {
    const log = { error: vi.fn() };
    const onFailed = vi.fn(async () => undefined);
    let runs = 0;
    const queue = new MemoryQueue(
      async () => {
        runs++;
        throw new RateLimited(60_000, new Error("secondary rate limit"));
      },
      onFailed,
      options({ settleMs: 0, attempts: 1 }),
      log,
    );
    await queue.add(pr(1));
    await sleep(20);
    const closing = Date.now();
    await queue.close();
    expect(Date.now() - closing).toBeLessThan(1000);
    expect(runs).toBe(2);
    expect(onFailed).not.toHaveBeenCalled();
    expect(log.error).toHaveBeenCalledExactlyOnceWith(
      { job: "codertocat/hello-world#1", waitMs: 60_000 },
      "rate limited while shutting down: job dropped",
    );
  });
});
