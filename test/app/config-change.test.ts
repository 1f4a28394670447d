import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadApp } from "../helpers/app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { type PullRequestOptions, pullRequestData } from "../helpers/pull-request-data.js";

const REPO = "/repos/Codertocat/Hello-World";
const base = `owners:
  product: [pm-alice]
  engineering: ["@acme/eng-leads"]
criteria:
  - id: docs
    title: Docs updated
    owner: engineering
    when: { files: ["src/**", "deploy/**"] }
    require: { files: [docs/**] }
`;
const synchronize = () => event("pull_request", example("pull_request", "synchronize"));

describe("a pull request that changes .github/done.yml", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  async function evaluate(options: PullRequestOptions) {
    const { probot, queue } = await loadApp();
    github
      .token()
      .graphql(pullRequestData({ config: base, files: [".github/done.yml", "docs/a.md"], ...options }))
      .graphql({
        t0: {
          team: { members: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [{ login: "lead-bob" }] } },
        },
      })
      .rest("POST", `${REPO}/check-runs`, 201, { id: 5 })
      .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 6 });
    await probot.receive(synchronize());
    await queue.idle();
    return github.body("checks/create");
  }

  it("annotates every problem of the new file on its line and fails", async () => {
    const check = await evaluate({ headConfig: `${base}  - id: runbook\n    owner: ops\n    require: {}\n` });
    expect(check.conclusion).toBe("failure");
    expect(check.output.annotations).toEqual([
      expect.objectContaining({
        path: ".github/done.yml",
        start_line: 11,
        end_line: 11,
        annotation_level: "failure",
        title: "criteria.1.owner",
      }),
      expect.objectContaining({
        path: ".github/done.yml",
        start_line: 12,
        end_line: 12,
        annotation_level: "failure",
        title: "criteria.1.require",
      }),
    ]);
    expect(check.output.annotations[0].message).toContain("expected one of product, engineering, joint");
  });

  it("says in words what the change loosens, and needs both sides' approval", async () => {
    const loosened = base
      .replace('files: ["src/**", "deploy/**"]', 'files: ["src/**"]')
      .replace("criteria:", "mode: advisory\ncriteria:");
    const check = await evaluate({ headConfig: loosened, reviews: [{ author: "pm-alice", state: "APPROVED" }] });
    expect(check.output.summary).toContain("This pull request changes the definition of done");
    expect(check.output.summary).toContain("`deploy/**`");
    expect(check.output.summary).toMatch(/advisory/);
    expect(check.conclusion).toBe("failure");
    expect(check.output.title).toContain("Definition of done change approved by product and engineering");
  });

  it("passes once a product owner and an engineering team member approved", async () => {
    const check = await evaluate({
      headConfig: base.replace("docs/**", "docs/**, README.md"),
      reviews: [
        { author: "pm-alice", state: "APPROVED" },
        { author: "lead-bob", state: "APPROVED" },
      ],
    });
    expect(check.conclusion).toBe("success");
  });

  it("does not count the author's own approval, nor an approval a later review took back", async () => {
    const check = await evaluate({
      author: "pm-alice",
      headConfig: base.replace("docs/**", "docs/**, README.md"),
      reviews: [
        { author: "pm-alice", state: "APPROVED" },
        { author: "lead-bob", state: "CHANGES_REQUESTED" },
      ],
    });
    expect(check.conclusion).toBe("failure");
  });

  it("does not count approvals given before a later push", async () => {
    const check = await evaluate({
      headConfig: base.replace("docs/**", "docs/**, README.md"),
      reviews: [
        { author: "pm-alice", state: "APPROVED", commit: "0000000000000000000000000000000000000001" },
        { author: "lead-bob", state: "APPROVED" },
      ],
    });
    expect(check.conclusion).toBe("failure");
    expect(check.output.summary).toContain("`@pm-alice` approved an earlier commit: approve again");
  });

  it("does not count an approval whose reviewed commit GitHub does not say (#15 item 12: fail closed)", async () => {
    const check = await evaluate({
      headConfig: base.replace("docs/**", "docs/**, README.md"),
      reviews: [
        { author: "pm-alice", state: "APPROVED", commit: null },
        { author: "lead-bob", state: "APPROVED" },
      ],
    });
    expect(check.conclusion).toBe("failure");
    expect(check.output.summary).toContain("`@pm-alice` approved an earlier commit: approve again");
  });

  it("treats moving done.yml away as a change that needs both sides", async () => {
    // A rename is listed under its new path only: the old path is not among the changed files.
    const check = await evaluate({ files: [".github/done.yml.old", "docs/a.md"], headConfig: null });
    expect(check.conclusion).toBe("failure");
    expect(check.output.title).toContain("Definition of done change approved by product and engineering");
    expect(check.output.summary).toContain("This pull request changes the definition of done");
  });
});
