// The queue through the real app: a burst on one pull request costs one evaluation, and a job that fails every
// attempt still ends in a completed check run.
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadApp, type LoadOptions } from "../helpers/app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { HEAD_SHA, pullRequestData } from "../helpers/pull-request-data.js";

const synchronize = () => event("pull_request", example("pull_request", "synchronize"));
const load = (queue: NonNullable<LoadOptions["queue"]>) => loadApp({ queue: { settleMs: 50, ...queue } });

describe("the queue in the app", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  it("answers 10 deliveries for one pull request at once and evaluates it once: one query, one check run", async () => {
    // The settle delay outlasts the deliveries even on a loaded machine, so nothing runs before the assertions.
    const { probot, queue, get } = await load({ settleMs: 1000 });
    github
      .token()
      .graphql(pullRequestData({ config: null }))
      .rest("POST", "/repos/Codertocat/Hello-World/check-runs", 201, { id: 77 });

    const started = performance.now();
    for (let i = 0; i < 10; i++) await probot.receive(synchronize());
    const handled = performance.now() - started;
    expect(github.requests).toEqual([]); // the handlers only enqueued
    expect(handled).toBeLessThan(500);
    expect(queue.stats()).toMatchObject({ waiting: 1, running: 0, coalesced: 9 });

    await queue.idle();
    github.assertDone();
    expect(github.calls()).toEqual(["POST /graphql", "POST /repos/Codertocat/Hello-World/check-runs"]);
    expect(queue.stats()).toMatchObject({ waiting: 0, processed: 1, coalesced: 9, failed: 0 });

    const metrics = await get("/metrics");
    expect(metrics).toContain("dod_jobs_processed_total 1");
    expect(metrics).toContain("dod_events_coalesced_total 9");
    expect(metrics).toContain("dod_jobs_failed_total 0");
    expect(metrics).toContain("dod_queue_waiting 0");
    expect(metrics).toContain('dod_evaluation_duration_seconds_count{outcome="ok"} 1');
    await queue.close();
  });

  it("retries a failing evaluation, then completes the check run with what failed", async () => {
    const { probot, queue, get } = await load({ settleMs: 0, attempts: 3, backoffMs: 10 });
    let queries = 0;
    github.token();
    github.scope
      .post("/graphql")
      .times(3)
      .reply(() => {
        queries++;
        return [502, { message: "Server Error" }];
      });
    github
      .rest("GET", `/repos/Codertocat/Hello-World/pulls/2`, 200, { number: 2, head: { sha: HEAD_SHA } })
      .rest(
        "GET",
        `/repos/Codertocat/Hello-World/commits/${HEAD_SHA}/check-runs?check_name=Definition%20of%20Done&filter=all&app_id=1`,
        200,
        { total_count: 0, check_runs: [] },
      )
      .rest("POST", "/repos/Codertocat/Hello-World/check-runs", 201, { id: 78 });

    await probot.receive(synchronize());
    await queue.idle();

    github.assertDone();
    expect(queries).toBe(3);
    expect(github.body("checks/create")).toMatchObject({
      name: "Definition of Done",
      head_sha: HEAD_SHA,
      status: "completed",
      conclusion: "failure",
      output: { title: "Could not evaluate the definition of done" },
      actions: [{ identifier: "recheck" }],
    });
    expect(queue.stats()).toMatchObject({ processed: 0, failed: 1 });
    const metrics = await get("/metrics");
    expect(metrics).toContain("dod_jobs_failed_total 1");
    expect(metrics).toContain('dod_evaluation_duration_seconds_count{outcome="error"} 3');
    await queue.close();
  });
});
