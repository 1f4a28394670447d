// What cannot have changed is not read again: a pull request's files and added lines per base..head pair (in the
// app's memory, or in Redis shared by every replica), team members only when an approval or a waiver needs them.
import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadApp } from "../helpers/app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { BASE_SHA, HEAD_SHA, pullRequestData } from "../helpers/pull-request-data.js";
import { type RedisServer, startRedis } from "../helpers/redis.js";
import { FILES, HEADS, headKey } from "../../src/github/cache.js";
import { ReadCache } from "../../src/github/read-cache.js";
import { forgetHead, headRecord, rememberHead } from "../../src/github/heads.js";
import { NO_REFERENCES } from "../../src/criteria/references.js";
import { blankFacts } from "../../src/model/facts.js";

const REPO = "/repos/Codertocat/Hello-World";
const OTHER_HEAD = "0123456789abcdef0123456789abcdef01234567";
const OTHER_BASE = "89abcdef0123456789abcdef0123456789abcdef";
const synchronize = () => event("pull_request", example("pull_request", "synchronize"));

/** Passes when `src/module2999/file.ts`, the 3000th file, is among the files the evaluation saw. */
const LAST_FILE_CONFIG = `owners: { engineering: [lead-bob] }
comment: never
criteria:
  - id: last
    owner: engineering
    require: { files: ["src/module2999/**"] }
`;

const page = (from: number, count: number, last: string) =>
  Array.from({ length: count }, (_, i) => ({
    path: from + i === 2999 ? last : `src/module${from + i}/file.ts`,
    additions: 3,
    deletions: 1,
  }));

/**
 * A 3000-file pull request on `head` and `base` whose 3000th file is `last`: the first query, and its 29 further
 * pages when `pages` (a cached evaluation asks for none).
 */
function largePullRequest(
  github: GitHubMock,
  o: {
    head?: string;
    base?: string;
    last?: string;
    pages: boolean;
    ownCheck?: () => { id: number; externalId: string };
  },
) {
  const last = o.last ?? "src/module2999/file.ts";
  // The first query, then (when the files are not cached) GitHub's 29 further pages of 100.
  github.graphql(
    () =>
      pullRequestData({
        config: LAST_FILE_CONFIG,
        headSha: o.head ?? HEAD_SHA,
        baseSha: o.base ?? BASE_SHA,
        files: page(0, 3000, last),
        ownCheckRun: o.ownCheck?.() ?? null,
      }),
    o.pages ? 30 : 1,
  );
}

describe("reads that cannot have changed", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  it("a repeated synchronize of a 3000-file pull request on the same head costs one request", async () => {
    const { probot, queue } = await loadApp();
    github.token();
    largePullRequest(github, { pages: true });
    github.rest("POST", `${REPO}/check-runs`, 201, { id: 5 });
    const ownCheck = () => ({ id: 5, externalId: github.body("checks/create").external_id as string });
    largePullRequest(github, { pages: false, ownCheck });

    await probot.receive(synchronize());
    await queue.idle();
    expect(github.calls()).toHaveLength(31);
    await probot.receive(synchronize());
    await queue.idle();

    github.assertDone();
    expect(github.calls().slice(31)).toEqual(["POST /graphql"]);
    expect(github.body("checks/create").conclusion).toBe("success");
  });

  it("never uses a cached file list for another head or another base", async () => {
    const { probot, queue } = await loadApp();
    github.token();
    largePullRequest(github, { pages: true });
    github.rest("POST", `${REPO}/check-runs`, 201, { id: 5 });
    // A push: the 3000th file is now elsewhere, so the criterion fails — only if the new pages are read.
    largePullRequest(github, { head: OTHER_HEAD, last: "docs/moved.md", pages: true });
    github.rest("POST", `${REPO}/check-runs`, 201, { id: 6 });
    // The base moved under the same head (another merge base): read again too.
    largePullRequest(github, { base: OTHER_BASE, last: "docs/moved-again.md", pages: true });
    github.rest("POST", `${REPO}/check-runs`, 201, { id: 7 });

    for (let i = 0; i < 3; i++) {
      await probot.receive(synchronize());
      await queue.idle();
    }

    github.assertDone();
    expect(github.calls()).toHaveLength(3 * 31);
    const conclusions = github.find("checks/create").map((r) => (r.body as any).conclusion);
    expect(conclusions).toEqual(["success", "failure", "failure"]);
    expect(github.body("checks/create", 1).head_sha).toBe(OTHER_HEAD);
  });

  it("reads the added lines over REST once per head", async () => {
    const config = `owners: { engineering: [lead-bob] }
comment: never
criteria:
  - id: flag
    owner: engineering
    require: { diff_contains: { text: "featureFlag(" } }
`;
    const patch = '@@ -1 +1,2 @@\n const a = 1;\n+if (featureFlag("pay")) pay();';
    const { probot, queue } = await loadApp();
    github
      .token()
      .graphql(pullRequestData({ config, files: ["src/pay.ts"] }))
      .rest("GET", `${REPO}/pulls/2/files?per_page=100`, 200, [
        { filename: "src/pay.ts", status: "modified", additions: 1, deletions: 0, changes: 1, patch },
      ])
      .rest("POST", `${REPO}/check-runs`, 201, { id: 5 })
      .graphql(() =>
        pullRequestData({
          config,
          files: ["src/pay.ts"],
          ownCheckRun: { id: 5, externalId: github.body("checks/create").external_id },
        }),
      )
      .graphql(pullRequestData({ config, files: ["src/pay.ts"], headSha: OTHER_HEAD }))
      .rest("GET", `${REPO}/pulls/2/files?per_page=100`, 200, [
        {
          filename: "src/pay.ts",
          status: "modified",
          additions: 1,
          deletions: 0,
          changes: 1,
          patch: "@@ -1 +1 @@\n+pay();",
        },
      ])
      .rest("POST", `${REPO}/check-runs`, 201, { id: 6 });

    for (let i = 0; i < 3; i++) {
      await probot.receive(synchronize());
      await queue.idle();
    }

    github.assertDone();
    expect(github.find("pulls/list-files")).toHaveLength(2);
    expect(github.find("checks/create").map((r) => (r.body as any).conclusion)).toEqual(["success", "failure"]);
  });

  it("reads team members only once an approval or a waiver needs them, then briefly from the cache", async () => {
    const config = `owners: { product: ["@acme/product"], engineering: [lead-bob] }
comment: never
criteria:
  - id: sign-off
    owner: product
    require: { approved_by: product }
`;
    const teamReply = {
      t0: { team: { members: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [{ login: "pm-carol" }] } } },
    };
    const approved = { reviews: [{ author: "pm-carol", state: "APPROVED" as const }] };
    const { probot, queue } = await loadApp();
    github
      .token()
      .graphql(pullRequestData({ config }))
      .rest("POST", `${REPO}/check-runs`, 201, { id: 5 })
      .graphql(pullRequestData({ config, ...approved, headSha: OTHER_HEAD }))
      .graphql((body: any) => {
        expect(body.query).toContain('team(slug: "product")');
        return teamReply;
      })
      .rest("POST", `${REPO}/check-runs`, 201, { id: 7 })
      .graphql(pullRequestData({ config, ...approved }))
      .rest("POST", `${REPO}/check-runs`, 201, { id: 8 });

    for (let i = 0; i < 3; i++) {
      await probot.receive(synchronize());
      await queue.idle();
    }

    github.assertDone();
    expect(github.calls().filter((c) => c === "POST /graphql")).toHaveLength(4);
    expect(github.find("checks/create").map((r) => (r.body as any).conclusion)).toEqual([
      "failure",
      "success",
      "success",
    ]);
  });
});

describe("reads shared by replicas through Redis", () => {
  let redis: RedisServer;
  let github: GitHubMock;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis.stop();
  });
  beforeEach(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  it("one replica reads a 3000-file pull request's pages; another evaluating the same head reads none", async () => {
    const queue = { redisUrl: redis.url, name: `dod-read-cache-${Date.now()}` };
    // A new Redis: the first replica reads GitHub's record of unfinished evaluations, here of no installation.
    github.rest("GET", "/app/installations?per_page=100", 200, []);
    const first = await loadApp({ queue: { ...queue, consume: true } });
    github.token();
    largePullRequest(github, { pages: true });
    github.rest("POST", `${REPO}/check-runs`, 201, { id: 5 });
    await first.probot.receive(synchronize());
    await first.queue.idle();
    await first.queue.close();
    expect(github.calls().filter((call) => call.startsWith("GET /app/installations"))).toHaveLength(1);
    expect(github.calls()).toHaveLength(32);

    const second = await loadApp({ queue: { ...queue, consume: true } });
    const ownCheck = () => ({ id: 5, externalId: github.body("checks/create").external_id as string });
    github.token();
    largePullRequest(github, { pages: false, ownCheck });
    await second.probot.receive(synchronize());
    await second.queue.idle();
    await second.queue.close();

    github.assertDone();
    expect(github.calls().slice(32)).toEqual(["POST /graphql"]);
  });

  it("what one replica last saw of a head wins over another replica's older copy; Redis away is a miss", async () => {
    const a = new ReadCache({ redisUrl: redis.url });
    const b = new ReadCache({ redisUrl: redis.url });
    const key = headKey("o", "r", HEAD_SHA);
    const seen = (conclusion: string) => ({ base: BASE_SHA, changesConfig: false, named: [["bench", conclusion]] });
    await a.setField(HEADS, key, "2", seen("success"));
    expect(await b.getFields(HEADS, key)).toEqual({ 2: seen("success") });
    await b.setField(HEADS, key, "2", seen("failure"));
    expect(await a.getFields(HEADS, key)).toEqual({ 2: seen("failure") });
    await b.close();
    // A file list never changes for its key: this process's copy is read without asking Redis.
    await a.set(FILES, "k", ["x"]);
    await a.close();
    expect(await a.get(FILES, "k")).toEqual(["x"]);
    expect(await a.getFields(HEADS, key)).toBeUndefined();
  });

  it("two replicas evaluating two pull requests of one head at once both keep what they saw", async () => {
    const replicas = [new ReadCache({ redisUrl: redis.url }), new ReadCache({ redisUrl: redis.url })];
    const sha = "5a5e000000000000000000000000000000000000";
    const seen = (number: number) => ({
      facts: blankFacts({
        repo: { owner: "o", name: "r" },
        number,
        head: { ref: `feature-${number}`, sha },
        base: { ref: "main" },
        checks: [{ name: "bench", status: "completed", conclusion: "success" }],
      }),
      base: BASE_SHA,
      changesConfig: false,
      refs: { ...NO_REFERENCES, checks: ["bench"] },
    });
    for (let round = 0; round < 5; round++) {
      const numbers = [10 * round + 1, 10 * round + 2];
      await Promise.all(
        numbers.map((number, i) => rememberHead(replicas[i]!, { owner: "o", repo: "r", number }, seen(number))),
      );
      const record = await headRecord(replicas[round % 2]!, "o", "r", sha);
      for (const number of numbers) expect(record?.[number]?.named).toEqual([["bench", "success"]]);
    }
    // Closing one leaves the other's.
    await forgetHead(replicas[0]!, { owner: "o", repo: "r", number: 41 }, sha);
    expect(Object.keys((await headRecord(replicas[1]!, "o", "r", sha)) ?? {})).toContain("42");
    expect(Object.keys((await headRecord(replicas[1]!, "o", "r", sha)) ?? {})).not.toContain("41");
    await Promise.all(replicas.map((r) => r.close()));
  });
});
