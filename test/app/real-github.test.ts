// What real GitHub answers that a hand-made fixture would not: a pull request past the 3,000 files GitHub lists,
// checks re-run in a new check suite (the rollup keeps the superseded run), comment ids past 2^31. Each runs the
// app against the GraphQL double, which answers as GitHub does.
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { COMMENT_MARKER } from "../../src/model/names.js";
import { loadApp } from "../helpers/app.js";
import { event, example } from "../helpers/events.js";
import { loadDodApp } from "../helpers/dod-app.js";
import { GitHubMock } from "../helpers/github.js";
import { GitHubWorld } from "../helpers/github-world.js";
import { GITHUB_MAX_FILES, type PullRequestOptions, pullRequestData } from "../helpers/pull-request-data.js";
import { repositoryWorld } from "../helpers/repository-world.js";

const REPO = "/repos/Codertocat/Hello-World";
const synchronize = () => event("pull_request", example("pull_request", "synchronize"));
const files = (count: number) => Array.from({ length: count }, (_, i) => `src/module${i}/file.ts`);

describe("against GitHub as it answers", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  async function evaluate(options: PullRequestOptions, graphqlRequests = 1) {
    const { probot, queue } = await loadApp();
    github.token().graphql(pullRequestData(options), graphqlRequests);
    return { probot, queue };
  }

  describe("a pull request over the 3,000 files GitHub lists", () => {
    const config = `owners: { product: [pm-alice], engineering: [lead-bob] }
criteria:
  - id: tests
    owner: engineering
    require: { files: ["test/**"] }
`;

    it("says the file list was cut, and a done.yml edit past the listed files is a change to the definition of done", async () => {
      // done.yml is the 3,001st file: GitHub neither lists it nor counts it in `files.totalCount`.
      const loosened = config.replace('require: { files: ["test/**"] }', 'require: { files: ["**"] }');
      const edit: PullRequestOptions = {
        config,
        headConfig: loosened,
        files: [...files(GITHUB_MAX_FILES), ".github/done.yml"],
      };
      const { probot, queue } = await evaluate(edit, GITHUB_MAX_FILES / 100);
      // Then the preview of the edit lists the repository's other pull requests: there are none.
      github
        .graphql(repositoryWorld({ pulls: [edit] }))
        .rest("POST", `${REPO}/check-runs`, 201, { id: 5 })
        .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 6 });

      await probot.receive(synchronize());
      await queue.idle();

      github.assertDone();
      const check = github.body("checks/create");
      expect(check.output.summary).toContain(
        "The file list was cut: this pull request changes 3,001 files and GitHub lists only the first 3,000.",
      );
      expect(check.output.summary).toContain("This pull request changes the definition of done");
      expect(check.output.summary).toContain("There are no other open or merged pull requests to judge.");
      expect(check.conclusion).toBe("failure");
    });
  });

  describe("a check re-run in a new check suite", () => {
    const config = `owners: { product: [pm-alice], engineering: [lead-bob] }
criteria:
  - id: ci
    owner: engineering
    require: { check: "ci" }
`;

    it("counts the newest run of the check: a superseded failure does not hold the item back", async () => {
      const { probot, queue } = await evaluate({
        config,
        checks: [
          { name: "ci", conclusion: "FAILURE", suite: 1 },
          { name: "ci", conclusion: "SUCCESS", suite: 2 },
        ],
      });
      github.rest("POST", `${REPO}/check-runs`, 201, { id: 5 });

      await probot.receive(synchronize());
      await queue.idle();

      github.assertDone();
      const check = github.body("checks/create");
      // The passing run (9001) is the evidence, not the superseded one (9000).
      expect(check.output.summary).toContain("- ✅ ci — [ci](https://github.com/Codertocat/Hello-World/runs/9001)");
      expect(check.conclusion).toBe("success");
    });

    it("still fails on the newest run of the check when it failed after an earlier pass", async () => {
      const { probot, queue } = await evaluate({
        config,
        checks: [
          { name: "ci", conclusion: "SUCCESS", suite: 1 },
          { name: "ci", conclusion: "FAILURE", suite: 2 },
          // Another app's check of the same name is a check of its own.
          { name: "ci", conclusion: "SUCCESS", suite: 3, appId: 99 },
        ],
      });
      github
        .rest("POST", `${REPO}/check-runs`, 201, { id: 5 })
        .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 6 });

      await probot.receive(synchronize());
      await queue.idle();

      github.assertDone();
      const check = github.body("checks/create");
      expect(check.conclusion).toBe("failure");
      expect(check.output.summary).toContain("[ci](https://github.com/Codertocat/Hello-World/runs/9001)");
      expect(check.output.summary).not.toContain("/runs/9000)");
    });
  });

  describe("comment ids past 2^31", () => {
    it("edits its sticky comment whose id GraphQL's Int cannot hold", async () => {
      const id = 2 ** 31 + 7;
      const { probot, queue } = await evaluate({
        config: `owners: { product: [pm-alice], engineering: [lead-bob] }
comment: always
criteria:
  - id: tests
    owner: engineering
    require: { files: ["test/**"] }
`,
        comments: [{ id, author: "dod-app[bot]", bot: true, body: `${COMMENT_MARKER}\nold text` }],
      });
      github
        .rest("POST", `${REPO}/check-runs`, 201, { id: 5 })
        .rest("PATCH", `${REPO}/issues/comments/${id}`, 200, { id });

      await probot.receive(synchronize());
      await queue.idle();

      github.assertDone();
      expect(github.body("issues/update-comment").body).toContain("tests");
    });
  });

  describe("a completed check run", () => {
    it("is never moved back to in_progress: an evaluation that waits on a re-run check starts a new run", async () => {
      nock.cleanAll(); // this test's GitHub is the stateful world
      const world = new GitHubWorld();
      const config = `owners: { engineering: [lead-bob] }
criteria:
  - id: ci
    owner: engineering
    require: { check: "ci" }
`;
      const { probot, queue } = await loadDodApp();
      const evaluateWith = async (checks: PullRequestOptions["checks"]) => {
        world.pr = { config, checks };
        await probot.receive(synchronize());
        await queue.idle();
      };

      await evaluateWith([{ name: "ci", conclusion: "FAILURE", suite: 1 }]);
      // ci is re-run: the new run in the same suite supersedes the failure, and dod waits for it…
      await evaluateWith([
        { name: "ci", conclusion: "FAILURE", suite: 1 },
        { name: "ci", status: "IN_PROGRESS", suite: 1 },
      ]);
      // …and finishes its waiting run when it passes.
      await evaluateWith([
        { name: "ci", conclusion: "FAILURE", suite: 1 },
        { name: "ci", conclusion: "SUCCESS", suite: 1 },
      ]);

      expect(world.refusals).toEqual([]);
      expect(world.writes.filter((w) => w.includes("check"))).toEqual([
        "create check ec26c3e: 0 of 1 done — missing: ci",
        "create check ec26c3e: 0 of 1 done — waiting for: ci",
        "update check ec26c3e: 1 of 1 done",
      ]);
      expect(world.checkRuns.map((r) => [r.status, r.conclusion ?? null])).toEqual([
        ["completed", "failure"],
        ["completed", "success"],
      ]);
    });
  });
});
