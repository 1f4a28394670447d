// Item 8 of issue #15, against a real redis-server: losing Redis loses no evaluation. A webhook is answered fast
// while Redis is away, /healthz says why it is unhealthy, a pull request that was settling when Redis came back
// empty still gets its verdict, and Probot's rate limiter (kept in Redis) works at once after a quiet restart.
import type { IncomingMessage, ServerResponse } from "node:http";
import nock from "nock";
import { Probot, type ProbotOctokit } from "probot";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app.js";
import { DodOctokit } from "../../src/octokit.js";
import type { JobQueue } from "../../src/queue/job.js";
import { privateKey, type Route, TestOctokit } from "../helpers/app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { APP_ID, pullRequestData } from "../helpers/pull-request-data.js";
import { type RedisServer, startRedis } from "../helpers/redis.js";

const synchronize = () => event("pull_request", example("pull_request", "synchronize"));
const CHECK_RUNS = "/repos/Codertocat/Hello-World/check-runs";
const INSTALLATIONS = "/app/installations?per_page=100";
let queueNumber = 0;

interface Running {
  probot: Probot;
  queue: JobQueue;
  healthz(): Promise<{ status: number; body: Record<string, unknown> }>;
}

async function start(
  redis: RedisServer,
  o: { settleMs: number; Octokit?: typeof ProbotOctokit; limiter?: boolean },
): Promise<Running> {
  const probot = new Probot({
    appId: APP_ID,
    privateKey,
    Octokit: o.Octokit ?? TestOctokit,
    logLevel: "fatal",
    ...(o.limiter && { redisConfig: redis.url }),
  });
  const { app, handle } = createApp({
    appId: APP_ID,
    queue: {
      redisUrl: redis.url,
      name: `outage-${++queueNumber}`,
      settleMs: o.settleMs,
      attempts: 1,
      backoffMs: 0,
      stalledIntervalMs: 1000,
      lockDurationMs: 3000,
    },
  });
  const routes: Route[] = [];
  await probot.load(app, { cwd: process.cwd(), addHandler: (route: Route) => void routes.push(route) });
  const healthz = () =>
    new Promise<{ status: number; body: Record<string, unknown> }>((resolve) => {
      let status = 0;
      const res = {
        writeHead: (s: number) => {
          status = s;
          return res;
        },
        end: (text: string) => resolve({ status, body: JSON.parse(text) }),
      } as unknown as ServerResponse;
      for (const route of routes) if (route({ method: "GET", url: "/healthz" } as IncomingMessage, res)) break;
    });
  return { probot, queue: handle.queue!, healthz };
}

/** Resolves with how long `work` took, or rejects once it has taken `ms`. */
async function within<T>(ms: number, work: Promise<T>): Promise<number> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms);
  });
  try {
    await Promise.race([work, late]);
    return performance.now() - started;
  } finally {
    clearTimeout(timer);
  }
}

describe("losing Redis loses no evaluation", () => {
  let redis: RedisServer;
  let github: GitHubMock;
  let app: Running | undefined;
  beforeEach(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    github = new GitHubMock();
    redis = await startRedis();
  });
  afterEach(async () => {
    try {
      await app?.queue.close();
    } finally {
      app = undefined;
      // Even when closing fails, or no redis-server outlives the test.
      await redis.stop();
      nock.cleanAll();
    }
  });

  /** Stops Redis and starts it again on the same port, empty. */
  const restartEmpty = async () => {
    await redis.stop();
    redis = await startRedis(redis.port);
  };

  it("while Redis is down a webhook is answered within 1 s, /healthz answers 503 with the reason, and the job runs when Redis is back", async () => {
    app = await start(redis, { settleMs: 0 });
    github
      .token()
      .graphql(pullRequestData({ config: null }))
      .rest("POST", CHECK_RUNS, 201, { id: 77 })
      // Redis empty (new, then restarted): GitHub's record of unfinished evaluations is read, here of no installation.
      .rest("GET", INSTALLATIONS, 200, [], 2);
    await vi.waitFor(() => expect(github.calls()).toEqual([`GET ${INSTALLATIONS}`]), { timeout: 5000 });
    expect((await app.healthz()).status).toBe(200);

    await redis.stop();
    await vi.waitFor(async () => expect((await app!.healthz()).status).toBe(503), { timeout: 5000 });
    const health = await app.healthz();
    expect(health.body).toMatchObject({ status: "unhealthy", reason: expect.stringMatching(/^Redis /) });

    // Today's code waited for Redis (Probot's middleware answers 202 after 9 s).
    expect(await within(1000, app.probot.receive(synchronize()))).toBeLessThan(1000);
    expect(github.calls()).toEqual([`GET ${INSTALLATIONS}`]);

    redis = await startRedis(redis.port);
    await vi.waitFor(() => expect(github.calls()).toContain(`POST ${CHECK_RUNS}`), { timeout: 15_000 });
    await app.queue.idle();
    await vi.waitFor(async () => expect((await app!.healthz()).status).toBe(200), { timeout: 5000 });
    github.assertDone();
  });

  it("while Redis hangs (stopped, not closed) a webhook is still answered within 1 s", async () => {
    app = await start(redis, { settleMs: 0 });
    github
      .token()
      .graphql(pullRequestData({ config: null }))
      .rest("POST", CHECK_RUNS, 201, { id: 77 })
      .rest("GET", INSTALLATIONS, 200, []);
    redis.pause();
    try {
      expect(await within(1000, app.probot.receive(synchronize()))).toBeLessThan(1000);
    } finally {
      redis.resume();
    }
    await vi.waitFor(() => expect(github.calls()).toContain(`POST ${CHECK_RUNS}`), { timeout: 15_000 });
    await app.queue.idle();
  });

  it("a pull request settling when Redis restarted empty still gets its verdict", async () => {
    app = await start(redis, { settleMs: 1500 });
    github
      .token()
      .graphql(pullRequestData({ config: null }))
      .rest("POST", CHECK_RUNS, 201, { id: 77 })
      .rest("GET", INSTALLATIONS, 200, [], 2);
    await app.probot.receive(synchronize());
    expect(github.find("graphql")).toEqual([]); // still settling, in Redis only
    await restartEmpty();
    await vi.waitFor(() => expect(github.calls()).toContain(`POST ${CHECK_RUNS}`), { timeout: 15_000 });
    await app.queue.idle();
    github.assertDone();
    expect(github.find("checks/create")).toHaveLength(1);
  });

  it("after a quiet Redis restart, Probot's rate limiter works at once: the next event is evaluated", async () => {
    // dod's Octokit with throttling on (clustered through Redis, as REDIS_URL makes it) and retries off.
    const Octokit = DodOctokit.defaults((options: any) => ({ ...options, retry: { enabled: false } }));
    app = await start(redis, { settleMs: 0, Octokit: Octokit as typeof ProbotOctokit, limiter: true });
    github
      .token()
      .graphql(pullRequestData({ config: null }), 2)
      .rest("POST", CHECK_RUNS, 201, { id: 77 }, 2)
      .rest("GET", INSTALLATIONS, 200, [], 2);
    await app.probot.receive(synchronize());
    await vi.waitFor(() => expect(github.find("checks/create")).toHaveLength(1), { timeout: 15_000 });
    await app.queue.idle();

    await restartEmpty();
    await vi.waitFor(async () => expect((await app!.healthz()).status).toBe(200), { timeout: 5000 });
    // Today's limiter failed every request with `ERR SETTINGS_KEY_NOT_FOUND` for ~90 s: the job failed, and so
    // did the failure report.
    await app.probot.receive(synchronize());
    await vi.waitFor(() => expect(github.find("checks/create")).toHaveLength(2), { timeout: 15_000 });
    await app.queue.idle();
    expect(github.find("checks/create")[1]!.body).toMatchObject({ status: "completed" });
    expect(app.queue.stats().failed).toBe(0);
  });
});
