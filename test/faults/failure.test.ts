// A handler that fails must not leave the pull request waiting on a check that never finishes.
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadDodApp } from "../helpers/dod-app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { HEAD_SHA, pullRequestData } from "../helpers/pull-request-data.js";

const REPO = "/repos/Codertocat/Hello-World";
const config =
  "owners: { engineering: [lead-bob] }\ncriteria:\n  - id: ci\n    owner: engineering\n    require: { check: build }\n";
const synchronize = () => event("pull_request", example("pull_request", "synchronize"));

describe("a failing evaluation", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  it("completes the check left in progress with a clear error title once its last attempt failed", async () => {
    const { probot, queue } = await loadDodApp({ queue: { attempts: 2, backoffMs: 1 } });
    // First evaluation: the build is still running, so dod's check is in progress.
    github
      .token()
      .graphql(pullRequestData({ config, checks: [{ name: "build", status: "IN_PROGRESS" }] }))
      .rest("POST", `${REPO}/check-runs`, 201, { id: 5 });
    await probot.receive(synchronize());
    await queue.idle();
    expect(github.body("checks/create")).toMatchObject({ status: "in_progress" });

    // The build finished, but GitHub now fails every read (the retry plugin's 3 retries, on both attempts).
    github.scope.post("/graphql").times(8).reply(500, { message: "Server Error" });
    github
      .rest("GET", `/repos/Codertocat/Hello-World/pulls/2`, 200, { number: 2, head: { sha: HEAD_SHA } })
      .rest(
        "GET",
        `${REPO}/commits/${HEAD_SHA}/check-runs?check_name=Definition%20of%20Done&filter=all&app_id=1`,
        200,
        {
          total_count: 1,
          check_runs: [{ id: 5, name: "Definition of Done", status: "in_progress" }],
        },
      )
      .rest("PATCH", `${REPO}/check-runs/5`, 200, { id: 5 });
    await probot.receive(event("check_run", { ...example("check_run", "completed"), installation: { id: 1 } }));
    await probot.receive(synchronize());
    await queue.idle();

    github.assertDone();
    expect(github.find("checks/create")).toHaveLength(1);
    expect(github.body("checks/update")).toMatchObject({
      status: "completed",
      conclusion: "failure",
      output: { title: "Could not evaluate the definition of done" },
      actions: [{ identifier: "recheck" }],
    });
    expect(github.body("checks/update").output.summary).toContain("Server Error");
    expect(github.body("checks/update").external_id).toBe("dod:failed#2");
  });

  it("marks the check it failed on, so the next evaluation rewrites it even when the facts match the last good one", async () => {
    const facts = pullRequestData({ config, checks: [{ name: "build", conclusion: "SUCCESS" }] });
    const { probot, queue } = await loadDodApp({ queue: { attempts: 1 } });
    // A good evaluation, then one that fails (GitHub failing every read), then Re-check with the same facts.
    github.token().graphql(facts).rest("POST", `${REPO}/check-runs`, 201, { id: 5 });
    await probot.receive(synchronize());
    await queue.idle();
    const good = github.body("checks/create").external_id as string;
    expect(good).toMatch(/^dod:[0-9a-f]{16}:[0-9a-f]{16}#2$/);

    github.scope.post("/graphql").times(4).reply(500, { message: "Server Error" });
    github
      .rest("GET", `/repos/Codertocat/Hello-World/pulls/2`, 200, { number: 2, head: { sha: HEAD_SHA } })
      .rest(
        "GET",
        `${REPO}/commits/${HEAD_SHA}/check-runs?check_name=Definition%20of%20Done&filter=all&app_id=1`,
        200,
        {
          total_count: 1,
          check_runs: [{ id: 5, name: "Definition of Done", status: "completed", external_id: good }],
        },
      )
      .rest("PATCH", `${REPO}/check-runs/5`, 200, { id: 5 });
    await probot.receive(synchronize());
    await queue.idle();
    const failure = github.body("checks/update");
    expect(failure).toMatchObject({
      conclusion: "failure",
      output: { title: "Could not evaluate the definition of done" },
    });
    // What GitHub now holds as the run's external id: the failure's, or else still the good evaluation's.
    const held = (failure.external_id as string | undefined) ?? good;
    expect(held).toMatch(/^dod:failed(:|#|$)/);
    // The failure report left the annotations alone, and says so: the good evaluation's part is kept.
    expect(held.split(":")[2]).toBe(good.split(":")[2]);

    const recheck = pullRequestData({
      config,
      checks: [{ name: "build", conclusion: "SUCCESS" }],
      ownCheckRun: { id: 5, externalId: held },
    });
    github.graphql(recheck).rest("PATCH", `${REPO}/check-runs/5`, 200, { id: 5 });
    await probot.receive(synchronize());
    await queue.idle();

    github.assertDone();
    const rewritten = github.body("checks/update", 1);
    expect(rewritten).toMatchObject({ status: "completed", conclusion: "success", external_id: good });
  });
});
