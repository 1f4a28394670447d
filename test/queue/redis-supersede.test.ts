// Item 10 of issue #15 with the shared queue, against a real redis-server: a newer event for a pull request is not
// stuck behind a run that hangs on another replica. The job waiting behind the run tells the run's replica, through
// Redis, to abort it once it has lasted `supersedeAfterMs`; the run's events go back and are evaluated with the newer
// ones, once, in their newest state.
import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Job, JobProcessor, PullRequestJob } from "../../src/queue/job.js";
import { RedisQueue } from "../../src/queue/redis.js";
import { type LoadedApp, loadApp, TestOctokit } from "../helpers/app.js";
import { event, example } from "../helpers/events.js";
import { GitHubWorld } from "../helpers/github-world.js";
import { type RedisServer, startRedis } from "../helpers/redis.js";

const SUPERSEDE_AFTER_MS = 1000;
/** Room for the waiting job's next look at the lock, the abort and the newer evaluation on a loaded machine. */
const SLACK_MS = 2000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let queueNumber = 0;

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

describe("two replicas' queues on one Redis", () => {
  const open: RedisQueue[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((q) => q.close()));
  });

  const job = (n: number, comment: number): PullRequestJob => ({
    kind: "pull_request",
    installationId: 1,
    owner: "o",
    repo: "r",
    number: 2,
    headSha: `sha-${n}`,
    commentIds: [comment],
    deliveryIds: [`d${n}`],
  });

  const replica = (name: string, processJob: JobProcessor, failed: Job[]) => {
    const q = new RedisQueue(processJob, async (j) => void failed.push(j), {
      url: redis.url,
      name,
      settleMs: 50,
      concurrency: 1,
      attempts: 3,
      backoffMs: 20,
      lockDurationMs: 3000,
      stalledIntervalMs: 1000,
      lockRetryMs: 50,
      supersedeAfterMs: SUPERSEDE_AFTER_MS,
    });
    open.push(q);
    return q;
  };

  it("the run hung on replica A is aborted for the newer event that waits on replica B; A's events are evaluated with it", async () => {
    const name = `supersede-${++queueNumber}`;
    const failed: Job[] = [];
    const runs: { on: string; head?: string; comments: number[]; deliveries: string[]; at: number }[] = [];
    const done = (on: string) => async (j: Job) => {
      const pr = j as PullRequestJob;
      runs.push({ on, head: pr.headSha, comments: pr.commentIds, deliveries: pr.deliveryIds, at: performance.now() });
    };
    let hungAt = 0;
    let abortedAt = 0;
    const a = replica(
      name,
      // A's first run meets a GitHub request that never answers: it ends only when its signal aborts.
      (j, _attempt, signal) =>
        hungAt
          ? done("A")(j)
          : new Promise((_resolve, reject) => {
              hungAt = performance.now();
              signal!.addEventListener("abort", () => {
                abortedAt = performance.now();
                reject(signal!.reason);
              });
            }),
      failed,
    );
    await a.ready();
    await a.add(job(1, 11));
    await vi.waitFor(() => expect(hungAt).toBeGreaterThan(0), { timeout: 10_000 });

    // B starts now, so the newer event waits there: A's one slot is held by the hung run. Once A is free, either
    // replica may evaluate it.
    const b = replica(name, done("B"), failed);
    await b.ready();
    await b.add(job(2, 22));
    await vi.waitFor(() => expect(runs).toHaveLength(1), { timeout: SUPERSEDE_AFTER_MS + 10_000 });
    await a.idle();
    await sleep(300); // room for a wrong second run, or a failure report, to show up

    // Aborted once it had run `supersedeAfterMs`, not after a request deadline (30 s) or attempts.
    expect(abortedAt - hungAt).toBeGreaterThanOrEqual(SUPERSEDE_AFTER_MS - 50);
    expect(runs[0]!.at - hungAt).toBeLessThan(SUPERSEDE_AFTER_MS + SLACK_MS);
    // The newer run evaluated the newest head, and answers the comment the aborted run had taken.
    expect(runs.map(({ head, comments, deliveries }) => ({ head, comments, deliveries }))).toEqual([
      { head: "sha-2", comments: [11, 22], deliveries: ["d1", "d2"] },
    ]);
    expect(failed).toEqual([]);
    expect(a.stats()).toMatchObject({ failed: 0, running: 0 });
    expect(a.stats().processed + b.stats().processed).toBe(1);
  });

  it("leaves a long run alone while no newer event waits behind it", async () => {
    const name = `supersede-${++queueNumber}`;
    let aborted = false;
    const failed: Job[] = [];
    const a = replica(
      name,
      async (_j, _attempt, signal) => {
        signal!.addEventListener("abort", () => (aborted = true));
        await sleep(SUPERSEDE_AFTER_MS + 500);
      },
      failed,
    );
    await a.add(job(1, 11));
    await a.idle();
    expect(aborted).toBe(false);
    expect(a.stats()).toMatchObject({ processed: 1, failed: 0 });
  });
});

describe("the app on two replicas, one's GitHub request hanging", () => {
  const NEW = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
  const config =
    "owners: { engineering: [lead-bob] }\ncriteria:\n  - id: docs\n    owner: engineering\n    require: { files: [docs/**] }\n";
  const synchronize = (head: string) => {
    const payload = example("pull_request", "synchronize");
    payload.pull_request.head.sha = head;
    payload.after = head;
    return event("pull_request", payload);
  };
  const apps: LoadedApp[] = [];
  beforeEach(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.queue.close()));
    nock.abortPendingRequests();
    nock.cleanAll();
  });

  it("evaluates the newer head within supersedeAfterMs of A's hang, writes its check once, and aborts A's request", async () => {
    // GitHub holds the first GraphQL request for a minute: the replica that sent it hangs.
    const world = new GitHubWorld("https://api.github.com", [60_000]);
    world.pr = { config, files: ["docs/a.md"] };
    const sent: { url: string; signal?: AbortSignal; at: number }[] = [];
    // A's Octokit notes each request it sends, and whether the request was aborted.
    const ReplicaA = TestOctokit.defaults((options: any) => ({
      ...options,
      request: {
        ...options.request,
        fetch: (url: string, init: RequestInit) => {
          sent.push({ url, ...(init.signal && { signal: init.signal }), at: performance.now() });
          return fetch(url, init);
        },
      },
    }));
    const queue = {
      redisUrl: redis.url,
      name: `supersede-app-${++queueNumber}`,
      settleMs: 0,
      concurrency: 1,
      attempts: 3,
      lockDurationMs: 3000,
      stalledIntervalMs: 1000,
      lockRetryMs: 50,
      supersedeAfterMs: SUPERSEDE_AFTER_MS,
    };
    const a = await loadApp({ queue, Octokit: ReplicaA as typeof TestOctokit });
    apps.push(a);
    await a.probot.receive(synchronize(world.head));
    await vi.waitFor(() => expect(sent.map((s) => s.url)).toContain("https://api.github.com/graphql"), {
      timeout: 10_000,
    });
    const hungAt = sent.find((s) => s.url.endsWith("/graphql"))!.at;

    // The branch moves on; the newer event reaches replica B, started now: A (one slot, held) can't take it, so the
    // word to stop A's run comes from B, through Redis.
    world.head = NEW;
    const b = await loadApp({ queue });
    apps.push(b);
    await b.probot.receive(synchronize(NEW));
    await vi.waitFor(() => expect(world.checkRunOn(NEW)).toBeDefined(), { timeout: SUPERSEDE_AFTER_MS + 10_000 });
    const verdictAfterMs = performance.now() - hungAt;
    await Promise.all([a.queue.idle(), b.queue.idle()]);
    await sleep(300); // room for a wrong second write to show up

    expect(verdictAfterMs).toBeLessThan(SUPERSEDE_AFTER_MS + SLACK_MS);
    expect(world.writes).toEqual(["create check bbbbbbb: 1 of 1 done"]);
    expect(world.refusals).toEqual([]);
    // A's GraphQL request was aborted (not answered, not retried).
    const queries = sent.filter((s) => s.url.endsWith("/graphql"));
    expect(queries[0]!.signal?.aborted).toBe(true);
    expect(queries.filter((s) => s.signal?.aborted)).toHaveLength(1);
    // Either replica may then evaluate the newer head (A's slot is free once its run is aborted): once in all.
    expect(a.queue.stats()).toMatchObject({ failed: 0, running: 0 });
    expect(b.queue.stats()).toMatchObject({ failed: 0 });
    expect(a.queue.stats().processed + b.queue.stats().processed).toBe(1);
    console.info(`redis supersede: newer head's check run ${Math.round(verdictAfterMs)} ms after the hang began`);
  });
});
