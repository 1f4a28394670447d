// The web face in a real browser (Debian's chromium via playwright-core) against the real app server. The app
// is pointed at a GitHub Enterprise host on 127.0.0.1: the browser's visit to its sign-in page reaches a tiny fake
// sign-in server (Playwright's routing does not see requests the browser reaches by following a server's
// redirect, so a routed github.com would never be hit), and the server's own calls to that host's API are
// intercepted with nock in this process.
import { mkdirSync } from "node:fs";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { validate } from "@octokit/graphql-schema";
import nock from "nock";
import { type Browser, chromium, type Page } from "playwright-core";
import { Probot, Server } from "probot";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { dashboardSettingsOf, privateKey, TestOctokit } from "../helpers/app.js";
import { GitHubMock } from "../helpers/github.js";
import { executeGitHub } from "../helpers/graphql-double.js";
import { freePort } from "../helpers/server.js";
import {
  CONFIG,
  dashboardData,
  historyReleases,
  item,
  MIXED,
  OWNER,
  page as pullsPage,
  pullNode,
  REPO,
} from "./data.js";
import { setEnv } from "../helpers/web-env.js";

const CLIENT_ID = "Iv1.dodtestclient";
const ENV = {
  GITHUB_CLIENT_ID: CLIENT_ID,
  GITHUB_CLIENT_SECRET: "test-client-secret",
  DOD_SESSION_SECRET: "a-session-secret-for-tests-only",
  DOD_DASHBOARD_DEBOUNCE_MS: "0",
};

let server: Server;
let base: string;
let signIn: HttpServer;
/** The fake GitHub Enterprise host: its sign-in page is real HTTP, its API is nock. */
let ghe: string;
/** What the fake sign-in page does: send the viewer straight back (approve), or show itself. */
let signInMode: "approve" | "show" = "approve";
const authorizeRequests: URL[] = [];
let browser: Browser;
let restoreEnv: () => void;

beforeAll(async () => {
  restoreEnv = setEnv(ENV);
  signIn = createServer((req, res) => {
    const url = new URL(req.url ?? "/", ghe);
    authorizeRequests.push(url);
    if (url.pathname !== "/login/oauth/authorize") return void res.writeHead(404).end();
    if (signInMode === "show")
      return void res.writeHead(200, { "content-type": "text/html" }).end("<h1>Sign in to GitHub</h1>");
    const back = new URL(url.searchParams.get("redirect_uri")!);
    back.searchParams.set("code", "the-code");
    back.searchParams.set("state", url.searchParams.get("state")!);
    res.writeHead(302, { location: back.href }).end();
  });
  await new Promise<void>((resolve) => signIn.listen(0, "127.0.0.1", resolve));
  ghe = `http://127.0.0.1:${(signIn.address() as AddressInfo).port}`;
  const port = await freePort();
  server = new Server({
    Probot: Probot.defaults({
      appId: 1,
      privateKey,
      secret: "webhook-secret",
      Octokit: TestOctokit,
      logLevel: (process.env.DEBUG_WEB ? "error" : "fatal") as "fatal",
      baseUrl: `${ghe}/api/v3`,
    }),
    host: "127.0.0.1",
    port,
    loggingOptions: { level: "fatal" },
  } as ConstructorParameters<typeof Server>[0]);
  await server.load(
    createApp({ dashboard: dashboardSettingsOf(process.env), queue: { settleMs: 0, attempts: 1, backoffMs: 0 } }).app,
  );
  const http = await server.start();
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    // Debian's chromium here and in .ci/run; GitHub's Ubuntu runners set CHROMIUM_PATH to their Chrome.
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((resolve) => signIn?.close(resolve));
  restoreEnv();
});

/** GraphQL on the GHE host (`/api/graphql`): each query executed against GitHub's schema over its world (or a function of the variables giving it), by query name. */
function graphql(
  worlds: Record<string, unknown | ((variables: Record<string, unknown>) => unknown)>,
  times: number,
  seen: string[],
) {
  nock(ghe)
    .post("/api/graphql")
    .times(times)
    .reply(200, (_uri, body) => {
      const { query, variables } = body as { query: string; variables?: Record<string, unknown> };
      const name = /query (\w+)/.exec(query)![1]!;
      seen.push(name);
      const world = worlds[name];
      return executeGitHub(
        query,
        variables,
        typeof world === "function" ? world(variables ?? {}) : world,
        (problem) => {
          throw new Error(problem);
        },
      );
    });
}

describe("the dashboard web page", () => {
  let github: GitHubMock;
  let oauth: nock.Scope;
  let page: Page;
  let exchanged: Record<string, string>[];
  let queries: string[];

  beforeEach(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    github = new GitHubMock(ghe, "/api/v3");
    exchanged = [];
    queries = [];
    signInMode = "approve";
    authorizeRequests.length = 0;
    oauth = nock(ghe)
      .post("/login/oauth/access_token")
      .reply(200, (_uri, body) => {
        exchanged.push(body as Record<string, string>);
        return { access_token: "ghu_viewer_token", token_type: "bearer", scope: "" };
      });
    page = await browser.newPage();
  });

  afterEach(async () => {
    await page.close();
    nock.cleanAll();
  });

  it("sends an anonymous visitor to sign in with GitHub, with a state and the callback", async () => {
    signInMode = "show";
    const response = await page.goto(`${base}/dod/${OWNER}/${REPO}?owner=product`);
    expect(await page.textContent("h1")).toBe("Sign in to GitHub");
    expect(response!.url().startsWith(`${ghe}/login/oauth/authorize?`)).toBe(true);
    const authorize = authorizeRequests[0]!;
    expect(authorize.pathname).toBe("/login/oauth/authorize");
    expect(authorize.searchParams.get("client_id")).toBe(CLIENT_ID);
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${base}/dod/callback`);
    expect(authorize.searchParams.get("state")).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(github.calls()).toEqual([]);

    const api = await fetch(`${base}/dod/api/${OWNER}/${REPO}`);
    expect(api.status).toBe(401);
    const login = await fetch(`${base}/dod/login?return=/dod/${OWNER}/${REPO}`, { redirect: "manual" });
    expect(login.status).toBe(302);
    expect(login.headers.get("set-cookie")).toMatch(
      /^dod_oauth=[^;]+; Path=\/dod; HttpOnly; SameSite=Lax; Max-Age=600$/,
    );
  });

  it("never takes the sign-in state cookie for a session (#15 item 12): replayed as one, it signs nobody in", async () => {
    const login = await fetch(`${base}/dod/login?return=/dod/${OWNER}/${REPO}`, { redirect: "manual" });
    const sealed = /^dod_oauth=([^;]+)/.exec(login.headers.get("set-cookie") ?? "")![1]!;
    const replayed = await fetch(`${base}/dod/api/${OWNER}/${REPO}`, { headers: { cookie: `dod_session=${sealed}` } });
    expect(replayed.status).toBe(401);
    expect(github.calls()).toEqual([]);
  });

  it("signs out on a POST from its own page only, never on a GET or another site's form (#15 item 12)", async () => {
    const logout = (init: RequestInit) => fetch(`${base}/dod/logout`, { redirect: "manual", ...init });
    const viaGet = await logout({ headers: { cookie: "dod_session=x" } });
    expect([viaGet.status, viaGet.headers.get("allow"), viaGet.headers.get("set-cookie")]).toEqual([405, "POST", null]);
    const crossSite = await logout({ method: "POST", headers: { origin: "https://evil.example" } });
    expect([crossSite.status, crossSite.headers.get("set-cookie")]).toEqual([403, null]);
    const own = await logout({ method: "POST", headers: { origin: base } });
    expect(own.status).toBe(200);
    expect(own.headers.get("set-cookie")).toMatch(/^dod_session=; .*Max-Age=0/);
  });

  it("refuses a callback whose state is not the one it issued", async () => {
    const response = await fetch(`${base}/dod/callback?code=stolen&state=guessed`);
    expect(response.status).toBe(400);
    expect(oauth.isDone()).toBe(false);
  });

  it("answers 404 to a signed-in viewer who cannot read the repository, and reads no data", async () => {
    github
      .rest("GET", "/user", 200, { login: "outsider-olga" })
      .rest("GET", `/repos/${OWNER}/${REPO}`, 404, { message: "Not Found" }, 2);
    const response = await page.goto(`${base}/dod/${OWNER}/${REPO}`);
    expect(response!.status()).toBe(404);
    expect(await page.textContent("h1")).toBe("Not found");
    expect(await page.content()).not.toContain("Checkout flow");
    // The page's own CSP forbids scripts and fetches, so the JSON is read with the browser context's cookies.
    const api = await page.request.get(`${base}/dod/api/${OWNER}/${REPO}`);
    expect(api.status()).toBe(404);
    github.assertDone();
    expect(github.calls()).toEqual(["GET /user", `GET /repos/${OWNER}/${REPO}`, `GET /repos/${OWNER}/${REPO}`]);
    expect(authorizeRequests).toHaveLength(1);
    expect(exchanged[0]).toMatchObject({ client_id: CLIENT_ID, client_secret: "test-client-secret", code: "the-code" });
  });

  it("shows a viewer with access each release's table, and filters by owner", async () => {
    const first = dashboardData({
      config: CONFIG,
      milestones: [{ number: 1, title: "v1.2", count: MIXED.length, dueOn: "2026-12-01T00:00:00Z" }],
    });
    first.repository!.url = `https://github.example/${OWNER}/${REPO}`;
    const data = [first, { repository: { milestone: { pullRequests: pullsPage(MIXED) } } }];
    github
      .rest("GET", "/user", 200, { login: "viewer-vic" })
      .rest("GET", `/repos/${OWNER}/${REPO}`, 200, {
        full_name: `${OWNER}/${REPO}`,
        permissions: { admin: false, push: false, pull: true },
      })
      // Asked once: the two views after the first are the same sign-in within the access TTL (access-cache.ts).
      .rest("GET", `/repos/${OWNER}/${REPO}/installation`, 200, { id: 1 })
      .token();
    graphql({ DodDashboard: data[0], DodMilestonePullsByName: data[1] }, 6, queries);

    const response = await page.goto(`${base}/dod/${OWNER}/${REPO}`);
    expect(response!.status()).toBe(200);
    expect(page.url()).toBe(`${base}/dod/${OWNER}/${REPO}`);
    expect(await page.textContent(".viewer")).toContain("@viewer-vic");
    // Signing out is a form that POSTs (#15 item 12), which the page's own CSP lets it send.
    expect(await page.$eval("form.viewer", (f) => [f.getAttribute("method"), f.getAttribute("action")])).toEqual([
      "post",
      "/dod/logout",
    ]);
    // The repository link is GitHub's own answer (GitHub Enterprise has its own host), not a made-up github.com URL.
    expect(await page.getAttribute(".repo a", "href")).toBe(`https://github.example/${OWNER}/${REPO}`);
    const rows = () =>
      page.$$eval("section.release table.pulls tbody tr", (trs) => trs.map((tr) => tr.getAttribute("data-number")));
    expect(await rows()).toEqual(["11", "12", "13", "14", "15", "9", "8"]);
    const row11 = await page.$$eval("tr[data-number='11'] td", (tds) => tds.map((td) => td.textContent?.trim()));
    expect(row11).toEqual([
      "#11 Checkout flow@dev-dana check",
      "open Not done",
      "acceptance",
      "unit tests",
      "",
      "",
      "",
    ]);
    expect(await page.textContent("tr[data-number='12'] td.pr")).toContain("Search <b>speed</b> | fast");
    expect(await page.textContent("tr[data-number='9'] .verdict")).toBe("Done debt");
    expect(await page.textContent("tr[data-number='13'] td:last-child")).toBe("docs by @lead-bob: internal only");
    expect(await page.textContent(".capacity")).toContain("feature4 · 67% target 80%");

    mkdirSync("test-results", { recursive: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: "test-results/dashboard.png", fullPage: true });

    await page.click("nav.filters a:has-text('Product')");
    await page.waitForURL(`${base}/dod/${OWNER}/${REPO}?owner=product`);
    expect(await rows()).toEqual(["11", "9"]);
    expect(await page.getAttribute("nav.filters a:has-text('Product')", "aria-current")).toBe("true");

    const json = (await (await page.request.get(`${base}/dod/api/${OWNER}/${REPO}?state=debt`)).json()) as {
      filter: unknown;
      releases: { pulls: { number: number }[]; totals: { debt: number } }[];
    };
    expect(json.filter).toEqual({ state: "debt" });
    expect(json.releases[0]!.pulls.map((p) => p.number)).toEqual([9]);
    expect(json.releases[0]!.totals.debt).toBe(1);

    github.assertDone();
    expect(queries).toEqual([
      "DodDashboard",
      "DodMilestonePullsByName",
      "DodDashboard",
      "DodMilestonePullsByName",
      "DodDashboard",
      "DodMilestonePullsByName",
    ]);
    expect(
      github.requests.every(
        (r) => r.method !== "POST" || r.operation === "graphql" || r.path.includes("access_tokens"),
      ),
    ).toBe(true);
  });

  it("lets a viewer in on GitHub's 200 for the repository, though the answer carries no `permissions`", async () => {
    const first = dashboardData({
      config: CONFIG,
      milestones: [{ number: 1, title: "v1.2", count: MIXED.length, dueOn: "2026-12-01T00:00:00Z" }],
    });
    github
      .rest("GET", "/user", 200, { login: "viewer-vic" })
      // The repository as GitHub answers some tokens: readable (200), with no `permissions` field at all.
      .rest("GET", `/repos/${OWNER}/${REPO}`, 200, { full_name: `${OWNER}/${REPO}`, private: true })
      .rest("GET", `/repos/${OWNER}/${REPO}/installation`, 200, { id: 3 })
      .token(3);
    graphql(
      {
        DodDashboard: first,
        DodMilestonePullsByName: { repository: { milestone: { pullRequests: pullsPage(MIXED) } } },
      },
      2,
      queries,
    );

    const response = await page.goto(`${base}/dod/${OWNER}/${REPO}`);
    expect(response!.status()).toBe(200);
    expect(await page.textContent("section.release h2")).toContain("v1.2");
    github.assertDone();
    expect(queries).toEqual(["DodDashboard", "DodMilestonePullsByName"]);
  });

  it("draws the trends as labelled SVG charts that match their data tables, lists waivers and the history, and fits a phone", async () => {
    const releases = historyReleases();
    const first = dashboardData({
      config: CONFIG,
      milestones: releases.filter((r) => !r.milestone.closedAt).map((r) => r.milestone),
      closed: releases
        .filter((r) => r.milestone.closedAt)
        .map((r) => ({ ...r.milestone, closedAt: r.milestone.closedAt! })),
    });
    const byNumber = (variables: Record<string, unknown>) => ({
      repository: {
        milestone: { pullRequests: pullsPage(releases.find((r) => r.milestone.number === variables.number)!.pulls) },
      },
    });
    github
      .rest("GET", "/user", 200, { login: "viewer-vic" })
      .rest("GET", `/repos/${OWNER}/${REPO}`, 200, {
        full_name: `${OWNER}/${REPO}`,
        permissions: { admin: false, push: false, pull: true },
      })
      // An installation of its own, so its token is asked for whatever ran before.
      .rest("GET", `/repos/${OWNER}/${REPO}/installation`, 200, { id: 2 })
      .token(2);
    graphql({ DodDashboard: first, DodMilestonePullsByName: byNumber }, 5, queries);

    await page.setViewportSize({ width: 1280, height: 900 });
    expect((await page.goto(`${base}/dod/${OWNER}/${REPO}`))!.status()).toBe(200);
    // One request for the config and the releases, one per milestone with pull requests (4 here).
    expect(queries).toEqual([
      "DodDashboard",
      "DodMilestonePullsByName",
      "DodMilestonePullsByName",
      "DodMilestonePullsByName",
      "DodMilestonePullsByName",
    ]);

    const charts = await page.$$eval("figure.chart", (figures) =>
      figures.map((figure) => {
        const svg = figure.querySelector("svg")!;
        const ids = (svg.getAttribute("aria-labelledby") ?? "").split(" ");
        const doc = figure.ownerDocument;
        return {
          role: svg.getAttribute("role"),
          labels: ids.map((id: string) => doc.getElementById(id)?.textContent ?? null),
          tagNames: ids.map((id: string) => doc.getElementById(id)?.tagName ?? null),
          // The height drawn on screen, so a stray style can't flatten the bars unnoticed.
          bars: [...svg.querySelectorAll("rect.col")].map((r) => [
            r.getAttribute("data-release"),
            Number(r.getAttribute("data-value")),
            r.getBoundingClientRect().height,
          ]),
          target: svg.querySelector(".target-line")?.getAttribute("data-target") ?? null,
          table: [...figure.querySelectorAll("table.chart-data tbody tr")].map((tr) => [
            tr.querySelector("th")!.textContent,
            ...[...tr.querySelectorAll("td")].map((td) => Number(td.textContent)),
          ]),
          visible: (svg.getBoundingClientRect().width > 200) as boolean,
        };
      }),
    );
    expect(charts.map((c) => c.labels[0])).toEqual([
      "Done debt per release",
      "Waivers per release",
      "health share of capacity",
    ]);
    for (const chart of charts) {
      expect(chart.role).toBe("img");
      expect(chart.tagNames).toEqual(["title", "desc"]);
      expect(chart.labels[1]).toMatch(/^From v1\.0 to v1\.3 \(open\): /);
      expect(chart.visible).toBe(true);
      // Each bar is the table's number for the same release, drawn taller for a bigger number.
      expect(chart.bars.map(([release, value]) => [release, value])).toEqual(
        chart.table.map(([release, value]) => [String(release).replace(" (open)", ""), value]),
      );
      const heights = chart.bars.map((b) => b[2] as number);
      const values = chart.bars.map((b) => b[1] as number);
      for (let i = 0; i < values.length; i++)
        for (let j = 0; j < values.length; j++)
          if (values[i]! > values[j]!) expect(heights[i]!).toBeGreaterThan(heights[j]!);
    }
    expect(charts[0]!.table).toEqual([
      ["v1.0", 3],
      ["v1.1", 1],
      ["v1.2", 0],
      ["v1.3 (open)", 1],
    ]);
    expect(charts[1]!.table).toEqual([
      ["v1.0", 0],
      ["v1.1", 2],
      ["v1.2", 0],
      ["v1.3 (open)", 1],
    ]);
    expect(charts[2]!.table).toEqual([
      ["v1.0", 25, 20],
      ["v1.1", 33, 20],
      ["v1.2", 50, 20],
      ["v1.3 (open)", 33, 20],
    ]);
    expect(charts[2]!.target).toBe("20");

    // The open release at a glance, and every waiver on the record with who, when and why.
    expect(await page.getAttribute("section.release.open progress", "value")).toBe("2");
    expect(await page.getAttribute("section.release.open progress", "max")).toBe("7");
    expect(await page.textContent("section.release.open .progress span")).toBe("2 of 7 done (29%)");
    expect(await page.textContent("section.release.open h2 .due")).toMatch(
      /^due 2026-12-04 · (\d+ days? left|due today|\d+ days? overdue)$/,
    );
    const waived = await page.$$eval("details[id='release-v1.1'] table.waivers tbody tr", (trs) =>
      trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim())),
    );
    expect(waived).toEqual([
      ["#5 Cart Done", "docs Engineering", "@lead-bob", "2026-08-20", "docs follow in #40"],
      ["#6 Flaky tests Done", "acceptance Product", "@pm-alice", "2026-08-21", "no user-facing change"],
    ]);
    const history = await page.$$eval("section.history table.summary tbody tr", (trs) =>
      trs.map((tr) => tr.textContent),
    );
    expect(history).toEqual([
      "v1.22026-10-014none0feature 50% (80) · health 50% (20)",
      "v1.12026-09-0131 in 1 PR2feature 67% (80) · health 33% (20)",
      "v1.02026-08-0143 in 2 PRs0feature 75% (80) · health 25% (20)",
    ]);

    mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/dashboard-history.png", fullPage: true });

    // A phone: nothing sticks out sideways, the pull requests read as cards.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.$eval("html", (html) => html.scrollWidth)).toBeLessThanOrEqual(390);
    expect(
      await page.$eval(
        "section.release.open table.pulls thead",
        (el) => el.ownerDocument.defaultView!.getComputedStyle(el).display,
      ),
    ).toBe("none");
    await page.screenshot({ path: "test-results/dashboard-phone.png", fullPage: true });
    github.assertDone();
  });

  it("shows one release across an organisation, searched with the viewer's own token, and 404 when they can read none of it", async () => {
    const node = (repo: string, number: number, title: string) => ({
      ...pullNode({ number, title, labels: ["feature"], items: [item("acceptance", "product", "missing")] }),
      url: `https://github.example/${repo}/pull/${number}`,
      repository: { nameWithOwner: repo },
      milestone: { title: "v1.2", dueOn: null, state: "OPEN", closedAt: null },
    });
    const searched: { auth: string; search: string }[] = [];
    const answer = (nodes: unknown[]) => (_uri: string, body: unknown) => {
      const { query, variables } = body as { query: string; variables: { search: string; withConfig: boolean } };
      expect(validate(query)).toEqual([]);
      return {
        data: {
          ...(variables.withConfig && { org: null }),
          search: { issueCount: nodes.length, pageInfo: { hasNextPage: false, endCursor: null }, nodes },
        },
      };
    };
    nock(ghe)
      .post("/api/graphql")
      .reply(function (uri, body) {
        searched.push({
          auth: String(this.req.headers.authorization),
          search: (body as { variables: { search: string } }).variables.search,
        });
        return [
          200,
          answer([node(`${OWNER}/api`, 12, "Rate limits"), node(`${OWNER}/web`, 12, "Checkout")])(uri, body),
        ];
      })
      .post("/api/graphql")
      .reply(200, answer([]));
    github.rest("GET", "/user", 200, { login: "viewer-vic" });

    const response = await page.goto(`${base}/dod/${OWNER}?release=v1.2`);
    expect(response!.status()).toBe(200);
    expect(searched).toEqual([{ auth: "token ghu_viewer_token", search: 'org:acme is:pr milestone:"v1.2"' }]);
    expect(await page.textContent(".repo")).toBe("acme · every repository you can read");
    const rows = await page.$$eval("table.pulls tbody tr td.pr > a", (links) => links.map((a) => a.textContent));
    expect(rows).toEqual(["acme/api#12", "acme/web#12"]);

    const none = await page.goto(`${base}/dod/${OWNER}?release=v9`);
    expect(none!.status()).toBe(404);
    github.assertDone();
    // Nothing was read with the app's installation token.
    expect(github.calls()).toEqual(["GET /user"]);
  });
});
