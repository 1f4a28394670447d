// Item 2 of issue #15: nothing secret in the logs. The app runs as `npm start` runs it (Probot's Server with its
// request log, dod's logger at trace) through a webhook, a failed and a successful GitHub sign-in and dashboard
// views; then every line written is searched for every secret, token and cookie value the run handled.
import { BUDGET_MS, blocked } from "./budget.js";
import { createHmac } from "node:crypto";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import nock from "nock";
import { Probot, Server } from "probot";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app.js";
import { createLog, errorSerializer, lineScrubber } from "../../src/log.js";
import { dashboardSettingsOf, privateKey, TestOctokit } from "../helpers/app.js";
import { example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { freePort } from "../helpers/server.js";
import { pullRequestData } from "../helpers/pull-request-data.js";
import { cookieValue, setEnv } from "../helpers/web-env.js";

const GHE = "http://github.hostile.test";
const SECRETS = {
  WEBHOOK_SECRET: "webhook-secret-hostile-1",
  GITHUB_CLIENT_ID: "Iv1.hostileclient",
  GITHUB_CLIENT_SECRET: "client-secret-hostile-2",
  DOD_SESSION_SECRET: "session-secret-hostile-3-long-enough",
  DOD_DASHBOARD_DEBOUNCE_MS: "0",
};
const USER_TOKEN = "ghu_viewerTokenHostile4";
const INSTALLATION_TOKEN = "ghs_test_installation_token";

const lines: string[] = [];
let server: Server;
let base: string;
let restoreEnv: () => void;

beforeAll(async () => {
  restoreEnv = setEnv(SECRETS);
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  const log = await createLog({ ...SECRETS, PRIVATE_KEY: privateKey, LOG_LEVEL: "trace" }, sink);
  server = new Server({
    Probot: Probot.defaults({
      appId: 1,
      privateKey,
      secret: SECRETS.WEBHOOK_SECRET,
      Octokit: TestOctokit,
      log,
      baseUrl: `${GHE}/api/v3`,
    }),
    host: "127.0.0.1",
    port: await freePort(),
    log,
  } as ConstructorParameters<typeof Server>[0]);
  await server.load(
    createApp({
      appId: 1,
      dashboard: dashboardSettingsOf(process.env),
      queue: { settleMs: 0, attempts: 1, backoffMs: 0 },
    }).app,
  );
  const http = await server.start();
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await server?.stop();
  nock.cleanAll();
  restoreEnv();
});

async function signIn(code: string) {
  const login = await fetch(`${base}/dod/login?return=/dod/acme/shop`, { redirect: "manual" });
  const state = new URL(login.headers.get("location")!).searchParams.get("state")!;
  const stateCookie = cookieValue(login, "dod_oauth");
  const callback = await fetch(`${base}/dod/callback?code=${code}&state=${state}`, {
    redirect: "manual",
    headers: { cookie: `dod_oauth=${stateCookie}` },
  });
  return { state, stateCookie, callback };
}

describe("a full run logs no secret at trace level", () => {
  const handled: string[] = [];

  it("runs: a webhook, a failed and a successful sign-in, dashboard views", async () => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    const github = new GitHubMock(GHE, "/api/v3");
    github
      .token()
      .graphql(pullRequestData({ files: ["src/a.ts"] }))
      .rest("POST", "/repos/Codertocat/Hello-World/check-runs", 201, { id: 5 });
    const payload = JSON.stringify({ ...example("pull_request", "synchronize"), installation: { id: 1 } });
    const signature = `sha256=${createHmac("sha256", SECRETS.WEBHOOK_SECRET).update(payload).digest("hex")}`;
    const webhook = await fetch(`${base}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "pull_request",
        "x-github-delivery": "d-1",
        "x-hub-signature-256": signature,
      },
      body: payload,
    });
    expect(webhook.status).toBe(200);

    // A bogus code: GitHub answers the exchange with an error, which the app logs.
    nock(GHE)
      .post("/login/oauth/access_token")
      .reply(200, { error: "bad_verification_code", error_description: "The code passed is incorrect or expired." });
    const failed = await signIn("bogus-code-hostile-5");
    expect(failed.callback.status).toBeGreaterThanOrEqual(400);

    nock(GHE)
      .post("/login/oauth/access_token")
      .reply(200, { access_token: USER_TOKEN, token_type: "bearer", scope: "" });
    github
      .rest("GET", "/user", 200, { login: "viewer-vic" })
      .rest("GET", "/repos/acme/shop", 404, { message: "Not Found" }, 2);
    const good = await signIn("good-code-hostile-6");
    expect(good.callback.status).toBe(302);
    const session = cookieValue(good.callback, "dod_session");
    const cookie = `dod_session=${session}; dod_oauth=${good.stateCookie}`;
    expect(
      (await fetch(`${base}/dod/acme/shop`, { headers: { cookie, authorization: `token ${USER_TOKEN}` } })).status,
    ).toBe(404);
    expect((await fetch(`${base}/dod/api/acme/shop`, { headers: { cookie } })).status).toBe(404);
    // The evaluation ran to its end (the installation token, the query and the check run were all used), so its log
    // lines are among those searched.
    await vi.waitFor(() => github.assertDone(), { timeout: 10_000, interval: 50 });

    handled.push(
      ...Object.values(SECRETS).filter((v) => v !== SECRETS.GITHUB_CLIENT_ID && v !== "0"),
      ...privateKey
        .split("\n")
        .filter((l) => l.length > 40)
        .slice(0, 3),
      USER_TOKEN,
      INSTALLATION_TOKEN,
      signature.slice(7),
      "bogus-code-hostile-5",
      "good-code-hostile-6",
      failed.state,
      failed.stateCookie,
      good.state,
      good.stateCookie,
      session,
    );
    // The run did log: requests, the webhook, the failed exchange.
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.some((l) => l.includes("/dod/callback"))).toBe(true);
    expect(lines.some((l) => l.includes('"level":50'))).toBe(true);
  });

  it("no line holds any of them", () => {
    expect(handled.length).toBeGreaterThan(10);
    const leaks = handled.flatMap((secret) =>
      lines.filter((l) => l.includes(secret)).map((l) => `${secret}: ${l.slice(0, 300)}`),
    );
    expect(leaks).toEqual([]);
  });
});

describe("the pieces", () => {
  it("an Octokit error keeps its message, status and URL without the query, not its request body or headers", () => {
    const error = Object.assign(new Error("bad_verification_code"), {
      status: 400,
      request: {
        method: "POST",
        url: "https://github.com/login/oauth/access_token?x=1",
        headers: { authorization: "basic abc" },
        body: '{"client_secret":"s"}',
      },
      response: {
        status: 400,
        url: "https://github.com/login/oauth/access_token",
        headers: { "set-cookie": "a=b" },
        data: { error: "x" },
      },
    });
    expect(errorSerializer(error)).toMatchObject({
      message: "bad_verification_code",
      status: 400,
      request: { method: "POST", url: "https://github.com/login/oauth/access_token" },
      response: { status: 400, url: "https://github.com/login/oauth/access_token" },
    });
    expect(JSON.stringify(errorSerializer(error))).not.toMatch(/client_secret|basic abc|set-cookie/);
  });

  it.each([
    [
      '{"msg":"GET /dod/callback?code=abc123&state=xyz 400"}',
      '{"msg":"GET /dod/callback?code=[Redacted]&state=[Redacted] 400"}',
    ],
    ['{"body":"{\\"client_secret\\":\\"s3cr3t\\"}"}', '{"body":"{\\"client_secret\\":\\"[Redacted]\\"}"}'],
    ['{"cookie":"dod_session=abc.def; other=1"}', '{"cookie":"dod_session=[Redacted]; other=1"}'],
    ['{"url":"redis://:hunter22@redis:6379"}', '{"url":"redis://:[Redacted]@redis:6379"}'],
    ['{"t":"ghs_abcdefghijklmnop"}', '{"t":"[Redacted]"}'],
    ['{"k":"my-known-secret!"}', '{"k":"[Redacted]"}'],
  ])("scrubs %s", (line, scrubbed) => {
    expect(lineScrubber(["my-known-secret!"])(line)).toBe(scrubbed);
  });

  it("scrubs a long line in linear time", () => {
    const scrub = lineScrubber(["my-known-secret!"]);
    const line = `{"msg":"${"?code=".repeat(20_000)}${"//a:".repeat(20_000)}${"ghs_".repeat(20_000)}"}`;
    expect(blocked(() => scrub(line)).ms).toBeLessThan(BUDGET_MS);
  });
});
