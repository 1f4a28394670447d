// Team membership tolerates a config's mistakes (an unknown organisation, one that hides its teams) but not GitHub
// failing: a partial answer with any other error must not make a team look unknown (its approvals would not count).
import { Octokit } from "@octokit/rest";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { gatherTeams } from "../../src/github/teams.js";
import { GitHubError } from "../helpers/graphql-double.js";
import { GitHubMock } from "../helpers/github.js";

const octokit = () => new Octokit({ auth: "t", request: { retries: 0 } });
const members = (...logins: string[]) => ({
  team: { members: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: logins.map((login) => ({ login })) } },
});

describe("gatherTeams", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  it("keeps the teams that resolved beside an unknown organisation and one that refuses dod", async () => {
    github.graphql({
      t0: members("lead-bob"),
      t1: null,
      t2: () => {
        throw new GitHubError("FORBIDDEN", "Resource not accessible by integration");
      },
    });
    expect(await gatherTeams(octokit(), ["@acme/eng", "@gone/pm", "@other/qa"])).toEqual({
      "@acme/eng": ["lead-bob"],
      "@gone/pm": null,
      "@other/qa": null,
    });
    github.assertDone();
  });

  it("fails on any other error rather than reading a team as unknown", async () => {
    github.graphql({
      t0: members("lead-bob"),
      t1: () => {
        throw new GitHubError("RATE_LIMITED", "API rate limit exceeded");
      },
    });
    await expect(gatherTeams(octokit(), ["@acme/eng", "@acme/pm"])).rejects.toThrow("API rate limit exceeded");
  });
});
