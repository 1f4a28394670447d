// #15 item 12: a dashboard page view asked GitHub 4 times (the viewer's access, the repository's installation, the
// data twice). The viewer's access is now remembered per sign-in for a short time: a repeat view asks for the data
// only, another viewer is still asked for, a refusal is never remembered, and after the TTL or a sign-out GitHub
// is asked again. The app runs as `npm start` runs it; the tests sign in and view pages over HTTP.
import type { AddressInfo } from "node:net";
import nock from "nock";
import { Probot, Server } from "probot";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app.js";
import { dashboardSettingsOf, privateKey, TestOctokit } from "../helpers/app.js";
import { GitHubMock } from "../helpers/github.js";
import { freePort } from "../helpers/server.js";
import { CONFIG, dashboardData, MIXED, OWNER, page as pullsPage, REPO } from "./data.js";
import { cookieValue, setEnv } from "../helpers/web-env.js";

const GHE = "http://github.access-cache.test";
const ENV = {
  GITHUB_CLIENT_ID: "Iv1.accesscache",
  GITHUB_CLIENT_SECRET: "access-cache-client-secret",
  DOD_SESSION_SECRET: "access-cache-session-secret",
  DOD_DASHBOARD_DEBOUNCE_MS: "0",
};
const PAGE = `/dod/${OWNER}/${REPO}`;
const REPOSITORY = `/repos/${OWNER}/${REPO}`;
const FIRST_VIEW = [
  `GET ${REPOSITORY}`,
  `GET ${REPOSITORY}/installation`,
  "POST /graphql", // DodDashboard
  "POST /graphql", // DodMilestonePulls
];
const REPEAT_VIEW = ["POST /graphql", "POST /graphql"];

let server: Server;
let base: string;
let restoreEnv: () => void;

beforeAll(async () => {
  restoreEnv = setEnv(ENV);
  server = new Server({
    Probot: Probot.defaults({
      appId: 1,
      privateKey,
      secret: "webhook-secret",
      Octokit: TestOctokit,
      logLevel: "fatal",
      baseUrl: `${GHE}/api/v3`,
    }),
    host: "127.0.0.1",
    port: await freePort(),
    loggingOptions: { level: "fatal" },
  } as ConstructorParameters<typeof Server>[0]);
  await server.load(
    createApp({ dashboard: dashboardSettingsOf(process.env), queue: { settleMs: 0, attempts: 1, backoffMs: 0 } }).app,
  );
  const http = await server.start();
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await server?.stop();
  restoreEnv();
});

describe("the viewer's access, remembered per sign-in", () => {
  let github: GitHubMock;
  /** Each test's repository gets an installation of its own, so Probot asks for its token in that test. */
  let installation = 100;

  beforeEach(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    github = new GitHubMock(GHE, "/api/v3");
    installation++;
  });
  afterEach(() => {
    vi.useRealTimers();
    nock.cleanAll();
  });

  /** Signs in through the OAuth flow as `login` with `token`; the cookie header of that session. */
  async function signIn(login: string, token: string): Promise<string> {
    nock(GHE).post("/login/oauth/access_token").reply(200, { access_token: token, token_type: "bearer", scope: "" });
    github.rest("GET", "/user", 200, { login });
    const started = await fetch(`${base}/dod/login?return=${PAGE}`, { redirect: "manual" });
    const state = new URL(started.headers.get("location")!).searchParams.get("state")!;
    const callback = await fetch(`${base}/dod/callback?code=c-${login}&state=${state}`, {
      redirect: "manual",
      headers: { cookie: `dod_oauth=${cookieValue(started, "dod_oauth")}` },
    });
    expect(callback.status).toBe(302);
    github.requests.length = 0;
    return `dod_session=${cookieValue(callback, "dod_session")}`;
  }

  /** What a viewer who can read the repository is answered: 200 for the repository, then its installation. */
  const access = (times = 1) =>
    github
      .rest("GET", REPOSITORY, 200, { full_name: `${OWNER}/${REPO}`, private: true }, times)
      .rest("GET", `${REPOSITORY}/installation`, 200, { id: installation }, times);
  const data = (views: number) => {
    const first = dashboardData({ config: CONFIG, milestones: [{ number: 1, title: "v1.2", count: MIXED.length }] });
    const pulls = { repository: { milestone: { pullRequests: pullsPage(MIXED) } } };
    github.graphql((body: { query: string }) => (/query DodDashboard\b/.test(body.query) ? first : pulls), 2 * views);
  };

  /** One view of the page: its status and the GitHub requests it made. */
  async function view(cookie: string, path = PAGE): Promise<[number, string[]]> {
    const before = github.requests.length;
    const response = await fetch(`${base}${path}`, { headers: { cookie }, redirect: "manual" });
    await response.text();
    return [
      response.status,
      github.requests
        .slice(before)
        .filter((r) => !r.path.includes("/access_tokens"))
        .map((r) => `${r.method} ${r.path}`),
    ];
  }

  it("a repeat view by the same viewer within the TTL asks GitHub for the data only: 4 requests, then 2", async () => {
    const vic = await signIn("viewer-vic", "ghu_vic");
    access();
    github.token(installation);
    data(3);

    expect(await view(vic)).toEqual([200, FIRST_VIEW]);
    expect(await view(vic)).toEqual([200, REPEAT_VIEW]);
    // The JSON of the same repository is the same access, and GitHub's names are case-insensitive.
    expect(await view(vic, `/dod/api/${OWNER.toUpperCase()}/${REPO}`)).toEqual([200, REPEAT_VIEW]);
    github.assertDone();
  });

  it("another viewer is still asked for: without access they get 404 right after one with access viewed it, every time", async () => {
    const vic = await signIn("viewer-vic", "ghu_vic");
    const olga = await signIn("outsider-olga", "ghu_olga");
    access();
    github.token(installation);
    data(1);
    github.rest("GET", REPOSITORY, 404, { message: "Not Found" }, 3);

    expect(await view(vic)).toEqual([200, FIRST_VIEW]);
    expect(await view(olga)).toEqual([404, [`GET ${REPOSITORY}`]]);
    // A refusal is not remembered: the next view asks again (she may have been given access meanwhile).
    expect(await view(olga)).toEqual([404, [`GET ${REPOSITORY}`]]);
    expect(await view(olga, `/dod/api/${OWNER}/${REPO}`)).toEqual([404, [`GET ${REPOSITORY}`]]);
    github.assertDone();
  });

  it("asks GitHub again once the TTL (60 s) has passed", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const vic = await signIn("viewer-vic", "ghu_vic");
    access(2);
    github.token(installation);
    data(3);

    expect(await view(vic)).toEqual([200, FIRST_VIEW]);
    vi.setSystemTime(Date.now() + 59_000);
    expect(await view(vic)).toEqual([200, REPEAT_VIEW]);
    vi.setSystemTime(Date.now() + 61_000);
    expect(await view(vic)).toEqual([200, FIRST_VIEW]);
    github.assertDone();
  });

  it("a removed viewer loses access at the TTL: GitHub's 404 then is a 404", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const vic = await signIn("viewer-vic", "ghu_vic");
    access();
    github.token(installation);
    data(1);
    github.rest("GET", REPOSITORY, 404, { message: "Not Found" });

    expect(await view(vic)).toEqual([200, FIRST_VIEW]);
    vi.setSystemTime(Date.now() + 60_001);
    expect(await view(vic)).toEqual([404, [`GET ${REPOSITORY}`]]);
    github.assertDone();
  });

  it("signing out forgets what that session was allowed and revokes its token; another sign-in is asked for again", async () => {
    const vic = await signIn("viewer-vic", "ghu_vic");
    access(2);
    github.token(installation);
    data(2);

    expect(await view(vic)).toEqual([200, FIRST_VIEW]);
    const again = await signIn("viewer-vic", "ghu_vic");
    expect(await view(again)).toEqual([200, FIRST_VIEW]);
    // Signing out revokes the GitHub token the cookie carries (the app's client id and secret authorise that).
    github.rest("DELETE", `/applications/${ENV.GITHUB_CLIENT_ID}/token`, 204);
    const out = await fetch(`${base}/dod/logout`, { method: "POST", headers: { cookie: vic, origin: base } });
    expect(out.status).toBe(200);
    const revoked = github.find("apps/delete-token");
    expect(revoked.map((r) => r.body)).toEqual([{ access_token: "ghu_vic" }]);
    // The signed-out cookie, replayed: what it was allowed is gone, and GitHub refuses its revoked token, so the
    // viewer is sent to sign in again.
    github.rest("GET", REPOSITORY, 401, { message: "Bad credentials" });
    const [status, requests] = await view(vic);
    expect([status, requests]).toEqual([302, [`GET ${REPOSITORY}`]]);
    github.assertDone();
  });
});
