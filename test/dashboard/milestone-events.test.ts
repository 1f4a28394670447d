// A pull request moved between milestones moves between releases: GitHub reports it as `issues.milestoned` /
// `issues.demilestoned` on the pull request's issue, and the dashboard issue is refreshed without an evaluation.
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Debouncer } from "../../src/dashboard/issue.js";
import { loadApp } from "../helpers/app.js";
import { event, exampleInRepo } from "../helpers/events.js";

describe("milestone events on a pull request", () => {
  beforeEach(() => nock.disableNetConnect());
  afterEach(() => {
    nock.cleanAll();
    vi.restoreAllMocks();
  });

  it.each(["milestoned", "demilestoned"])(
    "issues.%s on a pull request refreshes the dashboard issue; on an issue it does not",
    async (action) => {
      const schedule = vi.spyOn(Debouncer.prototype, "schedule").mockImplementation(() => undefined);
      const { probot, queue } = await loadApp();
      const onPull = exampleInRepo("issues", action);
      onPull.issue.pull_request = { url: "https://api.github.com/repos/Codertocat/Hello-World/pulls/2" };
      const onIssue = exampleInRepo("issues", action);
      delete onIssue.issue.pull_request;
      await probot.receive(event("issues", onPull));
      await probot.receive(event("issues", onIssue));
      await queue.idle();
      expect(schedule.mock.calls.map(([ref]) => ref)).toEqual([
        { owner: "Codertocat", repo: "Hello-World", installationId: 1 },
      ]);
    },
  );
});
