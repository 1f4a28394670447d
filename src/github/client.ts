// The slice of Octokit the shell uses. Probot's octokit and @octokit/rest's both fit, so the app, the CLI and
// the Action share one gatherer and one publisher.
import type { Octokit } from "@octokit/rest";

export type GitHub = Pick<Octokit, "graphql" | "rest" | "paginate" | "request">;

/** Runs a query whose listed top-level aliases may legitimately not resolve (a repo without `.github`). */
export async function queryAllowingMissing<T>(
  github: Pick<GitHub, "graphql">,
  query: string,
  variables: Record<string, unknown>,
  optional: string[],
): Promise<T> {
  try {
    return await github.graphql<T>(query, variables);
  } catch (error) {
    // Octokit's GraphqlResponseError carries the partial data next to the errors.
    const partial = error as { name?: string; data?: T; errors?: { type?: string; path?: unknown[] }[] };
    const onlyOptionalMissing =
      partial.name === "GraphqlResponseError" &&
      partial.errors?.every((e) => e.type === "NOT_FOUND" && optional.includes(String(e.path?.[0])));
    if (onlyOptionalMissing && partial.data) return partial.data;
    throw error;
  }
}

/**
 * `queryAllowingMissing`, where GitHub may also refuse (FORBIDDEN) one of the optional aliases — an issue in a
 * repository dod's app can't read — while answering the rest: the data, and the aliases refused.
 */
export async function queryAllowingRefusals<T>(
  github: Pick<GitHub, "graphql">,
  query: string,
  variables: Record<string, unknown>,
  optional: string[],
): Promise<{ data: T; refused: string[] }> {
  try {
    return { data: await github.graphql<T>(query, variables), refused: [] };
  } catch (error) {
    const partial = error as { name?: string; data?: T; errors?: { type?: string; path?: unknown[] }[] };
    const alias = (e: { path?: unknown[] }) => String(e.path?.[0]);
    const tolerated =
      partial.name === "GraphqlResponseError" &&
      partial.errors?.every((e) => (e.type === "NOT_FOUND" || e.type === "FORBIDDEN") && optional.includes(alias(e)));
    if (!tolerated || !partial.data) throw error;
    const refused = partial.errors!.filter((e) => e.type === "FORBIDDEN").map(alias);
    return { data: partial.data, refused: [...new Set(refused)] };
  }
}
