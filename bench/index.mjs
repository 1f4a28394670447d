// `npm run bench`: every figure of docs/benchmark.md, printed as one table and written to .bench/results.json.
// Sections run one after another in this process; the memory figure runs the app in a child process of its own.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

if (typeof globalThis.gc !== "function") {
  const { status } = spawnSync(
    process.execPath,
    ["--expose-gc", fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: "inherit" },
  );
  process.exit(status ?? 1);
}

const { requestsBench } = await import("./requests.mjs");
const { eventsBench } = await import("./events.mjs");
const { evaluateBench } = await import("./evaluate.mjs");
const { throughputBench } = await import("./throughput.mjs");
const { memoryBench } = await import("./memory.mjs");
const { fuzzBench } = await import("./fuzz.mjs");
const { dashboardBench } = await import("./dashboard.mjs");
const { hostileBench } = await import("./hostile.mjs");
const { previewBench } = await import("./preview.mjs");

const started = performance.now();
const step = async (name, run) => {
  process.stderr.write(`bench: ${name}…\n`);
  try {
    return await run();
  } catch (error) {
    process.stderr.write(`bench: ${name} failed: ${error?.stack ?? error}\n`);
    return { error: String(error?.message ?? error) };
  }
};
const results = {
  requests: await step("requests per evaluation", () => requestsBench()),
  events: await step("requests per event type", () => eventsBench()),
  evaluate: await step("evaluation time", () => evaluateBench()),
  throughput: await step("throughput", () => throughputBench()),
  dashboard: await step("dashboard", () => dashboardBench()),
  memory: await step("memory", () => memoryBench()),
  memoryCapped: await step("memory, young generation capped", () =>
    memoryBench({ flags: ["--max-semi-space-size=16"] }),
  ),
  fuzz: await step("fuzz", () => fuzzBench()),
  hostile: await step("event loop under a hostile mix", () => hostileBench()),
  preview: await step("preview of a done.yml change", () => previewBench()),
  burst: await step("burst", async () => {
    try {
      const { burstBench } = await import("./burst.mjs");
      return await burstBench({ events: 10, settleMs: 500, quiet: true });
    } catch (error) {
      if (error?.code === "ERR_MODULE_NOT_FOUND") return null;
      throw error;
    }
  }),
};

const f = (n, digits = 1) => (typeof n === "number" && Number.isFinite(n) ? n.toFixed(digits) : "—");
const r = results;
const rows = [
  ["GitHub requests / synchronize, 10-file PR", f(r.requests.small?.perEvaluation), "≤ 3"],
  ["GitHub requests / synchronize, 3000-file PR", f(r.requests.large?.perEvaluation), "≤ 32"],
  ["requests: synchronize again, same head (floor 1)", f(r.events.rows?.repeatedSynchronize.requests, 0), "1"],
  [
    "requests: 3000-file PR, synchronize again, same head (floor 1)",
    f(r.events.rows?.repeatedLargeSynchronize.requests, 0),
    "≤ 2",
  ],
  [
    "20 checks finish over 10 s, none named: evaluations / requests (floor 0)",
    r.events.rows ? `${r.events.rows.unrelatedStorm.evaluations} / ${r.events.rows.unrelatedStorm.requests}` : "—",
    "0 / 0",
  ],
  [
    "same, config has check: benchmark*: evaluations / requests (floor 1 evaluation)",
    r.events.rows ? `${r.events.rows.referencedStorm.evaluations} / ${r.events.rows.referencedStorm.requests}` : "—",
    "1 evaluation",
  ],
  ["first evaluation, new comment, dashboard issue off (floor 3)", f(r.events.rows?.firstEvaluation.requests, 0), ""],
  [
    "requests per pull request's life (example config / + check:)",
    r.events.life
      ? `${r.events.life.example.requestsPerPullRequest} / ${r.events.life.withBenchmark.requestsPerPullRequest}`
      : "—",
    "",
  ],
  [
    "busiest hour, 200-engineer org: requests (share of 5,000)",
    r.events.life
      ? `${r.events.life.example.hour.requests} (${f(100 * r.events.life.example.hour.shareOfBudget)} %)`
      : "—",
    "≤ 500 (10 %)",
  ],
  [
    "same, config has check: benchmark*",
    r.events.life
      ? `${r.events.life.withBenchmark.hour.requests} (${f(100 * r.events.life.withBenchmark.hour.shareOfBudget)} %)`
      : "—",
    "",
  ],
  [
    "same, per budget: REST requests / GraphQL points (share of 5,000 each)",
    r.events.life
      ? ["rest", "graphql"]
          .map((b) => {
            const h = r.events.life.withBenchmark.perBudget[b];
            return `${h.requests} (${f(100 * h.shareOfBudget)} %)`;
          })
          .join(" / ")
      : "—",
    "≤ 500 (10 %) each",
  ],
  [
    "dashboard issue on (60-PR milestone): requests per PR's life, of them the dashboard's (example / + check:)",
    r.events.life?.exampleWithDashboard
      ? [r.events.life.exampleWithDashboard, r.events.life.withBenchmarkAndDashboard]
          .map((l) => `${l.requestsPerPullRequest} (${l.dashboardRequestsPerPullRequest})`)
          .join(" / ")
      : "—",
    "",
  ],
  [
    "same, busiest hour: requests (share of 5,000) (example / + check:)",
    r.events.life?.exampleWithDashboard
      ? [r.events.life.exampleWithDashboard, r.events.life.withBenchmarkAndDashboard]
          .map((l) => `${l.hour.requests} (${f(100 * l.hour.shareOfBudget)} %)`)
          .join(" / ")
      : "—",
    "≤ 500 (10 %)",
  ],
  [
    "evaluate 3000 files × 20 glob criteria (median / p95 ms)",
    `${f(r.evaluate.medianMs, 2)} / ${f(r.evaluate.p95Ms, 2)}`,
    "≤ 20 ms",
  ],
  ["webhooks/s: bare Probot app", f(r.throughput.bare?.webhooksPerSecond, 0), ""],
  ["webhooks/s: dod", f(r.throughput.dod?.webhooksPerSecond, 0), ""],
  ["webhooks/s ratio dod / bare", f(r.throughput.ratio, 2), "≥ 0.8"],
  [
    "completed evaluations/s: bare / dod",
    `${f(r.throughput.bare?.evaluationsPerSecond, 0)} / ${f(r.throughput.dod?.evaluationsPerSecond, 0)}`,
    "",
  ],
  ["completed evaluations/s ratio dod / bare", f(r.throughput.evaluationRatio, 2), ""],
  [
    "dashboard, 500-PR release: requests / ms",
    r.dashboard ? `${r.dashboard.requests ?? "—"} / ${f(r.dashboard.ms)}` : "not available",
    "≤ 12 requests",
  ],
  [
    "dashboard page view, 50-PR release: GitHub requests, first / repeat by the same sign-in within the access TTL",
    r.dashboard?.view ? `${r.dashboard.view.first.requests} / ${r.dashboard.view.repeat.requests}` : "not available",
    "4 / 2",
  ],
  [
    "dashboard, one release of 500 PRs over 20 repositories: requests",
    r.dashboard?.organisation ? `${r.dashboard.organisation.requests}` : "not available",
    "≤ 12",
  ],
  [
    "dashboard history, 6 closed releases × 100 PRs: requests",
    r.dashboard?.history ? `${r.dashboard.history.requests}` : "not available",
    "≤ 14",
  ],
  [
    "dashboard issue's second refresh, same 6 closed releases: requests before / after the closed-release cache",
    r.dashboard?.history?.secondRefresh
      ? `${r.dashboard.history.secondRefresh.before} / ${r.dashboard.history.secondRefresh.after}`
      : "not available",
    "1 (closed releases none of whose PRs is open)",
  ],
  [
    "dashboard page from gathered data, 1,100 PRs in 7 releases (median wall / CPU ms)",
    r.dashboard?.page ? `${f(r.dashboard.page.medianMs)} / ${f(r.dashboard.page.cpuMedianMs)}` : "not available",
    "< 50 ms",
  ],
  ["app RSS after 10,000 events (MB, own process)", f(r.memory.rssMb), "≤ 200"],
  [
    "same, NODE_OPTIONS=--max-semi-space-size=16 (README, Operating it)",
    r.memoryCapped?.rssMb ? f(r.memoryCapped.rssMb) : "failed",
    "≤ 200",
  ],
  ["app RSS growth over the last 5,000 events (MB)", f(r.memory.secondHalfGrowthMb), "flat"],
  [
    "app heap after GC / its growth over the last 5,000 (MB)",
    `${f(r.memory.heapMb)} / ${f(r.memory.heapSecondHalfGrowthMb)}`,
    "flat",
  ],
  [
    "done.yml fuzz: documents / failed properties",
    r.fuzz.documents ? `${r.fuzz.documents} / ${r.fuzz.failures}` : "failed",
    "≥ 10,000 / 0",
  ],
  [
    "event-loop delay under a hostile mix: p99 / max (ms)",
    r.hostile && !r.hostile.error ? `${f(r.hostile.p99Ms)} / ${f(r.hostile.maxMs)}` : "failed",
    "≤ 100 ms",
  ],
  [
    "hostile mix, core: longest config load or body scan (ms)",
    r.hostile?.core ? f(r.hostile.core.maxCallMs) : "failed",
    "≤ 100 ms",
  ],
  [
    "preview of a done.yml change, 20 open + 20 merged PRs: requests / median ms",
    r.preview && !r.preview.error ? `${r.preview.requests} / ${f(r.preview.medianMs)}` : "not available",
    r.preview && !r.preview.error ? `≤ ${r.preview.budget} requests` : "≤ 5 requests",
  ],
  [
    "burst of 10 events, settle 500 ms: requests / evaluations",
    r.burst && !r.burst.error ? `${r.burst.requests} / ${r.burst.evaluations}` : "not available",
    "",
  ],
];
const width = [0, 1, 2].map((c) =>
  Math.max(...rows.map((row) => row[c].length), ["figure", "value", "goal"][c].length),
);
const line = (cells) => cells.map((cell, c) => cell.padEnd(width[c])).join("  ");
console.log(`\n${line(["figure", "value", "goal"])}\n${width.map((w) => "-".repeat(w)).join("  ")}`);
for (const row of rows) console.log(line(row));
if (r.events.life) {
  // The floor per event type: a new head needs its query and its own check run; an event that cannot change the
  // verdict needs nothing; an approval needs its query (its write only when the verdict changes) when the config
  // reads approvals, nothing otherwise.
  const floor = {
    "pull_request.opened": "3",
    "pull_request.synchronize": "2",
    "pull_request.labeled": "0",
    "check_run.completed": "0 (1 query + writes when named)",
    "check_suite.completed": "0",
    "issue_comment.created": "0",
    "pull_request_review.submitted": "0 (1 query + writes when approvals are read)",
  };
  console.log(
    "\none pull request's life (example config / + check: benchmark*): requests for events of each type, and the floor",
  );
  const life = r.events.life;
  for (const [type, e] of Object.entries(life.example.byEvent)) {
    const other = life.withBenchmark.byEvent[type];
    console.log(
      `  ${type.padEnd(32)} ${String(e.events).padStart(3)} events  ${String(e.requests).padStart(3)} / ${String(other?.requests ?? "—").padStart(3)} requests   floor ${floor[type] ?? "?"}`,
    );
    // Where the check: variant's requests go: queries, check-run writes, comment writes.
    const routes = Object.entries(other?.byRoute ?? {}).map(
      ([route, n]) => `${n} ${route.replace(/\/repos\/[^/]+\/[^/]+/, "")}`,
    );
    if (routes.length) console.log(`  ${"".padEnd(32)} ${routes.join(", ")}`);
  }
}
console.log(`\n(${((performance.now() - started) / 1000).toFixed(0)} s; details in .bench/results.json)`);

const root = fileURLToPath(new URL("..", import.meta.url));
mkdirSync(`${root}.bench`, { recursive: true });
writeFileSync(
  `${root}.bench/results.json`,
  `${JSON.stringify({ at: new Date().toISOString(), node: process.version, ...results }, null, 2)}\n`,
);
const failed = Object.entries(results).filter(([, v]) => v?.error);
process.exit(failed.length ? 1 : 0);
