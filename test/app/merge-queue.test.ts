// Merge queues: "Definition of Done" as a required check on a branch with a merge queue must report on each merge
// group's commit (`merge_group.checks_requested`, whose payload names no pull request beyond its ref), or the
// queue waits for it until the group times out. dod carries over the verdict of the pull request the group ends
// with, read from dod's own check on that pull request's head.
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadApp } from "../helpers/app.js";
import { event, exampleInRepo } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { APP_ID } from "../helpers/pull-request-data.js";

const REPO = "/repos/Codertocat/Hello-World";
const GROUP_SHA = "2ffea6db159f6b6c47a24e778fb9ef40cf6b1c7d";
const PR_HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const LIST_OWN = `${REPO}/commits/${PR_HEAD}/check-runs?check_name=Definition%20of%20Done&filter=latest&app_id=${APP_ID}`;

/** GitHub's example `merge_group.checks_requested`, in the fixtures' repository, for a group ending with #2. */
function checksRequested(headRef = `refs/heads/gh-readonly-queue/master/pr-2-${PR_HEAD}`) {
  const payload = exampleInRepo("merge_group", "checks_requested");
  payload.merge_group.head_ref = headRef;
  return event("merge_group", payload);
}

const ownRun = (status: string, conclusion: string | null, title: string) => ({
  total_count: 1,
  check_runs: [
    {
      id: 71,
      name: "Definition of Done",
      head_sha: PR_HEAD,
      status,
      conclusion,
      html_url: "https://github.com/Codertocat/Hello-World/runs/71",
      output: { title, summary: "…" },
      app: { id: APP_ID },
    },
  ],
});

describe("a merge queue asking for checks on a merge group", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
    github.token();
  });
  afterEach(() => nock.cleanAll());

  const receive = async (payload = checksRequested()) => {
    const { probot, queue } = await loadApp();
    await probot.receive(payload);
    await queue.idle();
    github.assertDone();
  };
  const pull = () =>
    github.rest("GET", `${REPO}/pulls/2`, 200, {
      number: 2,
      html_url: "https://github.com/Codertocat/Hello-World/pull/2",
      head: { sha: PR_HEAD },
    });

  it("passes the group when the pull request it ends with is done: its verdict carried over to the group's commit", async () => {
    pull()
      .rest("GET", LIST_OWN, 200, ownRun("completed", "success", "All 3 done"))
      .rest("POST", `${REPO}/check-runs`, 201, { id: 90 });

    await receive();

    expect(github.calls()).toEqual([`GET ${REPO}/pulls/2`, `GET ${LIST_OWN}`, `POST ${REPO}/check-runs`]);
    expect(github.body("checks/create")).toEqual({
      name: "Definition of Done",
      head_sha: GROUP_SHA,
      status: "completed",
      conclusion: "success",
      details_url: "https://github.com/Codertocat/Hello-World/runs/71",
      output: {
        title: "#2: All 3 done",
        summary:
          "dod does not evaluate a merge group again: it carries over the verdict of #2 on its head commit ec26c3e, which the pull request needed to enter the queue.\n\n[The pull request's check](https://github.com/Codertocat/Hello-World/runs/71) concluded **success**.",
      },
    });
  });

  it("holds the group back when the pull request is not done (it was let in past the rule)", async () => {
    pull()
      .rest("GET", LIST_OWN, 200, ownRun("completed", "failure", "1 of 2 done — missing: docs"))
      .rest("POST", `${REPO}/check-runs`, 201, { id: 90 });

    await receive();

    expect(github.body("checks/create")).toMatchObject({
      head_sha: GROUP_SHA,
      conclusion: "failure",
      output: { title: "#2: 1 of 2 done — missing: docs" },
    });
  });

  it("holds the group back when the pull request has no finished verdict", async () => {
    pull()
      .rest("GET", LIST_OWN, 200, ownRun("in_progress", null, "Waiting for CI"))
      .rest("POST", `${REPO}/check-runs`, 201, { id: 90 });

    await receive();

    expect(github.body("checks/create")).toMatchObject({
      head_sha: GROUP_SHA,
      conclusion: "failure",
      output: { title: "#2 has no definition-of-done verdict yet" },
    });
  });

  it("answers neutral, reading nothing, when the group's ref names no pull request", async () => {
    github.rest("POST", `${REPO}/check-runs`, 201, { id: 90 });

    await receive(checksRequested("refs/heads/some-other-queue"));

    expect(github.calls()).toEqual([`POST ${REPO}/check-runs`]);
    expect(github.body("checks/create")).toMatchObject({
      head_sha: GROUP_SHA,
      conclusion: "neutral",
      output: { title: "No pull request named by this merge group" },
    });
  });
});
