// GitHub requests per event type (#17): one event script played against the built app and the stand-in, each
// scenario on a fresh app and stand-in, printed next to the floor; then a pull request's whole life (opened, four
// pushes with 15 CI checks each, labels, five comments, two approvals) and the busiest hour of a modelled
// 200-engineer organisation from it (docs/benchmark.md, "Requests per event").
//   npm run build && node bench/events.mjs
import { BASE_SHA, startFakeGitHub } from "./fake-github.mjs";
import { serve } from "./app.mjs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const examples = require("@octokit/webhooks-examples/api.github.com/index.json");

/** Time runs 10× faster than on GitHub: the queue's 2 s settle is 200 ms, a storm "over 10 s" lasts 1 s. */
const SCALE = 0.1;
const SETTLE_MS = 2000 * SCALE;
/** The dashboard issue's debounce (10 s on GitHub's clock). */
const DEBOUNCE_MS = 10_000 * SCALE;
/** The open milestone's pull requests when the dashboard issue is on: two pages of 50 to read it all. */
export const DASHBOARD_PULLS = 60;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Requests to GitHub's API, without installation tokens (one an hour per installation, not per event). */
const requests = (github) => github.total() - (github.counts()["POST /app/installations/:n/access_tokens"] ?? 0);

/** The README's example definition of done: teams as owners, a diff_contains behind a label. */
export const EXAMPLE = `owners:
  product: [pm-alice, "@acme/product"]
  engineering: [lead-bob, "@acme/eng-leads"]
mode: blocking
comment: on-missing
criteria:
  - id: acceptance-criteria
    owner: product
    require: { linked_issue: { checklist: Acceptance criteria } }
  - id: unit-tests
    owner: engineering
    when: { files: ["src/**", "!src/**/*.test.ts"] }
    require: { files: ["**/*.test.ts"] }
  - id: runbook
    owner: engineering
    when: { labels: [new-service] }
    require: { files: ["runbooks/**"] }
  - id: feature-flag
    owner: joint
    when: { labels: [risky] }
    require: { any: [{ diff_contains: { text: "featureFlag(" } }, { label: behind-flag }] }
`;
export const WITH_BENCHMARK = `${EXAMPLE}  - id: performance
    owner: engineering
    require: { check: "benchmark*" }
`;
const TEAMS = { product: ["pm-carol"], "eng-leads": ["lead-dave"] };

function payload(name, action, number, sha) {
  const found = examples.find((e) => e.name === name).examples.find((e) => e.action === action);
  const p = structuredClone(found);
  p.installation = { id: 1 };
  if (p.pull_request) {
    p.number = number;
    p.pull_request.number = number;
    p.pull_request.head.sha = sha;
    p.pull_request.base.sha = BASE_SHA;
  }
  for (const unit of [p.check_run, p.check_suite].filter(Boolean)) {
    unit.head_sha = sha;
    unit.pull_requests = [
      {
        ...unit.pull_requests[0],
        number,
        head: { ...unit.pull_requests[0]?.head, sha },
        base: { ...unit.pull_requests[0]?.base, sha: BASE_SHA },
      },
    ];
  }
  if (p.issue) {
    p.issue.number = number;
    p.issue.pull_request = { url: `https://api.github.com/repos/Codertocat/Hello-World/pulls/${number}` };
  }
  return p;
}

/**
 * `dashboard`: done.yml turns the dashboard issue on, and pull request 1 is one of the open milestone's
 * DASHBOARD_PULLS; the issue is created (and the dashboard read once) before anything is counted.
 */
async function world({ config = EXAMPLE, files = 10, dashboard = false } = {}) {
  const github = await startFakeGitHub({
    config: dashboard ? `${config}dashboard: { issue: true }\n` : config,
    teams: TEAMS,
    filesFor: () => files,
    ...(dashboard && { milestone: { title: "v1.0", pulls: DASHBOARD_PULLS } }),
  });
  const app = await serve(github.url, {
    queue: { settleMs: SETTLE_MS, concurrency: 8 },
    dashboard: { debounceMs: DEBOUNCE_MS },
  });
  const evaluations = () => github.counts()["graphql DodPullRequest"] ?? 0;
  const send = async (name, action, number, edit = () => {}) => {
    const p = payload(name, action, number, github.headSha(number));
    edit(p);
    await app.send(p, name);
  };
  const settle = async () => {
    await sleep(SETTLE_MS + 50);
    await app.queue.idle();
    await app.dashboard.idle();
  };
  if (dashboard) {
    app.dashboard.schedule({ owner: "Codertocat", repo: "Hello-World", installationId: 1 });
    await app.dashboard.idle();
    github.reset();
  }
  const close = async () => {
    await app.close();
    await github.close();
  };
  return { github, app, send, settle, evaluations, close };
}

/** Requests (and evaluations) the events `run` sends cost, after `warm` brought the pull request to a steady state. */
async function measure(options, warm, run) {
  const w = await world(options);
  try {
    await warm(w);
    await w.settle();
    w.github.reset();
    await run(w);
    await w.settle();
    return { requests: requests(w.github), evaluations: w.evaluations(), byRoute: w.github.counts() };
  } finally {
    await w.close();
  }
}

const opened = async (w, n = 1) => {
  w.github.push(n);
  await w.send("pull_request", "opened", n);
};

/** 20 checks finish over 10 s; `named` (if any) is the 14th. */
async function storm(w, named) {
  const names = Array.from({ length: 20 }, (_, i) => (named && i === 13 ? named : `lint-${i}`));
  w.github.pr(1).others = names.map((name) => ({ name, status: "IN_PROGRESS", conclusion: null }));
  return async () => {
    for (const [i, name] of names.entries()) {
      w.github.pr(1).others[i] = { name, status: "COMPLETED", conclusion: "SUCCESS" };
      await w.send("check_run", "completed", 1, (p) => void (p.check_run.name = name));
      await sleep((10_000 * SCALE) / names.length);
    }
  };
}

export async function eventsBench() {
  const rows = {};
  rows.repeatedSynchronize = await measure(
    {},
    (w) => opened(w),
    (w) => w.send("pull_request", "synchronize", 1),
  );
  rows.repeatedLargeSynchronize = await measure(
    { files: 3000 },
    (w) => opened(w),
    (w) => w.send("pull_request", "synchronize", 1),
  );
  let play;
  rows.unrelatedStorm = await measure(
    {},
    async (w) => {
      play = await storm(w);
      await opened(w);
    },
    () => play(),
  );
  rows.referencedStorm = await measure(
    { config: WITH_BENCHMARK },
    async (w) => {
      play = await storm(w, "benchmark-linux");
      await opened(w);
    },
    () => play(),
  );
  rows.firstEvaluation = await measure(
    {},
    async () => {},
    (w) => opened(w),
  );
  return {
    rows,
    life: {
      example: await lifeOfAPullRequest(EXAMPLE),
      withBenchmark: await lifeOfAPullRequest(WITH_BENCHMARK),
      exampleWithDashboard: await lifeOfAPullRequest(EXAMPLE, { dashboard: true }),
      withBenchmarkAndDashboard: await lifeOfAPullRequest(WITH_BENCHMARK, { dashboard: true }),
    },
  };
}

/**
 * One pull request's life, event by event: opened; two labels no criterion names; four pushes (the first is the
 * opening one), each followed by 15 CI checks finishing over 10 s (one of them `benchmark-linux`) and three check
 * suites; five plain comments; two approvals (a product team member's and an engineering owner's).
 */
async function lifeOfAPullRequest(config, { dashboard = false } = {}) {
  const w = await world({ config, dashboard });
  const byEvent = {};
  const count = async (type, n, play) => {
    const before = requests(w.github);
    const routesBefore = w.github.counts();
    const evaluations = w.evaluations();
    await play();
    await w.settle();
    const entry = (byEvent[type] ??= { events: 0, requests: 0, evaluations: 0, byRoute: {} });
    entry.events += n;
    entry.requests += requests(w.github) - before;
    entry.evaluations += w.evaluations() - evaluations;
    for (const [route, c] of Object.entries(w.github.counts())) {
      const spent = c - (routesBefore[route] ?? 0);
      if (spent > 0 && !route.includes("access_tokens")) entry.byRoute[route] = (entry.byRoute[route] ?? 0) + spent;
    }
  };
  try {
    for (let push = 0; push < 4; push++) {
      if (push === 0) await count("pull_request.opened", 1, () => opened(w));
      else
        await count("pull_request.synchronize", 1, async () => {
          w.github.push(1);
          await w.send("pull_request", "synchronize", 1);
        });
      if (push === 0)
        await count("pull_request.labeled", 2, async () => {
          for (const label of ["enhancement", "needs-review"])
            await w.send("pull_request", "labeled", 1, (p) => void (p.label.name = label));
        });
      const names = Array.from({ length: 15 }, (_, i) => (i === 9 ? "benchmark-linux" : `ci-${i}`));
      w.github.pr(1).others = names.map((name) => ({ name, status: "IN_PROGRESS", conclusion: null }));
      await count("check_run.completed", 15, async () => {
        for (const [i, name] of names.entries()) {
          w.github.pr(1).others[i] = { name, status: "COMPLETED", conclusion: "SUCCESS" };
          await w.send("check_run", "completed", 1, (p) => void (p.check_run.name = name));
          await sleep((10_000 * SCALE) / names.length);
        }
      });
      await count("check_suite.completed", 3, async () => {
        for (let s = 0; s < 3; s++) await w.send("check_suite", "completed", 1);
      });
    }
    await count("issue_comment.created", 5, async () => {
      for (let c = 0; c < 5; c++)
        await w.send("issue_comment", "created", 1, (p) => void (p.comment.body = `Looks good, one question (${c})`));
    });
    for (const author of ["pm-carol", "lead-bob"]) {
      await count("pull_request_review.submitted", 1, async () => {
        w.github.pr(1).reviews.push({ author });
        await w.send("pull_request_review", "submitted", 1, (p) => {
          p.review.state = "approved";
          p.review.user.login = author;
        });
      });
    }
    const total = Object.values(byEvent).reduce((n, e) => n + e.requests, 0);
    // GitHub keeps two budgets of 5,000 an hour per installation: REST requests, and GraphQL points (each of
    // dod's queries costs 1: its 7 connections need 7 pages of at most 100, and a query costs their sum / 100,
    // at least 1). The combined figure counts both against one budget, the stricter reading.
    const routes = Object.values(byEvent).flatMap((e) => Object.entries(e.byRoute));
    const graphql = routes.filter(([route]) => route.startsWith("graphql")).reduce((n, [, c]) => n + c, 0);
    // The dashboard issue's share: its reads (the config and releases, each release's pull requests) and writes.
    const dashboardRequests = routes
      .filter(([route]) => /^graphql DodDashboard|^graphql DodMilestonePulls|\/issues(\/:n)?$/.test(route))
      .reduce((n, [, c]) => n + c, 0);
    return {
      byEvent,
      requestsPerPullRequest: total,
      dashboardRequestsPerPullRequest: dashboardRequests,
      hour: busiestHour(total),
      perBudget: { rest: busiestHour(total - graphql), graphql: busiestHour(graphql) },
    };
  } finally {
    await w.close();
  }
}

/** The organisation of docs/benchmark.md: 150 pull requests a day over an 8-hour day, the busiest hour 1.5× the mean. */
export const ORG = { pullRequestsPerDay: 150, workingHours: 8, peakFactor: 1.5, hourlyBudget: 5000 };

export function busiestHour(requestsPerPullRequest, org = ORG) {
  const perHour = (org.pullRequestsPerDay * requestsPerPullRequest * org.peakFactor) / org.workingHours;
  return { requests: Math.round(perHour), shareOfBudget: perHour / org.hourlyBudget };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await eventsBench();
  console.log(JSON.stringify(result, null, 2));
}
