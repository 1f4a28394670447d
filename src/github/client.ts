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
