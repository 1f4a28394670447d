// The dashboard of a 500-pull-request release: GraphQL requests and time, with the suite's answer builders
// (test/dashboard/data.ts) served in-process by a counting stand-in for `graphql`.
import { register } from "node:module";

// The answer builders are the suite's TypeScript: load them through a transpile-only hook (Node 20 strips no types).
register("./ts-hooks.mjs", import.meta.url);

export async function dashboardBench({ pulls = 500 } = {}) {
  let gatherDashboard;
  try {
    ({ gatherDashboard } = await import("../lib/github/dashboard-gather.js"));
  } catch {
    return null; // not built yet
  }
  const { CONFIG, dashboardData, item, OWNER, page, REPO } = await import("../test/dashboard/data.ts");
  const all = Array.from({ length: pulls }, (_, i) => ({ number: i + 1, merged: i % 5 === 0, items: [item("acceptance", "product", i % 3 ? "met" : "missing")] }));
  let requests = 0;
  const github = {
    graphql: async (query, variables) => {
      requests++;
      if (/query DodDashboard\b/.test(query)) return dashboardData({ config: CONFIG, milestones: [{ number: 3, title: "v2.0", count: pulls }] });
      const start = variables.after ? Number(variables.after) : 0;
      const next = start + 50 < pulls ? String(start + 50) : null;
      const p = page(all.slice(start, start + 50), next, pulls);
      return { repository: { milestone: { pullRequests: p }, label: { pullRequests: p } } };
    },
  };
  const started = performance.now();
  const gathered = await gatherDashboard(github, OWNER, REPO);
  return { pulls: gathered.input?.releases[0]?.pulls.length ?? 0, requests, ms: performance.now() - started };
}
