// Every GraphQL document the app sends, each query builder called once with example arguments, so a test can
// walk them all (schema validation, the permissions they need).
import * as dashboard from "../../src/github/dashboard-queries.js";
import { ORG_RELEASE_QUERY } from "../../src/github/org-dashboard-gather.js";
import { PENDING_PULLS_QUERY } from "../../src/github/pending.js";
import * as queries from "../../src/github/queries.js";
import { TICKET_SEARCH_QUERY } from "../../src/github/ticket-mentions.js";

const examples: Record<string, (build: (...args: never[]) => unknown) => string[]> = {
  teamMembersQuery: (build) => [
    (build as typeof queries.teamMembersQuery)([
      { org: "acme", slug: "product" },
      { org: "acme", slug: "eng" },
    ]),
  ],
  linkedIssuesQuery: (build) => [
    (build as typeof queries.linkedIssuesQuery)([{ owner: "acme", repo: "shop", number: 7 }]),
  ],
  pullRequestsQuery: (build) => [
    (build as typeof queries.pullRequestsQuery)([
      { owner: "acme", repo: "shop", number: 7 },
      { owner: "acme", repo: "api", number: 3 },
    ]),
  ],
  milestonePullsQuery: (build) => [true, false].map((byApp) => (build as typeof dashboard.milestonePullsQuery)(byApp)),
  labelPullsQuery: (build) => [true, false].map((byApp) => (build as typeof dashboard.labelPullsQuery)(byApp)),
};

/** `[name, document]` for every GraphQL document the app sends. */
export function appDocuments(): [string, string][] {
  const found: [string, string][] = [
    ["ORG_RELEASE_QUERY", ORG_RELEASE_QUERY],
    ["TICKET_SEARCH_QUERY", TICKET_SEARCH_QUERY],
    ["PENDING_PULLS_QUERY", PENDING_PULLS_QUERY],
  ];
  for (const [name, value] of Object.entries({ ...queries, ...dashboard })) {
    if (typeof value === "string" && /^\s*query\b/.test(value)) found.push([name, value]);
    else if (typeof value === "function" && examples[name])
      found.push(...examples[name]!(value as never).map((doc, i) => [`${name}#${i}`, doc] as [string, string]));
    else if (typeof value === "function" && name.endsWith("Query"))
      throw new Error(`${name} builds a GraphQL document: give it example arguments in app-documents.ts`);
  }
  return found;
}
