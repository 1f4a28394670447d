// Item 9 of issue #15: a failure report goes on the pull request's current head, read from GitHub, and only for a
// pull request that exists; a commit that heads two open pull requests carries a run for each, so neither
// pull request's evaluation rewrites the other's (one shared run flipped between their verdicts at every event).
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadDodApp } from "../helpers/dod-app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { APP_ID, HEAD_SHA, pullRequestData } from "../helpers/pull-request-data.js";

const REPO = "/repos/Codertocat/Hello-World";
const OLD_HEAD = "0000000000000000000000000000000000000001";
const listOwn = (sha: string) =>
  `${REPO}/commits/${sha}/check-runs?check_name=Definition%20of%20Done&filter=all&app_id=${APP_ID}`;
const config =
  "owners: { engineering: [lead-bob] }\ncriteria:\n  - id: docs\n    owner: engineering\n    require: { files: [docs/**] }\n";
const FAILED = { output: { title: "Could not evaluate the definition of done" }, conclusion: "failure" };

function synchronize(sha: string, number = 2) {
  const payload = example("pull_request", "synchronize");
  payload.number = number;
  payload.pull_request.number = number;
  payload.pull_request.head.sha = sha;
  return event("pull_request", payload);
}

describe("where a failure is reported", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
    github.token();
  });
  afterEach(() => nock.cleanAll());
  /** GraphQL failing every time (the retry plugin's 3 retries, per attempt). */
  const graphqlDown = (times = 4) => github.scope.post("/graphql").times(times).reply(500, { message: "Server Error" });

  it("an old head's event folded in after the new head's: the failure goes on the current head, read from GitHub", async () => {
    const { probot, queue } = await loadDodApp({ queue: { settleMs: 30, attempts: 1 } });
    graphqlDown();
    github
      .rest("GET", `${REPO}/pulls/2`, 200, { number: 2, head: { sha: HEAD_SHA } })
      .rest("GET", listOwn(HEAD_SHA), 200, { total_count: 0, check_runs: [] })
      .rest("POST", `${REPO}/check-runs`, 201, { id: 9 });

    // GitHub delivers the new head's event first, then a late one for the old head; they fold into one job.
    await probot.receive(synchronize(HEAD_SHA));
    await probot.receive(synchronize(OLD_HEAD));
    await queue.idle();

    github.assertDone();
    expect(github.calls().filter((c) => c.includes(OLD_HEAD))).toEqual([]);
    expect(github.body("checks/create")).toMatchObject({ head_sha: HEAD_SHA, ...FAILED });
  });

  it("a pull request that does not exist: no report, and another pull request's run on that commit is untouched", async () => {
    const { probot, queue } = await loadDodApp({ queue: { attempts: 1 } });
    graphqlDown();
    github.rest("GET", `${REPO}/pulls/7`, 404, { message: "Not Found" });

    await probot.receive(synchronize(HEAD_SHA, 7));
    await queue.idle();

    github.assertDone();
    // (The failing GraphQL requests are answered by nock directly, unrecorded.)
    expect(github.calls()).toEqual([`GET ${REPO}/pulls/7`]);
  });

  it("a head shared with another open pull request: the failure goes on this pull request's run, not the newest", async () => {
    const { probot, queue } = await loadDodApp({ queue: { attempts: 1 } });
    graphqlDown();
    github
      .rest("GET", `${REPO}/pulls/2`, 200, { number: 2, head: { sha: HEAD_SHA } })
      .rest("GET", listOwn(HEAD_SHA), 200, {
        total_count: 2,
        check_runs: [
          { id: 51, name: "Definition of Done", external_id: "dod:0123456789abcdef:0123456789abcdef#3" },
          { id: 50, name: "Definition of Done", external_id: "dod:fedcba9876543210:0123456789abcdef#2" },
        ],
      })
      .rest("PATCH", `${REPO}/check-runs/50`, 200, { id: 50 });

    await probot.receive(synchronize(HEAD_SHA));
    await queue.idle();

    github.assertDone();
    expect(github.body("checks/update")).toMatchObject({ ...FAILED, external_id: "dod:failed:0123456789abcdef#2" });
  });
});

describe("two open pull requests sharing one head commit", () => {
  beforeEach(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());

  it("each keeps a run of its own: re-evaluating one never rewrites the other's run, nor its own unchanged one", async () => {
    const github = new GitHubMock();
    const { probot, queue } = await loadDodApp({ queue: { attempts: 1 } });
    // #2 is evaluated first: its run is created.
    github
      .token()
      .graphql(pullRequestData({ config, files: ["src/a.ts"] }))
      .rest("POST", `${REPO}/check-runs`, 201, { id: 50 })
      .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 600 });
    await probot.receive(synchronize(HEAD_SHA));
    await queue.idle();
    const mine = github.body("checks/create").external_id as string;
    expect(mine).toMatch(/#2$/);

    // #3 (same head, another base) then wrote its own, newer run. Evaluating #2 again with nothing changed: the
    // rollup's newest run of dod's is #3's, so #2's is looked up among all of dod's runs and left as it is.
    const theirs = { id: 51, externalId: "dod:0123456789abcdef:0123456789abcdef#3" };
    github
      .graphql(
        pullRequestData({
          config,
          files: ["src/a.ts"],
          ownCheckRun: theirs,
          comments: [{ id: 600, author: "dod", bot: true, body: github.body("issues/create-comment").body }],
        }),
      )
      .rest("GET", listOwn(HEAD_SHA), 200, {
        total_count: 2,
        check_runs: [
          { id: 51, name: "Definition of Done", external_id: theirs.externalId },
          { id: 50, name: "Definition of Done", external_id: mine },
        ],
      });
    await probot.receive(synchronize(HEAD_SHA));
    await queue.idle();

    github.assertDone();
    expect(github.find("checks/create")).toHaveLength(1);
    expect(github.find("checks/update")).toHaveLength(0);
  });
});
