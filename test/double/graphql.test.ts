// The GraphQL double answers as GitHub does: only what was selected, GitHub's errors, GitHub's paging and scalars.
import { describe, expect, it } from "vitest";
import { PULL_REQUEST_QUERY } from "../../src/github/queries.js";
import { connection, executeGitHub } from "../helpers/graphql-double.js";
import { pullRequestData } from "../helpers/pull-request-data.js";

const VARS = { owner: "Codertocat", name: "Hello-World", number: 2 };

describe("the GraphQL double", () => {
  it("answers exactly the fields the query selected, whatever else the world holds", () => {
    const world = { repository: { pullRequest: { title: "T", body: "secret", number: 2 } } };
    const answer = executeGitHub(
      `query { repository(owner: "a", name: "b") { pullRequest(number: 2) { title } } }`,
      {},
      world,
    );
    expect(answer).toEqual({ data: { repository: { pullRequest: { title: "T" } } } });
  });

  it("answers a repository or pull request that does not resolve with null, NOT_FOUND at its path, and the rest of the data", () => {
    const answer = executeGitHub(PULL_REQUEST_QUERY, VARS, { ...pullRequestData(), org: null });
    expect(answer.errors).toEqual([
      expect.objectContaining({
        type: "NOT_FOUND",
        path: ["org"],
        message: "Could not resolve to a Repository with the name 'Codertocat/.github'.",
      }),
    ]);
    expect(answer.data?.org).toBeNull();
    expect((answer.data!.repository as any).pullRequest.number).toBe(2);

    const missing = executeGitHub(
      PULL_REQUEST_QUERY,
      { ...VARS, number: 999 },
      { repository: { pullRequest: null }, org: null },
    );
    expect(missing.errors?.map((e) => [e.type, e.path])).toEqual([
      ["NOT_FOUND", ["repository", "pullRequest"]],
      ["NOT_FOUND", ["org"]],
    ]);
  });

  it("answers a query GitHub would reject with errors and no data, and reports it", () => {
    const problems: string[] = [];
    const answer = executeGitHub(
      `query { repository(owner: "a", name: "b") { pullRequest(number: 2) { titel } } }`,
      {},
      {},
      (p) => problems.push(p),
    );
    expect(answer.data).toBeUndefined();
    expect(answer.errors?.[0]?.message).toMatch(/Cannot query field "titel" on type "PullRequest"/);
    expect(problems).toHaveLength(1);
  });

  it("refuses an Int past 2^31, as GitHub does for a databaseId that outgrew it", () => {
    const world = pullRequestData({ comments: [{ id: 2 ** 31 + 5, author: "a", body: "hi" }] });
    const answer = executeGitHub(
      `query { repository(owner: "a", name: "b") { pullRequest(number: 2) { comments(last: 1) { nodes { databaseId fullDatabaseId } } } } }`,
      {},
      world,
    );
    expect(answer.errors?.[0]?.message).toMatch(/Int cannot represent non 32-bit signed integer value/);
    expect((answer.data!.repository as any).pullRequest.comments.nodes[0]).toEqual({
      databaseId: null,
      fullDatabaseId: String(2 ** 31 + 5),
    });
  });

  it("pages connections as GitHub does: at most 100, opaque cursors, first/after and last/before", () => {
    const page = connection(Array.from({ length: 250 }, (_, i) => i));
    const info = { fieldName: "files" };
    const first = page({ first: 100 }, null, info);
    expect(first.nodes).toHaveLength(100);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const third = page(
      { first: 100, after: page({ first: 100, after: first.pageInfo.endCursor }, null, info).pageInfo.endCursor },
      null,
      info,
    );
    expect(third.nodes).toEqual(Array.from({ length: 50 }, (_, i) => 200 + i));
    expect(third.pageInfo.hasNextPage).toBe(false);
    const last = page({ last: 100 }, null, info);
    expect(last.nodes[0]).toBe(150);
    expect(page({ last: 100, before: last.pageInfo.startCursor }, null, info).nodes.at(-1)).toBe(149);
    expect(() => page({ first: 101 }, null, info)).toThrow(/exceeds the `first` limit of 100/);
    expect(() => page({}, null, info)).toThrow(/must provide a `first` or `last`/);
  });

  it("counts at most 3,000 files, keeps the true count in changedFiles, and links closing issues only into the default branch", () => {
    const files = Array.from({ length: 3500 }, (_, i) => `f${i}`);
    const query = `query { repository(owner: "a", name: "b") { pullRequest(number: 2) {
      changedFiles files(first: 1) { totalCount } closingIssuesReferences(first: 5) { nodes { number } } } } }`;
    const intoDefault = executeGitHub(query, {}, pullRequestData({ files, issues: [{ number: 7 }] }));
    expect((intoDefault.data!.repository as any).pullRequest).toEqual({
      changedFiles: 3500,
      files: { totalCount: 3000 },
      closingIssuesReferences: { nodes: [{ number: 7 }] },
    });
    const intoRelease = executeGitHub(query, {}, pullRequestData({ baseRef: "release/1.0", issues: [{ number: 7 }] }));
    expect((intoRelease.data!.repository as any).pullRequest.closingIssuesReferences.nodes).toEqual([]);
  });

  it("keeps the latest run of each name in each check suite in the rollup, superseded runs of other suites too", () => {
    const world = pullRequestData({
      checks: [
        { name: "build", conclusion: "FAILURE", suite: 1 },
        { name: "build", conclusion: "FAILURE", suite: 2 },
        { name: "build", conclusion: "SUCCESS", suite: 2 },
      ],
    });
    const answer = executeGitHub(
      `query { repository(owner: "a", name: "b") { pullRequest(number: 2) { commits(last: 1) { nodes { commit {
        statusCheckRollup { contexts(first: 10) { nodes { ... on CheckRun { name conclusion } } } } } } } } } }`,
      {},
      world,
    );
    expect(
      (answer.data!.repository as any).pullRequest.commits.nodes[0].commit.statusCheckRollup.contexts.nodes,
    ).toEqual([
      { name: "build", conclusion: "FAILURE" },
      { name: "build", conclusion: "SUCCESS" },
    ]);
  });
});
