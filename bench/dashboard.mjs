// The dashboard's figures, with the suite's answer builders (test/dashboard/data.ts) served in-process by a
// counting stand-in for `graphql`: a 500-PR release, a history of 6 closed releases × 100 PRs, and the time to
// aggregate and render the web page and the issue from gathered data.
import { register } from "node:module";

// The answer builders are the suite's TypeScript: load them through a transpile-only hook (Node 20 strips no types).
register("./ts-hooks.mjs", import.meta.url);

/** A stand-in GitHub whose milestones each hold `pullsOf(number)`, answered 50 a page. */
function fakeGitHub(data, first, pullsOf) {
  let requests = 0;
  return {
    get requests() {
      return requests;
    },
    graphql: async (query, variables) => {
      requests++;
      if (/query DodDashboard\b/.test(query)) return first;
      const all = pullsOf(variables.number);
      const start = variables.after ? Number(variables.after) : 0;
      const next = start + 50 < all.length ? String(start + 50) : null;
      const p = data.page(all.slice(start, start + 50), next, all.length);
      return { repository: { milestone: { pullRequests: p }, label: { pullRequests: p } } };
    },
  };
}

export async function dashboardBench({ pulls = 500 } = {}) {
  let lib;
  try {
    lib = {
      ...(await import("../lib/github/dashboard-gather.js")),
      ...(await import("../lib/github/org-dashboard-gather.js")),
      ...(await import("../lib/dashboard/aggregate.js")),
      ...(await import("../lib/dashboard/render-html.js")),
      ...(await import("../lib/dashboard/render-markdown.js")),
      ...(await import("../lib/github/read-cache.js")),
      ...(await import("../lib/dashboard/routes.js")),
      ...(await import("../lib/dashboard/session.js")),
      ...(await import("../lib/model/identity.js")),
    };
  } catch {
    return null; // not built yet
  }
  const data = await import("../test/dashboard/data.ts");
  const { CONFIG, dashboardData, item, OWNER, REPO } = data;
  const labels = ["feature", "tech-debt", "chore", "enhancement", "docs"];
  const make = (n, merged) =>
    Array.from({ length: n }, (_, i) => ({
      number: i + 1,
      merged: merged || i % 5 === 0,
      labels: [labels[i % labels.length]],
      items: [
        item("acceptance", "product", i % 3 ? "met" : "missing"),
        item("docs", "engineering", i % 7 ? "met" : "waived", {
          waiver: { by: ["lead-bob"], reason: "later", at: "2026-08-01T00:00:00Z" },
        }),
      ],
    }));

  // One open release of `pulls` pull requests.
  const big = make(pulls, false);
  const one = fakeGitHub(
    data,
    dashboardData({ config: CONFIG, milestones: [{ number: 3, title: "v2.0", count: pulls }] }),
    () => big,
  );
  let started = performance.now();
  const gathered = await lib.gatherDashboard(one, OWNER, REPO);
  const ms = performance.now() - started;

  // Six closed releases of 100 pull requests each, and no open one.
  const hundred = make(100, true);
  const closed = Array.from({ length: 6 }, (_, i) => ({
    number: i + 1,
    title: `v1.${i}`,
    count: 100,
    closedAt: `2026-0${i + 1}-01T00:00:00Z`,
  }));
  const six = fakeGitHub(data, dashboardData({ config: CONFIG, milestones: [], closed }), () => hundred);
  const history = await lib.gatherDashboard(six, OWNER, REPO);
  // The issue's refresh keeps closed releases none of whose pull requests is open in the app's read cache: the
  // first refresh reads them all, the next reads only what can change (without the cache, it cost the first's).
  const cache = new lib.ReadCache();
  const firstRefresh = fakeGitHub(data, dashboardData({ config: CONFIG, milestones: [], closed }), () => hundred);
  await lib.gatherDashboard(firstRefresh, OWNER, REPO, { cache });
  const secondRefresh = fakeGitHub(data, dashboardData({ config: CONFIG, milestones: [], closed }), () => hundred);
  const again = await lib.gatherDashboard(secondRefresh, OWNER, REPO, { cache });
  await cache.close();

  // One release of 500 pull requests spread over 20 repositories, found by search (50 a page, many repositories each).
  const spread = make(pulls, false).map((o, i) => ({
    ...data.pullNode(o),
    repository: { nameWithOwner: `${OWNER}/service-${i % 20}` },
    milestone: { title: "v2.0", dueOn: null, state: "OPEN", closedAt: null },
  }));
  let orgRequests = 0;
  const org = {
    graphql: async (_query, variables) => {
      orgRequests++;
      const start = variables.after ? Number(variables.after) : 0;
      const next = start + 50 < spread.length ? String(start + 50) : null;
      return {
        ...(variables.withConfig && { org: { object: { text: CONFIG } } }),
        search: {
          issueCount: spread.length,
          pageInfo: { hasNextPage: next !== null, endCursor: next },
          nodes: spread.slice(start, start + 50),
        },
      };
    },
  };
  const across = await lib.gatherOrgRelease(org, OWNER, "v2.0");

  // Rendering from gathered data: the 500-PR release beside the 6 × 100 history (1,100 pull requests, 7 releases).
  const input = { ...gathered.input, releases: [...gathered.input.releases, ...history.input.releases] };
  const config = gathered.config.config;
  // CPU time as well as wall time: on a busy machine (other suites running) the wall clock measures the neighbours.
  const renders = [];
  const cpu = [];
  for (let i = 0; i < 20; i++) {
    started = performance.now();
    const before = process.cpuUsage();
    const model = lib.aggregate(input, config);
    const html = lib.renderDashboardPage(model, { viewer: "v", path: "/dod/acme/shop", filter: {}, all: model });
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / 1000);
    renders.push(performance.now() - started);
    if (i === 0) renders.bytes = html.length;
  }
  cpu.sort((a, b) => a - b);
  started = performance.now();
  const markdown = lib.renderDashboardMarkdown(lib.aggregate(input, config), { marker: true });
  const issueMs = performance.now() - started;
  renders.sort((a, b) => a - b);
  const view = await pageViews(
    lib,
    data,
    dashboardData({ config: CONFIG, milestones: [{ number: 3, title: "v2.0", count: 50 }] }),
    make(50, false),
  );
  return {
    view,
    pulls: gathered.input?.releases[0]?.pulls.length ?? 0,
    requests: one.requests,
    ms,
    organisation: {
      repositories: across.repositories.length,
      pulls: across.input.releases[0].pulls.length,
      requests: orgRequests,
    },
    history: {
      releases: history.input.releases.length,
      pulls: history.input.releases.reduce((n, r) => n + r.pulls.length, 0),
      requests: six.requests,
      secondRefresh: {
        before: six.requests,
        after: secondRefresh.requests,
        pulls: again.input.releases.reduce((n, r) => n + r.pulls.length, 0),
      },
    },
    page: {
      pulls: input.releases.reduce((n, r) => n + r.pulls.length, 0),
      medianMs: renders[10],
      maxMs: renders.at(-1),
      cpuMedianMs: cpu[10],
      htmlBytes: renders.bytes,
    },
    issue: { ms: issueMs, bytes: markdown.length },
  };
}

/**
 * GitHub requests of one page view of `/dod/acme/shop` through the app's own routes, first and repeated by the same
 * sign-in (within the access TTL): the viewer's access is asked of a counting HTTP stand-in with the viewer's token,
 * the installation and the data of in-process stand-ins.
 */
async function pageViews(lib, data, first, pulls) {
  const { createServer } = await import("node:http");
  const asked = [];
  const viewerApi = createServer((req, res) => {
    asked.push(`${req.method} ${req.url}`);
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  await new Promise((resolve) => viewerApi.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${viewerApi.address().port}`;
  const installation = fakeGitHub(data, first, () => pulls);
  let lookups = 0;
  const app = {
    request: { endpoint: { DEFAULTS: { baseUrl } } },
    rest: {
      apps: {
        getRepoInstallation: async () => {
          lookups++;
          return { data: { id: 1 } };
        },
      },
    },
  };
  const probot = { auth: async (id) => (id === undefined ? app : installation), log: { error: () => undefined } };
  const secret = "bench-session-secret-0123456789";
  const routes = lib.dashboardRoutes(
    probot,
    { debounceMs: 0, clientId: "Iv1.bench", clientSecret: "bench", sessionSecret: secret },
    lib.dodIdentity(1),
  );
  const session = new lib.CookieJar(secret).seal(lib.SESSION_COOKIE, {
    login: "viewer-vic",
    token: "ghu_bench",
    expires: Date.now() + 3_600_000,
  });
  const view = async () => {
    const before = asked.length + lookups + installation.requests;
    const started = performance.now();
    const status = await new Promise((resolve) => {
      const res = {
        headersSent: false,
        writeHead: (code) => {
          res.code = code;
          return res;
        },
        end: () => resolve(res.code),
      };
      routes(
        { method: "GET", url: "/dod/acme/shop", headers: { cookie: `dod_session=${session}`, host: "x" }, socket: {} },
        res,
      );
    });
    return {
      status,
      requests: asked.length + lookups + installation.requests - before,
      ms: performance.now() - started,
    };
  };
  try {
    return { first: await view(), repeat: await view() };
  } finally {
    viewerApi.close();
  }
}
