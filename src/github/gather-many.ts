// The facts of many pull requests for the preview of a done.yml change: one request lists them, then each request
// gathers ten with the single evaluation's fields (one alias each). Only what overflows a page costs more, as for
// one pull request.
import { ORG_CONFIG_REPO } from "../model/names.js";
import type { DodIdentity } from "../model/identity.js";
import type { PullRequestRef } from "../model/pull-request.js";
import { type GitHub, queryAllowingMissing } from "./client.js";
import { type Gathered, gatheredFrom } from "./gather.js";
import { PREVIEW_LIST_QUERY, PREVIEW_SEARCH_QUERY, type PullsData, pullRequestsQuery } from "./queries.js";
import type { Cache } from "./cache.js";
import type * as G from "./generated/graphql.js";
import { present } from "./nodes.js";

/** Pull requests per batched request: ten evaluations' fields stay far below GitHub's node and time limits. */
export const PULLS_PER_REQUEST = 10;
/** GitHub lists at most 100 nodes of a connection per request. */
export const MAX_LISTED = 100;

export interface ListedPull extends PullRequestRef {
  state: "open" | "merged";
}

type SearchNode = NonNullable<NonNullable<G.DodPreviewSearchQuery["open"]["nodes"]>[number]>;

/**
 * The open pull requests and the latest merged ones (newest activity first), without `except` (the pull request
 * that edits the file). A change of the organisation's file (in its `.github` repository) lists those of every
 * repository of the organisation, by search.
 */
export async function listPulls(
  github: GitHub,
  except: PullRequestRef,
  counts: { open: number; merged: number },
): Promise<ListedPull[]> {
  // One more of each: the pull request that edits the file may be among them.
  const open = Math.min(MAX_LISTED, counts.open + 1);
  const merged = Math.min(MAX_LISTED, counts.merged + 1);
  const isExcept = (p: PullRequestRef) =>
    p.number === except.number &&
    p.owner.toLowerCase() === except.owner.toLowerCase() &&
    p.repo.toLowerCase() === except.repo.toLowerCase();
  let listed: ListedPull[];
  if (except.repo.toLowerCase() === ORG_CONFIG_REPO) {
    const org = except.owner;
    const data = await github.graphql<G.DodPreviewSearchQuery>(PREVIEW_SEARCH_QUERY, {
      open: `org:${org} is:pr is:open sort:updated-desc`,
      merged: `org:${org} is:pr is:merged sort:updated-desc`,
      openCount: open,
      mergedCount: merged,
    } satisfies G.DodPreviewSearchQueryVariables);
    const refs = (nodes: SearchNode[], state: ListedPull["state"]) =>
      nodes.flatMap((n) =>
        "number" in n ? [{ owner: n.repository.owner.login, repo: n.repository.name, number: n.number, state }] : [],
      );
    listed = [...refs(present(data.open.nodes), "open"), ...refs(present(data.merged.nodes), "merged")];
  } else {
    const data = await github.graphql<G.DodPreviewListQuery>(PREVIEW_LIST_QUERY, {
      owner: except.owner,
      name: except.repo,
      open,
      merged,
    } satisfies G.DodPreviewListQueryVariables);
    const here = { owner: except.owner, repo: except.repo };
    listed = [
      ...present(data.repository?.open.nodes).map((n) => ({ ...here, number: n.number, state: "open" as const })),
      ...present(data.repository?.merged.nodes).map((n) => ({ ...here, number: n.number, state: "merged" as const })),
    ];
  }
  const others = listed.filter((p) => !isExcept(p));
  return [
    ...others.filter((p) => p.state === "open").slice(0, counts.open),
    ...others.filter((p) => p.state === "merged").slice(0, counts.merged),
  ];
}

/**
 * Each pull request's facts, ten per request. A pull request that no longer resolves (deleted, or moved out of
 * reach since it was listed) is left out rather than failing the others.
 */
export async function gatherPulls(
  github: GitHub,
  pulls: readonly ListedPull[],
  identity: DodIdentity,
  cache?: Cache,
): Promise<{ pull: ListedPull; gathered: Gathered }[]> {
  const out: { pull: ListedPull; gathered: Gathered }[] = [];
  for (let start = 0; start < pulls.length; start += PULLS_PER_REQUEST) {
    const batch = pulls.slice(start, start + PULLS_PER_REQUEST);
    const aliases = batch.map((_, i) => `p${i}`);
    const data = await queryAllowingMissing<PullsData>(github, pullRequestsQuery(batch), {}, aliases);
    for (const [i, pull] of batch.entries()) {
      const node = data[`p${i}`]?.pullRequest;
      if (!node) continue;
      out.push({ pull, gathered: await gatheredFrom(github, pull, node, null, identity, cache) });
    }
  }
  return out;
}
