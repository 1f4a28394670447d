// The stateful double's check runs answer updates as GitHub does: another app's run is not dod's to touch (403),
// and a completed run does not go back to running (422, see github-rules.ts).
import { Octokit } from "@octokit/rest";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GitHubWorld } from "../helpers/github-world.js";
import { HEAD_SHA } from "../helpers/pull-request-data.js";

const repo = { owner: "Codertocat", repo: "Hello-World" };
const output = { title: "t", summary: "s" };

describe("the double's check runs", () => {
  let world: GitHubWorld;
  const octokit = new Octokit({ auth: "ghs_world_token", request: { retries: 0 } });
  beforeEach(() => {
    nock.disableNetConnect();
    world = new GitHubWorld();
  });
  afterEach(() => nock.cleanAll());

  it("answers 403 to an update of a check run another app created, and leaves the run as it was", async () => {
    const other = world.addOtherAppRun({
      head_sha: HEAD_SHA,
      app_id: 15368,
      name: "Definition of Done",
      status: "completed",
      conclusion: "success",
      output,
    });

    const update = octokit.rest.checks.update({ ...repo, check_run_id: other.id, conclusion: "failure" });

    await expect(update).rejects.toMatchObject({ status: 403, message: expect.stringContaining("not accessible") });
    expect(world.refusals).toEqual(["403 Resource not accessible by integration"]);
    expect(world.checkRuns[0]).toMatchObject({ conclusion: "success" });
  });

  it("answers 422 to moving a completed check run back to in_progress, and takes a completed-to-completed update", async () => {
    const { data } = await octokit.rest.checks.create({
      ...repo,
      name: "Definition of Done",
      head_sha: HEAD_SHA,
      conclusion: "failure",
      output,
    });

    const back = octokit.rest.checks.update({ ...repo, check_run_id: data.id, status: "in_progress" });
    await expect(back).rejects.toMatchObject({ status: 422 });
    await octokit.rest.checks.update({ ...repo, check_run_id: data.id, status: "completed", conclusion: "success" });

    expect(world.checkRuns).toEqual([expect.objectContaining({ status: "completed", conclusion: "success" })]);
    expect(world.refusals).toHaveLength(1);
  });
});
