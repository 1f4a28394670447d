// The app as operators run it: `npm start`, a signed webhook over HTTP, GitHub Enterprise-style URLs.
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { example } from "../helpers/events.js";
import { type FakeGitHub, startFakeGitHub } from "../helpers/fake-github-server.js";
import { HEAD_SHA, pullRequestData } from "../helpers/pull-request-data.js";
import { type RunningApp, signedWebhook, startApp } from "../helpers/server.js";

const config =
  "owners: { engineering: [lead-bob] }\ncriteria:\n  - id: docs\n    owner: engineering\n    require: { files: [docs/**] }\n";

describe("npm start", () => {
  let github: FakeGitHub;
  let app: RunningApp;

  beforeAll(async () => {
    github = await startFakeGitHub({
      graphql: () => pullRequestData({ config, files: ["src/a.ts"] }),
      rest: (method, path) => {
        if (method === "POST" && path === "/app/installations/1/access_tokens")
          return [201, { token: "ghs_server", expires_at: "2099-01-01T00:00:00Z" }];
        if (method === "POST" && path === "/repos/Codertocat/Hello-World/check-runs") return [201, { id: 42 }];
        if (method === "POST" && path === "/repos/Codertocat/Hello-World/issues/2/comments") return [201, { id: 43 }];
        return undefined;
      },
    });
    app = await startApp(github.url);
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await github?.close();
  });

  async function until(done: () => boolean, ms = 20_000) {
    for (const deadline = Date.now() + ms; !done() && Date.now() < deadline; )
      await new Promise((r) => setTimeout(r, 50));
  }

  it("rejects forged and unsigned webhooks, then answers a signed one at once and publishes through GHE URLs", async () => {
    const payload = example("pull_request", "synchronize");
    expect((await signedWebhook(app.url, "pull_request", payload, "wrong-secret", "d-forged")).status).toBe(400);
    const unsigned = await fetch(`${app.url}/api/github/webhooks`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "pull_request", "x-github-delivery": "d-0" },
      body: JSON.stringify(payload),
    });
    expect(unsigned.status).toBe(400);

    const started = Date.now();
    const response = await signedWebhook(app.url, "pull_request", payload, undefined, "d-2");
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000); // enqueued, not evaluated, before answering

    await until(() => github.find("issues/create-comment").length > 0);
    await new Promise((r) => setTimeout(r, 300)); // room for a wrong extra evaluation to show up
    expect(github.problems()).toEqual([]);
    // Exactly one evaluation: the forged and unsigned deliveries made no request at all.
    expect(github.requests.map((r) => `${r.method} ${r.rawPath}`)).toEqual([
      "POST /api/v3/app/installations/1/access_tokens",
      "POST /api/graphql",
      "POST /api/v3/repos/Codertocat/Hello-World/check-runs",
      "POST /api/v3/repos/Codertocat/Hello-World/issues/2/comments",
    ]);
    const check = github.find("checks/create")[0]!.body;
    expect(check).toMatchObject({ name: "Definition of Done", head_sha: HEAD_SHA, conclusion: "failure" });
    expect(check.output.title).toBe("0 of 1 done — missing: docs");
  });

  it("serves a health route", async () => {
    const health = await fetch(`${app.url}/healthz`).then((r) => r.json());
    expect(health).toMatchObject({ status: "ok" });
  });
});

describe("npm start on a machine whose only Node is older than 22", () => {
  // Node 20 is past end of life: `npm start` runs the app on Node 24 from npm instead (as `npm test` does).
  const candidates = ["/usr/bin/node", "/usr/local/bin/node"];
  const old = candidates.find((path) => {
    const version = spawnSync(path, ["--version"], { encoding: "utf8" }).stdout?.trim();
    return version !== undefined && /^v\d+/.test(version) && Number(version.slice(1).split(".")[0]) < 22;
  });

  it("runs the app on Node ≥ 22", async () => {
    if (!old) throw new Error(`no Node older than 22 to start the app with (looked at ${candidates.join(", ")})`);
    const started = await startApp("http://127.0.0.1:9", {}, old);
    try {
      expect(await fetch(`${started.url}/healthz`).then((r) => r.status)).toBe(200);
      const [, runtime] = /Running Probot v[\d.]+ \(Node\.js: v?(\d+)\./.exec(started.output()) ?? [];
      expect(Number(runtime), started.output()).toBeGreaterThanOrEqual(22);
    } finally {
      await started.stop();
    }
  }, 120_000);
});
