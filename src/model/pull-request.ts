// Which pull request: what a job, the CLI and the Action name before anything is read.
export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

export const refText = (ref: PullRequestRef) => `${ref.owner}/${ref.repo}#${ref.number}`;
