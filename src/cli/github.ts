// The CLI's and the Action's GitHub client, and what their users read when GitHub says no.
import { Octokit } from "@octokit/rest";
import type { PullRequestRef } from "../model/pull-request.js";
import { refText } from "../model/pull-request.js";
import { PullRequestNotFound } from "../github/gather.js";
import { CliError } from "./errors.js";

export const DEFAULT_API_URL = "https://api.github.com";

export function createGitHub(env: NodeJS.ProcessEnv, token: string | undefined, userAgent = "dod-cli"): Octokit {
  if (!token) {
    throw new CliError(
      "GITHUB_TOKEN is not set: export a token that can read the repository (e.g. `export GITHUB_TOKEN=$(gh auth token)`)",
    );
  }
  return new Octokit({
    auth: token,
    // GitHub Enterprise: `https://ghe.example.com/api/v3`; Octokit sends GraphQL to `/api/graphql` there.
    baseUrl: (env.GITHUB_API_URL || DEFAULT_API_URL).replace(/\/+$/, ""),
    userAgent,
    // Failed requests become one clear message below, not Octokit's log lines as well.
    log: {
      debug: () => undefined,
      info: () => undefined,
      warn: (m: string) => console.warn(m),
      error: () => undefined,
    },
  });
}

/** GitHub's answer as a CliError the user can act on; anything unexpected is rethrown. */
export function explainGitHubError(error: unknown, ref: PullRequestRef): CliError {
  if (error instanceof CliError) return error;
  const e = error as { name?: string; status?: number; message?: string; errors?: { type?: string }[] };
  const notFound = `No pull request ${refText(ref)} (or the token can't see it)`;
  if (error instanceof PullRequestNotFound) return new CliError(notFound);
  if (e.name === "GraphqlResponseError" && e.errors?.length && e.errors.every((x) => x.type === "NOT_FOUND")) {
    return new CliError(notFound);
  }
  // A request that never got an answer: Octokit reports it as a 500 caused by fetch's TypeError.
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof TypeError) {
    const url = (error as { request?: { url?: string } }).request?.url;
    const at = url ? ` at ${new URL(url).origin}` : "";
    return new CliError(`Could not reach GitHub${at}: ${e.message ?? cause.message} (is GITHUB_API_URL right?)`);
  }
  if (e.status === 401) {
    return new CliError(
      "GitHub rejected the token (GITHUB_TOKEN): it is invalid or expired — create a new one, or run `gh auth token`",
    );
  }
  if (e.status === 404) return new CliError(notFound);
  if (e.status === 403) {
    return new CliError(
      `GitHub refused the request (403): ${e.message ?? "forbidden"} — the token may lack access, or the rate limit is spent`,
    );
  }
  if (e.status !== undefined) return new CliError(`GitHub answered ${e.status}: ${e.message ?? "request failed"}`);
  if (e.name === "GraphqlResponseError") return new CliError(`GitHub's GraphQL API answered with errors: ${e.message}`);
  return new CliError(`Unexpected error: ${e.message ?? String(error)}`);
}
