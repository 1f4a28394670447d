import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type LoadedApp, loadApp, refreshDashboardAtOnce } from "../helpers/app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { createsDashboardIssue, IssueStore } from "../helpers/github-issues.js";
import { pullRequestData } from "../helpers/pull-request-data.js";
import { CONFIG, dashboardData, item, MIXED, page, type PullOptions } from "./data.js";

// The webhook examples' repository.
const O = "Codertocat";
const R = "Hello-World";
const milestone = () => event("milestone", example("milestone", "created"));

function answers(issue: { number: number; body: string } | null, pulls: PullOptions[] = MIXED, config = CONFIG) {
  return [
    dashboardData({
      config,
      milestones: [{ number: 1, title: "v1.2", count: pulls.length, dueOn: "2026-12-01T00:00:00Z" }],
      issue,
    }),
    { repository: { milestone: { pullRequests: page(pulls) } } },
  ];
}

describe("the dashboard issue", () => {
  let github: GitHubMock;
  refreshDashboardAtOnce();
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  async function refresh(dashboard: LoadedApp["dashboard"], times = 1) {
    for (let i = 0; i < times; i++) dashboard.schedule({ owner: O, repo: R, installationId: 1 });
    await dashboard.idle();
  }

  it("is created once, edited when a release changes, and left alone when nothing did", async () => {
    const { probot, dashboard } = await loadApp();
    const [first, pulls] = answers(null);
    github.token().graphql(first).graphql(pulls);
    createsDashboardIssue(github, `/repos/${O}/${R}`, 42);
    await probot.receive(milestone());
    await dashboard.idle();
    github.assertDone();
    const created = github.body("issues/create");
    expect(created.title).toBe("Definition of Done dashboard");
    const body = created.body as string;
    expect(body.startsWith("<!-- dod:dashboard -->\n# Definition of Done dashboard")).toBe(true);
    expect(body).toContain("## [v1.2](https://github.com/acme/shop/milestone/1) — due 2026-12-01");
    expect(body).toContain(
      "7 pull requests (5 open, 2 merged) · ✅ 2 done · ❌ 4 not done · ❔ 1 not evaluated · 💸 1 done debt",
    );
    expect(body).toContain(
      "Missing items — 5 in all · Product **2** (2 PRs) · Engineering **2** (2 PRs) · Joint **1** (1 PR) · 1 pending · 1 waived",
    );
    expect(body).toContain(
      "Capacity by pull requests — feature 4 (67%, target 80% ⚠️) · health 2 (33%, target 20% ⚠️) · 1 in no group ([#15](https://github.com/acme/shop/pull/15))",
    );
    expect(body).toContain(
      "| [#11](https://github.com/acme/shop/pull/11) Checkout flow · [check](https://github.com/acme/shop/runs/7011) | open | acceptance | unit tests |  |  |  |",
    );
    expect(body).toContain("Search \\<b\\>speed\\</b\\> \\| fast");
    expect(body).toContain(
      "| [#13](https://github.com/acme/shop/pull/13) Pricing page · [check](https://github.com/acme/shop/runs/7013) | open |  |  | sign off |  | docs (@lead-bob) |",
    );
    expect(body).toContain("### Done debt — merged with items missing");
    expect(body).toContain("[#9](https://github.com/acme/shop/pull/9) Shipped half-done");
    expect(body).not.toContain("#14");

    // Unchanged: no write at all.
    const [same, samePulls] = answers({ number: 42, body });
    github.graphql(same).graphql(samePulls);
    await refresh(dashboard);
    github.assertDone();
    expect(github.find("issues/update")).toHaveLength(0);

    // A pull request got done: the same issue is edited in place.
    const changed = MIXED.map((p) => (p.number === 11 ? { ...p, items: [item("acceptance", "product", "met")] } : p));
    const [again, againPulls] = answers({ number: 42, body }, changed);
    github.graphql(again).graphql(againPulls).rest("PATCH", `/repos/${O}/${R}/issues/42`, 200, { number: 42 });
    await refresh(dashboard);
    github.assertDone();
    expect(github.find("issues/create")).toHaveLength(1);
    const edited = github.body("issues/update").body as string;
    expect(edited).toContain("✅ 3 done · ❌ 3 not done");
    expect(edited).not.toContain("Checkout flow");
  });

  it("folds a burst of five refreshes into one read and one edit", async () => {
    const { probot, dashboard } = await loadApp();
    const [first, pulls] = answers({ number: 42, body: "<!-- dod:dashboard -->\nold" });
    github.token().graphql(first).graphql(pulls).rest("PATCH", `/repos/${O}/${R}/issues/42`, 200, { number: 42 });
    await refresh(dashboard, 5);
    github.assertDone();
    expect(github.calls()).toEqual(["POST /graphql", "POST /graphql", `PATCH /repos/${O}/${R}/issues/42`]);
  });

  it("a restart minutes after creating the issue edits it: search has not indexed it yet, the label listing has", async () => {
    const store = new IssueStore(github);
    const searched = (releasePulls: PullOptions[]) => {
      const [data, releasePage] = answers(null, releasePulls);
      return [
        { ...(data as object), dashboardIssue: () => store.searchByTitle("Definition of Done dashboard") },
        releasePage,
      ];
    };
    const before = await loadApp();
    const [first, pulls] = searched(MIXED);
    github.token().graphql(first).graphql(pulls);
    await refresh(before.dashboard);
    expect(store.open().map((i) => i.number)).toEqual([42]);

    // A new process (a deploy, a crash) refreshes before search has indexed #42.
    const after = await loadApp();
    const changed = MIXED.map((p) => (p.number === 11 ? { ...p, items: [item("acceptance", "product", "met")] } : p));
    const [again, againPulls] = searched(changed);
    github.token().graphql(again).graphql(againPulls);
    await refresh(after.dashboard);
    github.assertDone();
    expect(github.find("issues/create")).toHaveLength(1);
    expect(store.issues).toHaveLength(1);
    expect(github.find("issues/update").map((r) => r.path)).toEqual([`/repos/${O}/${R}/issues/42`]);
    expect(store.issues[0]!.body).toContain("✅ 3 done · ❌ 3 not done");
    expect(store.issues[0]!.labels).toEqual(["dod:dashboard"]);
  });

  it("two replicas creating it at the same moment leave one open issue: the newer closes as a duplicate", async () => {
    const store = new IssueStore(github);
    const [first, pulls] = answers(null);
    const world = { ...(first as object), dashboardIssue: () => store.searchByTitle("Definition of Done dashboard") };
    const one = await loadApp();
    const two = await loadApp();
    github.token().token().graphql(world, 2).graphql(pulls, 2);
    store.simultaneousListings(2); // both look before either has created one
    one.dashboard.schedule({ owner: O, repo: R, installationId: 1 });
    two.dashboard.schedule({ owner: O, repo: R, installationId: 1 });
    await Promise.all([one.dashboard.idle(), two.dashboard.idle()]);
    github.assertDone();
    expect(github.find("issues/create")).toHaveLength(2);
    expect(store.open().map((i) => i.number)).toEqual([42]);
    expect(store.issues.find((i) => i.number === 43)).toMatchObject({ state: "closed", stateReason: "duplicate" });
    expect(github.find("issues/update").map((r) => r.body)).toEqual([
      { state: "closed", state_reason: "duplicate", duplicate_issue_id: 9042 },
    ]);

    // Later refreshes by either replica edit #42, whatever search has indexed by then.
    store.index();
    const changed = MIXED.map((p) => (p.number === 11 ? { ...p, items: [item("acceptance", "product", "met")] } : p));
    const [again, againPulls] = answers(null, changed);
    github
      .graphql({ ...(again as object), dashboardIssue: () => store.searchByTitle("Definition of Done dashboard") })
      .graphql(againPulls);
    await refresh(two.dashboard);
    github.assertDone();
    expect(github.find("issues/update").at(-1)!.path).toBe(`/repos/${O}/${R}/issues/42`);
    expect(store.open()).toHaveLength(1);
  });

  it("writes nothing when done.yml does not enable the issue, or there is no done.yml", async () => {
    const { probot, dashboard } = await loadApp();
    github.token().graphql(answers(null, MIXED, CONFIG.replace("issue: true", "issue: false"))[0]);
    await refresh(dashboard);
    github.graphql(answers(null, MIXED, "")[0]);
    github.graphql(dashboardData({ config: null }));
    await refresh(dashboard);
    await refresh(dashboard);
    github.assertDone();
    expect(github.calls()).toEqual(["POST /graphql", "POST /graphql", "POST /graphql"]);
  });

  it("is refreshed after a pull request's verdict changes, and not when done.yml leaves it off", async () => {
    const { probot, queue, dashboard } = await loadApp();
    const [first, pulls] = answers(null);
    github
      .token()
      .graphql(pullRequestData({ config: CONFIG, milestone: "v1.2" }))
      .rest("POST", `/repos/${O}/${R}/check-runs`, 201, { id: 5 })
      .rest("POST", `/repos/${O}/${R}/issues/2/comments`, 201, { id: 6 })
      .graphql(first)
      .graphql(pulls);
    createsDashboardIssue(github, `/repos/${O}/${R}`, 42);
    await probot.receive(event("pull_request", example("pull_request", "synchronize")));
    await queue.idle();
    await dashboard.idle();
    github.assertDone();
    expect(github.body("issues/create").title).toBe("Definition of Done dashboard");

    github = new GitHubMock();
    github
      .graphql(pullRequestData({ config: CONFIG.replace("issue: true", "issue: false") }))
      .rest("POST", `/repos/${O}/${R}/check-runs`, 201, { id: 7 })
      .rest("POST", `/repos/${O}/${R}/issues/2/comments`, 201, { id: 8 });
    await probot.receive(event("pull_request", example("pull_request", "synchronize")));
    await queue.idle();
    await dashboard.idle();
    github.assertDone();
    expect(github.calls()).toEqual([
      "POST /graphql",
      `POST /repos/${O}/${R}/check-runs`,
      `POST /repos/${O}/${R}/issues/2/comments`,
    ]);
  });
});
