// The open pull requests a change of the organisation's done.yml re-judges: read from GitHub's search a page at a
// time, with each pull request's head as the search selected it, and never more than MAX_REJUDGED.
import { Octokit } from "@octokit/rest";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAX_REJUDGED, pullRequestsUnderRules } from "../../src/github/lookups.js";
import type { RulesJob } from "../../src/queue/job.js";
import { GitHubMock } from "../helpers/github.js";
import { pullRequestSearchNode } from "../helpers/github-world.js";
import { connection } from "../helpers/graphql-double.js";

const octokit = () => new Octokit({ auth: "t", request: { retries: 0 } });
const sha = (n: number) => n.toString(16).padStart(40, "0");
const job: RulesJob = {
  kind: "rules",
  installationId: 1,
  owner: "acme",
  repo: ".github",
  branch: "main",
  account: { login: "acme", type: "Organization" },
  commentIds: [],
  deliveryIds: ["d1"],
};

describe("pullRequestsUnderRules, for the organisation's file", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  it(`reads search a page of 100 at a time and stops at MAX_REJUDGED (${MAX_REJUDGED}), however many match`, async () => {
    const nodes = Array.from({ length: MAX_REJUDGED + 150 }, (_, i) => pullRequestSearchNode(i + 1, sha(i + 1), []));
    github.graphql({ search: connection(nodes) }, MAX_REJUDGED / 100);
    const found = await pullRequestsUnderRules(octokit(), job);
    github.assertDone();
    expect(github.find("graphql")).toHaveLength(MAX_REJUDGED / 100);
    expect(found).toHaveLength(MAX_REJUDGED);
    expect(found[0]).toEqual({
      kind: "pull_request",
      installationId: 1,
      owner: "Codertocat",
      repo: "Hello-World",
      number: 1,
      headSha: sha(1),
      commentIds: [],
      deliveryIds: ["d1"],
    });
    expect(found.at(-1)!.number).toBe(MAX_REJUDGED);
  });
});
