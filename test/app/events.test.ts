// Which events lead to an evaluation, and of which pull request: asserted by the requests the app makes.
import { readFileSync } from "node:fs";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadApp } from "../helpers/app.js";
import { checkPayloadPull, event, example, exampleInRepo } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { APP_ID, pullRequestData } from "../helpers/pull-request-data.js";

const config = readFileSync("test/fixtures/config/basic.yml", "utf8");
const REPO = "/repos/Codertocat/Hello-World";

describe("events that re-evaluate a pull request", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  async function expectOneEvaluation(payloadName: string, payload: Record<string, any>, number = 2) {
    const { probot, queue } = await loadApp();
    github
      .token()
      .graphql((body: any) => {
        expect(body.variables).toEqual({ owner: "Codertocat", name: "Hello-World", number });
        return pullRequestData({
          config,
          number,
          files: ["README.md"],
          issues: [{ number: 1, body: "## Acceptance criteria\n- [x] ok" }],
        });
      })
      .rest("POST", `${REPO}/check-runs`, 201, { id: 77 });
    await probot.receive(event(payloadName, payload));
    await queue.idle();
    github.assertDone();
    expect(github.body("checks/create").conclusion).toBe("success");
  }

  it.each(["opened", "reopened", "edited", "labeled", "unlabeled", "ready_for_review", "converted_to_draft"])(
    "pull_request.%s",
    async (action) => {
      const payload = example("pull_request", "synchronize");
      await expectOneEvaluation("pull_request", { ...payload, action });
    },
  );

  it.each(["submitted", "dismissed"])("pull_request_review.%s", async (action) => {
    await expectOneEvaluation("pull_request_review", example("pull_request_review", action));
  });

  it("check_run.completed of another check (a criterion may wait on it)", async () => {
    await expectOneEvaluation("check_run", example("check_run", "completed"));
  });

  it.each(["rerequested", "requested_action"])("check_run.%s of dod's own check", async (action) => {
    const payload = exampleInRepo("check_run", action);
    payload.check_run.name = "Definition of Done";
    payload.check_run.app.id = APP_ID;
    payload.check_run.pull_requests = [checkPayloadPull(2)];
    await expectOneEvaluation("check_run", payload);
  });

  it("check_run.completed of another app's check that has dod's name", async () => {
    const payload = example("check_run", "completed");
    payload.check_run.name = "Definition of Done";
    await expectOneEvaluation("check_run", payload);
  });

  it("check_suite.rerequested", async () => {
    await expectOneEvaluation("check_suite", exampleInRepo("check_suite", "rerequested"));
  });

  it("Re-check on a fork's pull request, whose payload lists none, finds it through the number dod's run carries", async () => {
    const payload = exampleInRepo("check_run", "requested_action");
    payload.check_run.name = "Definition of Done";
    payload.check_run.app.id = APP_ID;
    payload.check_run.pull_requests = [];
    payload.check_run.external_id = "dod:0123456789abcdef:0123456789abcdef#2";
    await expectOneEvaluation("check_run", payload);
    expect(github.calls()[0]).toBe("POST /graphql");
  });

  it("another check finishing on a fork's pull request finds it among the open pull requests by head SHA", async () => {
    const payload = exampleInRepo("check_run", "completed");
    // GitHub lists no pull request and no branch for a check of a fork's head: the branch is the fork's.
    payload.check_run.pull_requests = [];
    payload.check_run.check_suite.head_branch = null;
    const sha = payload.check_run.head_sha;
    github.commitPulls(REPO, sha, [{ number: 2, fork: true }]).openPulls(REPO, [
      { number: 3, headSha: "another-head" },
      { number: 2, headSha: sha, fork: true },
    ]);
    await expectOneEvaluation("check_run", payload);
    expect(github.calls().slice(0, 2)).toEqual([
      `GET ${REPO}/commits/${sha}/pulls`,
      `GET ${REPO}/pulls?state=open&per_page=100`,
    ]);
  });

  it("evaluates only this repository's pull requests among those a check payload lists", async () => {
    const payload = example("check_run", "completed");
    const upstream = { id: 1, name: "Hello-World", full_name: "octo-org/Hello-World" };
    payload.check_run.pull_requests = [checkPayloadPull(7, upstream), checkPayloadPull(2)];
    await expectOneEvaluation("check_run", payload);
  });

  it("a commit status that finished re-evaluates the pull request whose head it is, looked up once", async () => {
    const payload = exampleInRepo("status");
    payload.state = "success";
    payload.branches = [{ name: "changes", commit: { sha: payload.sha } }];
    github.rest("GET", `${REPO}/commits/${payload.sha}/pulls`, 200, [
      { number: 2, state: "open", head: { sha: payload.sha } },
    ]);
    const { probot, queue } = await loadApp({ queue: { settleMs: 20 } });
    github
      .token()
      .graphql(
        pullRequestData({
          config,
          files: ["README.md"],
          issues: [{ number: 1, body: "## Acceptance criteria\n- [x] ok" }],
        }),
      )
      .rest("POST", `${REPO}/check-runs`, 201, { id: 77 });
    await Promise.all([1, 2, 3].map(() => probot.receive(event("status", { ...payload }))));
    await queue.idle();
    github.assertDone();
    expect(github.calls()).toEqual([
      `GET ${REPO}/commits/${payload.sha}/pulls`,
      "POST /graphql",
      `POST ${REPO}/check-runs`,
    ]);
  });

  it("issues.edited re-evaluates the open pull requests that close the issue", async () => {
    const { probot, queue } = await loadApp();
    github
      .token()
      .graphql((body: any) => {
        expect(body.query).toContain("closedByPullRequestsReferences");
        expect(body.variables).toEqual({ owner: "Codertocat", name: "Hello-World", number: 1 });
        return {
          repository: {
            issue: {
              closedByPullRequestsReferences: {
                nodes: [
                  { number: 7, state: "OPEN", repository: { name: "Hello-World", owner: { login: "Codertocat" } } },
                  { number: 8, state: "MERGED", repository: { name: "Hello-World", owner: { login: "Codertocat" } } },
                ],
              },
              timelineItems: { nodes: [] },
            },
          },
        };
      })
      .graphql((body: any) => {
        expect(body.variables.number).toBe(7);
        return pullRequestData({ config, number: 7, files: ["README.md"] });
      })
      .rest("POST", `${REPO}/check-runs`, 201, { id: 78 })
      .rest("POST", `${REPO}/issues/7/comments`, 201, { id: 1 });

    await probot.receive(event("issues", example("issues", "edited")));
    await queue.idle();

    github.assertDone();
    expect(github.body("checks/create").output.title).toBe("0 of 1 done — missing: Acceptance criteria met");
  });
});

describe("events that must not evaluate", () => {
  beforeEach(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());

  it.each([
    [
      "dod's own check run completing",
      "check_run",
      () => ({
        ...example("check_run", "completed"),
        check_run: {
          ...example("check_run", "completed").check_run,
          name: "Definition of Done",
          app: { ...example("check_run", "completed").check_run.app, id: APP_ID },
        },
      }),
    ],
    ["a re-run requested of another app's check", "check_run", () => example("check_run", "rerequested")],
    [
      "a /dod command on an issue that is no pull request",
      "issue_comment",
      () => {
        const payload = example("issue_comment", "created");
        payload.comment.body = "/dod check";
        return payload;
      },
    ],
    [
      "an edit of dod's own dashboard issue",
      "issues",
      () => {
        const payload = exampleInRepo("issues", "edited");
        payload.issue.body = "<!-- dod:dashboard -->\n# Definition of Done dashboard";
        return payload;
      },
    ],
    [
      "a check finishing on the default branch, where no pull request is",
      "check_run",
      () => {
        const payload = exampleInRepo("check_run", "completed");
        payload.check_run.pull_requests = [];
        payload.check_run.check_suite.head_branch = payload.repository.default_branch;
        return payload;
      },
    ],
    [
      "a check finishing on a branch of this repository that no pull request has",
      "check_run",
      () => {
        const payload = exampleInRepo("check_run", "completed");
        payload.check_run.pull_requests = [];
        payload.check_run.check_suite.head_branch = "spike";
        return payload;
      },
    ],
    [
      "a pending commit status",
      "status",
      () => ({ ...exampleInRepo("status"), state: "pending", branches: [{ name: "changes" }] }),
    ],
    [
      "a pull request comment without a /dod command",
      "issue_comment",
      () => {
        const payload = example("issue_comment", "created");
        payload.issue.pull_request = { url: "https://api.github.com/repos/Codertocat/Hello-World/pulls/1" };
        return payload;
      },
    ],
    [
      "a /dod command written by a bot",
      "issue_comment",
      () => {
        const payload = example("issue_comment", "created");
        payload.issue.pull_request = { url: "https://api.github.com/repos/Codertocat/Hello-World/pulls/1" };
        payload.comment.body = "/dod check";
        payload.comment.user.type = "Bot";
        return payload;
      },
    ],
  ])("%s", async (_what, name, payload) => {
    const { probot, queue } = await loadApp();
    const p = payload() as Record<string, any>;
    if (name === "check_run" && p.action === "rerequested") p.check_run.name = "Octocoders-linter";
    await probot.receive(event(name, p));
    await queue.idle();
    // nock refuses any request: reaching here without an error and with nothing queued means none was made.
    expect(queue.stats()).toMatchObject({ processed: 0, failed: 0 });
  });
});
