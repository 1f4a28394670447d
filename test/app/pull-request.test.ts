import { readFileSync } from "node:fs";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { COMMENT_MARKER } from "../../src/model/names.js";
import { annotationsHash } from "../../src/github/fingerprint.js";
import { loadApp } from "../helpers/app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { HEAD_SHA, pullRequestData, type PullRequestOptions } from "../helpers/pull-request-data.js";
import { repositoryWorld } from "../helpers/repository-world.js";

const config = readFileSync("test/fixtures/config/basic.yml", "utf8");
const ISSUE_DONE = "## Acceptance criteria\n- [x] Users can sign in\n- [x] Errors are shown\n";
const REPO = "/repos/Codertocat/Hello-World";
const CREATE_CHECK = ["POST", `${REPO}/check-runs`, 201, { id: 77 }] as const;
const CREATE_COMMENT = ["POST", `${REPO}/issues/2/comments`, 201, { id: 501 }] as const;
const BOT_COMMENT = (body: string) => ({ id: 501, author: "dod-app[bot]", bot: true, body });

describe("pull_request events", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  /** One synchronize delivery against a pull request GitHub describes with `options`, expecting `writes`. */
  async function synchronize(options: PullRequestOptions, writes: (readonly [string, string, number, unknown])[]) {
    const { probot, queue } = await loadApp();
    github.token().graphql(pullRequestData(options));
    for (const [method, path, status, reply] of writes) github.rest(method, path, status, reply);
    await probot.receive(event("pull_request", example("pull_request", "synchronize")));
    await queue.idle();
    github.assertDone();
  }

  it("reports missing items in one check run and one new comment", async () => {
    await synchronize({ config, files: ["src/login.ts"] }, [CREATE_CHECK, CREATE_COMMENT]);

    expect(github.calls()).toEqual(["POST /graphql", `POST ${REPO}/check-runs`, `POST ${REPO}/issues/2/comments`]);
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
    await synchronize(
      {
        config,
        files: ["src/login.ts", "src/login.test.ts"],
        issues: [{ number: 12, body: ISSUE_DONE }],
        ownCheckRun: { id: 77, externalId: `dod:0123456789abcdef:${annotationsHash([])}` },
        comments: [BOT_COMMENT(`${COMMENT_MARKER}\nold text`)],
      },
      [
        ["PATCH", `${REPO}/check-runs/77`, 200, { id: 77 }],
        ["PATCH", `${REPO}/issues/comments/501`, 200, { id: 501 }],
      ],
    );
    const check = github.body("checks/update");
    expect(check).toMatchObject({ status: "completed", conclusion: "success" });
    expect(check.output.title).toBe("2 of 2 done");
    expect(github.body("issues/update-comment").body).toContain("All 2 items");
  });

  it.each([
    ["had annotations", `dod:0123456789abcdef:${annotationsHash([{ path: ".github/done.yml" }] as never)}`],
    ["was written by an older dod, whose annotations are unknown", "dod:0123456789abcdef0123456789abcdef"],
  ])("replaces a run that %s with a new one rather than leave its annotations behind", async (_what, externalId) => {
    await synchronize(
      {
        config,
        files: ["src/login.ts", "src/login.test.ts"],
        issues: [{ number: 12, body: ISSUE_DONE }],
        ownCheckRun: { id: 77, externalId },
        comments: [BOT_COMMENT(`${COMMENT_MARKER}\nold text`)],
      },
      [
        ["POST", `${REPO}/check-runs`, 201, { id: 78 }],
        ["PATCH", `${REPO}/issues/comments/501`, 200, { id: 501 }],
      ],
    );
    expect(github.find("checks/update")).toEqual([]);
    expect(github.body("checks/create")).toMatchObject({
      name: "Definition of Done",
      head_sha: HEAD_SHA,
      conclusion: "success",
    });
    expect(github.body("checks/create").output.annotations).toEqual([]);
  });

  it("writes nothing when the verdict and the comment did not change", async () => {
    await synchronize({ config, files: ["src/login.ts"] }, [CREATE_CHECK, CREATE_COMMENT]);
    const written = github.body("checks/create");
    const comment = github.body("issues/create-comment").body;

    github = new GitHubMock();
    await synchronize(
      {
        config,
        files: ["src/login.ts"],
        ownCheckRun: { id: 77, externalId: written.external_id },
        comments: [BOT_COMMENT(comment)],
      },
      [],
    );
    expect(github.calls()).toEqual(["POST /graphql"]);
  });

  it.each([
    ["never", ["src/login.ts"], [CREATE_CHECK], 0],
    ["on-missing", ["README.md"], [CREATE_CHECK], 0],
    ["always", ["README.md"], [CREATE_CHECK, CREATE_COMMENT], 1],
  ] as const)("comment: %s", async (mode, files, writes, comments) => {
    const done = `comment: ${mode}\n${config}`;
    await synchronize(
      { config: done, files: [...files], issues: files[0] === "README.md" ? [{ number: 1, body: ISSUE_DONE }] : [] },
      [...writes],
    );
    expect(github.find("issues/create-comment")).toHaveLength(comments);
  });

  it("gives a neutral check with a starter config when the base branch has no done.yml", async () => {
    await synchronize({ config: null }, [CREATE_CHECK]);
    const check = github.body("checks/create");
    expect(check.conclusion).toBe("neutral");
    expect(check.output.title).toContain("No definition of done yet");
    expect(check.output.summary).toContain("```yaml");
  });

  it("fails with located problems when done.yml is invalid, and never comments", async () => {
    const broken =
      "owners:\n  product: [pm-alice]\ncriteria:\n  - id: docs\n    owner: marketing\n    require:\n      files: [docs/**]\n";
    await synchronize({ config: broken }, [CREATE_CHECK]);
    const check = github.body("checks/create");
    expect(check.conclusion).toBe("failure");
    expect(check.output.summary).toContain(".github/done.yml:5:12");
    expect(check.output.summary).toContain("criteria.0.owner");
  });

  it("uses the organisation's done.yml for a repository without one", async () => {
    await synchronize(
      { config: null, orgConfig: config, files: ["README.md"], issues: [{ number: 1, body: ISSUE_DONE }] },
      [CREATE_CHECK],
    );
    expect(github.body("checks/create")).toMatchObject({ conclusion: "success", output: { title: "1 of 1 done" } });
  });

  it("names the organisation's file when a repository extends a broken one", async () => {
    await synchronize({ config: "extends: org\n", orgConfig: "criteria: 3\n" }, [CREATE_CHECK]);
    const check = github.body("checks/create");
    expect(check.conclusion).toBe("failure");
    expect(check.output.summary).toContain("Codertocat/.github:.github/done.yml");
  });

  it("says so when a repository extends an organisation file that does not exist", async () => {
    // GitHub answers a missing repository with partial data and a NOT_FOUND error for that field.
    await synchronize({ config: "extends: org\n", orgMissing: true }, [CREATE_CHECK]);
    const check = github.body("checks/create");
    expect(check.conclusion).toBe("failure");
    expect(check.output.summary).toContain("Codertocat/.github");
  });

  it("judges by the base branch's rules even when the pull request edits done.yml", async () => {
    const weakened = "owners:\n  product: [pm-alice]\n  engineering: [lead-bob]\ncriteria: []\n";
    const edit: PullRequestOptions = { config, headConfig: weakened, files: ["src/login.ts", ".github/done.yml"] };
    const { probot, queue } = await loadApp();
    // The preview of the edit lists the repository's other pull requests: there are none.
    github.token().graphql(repositoryWorld({ pulls: [edit] }), 2);
    for (const [method, path, status, reply] of [CREATE_CHECK, CREATE_COMMENT])
      github.rest(method, path, status, reply);
    await probot.receive(event("pull_request", example("pull_request", "synchronize")));
    await queue.idle();
    github.assertDone();
    const check = github.body("checks/create");
    expect(check.output.summary).toContain("There are no other open or merged pull requests to judge.");
    expect(check.conclusion).toBe("failure");
    expect(check.output.title).toMatch(/missing: Acceptance criteria met, Unit tests for critical paths/);
    expect(check.output.summary).toContain("removes `unit-tests`");
  });
});
