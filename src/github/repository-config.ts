// The rules a repository has now, for comparing a proposed done.yml with them away from any pull request.
import { CONFIG_PATH, ORG_CONFIG_REPO } from "../model/names.js";
import { type GitHub, queryAllowingMissing } from "./client.js";
import { REPOSITORY_CONFIG_QUERY } from "./queries.js";
import type * as G from "./generated/graphql.js";
import { blobText } from "./nodes.js";

/** The repository's done.yml and its organisation's on their default branches (`null` where there is none). */
export async function readRepositoryConfig(
  github: GitHub,
  owner: string,
  repo: string,
): Promise<{ text: string | null; org: { file: string; text: string | null } }> {
  const variables: G.DodRepositoryConfigQueryVariables = { owner, name: repo };
  const data = await queryAllowingMissing<G.DodRepositoryConfigQuery>(github, REPOSITORY_CONFIG_QUERY, variables, [
    "org",
  ]);
  return {
    text: blobText(data.repository?.object),
    org: { file: `${owner}/${ORG_CONFIG_REPO}:${CONFIG_PATH}`, text: blobText(data.org?.object) },
  };
}
