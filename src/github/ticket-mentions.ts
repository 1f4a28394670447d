// Which open pull requests name a tracker's ticket, for the Jira and Linear webhooks: GitHub's search of open pull
// requests whose title or description mentions the key, in each account the app is installed on. Search does not
// look at branch names, so a pull request that names its ticket only there is re-evaluated at its next event.
import type { GitHub } from "./client.js";
import type * as G from "./generated/graphql.js";
import { present } from "./nodes.js";

export const TICKET_SEARCH_QUERY = /* GraphQL */ `
  query DodTicketMentions($q: String!) {
    search(query: $q, type: ISSUE, first: 50) {
      nodes {
        ... on PullRequest { number title body state repository { name owner { login } } }
      }
    }
  }
`;

export interface Mention {
  owner: string;
  repo: string;
  number: number;
}

/** Open pull requests in the account whose title or description contains `key` as a word. */
export async function openPullRequestsMentioning(
  github: Pick<GitHub, "graphql">,
  account: { login: string; type: string },
  key: string,
): Promise<Mention[]> {
  const scope = account.type === "Organization" ? "org" : "user";
  const q = `"${key}" in:title,body is:pr is:open ${scope}:${account.login}`;
  const data = await github.graphql<G.DodTicketMentionsQuery>(TICKET_SEARCH_QUERY, {
    q,
  } satisfies G.DodTicketMentionsQueryVariables);
  // Search matches words loosely ("SHOP 123"); keep the pull requests that really carry the key.
  const word = new RegExp(`(?<![A-Za-z0-9_-])${key.replace(/[^A-Za-z0-9]/g, "\\$&")}(?![A-Za-z0-9_]|-[0-9])`, "i");
  return present(data.search.nodes)
    .filter((n): n is Extract<typeof n, { number: number }> => "number" in n && n.state === "OPEN")
    .filter((pr) => word.test(pr.title) || word.test(pr.body))
    .map((pr) => ({ owner: pr.repository.owner.login, repo: pr.repository.name, number: pr.number }));
}
