// Events about a commit: a commit status, a fork's check (both name no pull request), a check re-run, a review.
// What the last published evaluation of a head saw (github/heads.ts) routes them without a look-up and skips
// those that cannot change the verdict; an event that can change it is still evaluated. Exact requests asserted.
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadApp } from "../helpers/app.js";
import { event, example, exampleInRepo } from "../helpers/events.js";
import { DebugLog } from "../helpers/debug-log.js";
import { GitHubMock } from "../helpers/github.js";
import { BASE_SHA, HEAD_SHA, pullRequestData } from "../helpers/pull-request-data.js";

const REPO = "/repos/Codertocat/Hello-World";

const config = (extra = "") => `owners: { product: [pm-alice], engineering: [lead-bob] }
comment: never
criteria:
  - id: docs
    owner: engineering
    require: { files: [docs/**] }
${extra}`;
const BENCHMARK = `  - id: perf
    owner: engineering
    require: { check: "benchmark*" }
`;
const APPROVAL = `  - id: sign-off
    owner: product
    require: { approved_by: product }
`;

function status(context: string, state: string, branches = [{ name: "changes" }], sha = HEAD_SHA) {
  return event("status", { ...exampleInRepo("status"), sha, context, state, branches });
}

function checkCompleted(name: string, conclusion: string, fork = false) {
  const payload = example("check_run", "completed");
  payload.check_run.name = name;
  payload.check_run.conclusion = conclusion;
  if (fork) {
    // GitHub lists no pull request and no branch for a check of a fork's head.
    payload.check_run.pull_requests = [];
    payload.check_run.check_suite.head_branch = null;
  }
  return event("check_run", payload);
}

function review(state = "approved") {
  const payload = example("pull_request_review", "submitted");
  payload.review.state = state;
  payload.review.user.login = "pm-alice";
  return event("pull_request_review", payload);
}

describe("events about a commit evaluated before", () => {
  let github: GitHubMock;
  let debug: DebugLog;
  const log = () => debug.logger();
  const skips = () => debug.skips();

  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
    debug = new DebugLog();
  });
  afterEach(() => nock.cleanAll());

  type World = Parameters<typeof pullRequestData>[0];
  /** The app after one published evaluation of pull request #2 at HEAD_SHA. */
  async function evaluatedOnce(world: World) {
    const app = await loadApp({ log: log() });
    github
      .token()
      .graphql(pullRequestData({ files: ["docs/a.md"], ...world }))
      .rest("POST", `${REPO}/check-runs`, 201, { id: 5 });
    await app.probot.receive(event("pull_request", example("pull_request", "synchronize")));
    await app.queue.idle();
    github.assertDone();
    const published = github.body("checks/create");
    github.requests.length = 0;
    return { ...app, published };
  }

  /** The next evaluation reads this world and writes a check run. */
  const evaluation = (world: World) =>
    github
      .graphql(pullRequestData({ files: ["docs/a.md"], ...world }))
      .rest("POST", `${REPO}/check-runs`, 201, { id: 6 });

  describe("commit statuses", () => {
    it("a status on a branch with no pull request is looked up once and pages no pull requests", async () => {
      const { probot, queue } = await loadApp({ log: log() });
      const sha = "1234567890123456789012345678901234567890";
      github.token().commitPulls(REPO, sha, []);
      await probot.receive(status("benchmark-linux", "success", [{ name: "spike" }], sha));
      await queue.idle();
      github.assertDone();
      expect(github.calls()).toEqual([`GET ${REPO}/commits/${sha}/pulls`]);
    });

    it("a status on a commit on no branch here (a fork's head) is found among the open pull requests", async () => {
      const { probot, queue } = await loadApp({ log: log() });
      github
        .token()
        .commitPulls(REPO, HEAD_SHA, [{ number: 2, fork: true }])
        .openPulls(REPO, [{ number: 2, headSha: HEAD_SHA, fork: true }]);
      evaluation({ config: config(BENCHMARK), statuses: [{ context: "benchmark-linux", state: "SUCCESS" }] });
      await probot.receive(status("benchmark-linux", "success", []));
      await queue.idle();
      github.assertDone();
      expect(github.calls()).toEqual([
        `GET ${REPO}/commits/${HEAD_SHA}/pulls`,
        `GET ${REPO}/pulls?state=open&per_page=100`,
        "POST /graphql",
        `POST ${REPO}/check-runs`,
      ]);
    });

    it("a status no requirement names, on a commit evaluated before, costs no request", async () => {
      const { probot, queue } = await evaluatedOnce({ config: config(BENCHMARK) });
      await probot.receive(status("ci/circleci", "success"));
      await probot.receive(status("ci/circleci", "failure", []));
      await queue.idle();
      github.assertDone();
      expect(github.calls()).toEqual([]);
      expect(skips()).toEqual([
        "no check requirement of the config at f95f852 names the status ci/circleci",
        "no check requirement of the config at f95f852 names the status ci/circleci",
      ]);
    });

    it("a status on the head of a pull request closed since is looked up, not sent to the closed one", async () => {
      const { probot, queue, dashboard } = await evaluatedOnce({ config: config(BENCHMARK) });
      // The dashboard's refresh on closing is another test's (test/dashboard): none here.
      dashboard.close();
      await probot.receive(event("pull_request", example("pull_request", "closed")));
      github.commitPulls(REPO, HEAD_SHA, [{ number: 2, state: "closed" }]);
      await probot.receive(status("benchmark-linux", "failure"));
      await queue.idle();
      github.assertDone();
      expect(github.calls()).toEqual([`GET ${REPO}/commits/${HEAD_SHA}/pulls`]);
    });

    it("a named status finishing with a new conclusion is evaluated at once, without a look-up", async () => {
      const { probot, queue, published } = await evaluatedOnce({
        config: config(BENCHMARK),
        statuses: [{ context: "benchmark-linux", state: "PENDING" }],
      });
      expect(published.output.summary).toContain("waiting for `benchmark-linux`");
      evaluation({ config: config(BENCHMARK), statuses: [{ context: "benchmark-linux", state: "SUCCESS" }] });
      await probot.receive(status("benchmark-linux", "success"));
      await queue.idle();
      github.assertDone();
      expect(github.calls()).toEqual(["POST /graphql", `POST ${REPO}/check-runs`]);
      expect(github.body("checks/create").conclusion).toBe("success");
      expect(skips()).toEqual([]);
    });

    it("a named status finishing as the evaluation saw it costs no request; another conclusion is evaluated", async () => {
      const { probot, queue } = await evaluatedOnce({
        config: config(BENCHMARK),
        statuses: [{ context: "benchmark-linux", state: "SUCCESS" }],
      });
      await probot.receive(status("benchmark-linux", "success"));
      await queue.idle();
      expect(github.calls()).toEqual([]);
      expect(skips()).toEqual([
        "the status benchmark-linux finished success again, as the evaluation of ec26c3e saw it",
      ]);

      evaluation({ config: config(BENCHMARK), statuses: [{ context: "benchmark-linux", state: "FAILURE" }] });
      await probot.receive(status("benchmark-linux", "failure"));
      await queue.idle();
      github.assertDone();
      expect(github.calls()).toEqual(["POST /graphql", `POST ${REPO}/check-runs`]);
      expect(github.body("checks/create").conclusion).toBe("failure");
    });
  });

  describe("checks", () => {
    it("a named check re-run finishing as seen costs no request; finishing otherwise is evaluated", async () => {
      const { probot, queue } = await evaluatedOnce({
        config: config(BENCHMARK),
        checks: [{ name: "benchmark-linux", conclusion: "SUCCESS" }],
      });
      await probot.receive(checkCompleted("benchmark-linux", "success"));
      await queue.idle();
      expect(github.calls()).toEqual([]);
      expect(skips()).toEqual([
        "the check benchmark-linux finished success again, as the evaluation of ec26c3e saw it",
      ]);

      evaluation({ config: config(BENCHMARK), checks: [{ name: "benchmark-linux", conclusion: "TIMED_OUT" }] });
      await probot.receive(checkCompleted("benchmark-linux", "timed_out"));
      await queue.idle();
      github.assertDone();
      expect(github.calls()).toEqual(["POST /graphql", `POST ${REPO}/check-runs`]);
      expect(github.body("checks/create").conclusion).toBe("failure");
    });

    it("a fork's check on a head evaluated before goes to its pull request without a look-up", async () => {
      const { probot, queue } = await evaluatedOnce({
        config: config(BENCHMARK),
        checks: [{ name: "benchmark-linux", status: "IN_PROGRESS" }],
      });
      await probot.receive(checkCompleted("lint", "success", true));
      await queue.idle();
      expect(github.calls()).toEqual([]);
      expect(skips()).toEqual(["no check requirement of the config at f95f852 names the check lint"]);

      evaluation({ config: config(BENCHMARK), checks: [{ name: "benchmark-linux", conclusion: "SUCCESS" }] });
      await probot.receive(checkCompleted("benchmark-linux", "success", true));
      await queue.idle();
      github.assertDone();
      expect(github.calls()).toEqual(["POST /graphql", `POST ${REPO}/check-runs`]);
      expect(github.body("checks/create").conclusion).toBe("success");
    });
  });

  describe("reviews", () => {
    it("a review costs no request when no requirement reads approvals and done.yml is unchanged", async () => {
      const { probot, queue } = await evaluatedOnce({ config: config() });
      await probot.receive(review());
      await probot.receive(review("changes_requested"));
      await queue.idle();
      github.assertDone();
      expect(github.calls()).toEqual([]);
      expect(skips()).toEqual([
        "no approved_by requirement in the config at f95f852, and ec26c3e leaves done.yml alone: a review cannot change the verdict",
        "no approved_by requirement in the config at f95f852, and ec26c3e leaves done.yml alone: a review cannot change the verdict",
      ]);
    });

    it("a review is evaluated when an approved_by requirement reads it", async () => {
      const { probot, queue } = await evaluatedOnce({ config: config(APPROVAL) });
      evaluation({ config: config(APPROVAL), reviews: [{ author: "pm-alice", state: "APPROVED" }] });
      await probot.receive(review());
      await queue.idle();
      github.assertDone();
      expect(github.calls()).toEqual(["POST /graphql", `POST ${REPO}/check-runs`]);
      expect(github.body("checks/create").output.summary).toContain("✅ sign-off");
      expect(skips()).toEqual([]);
    });

    it("a review is evaluated when the pull request changes done.yml: its change needs approvals", async () => {
      const files = ["docs/a.md", ".github/done.yml"];
      const { probot, queue } = await evaluatedOnce({ config: config(), files });
      evaluation({ config: config(), files, reviews: [{ author: "pm-alice", state: "APPROVED" }] });
      await probot.receive(review());
      await queue.idle();
      github.assertDone();
      expect(github.calls()).toEqual(["POST /graphql", `POST ${REPO}/check-runs`]);
      expect(skips()).toEqual([]);
    });

    it("a review on a base commit never evaluated is evaluated", async () => {
      const { probot, queue } = await evaluatedOnce({ config: config() });
      evaluation({ config: config(), baseSha: "89abcdef0123456789abcdef0123456789abcdef" });
      const payload = example("pull_request_review", "submitted");
      payload.pull_request.base.sha = "89abcdef0123456789abcdef0123456789abcdef";
      await probot.receive(event("pull_request_review", payload));
      await queue.idle();
      github.assertDone();
      expect(github.calls()).toEqual(["POST /graphql", `POST ${REPO}/check-runs`]);
      expect(BASE_SHA).not.toBe(payload.pull_request.base.sha);
    });
  });
});
