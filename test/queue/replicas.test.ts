// Two real app processes (`npm start`) behind one Redis: the webhooks of a burst land on either replica, and
// the pull request is still evaluated once, with one check run written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { example } from "../helpers/events.js";
import { type FakeGitHub, startFakeGitHub } from "../helpers/fake-github-server.js";
import { pullRequestData } from "../helpers/pull-request-data.js";
import { type RedisServer, startRedis } from "../helpers/redis.js";
import { type RunningApp, signedWebhook, startApp } from "../helpers/server.js";

const config =
  "owners: { engineering: [lead-bob] }\ncriteria:\n  - id: docs\n    owner: engineering\n    require: { files: [docs/**] }\n";

describe("two replicas sharing Redis", () => {
  let redis: RedisServer;
  let github: FakeGitHub;
  const replicas: RunningApp[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    github = await startFakeGitHub({
      graphql: () => pullRequestData({ config, files: ["docs/guide.md"] }),
      rest: (method, path) => {
        if (method === "POST" && path === "/app/installations/1/access_tokens")
          return [201, { token: "ghs_replica", expires_at: "2099-01-01T00:00:00Z" }];
        if (method === "POST" && path === "/repos/Codertocat/Hello-World/check-runs") return [201, { id: 42 }];
        // A new Redis: one replica reads GitHub's record of unfinished evaluations, here of no installation.
        if (method === "GET" && path.startsWith("/app/installations")) return [200, []];
        return undefined;
      },
    });
    const env = { REDIS_URL: redis.url, DOD_SETTLE_MS: "1000" };
    replicas.push(...(await Promise.all([startApp(github.url, env), startApp(github.url, env)])));
  }, 90_000);

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await github?.close();
    await redis?.stop();
  });

  it("evaluates a burst spread over both replicas once", async () => {
    const payload = example("pull_request", "synchronize");
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        signedWebhook(replicas[i % 2]!.url, "pull_request", payload, undefined, `burst-${i}`),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);

    for (let i = 0; i < 400 && github.find("checks/create").length === 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1500)); // room for a wrong second evaluation to show up
    expect(github.problems()).toEqual([]);
    expect(github.find("graphql")).toHaveLength(1);
    expect(github.find("checks/create")).toHaveLength(1);
    expect(github.find("checks/create")[0]!.body.conclusion).toBe("success");
  });
});
