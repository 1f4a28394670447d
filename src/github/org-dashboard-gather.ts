// One release across an organisation's repositories: the pull requests of every milestone of that name, found by
// search, which returns pull requests of many repositories per page (50 a request) — so 500 pull requests spread
// over 20 repositories cost 10 requests, not one per repository. The first request also reads the organisation's
// `.github/done.yml` (capacity groups and targets). Search answers with what the token can read, so each viewer
// sees only their repositories.
import { loadConfig, type LoadResult } from "../config/resolve.js";
import type { DashboardInput, PullInput } from "../model/dashboard.js";
import { CONFIG_PATH, ORG_CONFIG_REPO } from "../model/names.js";
import { type GitHub, queryAllowingMissing } from "./client.js";
import { toPull } from "./dashboard-gather.js";
import { PULL_BY_NAME, PULLS_PER_PAGE } from "./dashboard-queries.js";
import { CONFIG_FILE } from "./fragments.js";
import type * as G from "./generated/graphql.js";
import { blobText, present } from "./nodes.js";

export const ORG_RELEASE_QUERY = /* GraphQL */ `
  query DodOrgRelease($org: String!, $search: String!, $after: String, $withConfig: Boolean!) {
    org: repository(owner: $org, name: ".github") @include(if: $withConfig) { ...DodConfigFile }
    search(type: ISSUE, query: $search, first: 50, after: $after) {
      issueCount
      pageInfo { hasNextPage endCursor }
      nodes { ... on PullRequest { ...DodDashboardPullByName repository { nameWithOwner } milestone { title dueOn state closedAt } } }
    }
  }
  ${CONFIG_FILE}
  ${PULL_BY_NAME}
`;

type OrgPullNode = Extract<
  NonNullable<NonNullable<G.DodOrgReleaseQuery["search"]["nodes"]>[number]>,
  { number: number }
>;

export interface GatheredOrgRelease {
  /** The organisation's config, or a failure when it has none (the release is still shown, without capacity). */
  config: LoadResult;
  input: DashboardInput;
  /** The repositories the release was found in, as the token sees them. */
  repositories: string[];
  requests: number;
}

export async function gatherOrgRelease(
  github: Pick<GitHub, "graphql">,
  org: string,
  release: string,
  options: { preferAppId?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<GatheredOrgRelease> {
  let requests = 0;
  const search = `org:${org} is:pr milestone:"${release.replace(/"/g, "")}"`;
  const pulls: PullInput[] = [];
  let config: LoadResult | null = null;
  let milestone: OrgPullNode["milestone"] = null;
  for (let after: string | null = null, more = true; more; ) {
    requests++;
    const variables: G.DodOrgReleaseQueryVariables = { org, search, after, withConfig: config === null };
    const data: G.DodOrgReleaseQuery = await queryAllowingMissing<G.DodOrgReleaseQuery>(
      github,
      ORG_RELEASE_QUERY,
      variables,
      ["org"],
    );
    config ??= loadConfig({ file: `${org}/${ORG_CONFIG_REPO}:${CONFIG_PATH}`, text: blobText(data.org?.object) });
    const found = present(data.search.nodes).filter((n): n is OrgPullNode => "number" in n);
    for (const node of found) {
      // Search matches milestone titles loosely and lists closed-unmerged pull requests: keep the exact release.
      if (node.milestone?.title !== release || (node.state === "CLOSED" && !node.merged)) continue;
      milestone ??= node.milestone;
      pulls.push({ ...toPull(node, options.preferAppId), repo: node.repository.nameWithOwner });
    }
    more = Boolean(data.search.pageInfo.hasNextPage && data.search.pageInfo.endCursor);
    after = data.search.pageInfo.endCursor;
    options.onProgress?.(
      requests,
      Math.max(requests + (more ? 1 : 0), Math.ceil(data.search.issueCount / PULLS_PER_PAGE)),
    );
  }
  const repositories = [...new Set(pulls.map((p) => p.repo!))].sort();
  return {
    config: config!,
    input: {
      owner: org,
      repo: "",
      url: "",
      releaseBy: "milestone",
      releases: [
        {
          name: release,
          dueOn: milestone?.dueOn ?? null,
          state: milestone?.state === "CLOSED" ? "closed" : "open",
          closedAt: milestone?.closedAt ?? null,
          pulls,
        },
      ],
    },
    repositories,
    requests,
  };
}
