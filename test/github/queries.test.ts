import { validate } from "@octokit/graphql-schema";
import { describe, expect, it } from "vitest";
import * as queries from "../../src/github/queries.js";

describe("GraphQL documents", () => {
  const examples: Record<string, string> = {
    teamMembersQuery: queries.teamMembersQuery([
      { org: "acme", slug: "product" },
      { org: "acme", slug: "eng" },
    ]),
    pullRequestsQuery: queries.pullRequestsQuery([
      { owner: "acme", repo: "shop", number: 7 },
      { owner: "acme", repo: "api", number: 3 },
    ]),
    linkedIssuesQuery: queries.linkedIssuesQuery([
      { owner: "acme", repo: "shop", number: 7 },
      { owner: "acme", repo: "specs", number: 3 },
    ]),
  };
  const documents = Object.entries(queries).map(([name, value]) => [
    name,
    typeof value === "function" ? examples[name]! : value,
  ]);

  it.each(documents)("%s validates against GitHub's schema", (_name, document) => {
    expect(validate(document).map((error) => error.message)).toEqual([]);
  });
});

describe("the schema check itself", () => {
  it("rejects a field GitHub does not have", () => {
    expect(validate('query { repository(owner: "a", name: "b") { doneness } }')).toHaveLength(1);
  });
});
