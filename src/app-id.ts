// Which GitHub App dod is, for telling its own check runs from another app's of the same name.

/**
 * The id of the GitHub App an Octokit of Probot's authenticates as: asking its auth strategy for the app's JWT
 * signs one locally, without a request. `undefined` for a token (no app) or an unauthenticated Octokit.
 */
export async function appIdOf(octokit: unknown): Promise<number | undefined> {
  try {
    const auth = (await (octokit as { auth: (options: { type: "app" }) => Promise<unknown> }).auth({ type: "app" })) as {
      appId?: unknown;
    };
    const id = Number(auth?.appId);
    return Number.isInteger(id) && id > 0 ? id : undefined;
  } catch {
    return undefined;
  }
}
