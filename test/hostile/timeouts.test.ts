// Item 10 of issue #15: every request dod's Octokit makes has a deadline, so a GitHub request that never answers
// fails (and goes back to the queue's retry) instead of holding a queue slot for ever; and a newer event for the same
// pull request supersedes a run that hangs, rather than waiting minutes behind it (deadline × retries × attempts).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import nock from "nock";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DodOctokit, REQUEST_TIMEOUT_MS, withSignal } from "../../src/octokit.js";
import type { PullRequestJob } from "../../src/queue/job.js";
import { MemoryQueue } from "../../src/queue/memory.js";

let hung: Server;
let base: string;
const seen: string[] = [];

beforeAll(async () => {
  nock.enableNetConnect("127.0.0.1");
  // Accepts every request and never answers it.
  hung = createServer((req) => void seen.push(`${req.method} ${req.url}`));
  await new Promise<void>((resolve) => hung.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(hung.address() as AddressInfo).port}`;
});

afterAll(async () => {
  hung.closeAllConnections();
  await new Promise((resolve) => hung.close(resolve));
});

describe("a GitHub request that never answers", () => {
  const octokit = (timeoutMs: number) =>
    new DodOctokit({
      baseUrl: base,
      request: { timeoutMs, retries: 0 },
      retry: { enabled: false },
      throttle: { enabled: false },
    } as never);

  it("fails after its deadline: GraphQL and REST", async () => {
    const client = octokit(300);
    for (const call of [
      () => client.graphql("query { viewer { login } }"),
      () => client.rest.checks.get({ owner: "o", repo: "r", check_run_id: 1 }),
    ]) {
      const started = performance.now();
      await expect(call()).rejects.toThrow(/abort|timeout/i);
      expect(performance.now() - started).toBeLessThan(3000);
    }
    expect(seen).toEqual(["POST /graphql", "GET /repos/o/r/check-runs/1"]);
  });

  it("has a deadline by default, well under the 153 s a hung request once held a slot", async () => {
    expect(REQUEST_TIMEOUT_MS).toBeLessThanOrEqual(30_000);
    // The app's Octokit is made with no timeout of its own: the request it sends must still carry the default.
    const deadlines: number[] = [];
    const timeout = AbortSignal.timeout.bind(AbortSignal);
    const spy = vi.spyOn(AbortSignal, "timeout").mockImplementation((ms) => {
      deadlines.push(ms);
      return timeout(50);
    });
    try {
      const client = new DodOctokit({
        baseUrl: base,
        retry: { enabled: false },
        throttle: { enabled: false },
      } as never);
      await expect(client.graphql("query { viewer { login } }")).rejects.toThrow(/abort|timeout/i);
    } finally {
      spy.mockRestore();
    }
    expect(deadlines).toEqual([REQUEST_TIMEOUT_MS]);
  });
});

describe("a newer event for a pull request whose run hangs", () => {
  const job = (n: number): PullRequestJob => ({
    kind: "pull_request",
    installationId: 1,
    owner: "o",
    repo: "r",
    number: 2,
    headSha: `sha-${n}`,
    commentIds: [],
    deliveryIds: [`d${n}`],
  });

  it("supersedes it once it has run `supersedeAfterMs`: the newest state is evaluated, the slot freed", async () => {
    const runs: { head: string; attempt: number; outcome: string; ms: number }[] = [];
    const failed: string[] = [];
    const started = performance.now();
    const queue = new MemoryQueue(
      // The first run hangs like a GitHub request that never answers (it ends only when aborted); later ones finish.
      async (j, attempt, signal) => {
        const head = (j as PullRequestJob).headSha!;
        const outcome = await new Promise<string>((resolve, reject) => {
          if (runs.length > 0) return resolve("done");
          signal!.addEventListener("abort", () => reject(signal!.reason));
        }).catch((err: Error) => {
          runs.push({ head, attempt, outcome: err.name, ms: performance.now() - started });
          throw err;
        });
        runs.push({ head, attempt, outcome, ms: performance.now() - started });
      },
      async (j) => void failed.push((j as PullRequestJob).headSha!),
      { settleMs: 10, concurrency: 1, attempts: 3, backoffMs: 10, supersedeAfterMs: 200 },
    );
    await queue.add(job(1));
    await new Promise((resolve) => setTimeout(resolve, 50)); // the first run has started and hangs
    await queue.add(job(2));
    await queue.idle();

    expect(runs.map(({ head, attempt, outcome }) => ({ head, attempt, outcome }))).toEqual([
      { head: "sha-1", attempt: 1, outcome: "AbortError" },
      { head: "sha-2", attempt: 2, outcome: "done" },
    ]);
    // Aborted at `supersedeAfterMs` (200 ms) after it started, not after the request deadline (30 s) or retries.
    expect(runs[0]!.ms).toBeGreaterThanOrEqual(200);
    expect(runs[1]!.ms).toBeLessThan(2000);
    expect(failed).toEqual([]);
    expect(queue.stats()).toMatchObject({ processed: 1, failed: 0, running: 0, waiting: 0 });
  });

  it("leaves a run alone, however long, while no newer event waits for it", async () => {
    let aborted = false;
    const queue = new MemoryQueue(
      async (_j, _attempt, signal) => {
        signal!.addEventListener("abort", () => (aborted = true));
        await new Promise((resolve) => setTimeout(resolve, 300));
      },
      async () => undefined,
      { settleMs: 0, concurrency: 1, attempts: 1, backoffMs: 0, supersedeAfterMs: 50 },
    );
    await queue.add(job(1));
    await queue.idle();
    expect(aborted).toBe(false);
  });

  it("aborting the run's signal ends its GitHub request in flight at once, without the retry plugin's waits", async () => {
    const controller = new AbortController();
    const client = withSignal(
      new DodOctokit({ baseUrl: base, request: { timeoutMs: 60_000 }, throttle: { enabled: false } } as never),
      controller.signal,
    );
    const before = seen.length;
    const started = performance.now();
    const call = client.graphql("query { viewer { login } }");
    setTimeout(() => controller.abort(), 100);
    await expect(call).rejects.toThrow(/abort/i);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(seen.slice(before)).toEqual(["POST /graphql"]); // sent once: not retried
    // Later requests of the superseded run fail before they are sent.
    await expect(client.rest.checks.get({ owner: "o", repo: "r", check_run_id: 1 })).rejects.toThrow(/abort/i);
    expect(seen.slice(before)).toEqual(["POST /graphql"]);
  });
});
