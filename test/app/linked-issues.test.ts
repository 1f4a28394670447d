// GitHub lists closing references only for pull requests into the default branch: dod reads "Fixes #7" in the
// title and description itself, fetches those issues in one request, and an edit of such an issue reaches the PR.
import { readFileSync } from "node:fs";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadApp } from "../helpers/app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { pullRequestData } from "../helpers/pull-request-data.js";

const config = readFileSync("test/fixtures/config/basic.yml", "utf8");
const REPO = "/repos/Codertocat/Hello-World";
const issue = (number: number, body: string) => ({
  __typename: "Issue",
  number,
  title: `Issue ${number}`,
  body,
  state: "OPEN",
  url: `https://github.com/Codertocat/Hello-World/issues/${number}`,
  repository: { nameWithOwner: "Codertocat/Hello-World" },
});

describe("linked issues on any base branch", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  it("a pull request into release/1.x that says “Fixes #7” is judged on issue #7, fetched in one more request", async () => {
    const { probot, queue } = await loadApp();
    github
      .token()
      .graphql(
        pullRequestData({
          config,
          baseRef: "release/1.x",
          files: ["README.md"],
          body: "Fixes #7\n\nAlso closes Codertocat/Hello-World#2 (itself) and fixes acme/gone#1",
        }),
      )
      .graphql((body: any) => {
        expect(body.query).toContain("DodLinkedIssues");
        return {
          i0: { issueOrPullRequest: issue(7, "## Acceptance criteria\n- [x] Logs in\n- [ ] Logs out") },
          i1: { issueOrPullRequest: { __typename: "PullRequest" } },
          i2: null,
        };
      })
      .rest("POST", `${REPO}/check-runs`, 201, { id: 77 })
      .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 1 });
    await probot.receive(event("pull_request", example("pull_request", "synchronize")));
    await queue.idle();
    github.assertDone();
    expect(github.calls()).toEqual([
      "POST /graphql",
      "POST /graphql",
      `POST ${REPO}/check-runs`,
      `POST ${REPO}/issues/2/comments`,
    ]);
    const comment: string = github.body("issues/create-comment").body;
    expect(comment).toContain("— #7: 1 of 2 acceptance criteria unticked");
    expect(comment).toContain("  - Still open: [Logs out](https://github.com/Codertocat/Hello-World/issues/7)");
  });

  it("an issue GitHub refuses to show (FORBIDDEN, #15 item 12) is linked but unreadable, not a failed evaluation", async () => {
    const { probot, queue } = await loadApp();
    github.token().graphql(
      pullRequestData({
        config,
        baseRef: "release/1.x",
        files: ["README.md"],
        body: "Fixes #7, fixes acme/private#3",
      }),
    );
    // GitHub answers the readable issue and refuses the other, in one partial answer.
    github.scope.post("/graphql").reply(200, {
      data: { i0: { issueOrPullRequest: issue(7, "## Acceptance criteria\n- [x] Logs in") }, i1: null },
      errors: [{ type: "FORBIDDEN", path: ["i1"], message: "Resource not accessible by integration", locations: [] }],
    });
    github.rest("POST", `${REPO}/check-runs`, 201, { id: 77 });
    await probot.receive(event("pull_request", example("pull_request", "synchronize")));
    await queue.idle();
    github.assertDone();
    const check = github.body("checks/create");
    expect(check.status).toBe("in_progress");
    expect(check.output.summary).toContain("acme/private#3");
    expect(check.output.summary).toContain("can't read that repository");
  });

  it("issues that GitHub already links cost no second request", async () => {
    const { probot, queue } = await loadApp();
    github
      .token()
      .graphql(
        pullRequestData({
          config,
          files: ["README.md"],
          body: "Fixes #1",
          issues: [{ number: 1, body: "## Acceptance criteria\n- [x] ok" }],
        }),
      )
      .rest("POST", `${REPO}/check-runs`, 201, { id: 77 });
    await probot.receive(event("pull_request", example("pull_request", "synchronize")));
    await queue.idle();
    github.assertDone();
    expect(github.body("checks/create").conclusion).toBe("success");
  });

  it("issues.edited reaches the open pull requests whose text closes the issue, not those that only mention it", async () => {
    const { probot, queue } = await loadApp();
    const pr = (number: number, state: string, body: string) => ({
      __typename: "CrossReferencedEvent",
      source: {
        __typename: "PullRequest",
        number,
        state,
        title: "A change",
        body,
        url: `https://github.com/Codertocat/Hello-World/pull/${number}`,
        repository: { name: "Hello-World", owner: { login: "Codertocat" } },
      },
    });
    github
      .token()
      .graphql({
        repository: {
          issue: {
            closedByPullRequestsReferences: { nodes: [] },
            timelineItems: {
              nodes: [
                pr(9, "OPEN", "Fixes #1"),
                pr(10, "OPEN", "see #1"),
                pr(11, "MERGED", "Fixes #1"),
                { __typename: "CrossReferencedEvent", source: { __typename: "Issue" } },
              ],
            },
          },
        },
      })
      .graphql((body: any) => {
        expect(body.variables.number).toBe(9);
        return pullRequestData({
          config,
          number: 9,
          baseRef: "release/1.x",
          files: ["README.md"],
          body: "Fixes #1",
          issues: [],
        });
      })
      .graphql({ i0: { issueOrPullRequest: issue(1, "## Acceptance criteria\n- [x] ok") } })
      .rest("POST", `${REPO}/check-runs`, 201, { id: 78 });
    await probot.receive(event("issues", example("issues", "edited")));
    await queue.idle();
    github.assertDone();
    expect(github.body("checks/create").conclusion).toBe("success");
  });
});
