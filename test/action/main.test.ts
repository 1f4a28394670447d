// The Action's entry point (lib/action/main.js), spawned as a workflow step would run it, with a recorded
// `pull_request` event from @octokit/webhooks-examples and a stand-in GitHub.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { COMMENT_MARKER } from "../../src/model/names.js";
import { annotationsHash, externalId } from "../../src/github/fingerprint.js";
import { runNode } from "../helpers/cli.js";
import { example } from "../helpers/events.js";
import { type FakeGitHub, type RestReply, startFakeGitHub } from "../helpers/fake-github-server.js";
import { HEAD_SHA, pullRequestData, type PullRequestOptions } from "../helpers/pull-request-data.js";
import { ADDS_CHANGELOG, OTHERS, pull } from "../helpers/preview-repository.js";
import { repositoryWorld } from "../helpers/repository-world.js";

const config = readFileSync("test/fixtures/config/basic.yml", "utf8");
const TOKEN = "ghs_workflow_token";
const REPO = "/repos/Codertocat/Hello-World";
const MISSING_TITLE = "0 of 2 done — missing: Acceptance criteria met, Unit tests for critical paths";
const DONE: PullRequestOptions = {
  config,
  files: ["src/login.ts", "test/login.test.ts"],
  issues: [{ number: 7, body: "## Acceptance criteria\n- [x] Users can sign in\n" }],
};

let github: FakeGitHub | undefined;
afterEach(async () => {
  if (github) expect(github.problems()).toEqual([]);
  await github?.close();
  github = undefined;
});

/** Runs the action for one event, as the runner would: event file, summary file, token input. */
async function runAction(
  pr: PullRequestOptions | { world: object },
  rest: (method: string, path: string, body: any) => RestReply | undefined,
  {
    eventName = "pull_request",
    payload = example("pull_request", "opened"),
  }: { eventName?: string; payload?: object } = {},
) {
  const graphql = "world" in pr ? () => pr.world : () => pullRequestData(pr);
  github = await startFakeGitHub({ token: TOKEN, graphql, rest });
  const dir = mkdtempSync(join(tmpdir(), "dod-action-"));
  writeFileSync(join(dir, "event.json"), JSON.stringify(payload));
  writeFileSync(join(dir, "summary.md"), "");
  const result = await runNode("lib/action/main.js", [], {
    env: {
      GITHUB_ACTIONS: "true",
      GITHUB_EVENT_NAME: eventName,
      GITHUB_EVENT_PATH: join(dir, "event.json"),
      GITHUB_REPOSITORY: "Codertocat/Hello-World",
      GITHUB_API_URL: github.url,
      GITHUB_STEP_SUMMARY: join(dir, "summary.md"),
      INPUT_TOKEN: TOKEN,
    },
  });
  return { ...result, summary: readFileSync(join(dir, "summary.md"), "utf8"), github };
}

const created = (method: string, path: string): RestReply | undefined => {
  if (method === "POST" && path === `${REPO}/check-runs`) return [201, { id: 77 }];
  if (method === "POST" && path === `${REPO}/issues/2/comments`) return [201, { id: 501 }];
  return undefined;
};

describe("the GitHub Action", () => {
  it("publishes the same check run and comment as the app for a pull_request event", async () => {
    const run = await runAction({ config, files: ["src/login.ts"] }, created);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.github.calls()).toEqual(["POST /graphql", `POST ${REPO}/check-runs`, `POST ${REPO}/issues/2/comments`]);
    expect(run.github.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);
    expect(run.github.requests[0]!.userAgent).toMatch(/^dod-action /);
    expect(run.github.requests[0]!.body.variables).toEqual({ owner: "Codertocat", name: "Hello-World", number: 2 });

    const check = run.github.find("checks/create")[0]!.body;
    expect(check).toEqual({
      name: "Definition of Done",
      head_sha: HEAD_SHA,
      status: "completed",
      conclusion: "failure",
      external_id: expect.stringMatching(/^dod:[0-9a-f]{16}:[0-9a-f]{16}#2$/),
      output: {
        title: MISSING_TITLE,
        summary: expect.stringContaining("Link the issue and tick every box"),
        annotations: [],
      },
      actions: [{ label: "Re-check", description: "Evaluate the definition of done again", identifier: "recheck" }],
    });
    const comment = run.github.find("issues/create-comment")[0]!.body;
    expect(Object.keys(comment)).toEqual(["body"]);
    expect(comment.body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(comment.body).toContain("Add or update tests next to the code you changed.");

    expect(run.stdout).toContain(`Definition of Done: ${MISSING_TITLE}\n`);
    expect(run.stdout).toContain("Published to Codertocat/Hello-World#2: check run created, comment created.\n");
    expect(run.summary.startsWith("## Definition of Done: 0 of 2 done")).toBe(true);
  });

  it("shows, on a pull request that edits done.yml, what the proposed rules would do to the others, as the app does", async () => {
    const world = repositoryWorld({
      pulls: [pull(2, [".github/done.yml"], { headSha: HEAD_SHA, headConfig: ADDS_CHANGELOG }), ...OTHERS],
    });
    const run = await runAction({ world }, created);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.github.find("graphql").map((r) => /query (\w+)/.exec(r.body.query)?.[1])).toEqual([
      "DodPullRequest",
      "DodPreviewList",
      "DodPreviewPulls",
      "DodPreviewPulls",
      "DodPreviewPulls",
    ]);
    const summary: string = run.github.find("checks/create")[0]!.body.output.summary;
    expect(summary).toContain("### What the proposed rules would do");
    expect(summary).toContain(
      "| [#3](https://github.com/Codertocat/Hello-World/pull/3) Change 3 | ✅ passes | ❌ fails | newly missing: Changelog entry (`changelog`) |",
    );
    expect(run.github.find("issues/create-comment")[0]!.body.body).toContain("**What the proposed rules would do**");
  });

  it("updates its check run and comment in place", async () => {
    const pr: PullRequestOptions = {
      ...DONE,
      ownCheckRun: { id: 77, externalId: externalId({ output: "stale", annotations: annotationsHash([]) }) },
      comments: [{ id: 501, author: "github-actions", bot: true, body: `${COMMENT_MARKER}\nstale` }],
    };
    const run = await runAction(pr, (method, path) => {
      if (method === "PATCH" && path === `${REPO}/check-runs/77`) return [200, { id: 77 }];
      if (method === "PATCH" && path === `${REPO}/issues/comments/501`) return [200, { id: 501 }];
      return undefined;
    });
    expect(run.code).toBe(0);
    expect(run.github.calls()).toEqual([
      "POST /graphql",
      `PATCH ${REPO}/check-runs/77`,
      `PATCH ${REPO}/issues/comments/501`,
    ]);
    expect(run.github.find("checks/update")[0]!.body).toMatchObject({
      status: "completed",
      conclusion: "success",
      output: { title: "2 of 2 done" },
    });
  });

  describe("on a pull request from a fork (read-only token)", () => {
    const fromFork = () => {
      const payload = example("pull_request", "opened");
      payload.pull_request.head.repo.full_name = "forker/Hello-World";
      return payload;
    };
    const readOnly = (): RestReply => [403, { message: "Resource not accessible by integration" }];

    it("puts the report in the job summary and fails the job when items are missing", async () => {
      const run = await runAction({ config, files: ["src/login.ts"] }, readOnly, { payload: fromFork() });
      expect(run.code).toBe(1);
      expect(run.github.calls()).toEqual(["POST /graphql", `POST ${REPO}/check-runs`]);
      expect(run.stdout).toContain(
        "::warning::dod could not publish its check run: this pull request comes from a fork, so the workflow's token is read-only.",
      );
      expect(run.stdout).toContain(`::error::Definition of Done: ${MISSING_TITLE}\n`);
      expect(run.summary).toContain(
        "- ❌ **Acceptance criteria met** (`acceptance-criteria`) — the pull request links no issue",
      );
    });

    it("passes the job when everything is done", async () => {
      const run = await runAction(DONE, readOnly, { payload: fromFork() });
      expect(run.code).toBe(0);
      expect(run.stdout).not.toContain("::error::");
      expect(run.summary.startsWith("## Definition of Done: 2 of 2 done")).toBe(true);
    });

    it("annotates an invalid config's problems and fails", async () => {
      const run = await runAction({ config: "mode: strict\n" }, readOnly, { payload: fromFork() });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^::error file=\.github\/done\.yml,line=1,col=7::mode: .*strict/m);
      expect(run.summary).toContain("`.github/done.yml` is invalid");
    });
  });

  it("answers the /dod command of an issue_comment event on a pull request", async () => {
    const payload = example("issue_comment", "created");
    payload.issue.number = 2;
    payload.issue.pull_request = { url: "https://api.github.com/repos/Codertocat/Hello-World/pulls/2" };
    payload.comment.id = 600;
    const pr: PullRequestOptions = {
      config,
      files: ["src/login.ts"],
      comments: [{ id: 600, author: "lead-bob", body: "/dod waive unit-tests covered by the e2e suite" }],
    };
    const run = await runAction(
      pr,
      (method, path) => {
        if (method === "POST" && path === `${REPO}/issues/comments/600/reactions`) return [201, { id: 1 }];
        return created(method, path);
      },
      { eventName: "issue_comment", payload },
    );
    expect(run.code).toBe(0);
    expect(run.github.calls()).toEqual([
      "POST /graphql",
      `POST ${REPO}/issues/comments/600/reactions`,
      `POST ${REPO}/check-runs`,
      `POST ${REPO}/issues/2/comments`,
    ]);
    expect(run.github.find("reactions/create-for-issue-comment")[0]!.body).toEqual({ content: "+1" });
  });

  it("fails with a clear annotation when the token is rejected", async () => {
    github = await startFakeGitHub({ token: "another" });
    const dir = mkdtempSync(join(tmpdir(), "dod-action-"));
    writeFileSync(join(dir, "event.json"), JSON.stringify(example("pull_request", "opened")));
    const run = await runNode("lib/action/main.js", [], {
      env: {
        GITHUB_EVENT_NAME: "pull_request",
        GITHUB_EVENT_PATH: join(dir, "event.json"),
        GITHUB_API_URL: github.url,
        INPUT_TOKEN: TOKEN,
      },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error::GitHub rejected the token \(GITHUB_TOKEN\)/);
  });

  it("does nothing on an event without a pull request", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dod-action-"));
    writeFileSync(join(dir, "event.json"), JSON.stringify(example("push")));
    const run = await runNode("lib/action/main.js", [], {
      env: { GITHUB_EVENT_NAME: "push", GITHUB_EVENT_PATH: join(dir, "event.json") },
    });
    expect(run).toEqual({
      code: 0,
      stdout:
        '::notice::dod: nothing to check — dod runs on pull_request, pull_request_target, pull_request_review, issue_comment events, not on "push"\n',
      stderr: "",
    });
  });
});
