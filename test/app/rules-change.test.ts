// Rules come from the base branch: when a push changes a branch's done.yml, every open pull request into that branch
// is judged again by the new rules at once, not at its next event; a push that changes no rules costs nothing.
import { readFileSync } from "node:fs";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PUSH_COMMITS_LISTED } from "../../src/handlers/push.js";
import { loadApp } from "../helpers/app.js";
import { DebugLog } from "../helpers/debug-log.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { pullRequestData } from "../helpers/pull-request-data.js";

const config = readFileSync("test/fixtures/config/basic.yml", "utf8");
const REPO = "/repos/Codertocat/Hello-World";
const SHA = (n: number) => String(n).repeat(40).slice(0, 40);

/** GitHub's push example, moved from its tag to master of Codertocat/Hello-World, with the commits given. */
function push(
  commits: { added?: string[]; modified?: string[]; removed?: string[] }[],
  over: Record<string, unknown> = {},
) {
  const payload = example("push");
  const template = { id: "", message: "A change", timestamp: "2019-05-15T15:20:41Z", distinct: true };
  Object.assign(payload, { ref: "refs/heads/master", created: false, deleted: false });
  payload.commits = commits.map((c, i) => ({
    ...template,
    id: SHA(i + 1),
    added: [],
    modified: [],
    removed: [],
    ...c,
  }));
  return event("push", { ...payload, ...over });
}

const openPull = (number: number, sha: string) => ({
  number,
  state: "open",
  html_url: `https://github.com/Codertocat/Hello-World/pull/${number}`,
  head: { sha, ref: `feature-${number}`, repo: { full_name: "Codertocat/Hello-World", fork: false } },
  base: { ref: "master", repo: { full_name: "Codertocat/Hello-World", fork: false } },
});

describe("a push that changes the rules", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => {
    nock.cleanAll();
    vi.restoreAllMocks();
  });

  it("judges every open pull request into the branch again, by the new rules, in one listing and one evaluation each", async () => {
    const { probot, queue } = await loadApp();
    github
      .token()
      .rest("GET", `${REPO}/pulls?state=open&base=master&per_page=100`, 200, [openPull(4, SHA(4)), openPull(5, SHA(5))])
      .graphql(
        (body: any) => pullRequestData({ config, number: body.variables.number, headSha: SHA(body.variables.number) }),
        2,
      )
      .rest("POST", `${REPO}/check-runs`, 201, { id: 77 }, 2)
      .rest("POST", `${REPO}/issues/4/comments`, 201, { id: 1 })
      .rest("POST", `${REPO}/issues/5/comments`, 201, { id: 2 });
    await probot.receive(push([{ modified: ["src/app.ts"] }, { modified: [".github/done.yml", "README.md"] }]));
    await queue.idle();
    github.assertDone();
    // The two evaluations run side by side: their requests interleave.
    expect(github.calls()[0]).toBe(`GET ${REPO}/pulls?state=open&base=master&per_page=100`);
    expect(github.calls().slice(1).sort()).toEqual([
      "POST /graphql",
      "POST /graphql",
      `POST ${REPO}/check-runs`,
      `POST ${REPO}/check-runs`,
      `POST ${REPO}/issues/4/comments`,
      `POST ${REPO}/issues/5/comments`,
    ]);
    const judged = github.find("graphql").map((r: any) => r.body.variables.number);
    expect(judged.sort()).toEqual([4, 5]);
    expect(
      github
        .find("checks/create")
        .map((r: any) => r.body.head_sha)
        .sort(),
    ).toEqual([SHA(4), SHA(5)]);
  });

  it("a done.yml added or removed counts too; pushes that touch other files, tags and deleted branches cost nothing", async () => {
    const log = new DebugLog();
    const { probot, queue } = await loadApp({ log: log.logger() });
    await probot.receive(push([{ modified: ["src/app.ts"], added: [".github/workflows/ci.yml"] }]));
    await probot.receive(event("push", example("push"))); // GitHub's example: a tag pushed
    const deleted = example("push");
    deleted.deleted = true;
    deleted.ref = "refs/heads/old";
    await probot.receive(event("push", deleted));
    await queue.idle();
    expect(github.calls()).toEqual([]);
    expect(log.skips()).toEqual([
      "the push changes no done.yml",
      "the push changes no done.yml",
      "the push changes no done.yml",
    ]);

    github
      .token()
      .rest("GET", `${REPO}/pulls?state=open&base=release%2F1.x&per_page=100`, 200, [])
      .rest("GET", `${REPO}/pulls?state=open&base=master&per_page=100`, 200, []);
    await probot.receive(push([{ added: [".github/done.yml"] }], { ref: "refs/heads/release/1.x" }));
    await probot.receive(push([{ removed: [".github/done.yml"] }]));
    await queue.idle();
    github.assertDone();
  });

  it("a force push is a change of rules on the default branch only; a push listing GitHub's maximum of commits may hide one", async () => {
    const log = new DebugLog();
    const { probot, queue } = await loadApp({ log: log.logger() });
    await probot.receive(push([{ modified: ["a.ts"] }], { forced: true, ref: "refs/heads/feature" }));
    await queue.idle();
    expect(github.calls()).toEqual([]);
    expect(log.skips()).toEqual(["the push changes no done.yml"]);

    github
      .token()
      .rest("GET", `${REPO}/pulls?state=open&base=master&per_page=100`, 200, [])
      .rest("GET", `${REPO}/pulls?state=open&base=feature&per_page=100`, 200, []);
    await probot.receive(push([{ modified: ["a.ts"] }], { forced: true }));
    await queue.idle();
    const many = Array.from({ length: PUSH_COMMITS_LISTED }, () => ({ modified: ["a.ts"] }));
    await probot.receive(push(many, { ref: "refs/heads/feature" }));
    await queue.idle();
    github.assertDone();
  });

  it("a burst of pushes to one branch lists its pull requests once", async () => {
    const { probot, queue } = await loadApp({ queue: { settleMs: 50 } });
    github.token().rest("GET", `${REPO}/pulls?state=open&base=master&per_page=100`, 200, []);
    for (let i = 0; i < 5; i++) await probot.receive(push([{ modified: [".github/done.yml"] }]));
    await queue.idle();
    github.assertDone();
    expect(github.calls().filter((c) => c.startsWith("GET"))).toHaveLength(1);
  });

  it("a change of the organisation's file (its .github repository) judges the account's open pull requests in every repository", async () => {
    const { probot, queue } = await loadApp();
    const payload = push([{ modified: [".github/done.yml"] }]);
    payload.payload.repository = {
      ...payload.payload.repository,
      name: ".github",
      full_name: "acme/.github",
      owner: { ...payload.payload.repository.owner, login: "acme", type: "Organization" },
    };
    const node = (repo: string, number: number) => ({
      __typename: "PullRequest",
      number,
      headRefOid: SHA(number),
      repository: { name: repo, owner: { login: "acme" } },
    });
    github
      .token()
      .graphql((body: any) => {
        expect(body.variables).toEqual({ q: "is:pr is:open archived:false org:acme", after: null });
        return {
          search: {
            pageInfo: { hasNextPage: true, endCursor: "c1" },
            nodes: [node("api", 7), { __typename: "Issue" }],
          },
        };
      })
      .graphql((body: any) => {
        expect(body.variables.after).toBe("c1");
        return { search: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [node("web", 8)] } };
      })
      .graphql(
        (body: any) =>
          pullRequestData({
            config,
            owner: "acme",
            repo: body.variables.name,
            number: body.variables.number,
            headSha: SHA(body.variables.number),
          }),
        2,
      )
      .rest("POST", "/repos/acme/api/check-runs", 201, { id: 70 })
      .rest("POST", "/repos/acme/web/check-runs", 201, { id: 71 })
      .rest("POST", "/repos/acme/api/issues/7/comments", 201, { id: 1 })
      .rest("POST", "/repos/acme/web/issues/8/comments", 201, { id: 2 });
    await probot.receive(payload);
    await queue.idle();
    github.assertDone();
    const judged = github
      .find("graphql")
      .slice(2)
      .map((r: any) => `${r.body.variables.name}#${r.body.variables.number}`);
    expect(judged.sort()).toEqual(["api#7", "web#8"]);
  });

  it("an event whose payload names a base commit from before the rules changed is judged by the new rules, not skipped by the old", async () => {
    const rules = (labels: string) => `owners: { engineering: [lead-bob] }
comment: never
criteria:
  - id: docs
    owner: engineering
    when: { labels_absent: [${labels}] }
    require: { files: [docs/**] }
`;
    const labelled = (name: string) => {
      const payload = example("pull_request", "labeled");
      payload.label = { ...payload.label, name };
      return event("pull_request", payload);
    };
    const log = new DebugLog();
    const { probot, queue } = await loadApp({ log: log.logger() });
    // The double keeps no state: each evaluation finds no check run of dod's and writes one.
    const evaluation = (text: string) =>
      github
        .graphql(pullRequestData({ config: text, files: ["docs/a.md"] }))
        .rest("POST", `${REPO}/check-runs`, 201, { id: 5 });
    github.token();
    evaluation(rules("no-docs"));
    await probot.receive(event("pull_request", example("pull_request", "synchronize")));
    await queue.idle();
    await probot.receive(labelled("risky"));
    await queue.idle();
    github.assertDone();
    expect(log.skips()).toEqual([expect.stringContaining("names the label risky")]);

    // done.yml on master now names `risky`; GitHub's label payload still names the base commit read before.
    github.rest("GET", `${REPO}/pulls?state=open&base=master&per_page=100`, 200, []);
    await probot.receive(push([{ modified: [".github/done.yml"] }]));
    await queue.idle();
    evaluation(rules("no-docs, risky"));
    await probot.receive(labelled("risky"));
    await queue.idle();
    github.assertDone();
    expect(log.skips()).toHaveLength(1);

    // Once an evaluation has read the new rules (well after the change), their references are trusted again.
    const later = Date.now() + 10_000;
    vi.spyOn(Date, "now").mockImplementation(() => later);
    evaluation(rules("no-docs, risky"));
    await probot.receive(event("pull_request", example("pull_request", "synchronize")));
    await queue.idle();
    await probot.receive(labelled("wontfix"));
    await queue.idle();
    github.assertDone();
    expect(log.skips()).toEqual([
      expect.stringContaining("names the label risky"),
      expect.stringContaining("names the label wontfix"),
    ]);
  });
});
