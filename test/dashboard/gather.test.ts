import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Octokit } from "@octokit/rest";
import { gatherDashboard } from "../../src/github/dashboard-gather.js";
import { Probot } from "probot";
import { privateKey, TestOctokit } from "../helpers/app.js";
import { checkRuns } from "../helpers/check-suites.js";
import { GitHubMock } from "../helpers/github.js";
import { CONFIG, dashboardData, item, OWNER, page, pullNode, type PullOptions, REPO, summaryWith } from "./data.js";

const github = () => new Octokit({ auth: "t", request: { retries: 0 } });

/** Answers the release page queries from `pulls`, 50 at a time, by cursor. */
function pager(pulls: PullOptions[]) {
  return (body: { variables: { after?: string | null } }) => {
    const start = body.variables.after ? Number(body.variables.after) : 0;
    const slice = pulls.slice(start, start + 50);
    const next = start + 50 < pulls.length ? String(start + 50) : null;
    return {
      repository: {
        milestone: { pullRequests: page(slice, next, pulls.length) },
        label: { pullRequests: page(slice, next, pulls.length) },
      },
    };
  };
}

describe("gatherDashboard", () => {
  let mock: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    mock = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  it("reads a release of 500 pull requests in 11 requests: ⌈500/50⌉ + 1", async () => {
    const pulls: PullOptions[] = Array.from({ length: 500 }, (_, i) => ({
      number: i + 1,
      merged: i % 5 === 0,
      items: [item("acceptance", "product", i % 3 === 0 ? "missing" : "met")],
    }));
    mock
      .graphql(dashboardData({ config: CONFIG, milestones: [{ number: 3, title: "v2.0", count: 500 }] }))
      .graphql(pager(pulls), 10);
    const progress: [number, number][] = [];

    const gathered = await gatherDashboard(github(), OWNER, REPO, { onProgress: (d, t) => progress.push([d, t]) });

    mock.assertDone();
    expect(gathered.requests).toBe(11);
    expect(mock.calls()).toHaveLength(11);
    expect(gathered.input!.releases[0]!.pulls).toHaveLength(500);
    expect(gathered.input!.releases[0]!.pulls[0]!.check!.report!.items[0]!.status).toBe("missing");
    expect(progress[0]).toEqual([1, 11]);
    expect(progress.at(-1)).toEqual([11, 11]);
    expect(mock.body("graphql", 1).variables).toEqual({ owner: OWNER, name: REPO, number: 3, after: null });
    expect(mock.body("graphql", 2).variables.after).toBe("50");
  });

  it("costs nothing for an empty milestone, and one request per 50 for the others", async () => {
    mock
      .graphql(
        dashboardData({
          config: CONFIG,
          milestones: [
            { number: 1, title: "empty", count: 0 },
            { number: 2, title: "v1", count: 2 },
          ],
        }),
      )
      .graphql(pager([{ number: 1 }, { number: 2, merged: true, items: [] }]));
    const gathered = await gatherDashboard(github(), OWNER, REPO);
    mock.assertDone();
    expect(gathered.requests).toBe(2);
    expect(gathered.input!.releases.map((r) => [r.name, r.pulls.length])).toEqual([
      ["empty", 0],
      ["v1", 2],
    ]);
    expect(gathered.input!.releases[1]!.pulls.map((p) => [p.state, p.check?.report?.items.length ?? null])).toEqual([
      ["open", null],
      ["merged", 0],
    ]);
  });

  it("reads release labels matching the pattern in version order: open while one of their pull requests is, then the history", async () => {
    const config = `${CONFIG.replace("by: milestone", "by: label\n  label: release/*").replace("issue: true", "issue: true\n  history: 1")}`;
    mock
      .graphql(
        dashboardData({
          config,
          labels: [
            { name: "bug", open: 3, count: 3 },
            { name: "release/1.10", open: 1, count: 1 },
            { name: "release/1.9", open: 1, count: 2 },
            { name: "release/1.8", open: 0, count: 40 },
            { name: "release/1.7", open: 0, count: 3 },
            { name: "release/1.6", open: 0, count: 0 },
          ],
        }),
      )
      .graphql(pager([{ number: 1 }, { number: 2, merged: true }]))
      .graphql(pager([{ number: 3 }]))
      .graphql(pager([{ number: 4, merged: true }]));
    const gathered = await gatherDashboard(github(), OWNER, REPO);
    mock.assertDone();
    expect(gathered.input!.releaseBy).toBe("label");
    expect(gathered.releaseNames).toEqual(["release/1.9", "release/1.10", "release/1.8"]);
    expect(gathered.input!.releases.map((r) => r.state)).toEqual(["open", "open", "closed"]);
    expect(mock.body("graphql", 1).variables).toMatchObject({ label: "release/1.9" });
    expect(mock.body("graphql", 2).variables).toMatchObject({ label: "release/1.10" });
    expect(mock.body("graphql", 3).variables).toMatchObject({ label: "release/1.8" });
    expect(gathered.requests).toBe(4);
  });

  it("reads the last closed milestones by when they closed, as many as `history` says, in the first request", async () => {
    const closed = [
      { number: 1, title: "v1.0", count: 2, closedAt: "2026-01-10T00:00:00Z" },
      { number: 4, title: "v1.3", count: 1, closedAt: "2026-04-10T00:00:00Z" },
      { number: 2, title: "v1.1", count: 1, closedAt: "2026-02-10T00:00:00Z" },
      { number: 3, title: "v1.2", count: 0, closedAt: "2026-03-10T00:00:00Z" },
    ];
    const config = CONFIG.replace("issue: true", "issue: true\n  history: 3");
    mock
      .graphql(dashboardData({ config, milestones: [{ number: 5, title: "v1.4", count: 1 }], closed }))
      .graphql(pager([{ number: 10 }]))
      .graphql(pager([{ number: 9, merged: true }]))
      .graphql(pager([{ number: 8, merged: true }]));
    const gathered = await gatherDashboard(github(), OWNER, REPO);
    mock.assertDone();
    expect(mock.body("graphql", 0).query).toMatch(/closedMilestones: milestones\(first: 20, states: \[CLOSED\]/);
    expect(mock.body("graphql", 0).variables).toMatchObject({ withRelease: false, release: "" });
    expect(gathered.input!.releases.map((r) => [r.name, r.state, r.closedAt ?? null])).toEqual([
      ["v1.4", "open", null],
      ["v1.3", "closed", "2026-04-10T00:00:00Z"],
      ["v1.2", "closed", "2026-03-10T00:00:00Z"],
      ["v1.1", "closed", "2026-02-10T00:00:00Z"],
    ]);
    expect(mock.body("graphql", 2).variables).toMatchObject({ number: 4 });
    expect(mock.body("graphql", 3).variables).toMatchObject({ number: 2 });
    // v1.2 is empty: it costs nothing.
    expect(gathered.requests).toBe(4);
  });

  it("finds an older closed milestone asked for by name, in the same first request", async () => {
    mock
      .graphql(
        dashboardData({
          config: CONFIG,
          milestones: [],
          named: [
            { number: 1, title: "v1.0", count: 1, closedAt: "2025-01-01T00:00:00Z" },
            { number: 7, title: "v1.0.1", count: 1 },
          ],
        }),
      )
      .graphql(pager([{ number: 3, merged: true, items: [item("acceptance", "product", "missing")] }]));
    const gathered = await gatherDashboard(github(), OWNER, REPO, { release: "v1.0" });
    mock.assertDone();
    expect(mock.body("graphql", 0).variables).toMatchObject({ withRelease: true, release: "v1.0" });
    expect(gathered.releaseNames).toEqual(["v1.0"]);
    expect(gathered.input!.releases.map((r) => [r.name, r.state, r.pulls.length])).toEqual([["v1.0", "closed", 1]]);
    expect(gathered.requests).toBe(2);
  });

  it("reads a history of 6 releases × 100 pull requests in 13 requests", async () => {
    const closed = Array.from({ length: 6 }, (_, i) => ({
      number: i + 1,
      title: `v1.${i}`,
      count: 100,
      closedAt: `2026-0${i + 1}-01T00:00:00Z`,
    }));
    const pulls = Array.from({ length: 100 }, (_, i) => ({
      number: i + 1,
      merged: true,
      items: [item("acceptance", "product", i % 4 ? "met" : "missing")],
    }));
    mock.graphql(dashboardData({ config: CONFIG, milestones: [], closed })).graphql(pager(pulls), 12);
    const gathered = await gatherDashboard(github(), OWNER, REPO);
    mock.assertDone();
    expect(gathered.requests).toBe(13);
    expect(gathered.input!.releases.map((r) => r.pulls.length)).toEqual([100, 100, 100, 100, 100, 100]);
  });

  it("stops after one request when there is no usable config", async () => {
    mock.graphql(dashboardData({ config: null, milestones: [{ number: 1, title: "v1", count: 5 }] }));
    const gathered = await gatherDashboard(github(), OWNER, REPO);
    expect(gathered.config.ok).toBe(false);
    expect(gathered.input).toBeNull();
    expect(gathered.requests).toBe(1);
  });

  it("uses the organisation's file when the repository has none, and keeps going when there is no .github repo", async () => {
    mock.graphql(dashboardData({ config: null, orgConfig: CONFIG, milestones: [] }));
    expect((await gatherDashboard(github(), OWNER, REPO)).config.ok).toBe(true);

    // GitHub answers NOT_FOUND at ["org"], with the rest of the data.
    mock.graphql({ ...dashboardData({ config: CONFIG }), org: null });
    const gathered = await gatherDashboard(github(), OWNER, REPO);
    expect(gathered.config.ok).toBe(true);
    mock.assertDone();
  });

  describe("dod's own check run", () => {
    /** One pull request whose head has a run named like dod's from another app, then one from app 7. */
    function twoApps() {
      const node = pullNode({ number: 1 });
      const run = (id: number, status: "met" | "missing") => ({
        databaseId: id,
        conclusion: "SUCCESS" as const,
        summary: summaryWith([item("acceptance", "product", status)]),
        detailsUrl: null,
        url: `https://github.com/${OWNER}/${REPO}/runs/${id}`,
      });
      node.commits.nodes[0]!.commit.checkSuites = {
        nodes: [
          { app: { databaseId: 15368 }, checkRuns: { nodes: [run(111, "missing")] } },
          { app: { databaseId: 7 }, checkRuns: { nodes: [run(222, "met")] } },
        ],
      };
      return {
        repository: {
          milestone: {
            pullRequests: { totalCount: 1, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [node] },
          },
        },
      };
    }
    const oneMilestone = () => dashboardData({ config: CONFIG, milestones: [{ number: 3, title: "v2.0", count: 1 }] });

    it("reads only its app's check suite when told the app id", async () => {
      mock.graphql(oneMilestone()).graphql(twoApps());

      const gathered = await gatherDashboard(github(), OWNER, REPO, { appId: 7 });

      mock.assertDone();
      expect(gathered.requests).toBe(2);
      const { query, variables } = mock.body("graphql", 1);
      expect(query).toMatch(/checkSuites\(first: 1, filterBy: \{ appId: \$appId \}\)/);
      expect(variables).toEqual({ owner: OWNER, name: REPO, number: 3, after: null, appId: 7 });
      expect(gathered.input!.releases[0]!.pulls[0]!.check!.id).toBe(222);
    });

    it("reads dod's latest run in its check suite, not one a re-check superseded", async () => {
      const node = pullNode({ number: 1 }) as any;
      const run = (id: number, status: "met" | "missing") => ({
        name: "Definition of Done",
        databaseId: id,
        conclusion: status === "met" ? "SUCCESS" : "FAILURE",
        summary: summaryWith([item("acceptance", "product", status)]),
        detailsUrl: null,
        url: `https://github.com/${OWNER}/${REPO}/runs/${id}`,
      });
      // dod's first run failed; a later evaluation started a new run, which passed. Both stay in the suite.
      node.commits.nodes[0].commit.checkSuites = {
        nodes: [{ app: { databaseId: 7 }, checkRuns: checkRuns([run(111, "missing"), run(222, "met")]) }],
      };
      const releasePage = {
        repository: {
          milestone: {
            pullRequests: { totalCount: 1, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [node] },
          },
        },
      };
      mock.graphql(oneMilestone()).graphql(releasePage);

      const gathered = await gatherDashboard(github(), OWNER, REPO, { appId: 7 });

      mock.assertDone();
      const check = gathered.input!.releases[0]!.pulls[0]!.check!;
      expect(check.id).toBe(222);
      expect(check.conclusion).toBe("success");
    });

    it("reads checks by name with a token, preferring the run of the app it is told is dod's", async () => {
      mock.graphql(oneMilestone()).graphql(twoApps()).graphql(oneMilestone()).graphql(twoApps());

      const told = await gatherDashboard(github(), OWNER, REPO, { preferAppId: 7 });
      const untold = await gatherDashboard(github(), OWNER, REPO);

      mock.assertDone();
      expect(mock.body("graphql", 1).query).toMatch(/checkSuites\(first: 10\)/);
      expect(mock.body("graphql", 1).variables).not.toHaveProperty("appId");
      expect(told.input!.releases[0]!.pulls[0]!.check!.id).toBe(222);
      expect(untold.input!.releases[0]!.pulls[0]!.check!.id).toBe(111);
    });
  });
});
