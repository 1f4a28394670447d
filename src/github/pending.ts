// What GitHub records of the evaluations dod left unfinished, for when the queue lost them (Redis and every replica
// restarted together): an open pull request whose head carries no finished run of dod's — none at all (its event was
// lost before any evaluation wrote one: the pull request changed lately) or one left `in_progress` (waiting on another
// check whose completion event was lost: GitHub's search lists it as `status:pending`, however old). Two searches,
// one request per page of 50 pull requests each, find them and their heads' dod runs together.
import type { DodIdentity } from "../model/identity.js";
import type { GitHub } from "./client.js";
import type * as G from "./generated/graphql.js";
import { present } from "./nodes.js";
import { runFor } from "./own-run.js";

/** Pull requests updated this recently are looked at; older ones were not in flight (the journal keeps an hour). */
export const PENDING_WINDOW_MS = 60 * 60_000;
/** GitHub's search finds at most 1,000 results; a search reads no more pages than that. */
export const MAX_PENDING_PAGES = 20;

export const PENDING_PULLS_QUERY = /* GraphQL */ `
  query DodPendingPulls($q: String!, $after: String, $appId: Int, $checkName: String!) {
    search(query: $q, type: ISSUE, first: 50, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        ... on PullRequest {
          number
          headRefOid
          repository { name owner { login } }
          commits(last: 1) {
            nodes {
              commit {
                oid
                checkSuites(first: 10, filterBy: { appId: $appId }) {
                  nodes { checkRuns(first: 10, filterBy: { checkName: $checkName }) { nodes { databaseId status externalId } } }
                }
              }
            }
          }
        }
      }
    }
  }
`;

export interface PendingPull {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
}

/**
 * The account's open pull requests whose head has no finished run of dod's for them, among those updated since
 * `since` and those whose checks are pending.
 */
export async function pendingPullRequests(
  github: Pick<GitHub, "graphql">,
  identity: DodIdentity,
  account: { login: string; type: string },
  since: Date,
): Promise<PendingPull[]> {
  const base = `is:pr is:open archived:false ${account.type === "Organization" ? "org" : "user"}:${account.login}`;
  const updated = `updated:>=${since.toISOString().replace(/\.\d{3}Z$/, "Z")}`;
  const found = new Map<string, PendingPull>();
  for (const q of [`${base} ${updated} sort:updated-desc`, `${base} status:pending sort:updated-desc`])
    for (const pr of await searchPending(github, identity, q))
      found.set(`${pr.owner}/${pr.repo}#${pr.number}`.toLowerCase(), pr);
  return [...found.values()];
}

async function searchPending(
  github: Pick<GitHub, "graphql">,
  identity: DodIdentity,
  q: string,
): Promise<PendingPull[]> {
  const found: PendingPull[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_PENDING_PAGES; page++) {
    const { search }: G.DodPendingPullsQuery = await github.graphql<G.DodPendingPullsQuery>(PENDING_PULLS_QUERY, {
      q,
      after,
      appId: identity.appId ?? null,
      checkName: identity.checkName,
    } satisfies G.DodPendingPullsQueryVariables);
    for (const node of present(search.nodes)) {
      if (!("number" in node)) continue;
      const head = present(node.commits.nodes)[0]?.commit;
      // The head GitHub lists may lag the one its commits show for a moment after a push: unknown, so pending.
      const runs =
        head?.oid === node.headRefOid
          ? present(head.checkSuites?.nodes).flatMap((suite) =>
              present(suite.checkRuns?.nodes).flatMap((run) =>
                run.databaseId
                  ? [{ id: run.databaseId, externalId: run.externalId, completed: run.status === "COMPLETED" }]
                  : [],
              ),
            )
          : [];
      if (runFor(runs, node.number)?.completed) continue;
      found.push({
        owner: node.repository.owner.login,
        repo: node.repository.name,
        number: node.number,
        headSha: node.headRefOid,
      });
    }
    if (!search.pageInfo.hasNextPage) break;
    after = search.pageInfo.endCursor;
  }
  return found;
}
