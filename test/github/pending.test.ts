// GitHub's record of the evaluations dod left unfinished (src/github/pending.ts): which open pull requests count as
// pending, and what the look-up costs — one search per 50 pull requests, at most MAX_PENDING_PAGES.
import { Octokit } from "@octokit/rest";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAX_PENDING_PAGES, pendingPullRequests } from "../../src/github/pending.js";
import { dodIdentity } from "../../src/model/identity.js";
import { connection } from "../helpers/graphql-double.js";
import { GitHubMock } from "../helpers/github.js";
import { pullRequestSearchNode } from "../helpers/github-world.js";

const octokit = () => new Octokit({ auth: "t", request: { retries: 0 } });
const identity = dodIdentity(1);
const account = { login: "acme", type: "Organization" };
const since = new Date("2026-11-30T17:00:00.123Z");
const sha = (n: number) => String(n).padStart(40, "0");
const id = (output: string, number: number) => `dod:${output}:0123456789abcdef#${number}`;

describe("pendingPullRequests", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  it("lists the pull requests whose head has no dod run, or whose newest one for them is unfinished", async () => {
    const nodes = [
      pullRequestSearchNode(1, sha(1), []), // its event was lost before any evaluation
      pullRequestSearchNode(2, sha(2), [{ id: 20, status: "in_progress", externalId: id("a", 2) }]),
      pullRequestSearchNode(3, sha(3), [{ id: 30, status: "completed", externalId: id("a", 3) }]),
      // An older run left in progress, then a finished one: the newest counts.
      pullRequestSearchNode(4, sha(4), [
        { id: 40, status: "in_progress", externalId: id("a", 4) },
        { id: 41, status: "completed", externalId: id("b", 4) },
      ]),
      // The head is shared with #5's run, finished: #6 has none of its own.
      pullRequestSearchNode(6, sha(5), [{ id: 50, status: "completed", externalId: id("a", 5) }]),
    ];
    // Updated lately: all of them; checks pending: #2 (dod's own run) and #6, found twice, listed once.
    github.graphql({ search: connection(nodes) });
    github.graphql({ search: connection([nodes[1], nodes[4]]) });
    const found = await pendingPullRequests(octokit(), identity, account, since);
    expect(found.map((pr) => pr.number)).toEqual([1, 2, 6]);
    expect(found[0]).toEqual({ owner: "Codertocat", repo: "Hello-World", number: 1, headSha: sha(1) });
    github.assertDone();
    expect(github.find("graphql").map((r) => (r.body as { variables: unknown }).variables)).toEqual([
      {
        q: "is:pr is:open archived:false org:acme updated:>=2026-11-30T17:00:00Z sort:updated-desc",
        after: null,
        appId: 1,
        checkName: "Definition of Done",
      },
      {
        q: "is:pr is:open archived:false org:acme status:pending sort:updated-desc",
        after: null,
        appId: 1,
        checkName: "Definition of Done",
      },
    ]);
  });

  it("finds a pull request whose dod run was left in progress long ago among those with pending checks", async () => {
    github.graphql({ search: connection([]) });
    github.graphql({
      search: connection([
        pullRequestSearchNode(9, sha(9), [{ id: 90, status: "in_progress", externalId: id("a", 9) }]),
      ]),
    });
    const found = await pendingPullRequests(octokit(), identity, { login: "bob", type: "User" }, since);
    expect(found.map((pr) => pr.number)).toEqual([9]);
    expect(github.body("graphql", 1).variables.q).toBe(
      "is:pr is:open archived:false user:bob status:pending sort:updated-desc",
    );
    github.assertDone();
  });

  it("reads at most MAX_PENDING_PAGES pages of 50 a search, however many pull requests match", async () => {
    const nodes = Array.from({ length: 50 * MAX_PENDING_PAGES + 10 }, (_, i) =>
      pullRequestSearchNode(i + 1, sha(i + 1), []),
    );
    github.graphql({ search: connection(nodes) }, 2 * MAX_PENDING_PAGES);
    const found = await pendingPullRequests(octokit(), identity, account, since);
    expect(found).toHaveLength(50 * MAX_PENDING_PAGES);
    expect(github.find("graphql")).toHaveLength(2 * MAX_PENDING_PAGES);
    github.assertDone();
  });
});
