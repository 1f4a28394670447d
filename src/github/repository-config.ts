// The rules a repository has now, for comparing a proposed done.yml with them away from any pull request.
import { CONFIG_PATH, ORG_CONFIG_REPO } from "../model/names.js";
import { type GitHub, queryAllowingMissing } from "./client.js";
import { REPOSITORY_CONFIG_QUERY } from "./queries.js";

interface RepositoryConfigData {
  repository: { object: { text?: string | null } | null } | null;
  org: { object: { text?: string | null } | null } | null;
}

/** The repository's done.yml and its organisation's on their default branches (`null` where there is none). */
export async function readRepositoryConfig(
  github: GitHub,
  owner: string,
  repo: string,
): Promise<{ text: string | null; org: { file: string; text: string | null } }> {
  const data = await queryAllowingMissing<RepositoryConfigData>(
    github,
    REPOSITORY_CONFIG_QUERY,
    { owner, name: repo },
    ["org"],
  );
  return {
    text: data.repository?.object?.text ?? null,
    org: { file: `${owner}/${ORG_CONFIG_REPO}:${CONFIG_PATH}`, text: data.org?.object?.text ?? null },
  };
}
