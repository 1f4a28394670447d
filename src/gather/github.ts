// The slice of Octokit the shell uses. Probot's octokit and @octokit/rest's both fit, so the app, the CLI and
// the Action share one gatherer and one publisher.
import type { Octokit } from "@octokit/rest";

export type GitHub = Pick<Octokit, "graphql" | "rest" | "paginate" | "request">;

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

export const refText = (ref: PullRequestRef) => `${ref.owner}/${ref.repo}#${ref.number}`;
