// What a dashboard refresh costs once it has run: a closed milestone none of whose pull requests is open cannot
// change its verdicts, so the app's read cache keeps its pull requests and a refresh reads the open releases
// alone — until GitHub reports a change to that milestone (a pull request joins it, one reopens, it reopens).
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type LoadedApp, loadApp, refreshDashboardAtOnce } from "../helpers/app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { createsDashboardIssue, dashboardListing } from "../helpers/github-issues.js";
import { pullRequestData } from "../helpers/pull-request-data.js";
import { CONFIG, dashboardData, type Milestone, page, type PullOptions } from "./data.js";
import { historyReleases } from "./data.js";

const O = "Codertocat";
const R = "Hello-World";
const ISSUE = `/repos/${O}/${R}/issues`;

type Closed = Milestone & { closedAt: string };

describe("a dashboard refresh with closed releases", () => {
  let github: GitHubMock;
  refreshDashboardAtOnce();
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  const releases = historyReleases();
  const open = releases.find((r) => !r.milestone.closedAt)!;
  const closed = releases.filter((r) => r.milestone.closedAt).map((r) => r.milestone as Closed);
  const pullsOf = (n: number) => releases.find((r) => r.milestone.number === n)!.pulls;

  /** The first request's answer, then one page for each milestone in `read`, in the order the app reads them. */
  function answers(
    o: { open?: Milestone[]; closed?: Closed[]; issue?: { number: number; body: string } | null },
    read: { number: number; pulls: PullOptions[] }[],
  ) {
    github.graphql(
      dashboardData({
        config: CONFIG,
        milestones: o.open ?? [open.milestone],
        closed: o.closed ?? closed,
        issue: o.issue ?? null,
      }),
    );
    for (const m of read) github.graphql({ repository: { milestone: { pullRequests: page(m.pulls) } } });
  }

  async function refresh(dashboard: LoadedApp["dashboard"]) {
    dashboard.schedule({ owner: O, repo: R, installationId: 1 });
    await dashboard.idle();
    github.assertDone();
  }

  /** The milestone number each pull-request page was read for, in order. */
  const milestonesRead = () =>
    github
      .find("graphql")
      .slice(1)
      .map((r) => (r.body as { variables: { number: number } }).variables.number);

  // Closed most recently first: v1.2 (3), v1.1 (2), v1.0 (1).
  const everything = () => [4, 3, 2, 1].map((number) => ({ number, pulls: pullsOf(number) }));

  it("reads only the open release the second time, and writes the same issue body", async () => {
    const { dashboard } = await loadApp();
    github.token();
    answers({}, everything());
    createsDashboardIssue(github, `/repos/${O}/${R}`, 42);
    await refresh(dashboard);
    expect(github.calls()).toEqual([
      ...Array(5).fill("POST /graphql"),
      `GET ${dashboardListing(`/repos/${O}/${R}`)}`,
      `POST ${ISSUE}`,
      `GET ${dashboardListing(`/repos/${O}/${R}`)}`,
    ]);
    expect(milestonesRead()).toEqual([4, 3, 2, 1]);
    const body = github.body("issues/create").body as string;
    expect(body).toContain("## History — the last 3 closed releases");

    // The issue is found by search now; the closed releases come from the cache, so the body is unchanged.
    github = new GitHubMock();
    answers({ issue: { number: 42, body } }, [{ number: 4, pulls: pullsOf(4) }]);
    await refresh(dashboard);
    expect(github.calls()).toEqual(["POST /graphql", "POST /graphql"]);
    expect(milestonesRead()).toEqual([4]);
  });

  it("reads a closed release again once a pull request joins it, and keeps reading the others from the cache", async () => {
    const { dashboard } = await loadApp();
    github.token();
    answers({}, everything());
    createsDashboardIssue(github, `/repos/${O}/${R}`, 42);
    await refresh(dashboard);
    const body = github.body("issues/create").body as string;

    // A merged pull request added to v1.1: GitHub counts it and touches the milestone's updatedAt.
    const added: PullOptions = { number: 30, title: "Late fix", merged: true, labels: ["chore"] };
    const v11 = closed.find((m) => m.number === 2)!;
    const grown = closed.map((m) => (m === v11 ? { ...m, count: m.count + 1, updatedAt: "2026-11-30T12:00:00Z" } : m));
    github = new GitHubMock();
    answers({ closed: grown, issue: { number: 42, body } }, [
      { number: 4, pulls: pullsOf(4) },
      { number: 2, pulls: [...pullsOf(2), added] },
    ]);
    github.rest("PATCH", `${ISSUE}/42`, 200, { number: 42 });
    await refresh(dashboard);
    expect(github.calls()).toEqual(["POST /graphql", "POST /graphql", "POST /graphql", `PATCH ${ISSUE}/42`]);
    expect(milestonesRead()).toEqual([4, 2]);
    const edited = github.body("issues/update").body as string;
    expect(edited).toContain("| [v1.1](https://github.com/acme/shop/milestone/2) | 2026-09-01 | 4 |");

    // Only the count changed (a pull request moved in as another moved out within one update): still read again.
    github = new GitHubMock();
    const moved = grown.map((m) => (m.number === 2 ? { ...m, count: m.count - 1 } : m));
    answers({ closed: moved, issue: { number: 42, body: edited } }, [
      { number: 4, pulls: pullsOf(4) },
      { number: 2, pulls: pullsOf(2) },
    ]);
    github.rest("PATCH", `${ISSUE}/42`, 200, { number: 42 });
    await refresh(dashboard);
    expect(milestonesRead()).toEqual([4, 2]);
  });

  it("reads a reopened milestone, and one holding a reopened pull request, on every refresh", async () => {
    const { dashboard } = await loadApp();
    github.token();
    answers({}, everything());
    createsDashboardIssue(github, `/repos/${O}/${R}`, 42);
    await refresh(dashboard);
    const body = github.body("issues/create").body as string;

    // v1.0 reopened: an open release now, read with the open ones.
    const v10 = closed.find((m) => m.number === 1)!;
    const reopened: Milestone = { number: 1, title: v10.title, count: v10.count, updatedAt: "2026-11-30T12:00:00Z" };
    const stillClosed = closed.filter((m) => m !== v10);
    for (let i = 0; i < 2; i++) {
      github = new GitHubMock();
      answers({ open: [open.milestone, reopened], closed: stillClosed, issue: { number: 42, body } }, [
        { number: 4, pulls: pullsOf(4) },
        { number: 1, pulls: pullsOf(1) },
      ]);
      github.rest("PATCH", `${ISSUE}/42`, 200, { number: 42 });
      await refresh(dashboard);
      expect(milestonesRead()).toEqual([4, 1]);
    }

    // A pull request of v1.2 reopened while the milestone stays closed: never kept, read each time.
    const v12 = closed.find((m) => m.number === 3)!;
    const withOpen = closed.map((m) => (m === v12 ? { ...m, open: 1, updatedAt: "2026-11-30T13:00:00Z" } : m));
    const pulls3 = pullsOf(3).map((p, i) => (i === 0 ? { ...p, merged: false } : p));
    for (let i = 0; i < 2; i++) {
      github = new GitHubMock();
      answers({ closed: withOpen, issue: { number: 42, body } }, [
        { number: 4, pulls: pullsOf(4) },
        { number: 3, pulls: pulls3 },
      ]);
      await refresh(dashboard);
      expect(milestonesRead()).toEqual([4, 3]);
    }
  });

  it.each([
    { state: "MERGED" as const, read: [4, 3, 2, 1] },
    { state: "OPEN" as const, read: [4] },
  ])("reads the closed releases again after a $state pull request's check changed: $read", async ({ state, read }) => {
    const { probot, queue, dashboard } = await loadApp();
    github.token();
    answers({}, everything());
    createsDashboardIssue(github, `/repos/${O}/${R}`, 42);
    await refresh(dashboard);
    const body = github.body("issues/create").body as string;

    // Labelled `accepted` after the merge: its verdict changes, and GitHub does not touch the milestone for that.
    github = new GitHubMock();
    github
      .graphql(pullRequestData({ config: CONFIG, milestone: "v1.1", state, labels: ["accepted"] }))
      .rest("POST", `/repos/${O}/${R}/check-runs`, 201, { id: 5 });
    answers(
      { issue: { number: 42, body } },
      read.map((number) => ({ number, pulls: pullsOf(number) })),
    );
    const labelled = example("pull_request", "labeled");
    labelled.label = { ...labelled.label, name: "accepted" };
    await probot.receive(event("pull_request", labelled));
    await queue.idle();
    await dashboard.idle();
    github.assertDone();
    expect(github.calls()).toEqual([
      "POST /graphql",
      `POST /repos/${O}/${R}/check-runs`,
      ...Array(1 + read.length).fill("POST /graphql"),
    ]);
    expect(milestonesRead().slice(1)).toEqual(read);
  });
});
