// Item 8 of issue #15, when Redis and every replica restart together: no journal holds what was in flight, so the
// fleet reads GitHub's record of what dod left unfinished — open pull requests updated lately whose head carries no
// finished run of dod's — once, and evaluates them through the queue. Real app, real redis-server, stateful double.
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type LoadedApp, loadApp, TestOctokit } from "../helpers/app.js";
import { event, example } from "../helpers/events.js";
import { GitHubWorld, pullRequestSearchNode } from "../helpers/github-world.js";
import { HEAD_SHA } from "../helpers/pull-request-data.js";
import { type RedisServer, startRedis } from "../helpers/redis.js";

const config = `owners: { engineering: [lead-bob] }
criteria:
  - id: ci
    owner: engineering
    require: { check: "ci" }
`;
const OTHER_HEAD = "cccccccccccccccccccccccccccccccccccccccc";
const INSTALLATIONS = "GET /app/installations?per_page=100";
const TOKEN = "POST /app/installations/1/access_tokens";
let queueNumber = 0;

/** An Octokit that notes every request the app sends, as `METHOD path`. */
const recording = (sent: string[]) =>
  TestOctokit.defaults((options: any) => ({
    ...options,
    request: {
      ...options.request,
      fetch: (url: string, init: RequestInit) => {
        const { pathname, search } = new URL(url);
        sent.push(`${init.method ?? "GET"} ${pathname}${search}`);
        return fetch(url, init);
      },
    },
  })) as typeof TestOctokit;

describe("Redis and every replica restarted together", () => {
  let redis: RedisServer;
  const apps: LoadedApp[] = [];
  let world: GitHubWorld;
  let queue: { redisUrl: string; name: string; settleMs: number; attempts: number };

  beforeEach(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    redis = await startRedis();
    world = new GitHubWorld();
    queue = { redisUrl: redis.url, name: `recovery-${++queueNumber}`, settleMs: 0, attempts: 1 };

    // The old fleet evaluates the pull request while ci runs: dod's run on the head is left in progress.
    world.pr = { config, checks: [{ name: "ci", status: "IN_PROGRESS" }] };
    const old = await loadApp({ queue });
    await old.probot.receive(event("pull_request", example("pull_request", "synchronize")));
    await vi.waitFor(() => expect(world.checkRunOn(HEAD_SHA)?.status).toBe("in_progress"), { timeout: 10_000 });
    await old.queue.idle();
    await old.queue.close();
    // Everything stops. ci passes meanwhile, and its check_run event is lost with the fleet; Redis comes back empty.
    await redis.stop();
    redis = await startRedis(redis.port);
    world.pr = { config, checks: [{ name: "ci", conclusion: "SUCCESS" }] };
    world.installations = [{ id: 1, account: { login: "Codertocat", type: "User" } }];
    // Another pull request GitHub's search finds was finished by the old fleet.
    world.otherSearchResults = [
      pullRequestSearchNode(3, OTHER_HEAD, [{ id: 7, status: "completed", externalId: null }]),
    ];
  }, 30_000);

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.queue.close()));
    await redis.stop();
    nock.cleanAll();
  });

  it("the new fleet finishes the pull request whose dod run was left in progress, and leaves the finished one alone", async () => {
    const sent: string[] = [];
    const before = world.writes.length;
    apps.push(await loadApp({ queue, Octokit: recording(sent) }));
    await vi.waitFor(() => expect(world.checkRunOn(HEAD_SHA)?.status).toBe("completed"), { timeout: 10_000 });
    await apps[0]!.queue.idle();

    expect(world.writes.slice(before)).toEqual(["update check ec26c3e: 1 of 1 done"]);
    expect(world.refusals).toEqual([]);
    // The scan: one listing of installations, one token, two searches; then the one evaluation (#3 is not evaluated).
    expect(sent).toEqual([
      INSTALLATIONS,
      TOKEN,
      "POST /graphql",
      "POST /graphql",
      "POST /graphql",
      `PATCH /repos/Codertocat/Hello-World/check-runs/${world.checkRunOn(HEAD_SHA)!.id}`,
    ]);
    expect(world.searches).toHaveLength(2);
    expect(world.searches[0]).toMatch(
      /^is:pr is:open archived:false user:Codertocat updated:>=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ sort:updated-desc$/,
    );
    expect(world.searches[1]).toBe("is:pr is:open archived:false user:Codertocat status:pending sort:updated-desc");
    // Only pull requests updated in the last hour are looked at.
    const since = Date.parse(/updated:>=(\S+)/.exec(world.searches[0]!)![1]!);
    expect(Date.now() - since).toBeGreaterThanOrEqual(60 * 60_000);
    expect(Date.now() - since).toBeLessThan(61 * 60_000);
  });

  it("two replicas starting together read GitHub's record once and evaluate the pull request once", async () => {
    const sent: string[][] = [[], []];
    apps.push(
      ...(await Promise.all([
        loadApp({ queue, Octokit: recording(sent[0]!) }),
        loadApp({ queue, Octokit: recording(sent[1]!) }),
      ])),
    );
    await vi.waitFor(() => expect(world.checkRunOn(HEAD_SHA)?.status).toBe("completed"), { timeout: 10_000 });
    await Promise.all(apps.map((app) => app.queue.idle()));
    await new Promise((resolve) => setTimeout(resolve, 1500)); // a second replica's look would come within a second

    const all = sent.flat();
    expect(all.filter((r) => r === INSTALLATIONS)).toHaveLength(1);
    expect(world.searches).toHaveLength(2);
    expect(all.filter((r) => r === "POST /graphql")).toHaveLength(3); // the two searches, and one evaluation
    expect(all.filter((r) => r.startsWith("PATCH ") || r.startsWith("POST /repos"))).toHaveLength(1);
  });

  it("a look-up GitHub fails is tried again, once, after recoveryRetryMs", async () => {
    world.failInstallationListings = 1;
    const sent: string[] = [];
    apps.push(await loadApp({ queue: { ...queue, recoveryRetryMs: 1000 }, Octokit: recording(sent) }));
    await vi.waitFor(() => expect(sent).toContain(INSTALLATIONS), { timeout: 5000 });
    const failedAt = performance.now();
    await vi.waitFor(() => expect(world.checkRunOn(HEAD_SHA)?.status).toBe("completed"), { timeout: 10_000 });
    expect(performance.now() - failedAt).toBeGreaterThanOrEqual(900);
    await apps[0]!.queue.idle();
    await new Promise((resolve) => setTimeout(resolve, 1500)); // no third look
    expect(sent.filter((r) => r === INSTALLATIONS)).toHaveLength(2);
    expect(world.searches).toHaveLength(2);
  });

  it("a replica restarting alone (Redis kept its data) does not read GitHub's record again", async () => {
    const first: string[] = [];
    apps.push(await loadApp({ queue, Octokit: recording(first) }));
    await vi.waitFor(() => expect(world.checkRunOn(HEAD_SHA)?.status).toBe("completed"), { timeout: 10_000 });
    await apps[0]!.queue.idle();
    await apps.pop()!.queue.close();

    const second: string[] = [];
    apps.push(await loadApp({ queue, Octokit: recording(second) }));
    await new Promise((resolve) => setTimeout(resolve, 1500)); // its first looks at Redis
    expect(second).toEqual([]);
    expect(first.filter((r) => r === INSTALLATIONS)).toHaveLength(1);
  });
});
