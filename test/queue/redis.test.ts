// The shared queue against a real redis-server: replicas share the work, a burst is one evaluation, one pull
// request never runs on two replicas at once, and a job outlives the replica that took it.
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  type FailureHandler,
  type Job,
  type JobProcessor,
  type PullRequestJob,
  RateLimited,
} from "../../src/queue/job.js";
import { RedisQueue, type RedisQueueOptions } from "../../src/queue/redis.js";
import { type RedisServer, startRedis } from "../helpers/redis.js";

let delivery = 0;
const pr = (number: number): PullRequestJob => ({
  kind: "pull_request",
  installationId: 1,
  owner: "Codertocat",
  repo: "Hello-World",
  number,
  headSha: `sha-${++delivery}`,
  commentIds: [],
  deliveryIds: [`d${delivery}`],
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let queueNumber = 0;

interface Line {
  event: string;
  worker: string;
  number?: number;
  deliveries?: number;
}

/** A replica in a child process (test/helpers/redis-worker.mjs), its stdout parsed into lines. */
class Replica {
  readonly lines: Line[] = [];
  readonly child: ChildProcess;
  constructor(url: string, queueName: string, name: string, env: Record<string, string> = {}) {
    this.child = spawn(process.execPath, ["test/helpers/redis-worker.mjs"], {
      env: { ...process.env, REDIS_URL: url, QUEUE_NAME: queueName, WORKER_NAME: name, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let buffer = "";
    this.child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split("\n");
      buffer = parts.pop()!;
      for (const part of parts) if (part.startsWith("{")) this.lines.push(JSON.parse(part) as Line);
    });
  }
  async until(predicate: (lines: Line[]) => boolean, timeoutMs = 10_000) {
    await vi.waitFor(() => expect(predicate(this.lines)).toBe(true), { timeout: timeoutMs, interval: 20 });
  }
  stop(signal: NodeJS.Signals = "SIGTERM") {
    return new Promise<void>((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
      this.child.once("exit", () => resolve());
      this.child.kill(signal);
    });
  }
}

describe("RedisQueue on a real redis-server", () => {
  let redis: RedisServer;
  const open: { close(): Promise<void> }[] = [];
  const replicas: Replica[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop("SIGKILL")));
    await Promise.all(open.map((q) => q.close()));
    await redis?.stop();
  });

  const queue = (
    process: JobProcessor,
    o: Partial<RedisQueueOptions> = {},
    onFailed: FailureHandler = async () => undefined,
  ) => {
    const q = new RedisQueue(process, onFailed, {
      url: redis.url,
      name: o.name ?? `test-${++queueNumber}`,
      settleMs: 50,
      concurrency: 4,
      attempts: 3,
      backoffMs: 20,
      lockDurationMs: 1000,
      stalledIntervalMs: 300,
      lockRetryMs: 30,
      ...o,
    });
    open.push(q);
    return q;
  };

  it("folds a burst on one pull request into one evaluation of its newest state", async () => {
    const runs: Job[] = [];
    // The settle window outlasts the ten adds even on a loaded machine (at 50 ms, a busy CI split the burst).
    const q = queue(async (job) => void runs.push(job), { settleMs: 1000 });
    for (let i = 0; i < 10; i++) await q.add(pr(1));
    await q.idle();
    expect(runs).toHaveLength(1);
    expect(runs[0]!.deliveryIds).toHaveLength(10);
    expect((runs[0] as PullRequestJob).headSha).toBe(`sha-${delivery}`);
    expect(q.stats()).toMatchObject({ processed: 1, coalesced: 9 });
  });

  it("never evaluates one pull request on two replicas at once; an event during a run gets one more run", async () => {
    const name = `test-${++queueNumber}`;
    let active = 0;
    let maxActive = 0;
    const runs: number[] = [];
    const slow = async (job: Job) => {
      maxActive = Math.max(maxActive, ++active);
      await sleep(150);
      runs.push(job.deliveryIds.length);
      active--;
    };
    const a = queue(slow, { name, settleMs: 10 });
    const b = queue(slow, { name, settleMs: 10 });
    await a.add(pr(5));
    await vi.waitFor(() => expect(active).toBe(1), { interval: 5 });
    await b.add(pr(5)); // schedules the follow-up, which either replica may take: it must wait for the first
    await a.add(pr(5));
    await sleep(60);
    expect(active).toBe(1);
    await a.idle();
    expect(maxActive).toBe(1);
    expect(runs).toEqual([1, 2]);
  });

  it("retries with backoff, then reports the merged job's last error once", async () => {
    const attempts: number[] = [];
    const failed: { job: Job; error: unknown }[] = [];
    const q = queue(
      async (_job, attempt) => {
        attempts.push(attempt);
        throw new Error(`GitHub said no (${attempt})`);
      },
      { settleMs: 0, attempts: 3, backoffMs: 20 },
      async (job, error) => void failed.push({ job, error }),
    );
    await q.add(pr(9));
    await q.idle();
    expect(attempts).toEqual([1, 2, 3]);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.job).toMatchObject({ number: 9 });
    expect(String(failed[0]!.error)).toContain("GitHub said no (3)");
    expect(q.stats()).toMatchObject({ processed: 0, failed: 1 });
  });

  it("holds a rate-limited job and its installation's others on every replica for GitHub's wait, no failure", async () => {
    const name = `test-${++queueNumber}`;
    const runs: { number: number; attempt: number; at: number; deliveries: number }[] = [];
    const failed: Job[] = [];
    const started = Date.now();
    let limited = false;
    const evaluate: JobProcessor = async (job, attempt) => {
      const { number } = job as PullRequestJob;
      runs.push({ number, attempt, at: Date.now() - started, deliveries: job.deliveryIds.length });
      if (number === 1 && !limited) {
        limited = true;
        throw new RateLimited(600, new Error("API rate limit exceeded for installation ID 1."));
      }
    };
    const options = { name, settleMs: 0, attempts: 1 };
    const a = queue(evaluate, options, async (job) => void failed.push(job));
    const b = queue(evaluate, options, async (job) => void failed.push(job));
    await a.add(pr(1));
    await vi.waitFor(() => expect(limited).toBe(true), { interval: 5 });
    await b.add(pr(2)); // same installation, either replica: waits for the limit too
    await b.add({ ...pr(3), installationId: 2 }); // another installation's quota: runs at once
    await b.add(pr(1)); // folds into the waiting job
    await vi.waitFor(() => expect(runs.map((r) => r.number)).toContain(3), { interval: 5 });
    await a.idle();
    expect(failed).toEqual([]);
    expect(runs.find((r) => r.number === 3)!.at).toBeLessThan(600);
    const after = runs.filter((r) => r.number !== 3).slice(1);
    expect(after.map((r) => [r.number, r.attempt]).sort()).toEqual([
      [1, 1],
      [2, 1],
    ]);
    for (const run of after) expect(run.at).toBeGreaterThanOrEqual(595);
    expect(runs.filter((r) => r.number === 1).map((r) => r.deliveries)).toEqual([1, 2]);
  });

  it("shares one queue between two replica processes: every job runs once, the burst once", async () => {
    const name = `test-${++queueNumber}`;
    const one = new Replica(redis.url, name, "one", { WORKER_DELAY_MS: "150" });
    const two = new Replica(redis.url, name, "two", { WORKER_DELAY_MS: "150" });
    replicas.push(one, two);
    await one.until((l) => l.some((x) => x.event === "ready"));
    await two.until((l) => l.some((x) => x.event === "ready"));
    const producer = queue(async () => undefined, { name, consume: false, settleMs: 200 });
    for (let i = 0; i < 10; i++) await producer.add(pr(1));
    for (let n = 2; n <= 7; n++) await producer.add(pr(n));
    await producer.idle();

    const done = [...one.lines, ...two.lines].filter((l) => l.event === "done");
    expect(done.map((l) => l.number).sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(done.find((l) => l.number === 1)!.deliveries).toBe(10);
    expect(new Set(done.map((l) => l.worker))).toEqual(new Set(["one", "two"]));
    await Promise.all([one.stop(), two.stop()]);
  });

  it("gives a job whose replica was killed to another replica", async () => {
    const name = `test-${++queueNumber}`;
    const doomed = new Replica(redis.url, name, "doomed", { WORKER_MODE: "hang" });
    replicas.push(doomed);
    const producer = queue(async () => undefined, { name, consume: false, settleMs: 0 });
    await producer.add(pr(42));
    await producer.add(pr(42));
    await doomed.until((l) => l.some((x) => x.event === "start" && x.number === 42));
    await doomed.stop("SIGKILL");

    const heir = new Replica(redis.url, name, "heir");
    replicas.push(heir);
    await heir.until((l) => l.some((x) => x.event === "done" && x.number === 42), 15_000);
    const done = heir.lines.find((x) => x.event === "done")!;
    expect(done.deliveries).toBeGreaterThanOrEqual(1);
    await producer.idle();
    expect(heir.lines.filter((x) => x.event === "failed")).toEqual([]);
    await heir.stop();
  });
});
