import { readFileSync } from "node:fs";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { COMMENT_MARKER } from "../../src/report/comment.js";
import { loadApp } from "../helpers/app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { HEAD_SHA, pullRequestData } from "../helpers/pull-request-data.js";

const config = readFileSync("test/fixtures/config/basic.yml", "utf8");
const ISSUE_DONE = "## Acceptance criteria\n- [x] Users can sign in\n- [x] Errors are shown\n";
const synchronize = () => event("pull_request", example("pull_request", "synchronize"));

describe("pull_request events", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  it("reports missing items in one check run and one new comment", async () => {
    const { probot, queue } = await loadApp();
    github
      .token()
      .graphql(pullRequestData({ config, files: ["src/login.ts"] }))
      .rest("POST", "/repos/Codertocat/Hello-World/check-runs", 201, { id: 77 })
      .rest("POST", "/repos/Codertocat/Hello-World/issues/2/comments", 201, { id: 501 });

    await probot.receive(synchronize());
    await queue.idle();

    github.assertDone();
    expect(github.calls()).toEqual([
      "POST /graphql",
      "POST /repos/Codertocat/Hello-World/check-runs",
      "POST /repos/Codertocat/Hello-World/issues/2/comments",
    ]);
    const check = github.body("checks/create");
    expect(check).toMatchObject({
      name: "Definition of Done",
      head_sha: HEAD_SHA,
      status: "completed",
      conclusion: "failure",
      actions: [{ label: "Re-check", identifier: "recheck" }],
    });
    expect(check.output.title).toBe("0 of 2 done — missing: Acceptance criteria met, Unit tests for critical paths");
    expect(check.output.summary).toContain("Link the issue and tick every box");
    const comment = github.body("issues/create-comment").body as string;
    expect(comment.startsWith(COMMENT_MARKER)).toBe(true);
    expect(comment).toContain("Acceptance criteria met");
    expect(comment).toContain("Add or update tests next to the code you changed.");
    expect(comment).not.toContain("On-call runbook");
  });

  it("passes, updates its check in place and edits the comment to say all is done", async () => {
    const { probot, queue } = await loadApp();
    github
      .token()
      .graphql(
        pullRequestData({
          config,
          files: ["src/login.ts", "src/login.test.ts"],
          issues: [{ number: 12, body: ISSUE_DONE }],
          ownCheckRun: { id: 77, externalId: "dod:old" },
          comments: [{ id: 501, author: "dod-app[bot]", bot: true, body: `${COMMENT_MARKER}\nold text` }],
        }),
      )
      .rest("PATCH", "/repos/Codertocat/Hello-World/check-runs/77", 200, { id: 77 })
      .rest("PATCH", "/repos/Codertocat/Hello-World/issues/comments/501", 200, { id: 501 });

    await probot.receive(synchronize());
    await queue.idle();

    github.assertDone();
    const check = github.body("checks/update");
    expect(check).toMatchObject({ status: "completed", conclusion: "success" });
    expect(check.output.title).toBe("2 of 2 done");
    expect(github.body("issues/update-comment").body).toContain("All 2 items");
  });

  it("writes nothing when the verdict and the comment did not change", async () => {
    const { probot, queue } = await loadApp();
    const data = pullRequestData({ config, files: ["src/login.ts"] });
    github
      .token()
      .graphql(data)
      .rest("POST", "/repos/Codertocat/Hello-World/check-runs", 201, { id: 77 })
      .rest("POST", "/repos/Codertocat/Hello-World/issues/2/comments", 201, { id: 501 });
    await probot.receive(synchronize());
    await queue.idle();
    const written = github.body("checks/create");
    const comment = github.body("issues/create-comment").body;

    const again = pullRequestData({
      config,
      files: ["src/login.ts"],
      ownCheckRun: { id: 77, externalId: written.external_id },
      comments: [{ id: 501, author: "dod-app[bot]", bot: true, body: comment }],
    });
    github.graphql(again);
    await probot.receive(synchronize());
    await queue.idle();

    github.assertDone();
    expect(github.calls()).toEqual([
      "POST /graphql",
      "POST /repos/Codertocat/Hello-World/check-runs",
      "POST /repos/Codertocat/Hello-World/issues/2/comments",
      "POST /graphql",
    ]);
  });

  it("gives a neutral check with a starter config when the base branch has no done.yml", async () => {
    const { probot, queue } = await loadApp();
    github
      .token()
      .graphql(pullRequestData({ config: null }))
      .rest("POST", "/repos/Codertocat/Hello-World/check-runs", 201, { id: 77 });

    await probot.receive(synchronize());
    await queue.idle();

    github.assertDone();
    const check = github.body("checks/create");
    expect(check.conclusion).toBe("neutral");
    expect(check.output.title).toContain("No definition of done yet");
    expect(check.output.summary).toContain("```yaml");
  });

  it("fails with located problems when done.yml is invalid, and never comments", async () => {
    const { probot, queue } = await loadApp();
    const broken = "owners:\n  product: [pm-alice]\ncriteria:\n  - id: docs\n    owner: marketing\n    require:\n      files: [docs/**]\n";
    github
      .token()
      .graphql(pullRequestData({ config: broken }))
      .rest("POST", "/repos/Codertocat/Hello-World/check-runs", 201, { id: 77 });

    await probot.receive(synchronize());
    await queue.idle();

    github.assertDone();
    const check = github.body("checks/create");
    expect(check.conclusion).toBe("failure");
    expect(check.output.summary).toContain(".github/done.yml:5:12");
    expect(check.output.summary).toContain("criteria.0.owner");
  });

  it("judges by the base branch's rules even when the pull request edits done.yml", async () => {
    const { probot, queue } = await loadApp();
    const weakened = "owners:\n  product: [pm-alice]\n  engineering: [lead-bob]\ncriteria: []\n";
    github
      .token()
      .graphql(pullRequestData({ config, headConfig: weakened, files: ["src/login.ts", ".github/done.yml"] }))
      .rest("POST", "/repos/Codertocat/Hello-World/check-runs", 201, { id: 77 })
      .rest("POST", "/repos/Codertocat/Hello-World/issues/2/comments", 201, { id: 501 });

    await probot.receive(synchronize());
    await queue.idle();

    github.assertDone();
    const check = github.body("checks/create");
    expect(check.conclusion).toBe("failure");
    expect(check.output.title).toMatch(/missing: Acceptance criteria met, Unit tests for critical paths/);
    expect(check.output.summary).toContain("removes `unit-tests`");
  });
});
