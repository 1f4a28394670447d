// The dashboard issue after a verdict changes: the app keeps the last gathered dashboard per repository and patches
// the evaluated pull request's entry from the evaluation itself, so a refresh costs the issue's edit alone — and
// what it writes is exactly what reading every release again would show.
import fc from "fast-check";
import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { aggregate } from "../../src/dashboard/aggregate.js";
import { renderDashboardMarkdown } from "../../src/dashboard/render-markdown.js";
import type { GitHub } from "../../src/github/client.js";
import { gatherDashboard } from "../../src/github/dashboard-gather.js";
import { DASHBOARDS, dashboardKey } from "../../src/github/cache.js";
import { ReadCache } from "../../src/github/read-cache.js";
import type { DashboardSnapshot } from "../../src/dashboard/patch.js";
import { type LoadedApp, loadApp, refreshDashboardAtOnce } from "../helpers/app.js";
import { DashboardWorld, OWNER, type WorldPull, type WorldRepo } from "../helpers/dashboard-world.js";
import { event, example } from "../helpers/events.js";
import { APP_ID, BASE_SHA } from "../helpers/pull-request-data.js";
import { type RedisServer, startRedis } from "../helpers/redis.js";

const CONFIG = `owners: { product: [pm-alice], engineering: [lead-bob] }
comment: never
criteria:
  - id: acceptance
    title: Acceptance criteria met
    owner: product
    require: { label: accepted }
  - id: unit-tests
    owner: engineering
    when: { files: ["src/**"] }
    require: { files: ["**/*.test.ts"] }
releases: { by: milestone }
dashboard:
  issue: true
  capacity:
    groups: { feature: [feature], health: [chore] }
    target: { feature: 80, health: 20 }
`;

const sha = (n: number, push: number) => `${String(n).padStart(4, "0")}${String(push).padStart(36, "0")}`;
const filesWith = (tests: boolean) => (tests ? ["src/a.ts", "src/a.test.ts"] : ["src/a.ts"]);

function repository(world: DashboardWorld, name = "Hello-World"): WorldRepo {
  const pull = (number: number, milestone: string | null, state: WorldPull["state"] = "OPEN"): WorldPull => ({
    number,
    title: `Change ${number}`,
    labels: number % 2 ? ["chore"] : [],
    milestone,
    state,
    head: sha(number, 0),
    files: filesWith(number === 3),
  });
  return world.add({
    name,
    config: CONFIG,
    milestones: [
      { number: 1, title: "v0.9", state: "CLOSED" },
      { number: 2, title: "v1.0", state: "OPEN" },
      { number: 3, title: "v1.1", state: "OPEN" },
    ],
    pulls: [pull(1, "v0.9", "MERGED"), pull(2, "v1.0"), pull(3, "v1.0"), pull(4, "v1.1"), pull(5, null)],
  });
}

/** A pull_request webhook for the world's pull request as it is now. */
function webhook(repo: WorldRepo, p: WorldPull, action: string, edit: (payload: any) => void = () => {}) {
  const payload = example("pull_request", "labeled");
  payload.action = action;
  payload.number = p.number;
  payload.repository.name = repo.name;
  payload.repository.full_name = `${OWNER}/${repo.name}`;
  const pr = payload.pull_request;
  pr.number = p.number;
  pr.head.sha = p.head;
  pr.base.sha = BASE_SHA;
  pr.title = p.title;
  pr.labels = p.labels.map((name) => ({ name }));
  pr.state = p.state === "OPEN" ? "open" : "closed";
  pr.merged = p.state === "MERGED";
  edit(payload);
  return event("pull_request", payload);
}

async function settle(app: LoadedApp) {
  // An evaluation schedules a refresh, and a refresh never queues an evaluation: one round of each suffices.
  await app.queue.idle();
  await app.dashboard.idle();
}

/** The dashboard issue's body as reading every release from GitHub again makes it, with no cache. */
async function fullRender(app: LoadedApp, repo: WorldRepo): Promise<string> {
  const github = (await app.probot.auth(1)) as unknown as GitHub;
  const gathered = await gatherDashboard(github, OWNER, repo.name, { appId: APP_ID });
  if (!gathered.config.ok) throw new Error("config");
  return renderDashboardMarkdown(aggregate(gathered.input!, gathered.config.config), { marker: true });
}

const isDashboardRead = (call: string) => /^graphql Dod(Dashboard|MilestonePulls|LabelPulls)/.test(call);
const isIssueWrite = (call: string) => /^(POST|PATCH) \/repos\/[^/]+\/[^/]+\/issues(\/\d+)?$/.test(call);

describe("the dashboard issue patched from each evaluation", () => {
  refreshDashboardAtOnce();
  let world: DashboardWorld;
  beforeEach(() => {
    nock.disableNetConnect();
    world = new DashboardWorld();
  });
  afterEach(() => {
    nock.cleanAll();
    vi.useRealTimers();
  });

  /** Opens the pull requests one after the other: the first refresh reads everything, the others patch. */
  async function opened(app: LoadedApp, repo: WorldRepo) {
    for (const p of repo.pulls.filter((q) => q.state === "OPEN")) {
      await app.probot.receive(webhook(repo, p, "opened"));
      await settle(app);
    }
  }

  it("a changed verdict costs the evaluation's requests and one edit of the issue, with no read of any release", async () => {
    const app = await loadApp();
    const repo = repository(world);
    await app.probot.receive(webhook(repo, repo.pulls[1]!, "opened"));
    await settle(app);
    // Cold: the first refresh reads the config, the releases and each one's pull requests, then creates the issue.
    expect(world.calls.filter(isDashboardRead)).toEqual([
      "graphql DodDashboard",
      "graphql DodMilestonePulls",
      "graphql DodMilestonePulls",
      "graphql DodMilestonePulls",
    ]);
    expect(world.calls.filter(isIssueWrite)).toEqual(["POST /repos/Codertocat/Hello-World/issues"]);

    const p = repo.pulls[2]!;
    world.calls.length = 0;
    await app.probot.receive(webhook(repo, p, "opened"));
    await settle(app);
    expect(world.calls).toEqual([
      "graphql DodPullRequest",
      "POST /repos/Codertocat/Hello-World/check-runs",
      `PATCH /repos/Codertocat/Hello-World/issues/${repo.issue!.number}`,
    ]);
    expect(repo.issue!.body).toBe(await fullRender(app, repo));

    // Labelled `accepted`: the verdict changes again, the same three requests.
    world.calls.length = 0;
    p.labels = [...p.labels, "accepted"];
    await app.probot.receive(webhook(repo, p, "labeled", (w) => (w.label = { name: "accepted" })));
    await settle(app);
    expect(world.calls).toEqual([
      "graphql DodPullRequest",
      expect.stringMatching(/^(POST|PATCH) \/repos\/Codertocat\/Hello-World\/check-runs/),
      `PATCH /repos/Codertocat/Hello-World/issues/${repo.issue!.number}`,
    ]);
    expect(repo.issue!.body).toBe(await fullRender(app, repo));

    // A push with the same verdict: no refresh at all, neither a read nor an edit.
    world.calls.length = 0;
    p.head = sha(p.number, 1);
    await app.probot.receive(webhook(repo, p, "synchronize"));
    await settle(app);
    expect(world.calls).toEqual(["graphql DodPullRequest", "POST /repos/Codertocat/Hello-World/check-runs"]);
  });

  it("what evaluations with an unchanged verdict saw (a new title, a new head's check) shows with the next change", async () => {
    const app = await loadApp();
    const repo = repository(world);
    await opened(app, repo);
    const [, two, , four] = repo.pulls;
    two!.title = "Checkout, renamed";
    await app.probot.receive(webhook(repo, two!, "edited", (w) => (w.changes = { title: { from: "Change 2" } })));
    two!.head = sha(2, 1);
    await app.probot.receive(webhook(repo, two!, "synchronize"));
    await settle(app);
    const body = repo.issue!.body;
    expect(body).not.toContain("Checkout, renamed");

    world.calls.length = 0;
    four!.labels = [...four!.labels, "accepted"];
    await app.probot.receive(webhook(repo, four!, "labeled", (w) => (w.label = { name: "accepted" })));
    await settle(app);
    expect(world.calls.filter(isDashboardRead)).toEqual([]);
    expect(repo.issue!.body).toContain("Checkout, renamed");
    expect(repo.issue!.body).toContain(`/runs/${world.runOn(repo, sha(2, 1))!.id})`);
    expect(repo.issue!.body).toBe(await fullRender(app, repo));
  });

  it("never patches a dashboard read from GitHub more than 30 minutes ago (patches do not renew it), nor another repository's", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const app = await loadApp();
    const repo = repository(world);
    const other = repository(world, "Other-Repo");
    await opened(app, repo);
    const ownBody = repo.issue!.body;

    // Another repository with the same pull requests: its first change reads its own releases.
    world.calls.length = 0;
    await app.probot.receive(webhook(other, other.pulls[1]!, "opened"));
    await settle(app);
    expect(world.calls.filter(isDashboardRead)).toEqual([
      "graphql DodDashboard",
      "graphql DodMilestonePulls",
      "graphql DodMilestonePulls",
      "graphql DodMilestonePulls",
    ]);
    expect(world.calls.filter(isIssueWrite)).toEqual(["POST /repos/Codertocat/Other-Repo/issues"]);
    expect(other.issue!.body).toBe(await fullRender(app, other));
    expect(repo.issue!.body).toBe(ownBody);

    const accept = async (p: WorldPull) => {
      world.calls.length = 0;
      p.labels = [...p.labels, "accepted"];
      await app.probot.receive(webhook(repo, p, "labeled", (w) => (w.label = { name: "accepted" })));
      await settle(app);
      return world.calls.filter(isDashboardRead);
    };
    vi.setSystemTime(Date.now() + 29 * 60_000);
    expect(await accept(repo.pulls[1]!)).toEqual([]);
    // Patched (and rewritten) a minute ago, but read from GitHub 31 minutes ago: GitHub is read again.
    vi.setSystemTime(Date.now() + 2 * 60_000);
    expect(await accept(repo.pulls[2]!)).toEqual([
      "graphql DodDashboard",
      "graphql DodMilestonePulls",
      "graphql DodMilestonePulls",
    ]);
    expect(repo.issue!.body).toBe(await fullRender(app, repo));
  });

  it("patched after any series of events, the issue reads exactly as a full read of GitHub makes it", async () => {
    type Step = { kind: "accept" | "push" | "retitle" | "group" | "move" | "merge"; pr: number; tests: boolean };
    const step = fc.record({
      kind: fc.constantFrom<Step["kind"]>("accept", "accept", "push", "push", "retitle", "group", "move", "merge"),
      pr: fc.integer({ min: 2, max: 5 }),
      tests: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        nock.cleanAll();
        world = new DashboardWorld();
        const app = await loadApp();
        const repo = repository(world);
        await opened(app, repo);
        expect(repo.issue!.body).toBe(await fullRender(app, repo));
        let warm = true;
        let pushes = 0;
        for (const s of steps) {
          const p = repo.pulls.find((x) => x.number === s.pr)!;
          if (p.state !== "OPEN") continue;
          const accepted = p.labels.includes("accepted");
          const tests = p.files.includes("src/a.test.ts");
          let changed = false;
          let reads = false;
          let hook;
          switch (s.kind) {
            case "accept":
              p.labels = accepted ? p.labels.filter((l) => l !== "accepted") : [...p.labels, "accepted"];
              hook = webhook(repo, p, accepted ? "unlabeled" : "labeled", (w) => (w.label = { name: "accepted" }));
              changed = true;
              break;
            case "push":
              p.head = sha(p.number, ++pushes);
              p.files = filesWith(s.tests);
              hook = webhook(repo, p, "synchronize");
              changed = s.tests !== tests;
              break;
            case "retitle":
              p.title = `${p.title}!`;
              hook = webhook(repo, p, "edited", (w) => (w.changes = { title: { from: "before" } }));
              break;
            case "group": {
              const has = p.labels.includes("feature");
              p.labels = has ? p.labels.filter((l) => l !== "feature") : [...p.labels, "feature"];
              hook = webhook(repo, p, has ? "unlabeled" : "labeled", (w) => (w.label = { name: "feature" }));
              reads = true;
              break;
            }
            case "move":
              p.milestone = p.milestone === "v1.0" ? "v1.1" : "v1.0";
              hook = webhook(repo, p, "milestoned", (w) => (w.pull_request.milestone = { title: p.milestone }));
              reads = true;
              break;
            case "merge":
              p.state = "MERGED";
              hook = webhook(repo, p, "closed");
              reads = true;
              break;
          }
          const before = world.calls.length;
          await app.probot.receive(hook);
          await settle(app);
          const spent = world.calls.slice(before);
          if (!changed && !reads) {
            // The verdict did not change: the issue is neither read nor written.
            expect(spent.filter(isDashboardRead)).toEqual([]);
            expect(spent.filter(isIssueWrite)).toEqual([]);
            continue;
          }
          if (!reads && warm) expect(spent.filter(isDashboardRead)).toEqual([]);
          // A merge's evaluation cannot patch a merged pull request: the next refresh reads GitHub again.
          warm = s.kind !== "merge";
          expect(repo.issue!.body).toBe(await fullRender(app, repo));
        }
        await app.queue.close();
      }),
      { numRuns: Number(process.env.DOD_FUZZ_RUNS ?? 20) },
    );
  }, 120_000);
});

describe("the kept dashboard shared by replicas through Redis", () => {
  refreshDashboardAtOnce();
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis.stop();
  });
  afterEach(() => nock.cleanAll());

  it("a replica patches the dashboard another one read, with no read of its own", async () => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    const world = new DashboardWorld();
    const repo = repository(world);
    const queue = { redisUrl: redis.url, name: `dod-dashboard-${Date.now()}`, consume: true };
    const first = await loadApp({ queue });
    await first.probot.receive(webhook(repo, repo.pulls[1]!, "opened"));
    await settle(first);
    await first.queue.close();
    expect(world.calls.filter(isDashboardRead)).toHaveLength(4);

    const second = await loadApp({ queue });
    world.calls.length = 0;
    await second.probot.receive(webhook(repo, repo.pulls[2]!, "opened"));
    await settle(second);
    expect(world.calls).toEqual([
      "graphql DodPullRequest",
      "POST /repos/Codertocat/Hello-World/check-runs",
      `PATCH /repos/Codertocat/Hello-World/issues/${repo.issue!.number}`,
    ]);
    expect(repo.issue!.body).toBe(await fullRender(second, repo));
    await second.queue.close();
  });

  it("a replica whose patched edit raced another replica's keeps nothing of its own and reads GitHub again", async () => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    const world = new DashboardWorld();
    // Its own repository: what the test before kept in Redis (verdicts, snapshots) is not this one's.
    const repo = repository(world, "Raced-Repo");
    const queue = { redisUrl: redis.url, name: `dod-dashboard-race-${Date.now()}`, consume: true };
    const app = await loadApp({ queue });
    await app.probot.receive(webhook(repo, repo.pulls[1]!, "opened"));
    await settle(app);

    // While this replica edits the issue, another one keeps a snapshot of its own (its own patch).
    const other = new ReadCache({ redisUrl: redis.url });
    const key = dashboardKey(OWNER, repo.name, APP_ID);
    world.duringIssueEdit = async () => {
      world.duringIssueEdit = undefined;
      const kept = await other.get<DashboardSnapshot>(DASHBOARDS, key);
      await other.set(DASHBOARDS, key, { ...kept!, rev: "another replica's" });
    };
    world.calls.length = 0;
    await app.probot.receive(webhook(repo, repo.pulls[2]!, "opened"));
    await settle(app);
    expect(world.calls.filter((c) => isDashboardRead(c) || isIssueWrite(c))).toEqual([
      `PATCH /repos/Codertocat/Raced-Repo/issues/${repo.issue!.number}`,
      "graphql DodDashboard",
      "graphql DodMilestonePulls",
      "graphql DodMilestonePulls",
    ]);
    expect(repo.issue!.body).toBe(await fullRender(app, repo));
    expect((await other.get<DashboardSnapshot>(DASHBOARDS, key))?.rev).not.toBe("another replica's");
    await other.close();
    await app.queue.close();
  });
});
