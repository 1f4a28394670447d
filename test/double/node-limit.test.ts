// GitHub's node limit (500,000 possible nodes per query), as the double enforces it, and where dod's documents stand:
// the preview's batch of ten pull requests among them.
import { describe, expect, it } from "vitest";
import { PULLS_PER_REQUEST } from "../../src/github/gather-many.js";
import { PULL_REQUEST_QUERY, pullRequestsQuery } from "../../src/github/queries.js";
import { appDocuments } from "../helpers/app-documents.js";
import { executeGitHub } from "../helpers/graphql-double.js";
import { NODE_LIMIT, nodeCount } from "../helpers/graphql-limits.js";

const refs = (n: number) => Array.from({ length: n }, (_, i) => ({ owner: "acme", repo: "shop", number: i + 1 }));

describe("GitHub's node limit", () => {
  it("counts as GitHub's documentation does: each connection's size times the connections around it", () => {
    // The documentation's example: 50 repositories, 10 issues each.
    const query = `query { viewer { repositories(first: 50) { edges { repository: node { name
      issues(first: 10) { totalCount edges { node { title bodyHTML } } } } } } } }`;
    expect(nodeCount(query)).toBe(550);
  });

  it("is enforced by the double: a query past 500,000 possible nodes gets GitHub's error and no data", () => {
    const query = `query { viewer { repositories(first: 100) { nodes { issues(first: 100) { nodes {
      comments(first: 100) { nodes { body } } } } } } } }`;
    expect(nodeCount(query)).toBe(1_010_100);
    const refused: string[] = [];
    const answer = executeGitHub(query, {}, { viewer: {} }, (problem) => refused.push(problem));
    expect(answer).toEqual({
      errors: [
        {
          type: "MAX_NODE_LIMIT_EXCEEDED",
          message: "This query requests up to 1,010,100 possible nodes which exceeds the maximum of 500,000.",
        },
      ],
    });
    expect(refused).toHaveLength(1);
  });

  it("leaves room for the preview's batches: ten pull requests cost ten times one", () => {
    const one = nodeCount(PULL_REQUEST_QUERY);
    const batch = nodeCount(pullRequestsQuery(refs(PULLS_PER_REQUEST)));
    expect(one).toBe(551);
    expect(batch).toBe(PULLS_PER_REQUEST * one);
    expect(batch).toBeLessThan(NODE_LIMIT / 50);
  });

  it("is far from the limit in every document the app sends", () => {
    const over = appDocuments().filter(([, document]) => nodeCount(document) > NODE_LIMIT / 10);
    expect(over).toEqual([]);
  });
});
