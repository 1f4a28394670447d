// Look-ups the queue runs for events that name no pull request: which open pull requests a commit or an issue
// concerns. Each found pull request gets its own evaluation job.
import type { CommitJob, IssueJob, PullRequestJob } from "../queue/job.js";
import { pullRequestJobFrom } from "../queue/job.js";
import type { GitHub } from "./client.js";
import { ISSUE_PULL_REQUESTS_QUERY } from "./queries.js";
import type { IssuePullRequestsData } from "./response.js";

/** The open pull requests whose head is the commit (fork pull requests are missing from check payloads). */
export async function pullRequestsForCommit(github: GitHub, job: CommitJob): Promise<PullRequestJob[]> {
  const { data } = await github.rest.repos.listPullRequestsAssociatedWithCommit({
    owner: job.owner,
    repo: job.repo,
    commit_sha: job.sha,
  });
  return data
    .filter((pr) => pr.state === "open" && pr.head.sha === job.sha)
    .map((pr) => pullRequestJobFrom(job, { owner: job.owner, repo: job.repo, number: pr.number, headSha: job.sha }));
}

/** The open pull requests that close the issue. */
export async function pullRequestsClosing(github: GitHub, job: IssueJob): Promise<PullRequestJob[]> {
  const data = await github.graphql<IssuePullRequestsData>(ISSUE_PULL_REQUESTS_QUERY, {
    owner: job.owner,
    name: job.repo,
    number: job.number,
  });
  const prs = data.repository?.issue?.closedByPullRequestsReferences.nodes ?? [];
  return prs
    .filter((pr) => pr.state === "OPEN")
    .map((pr) => pullRequestJobFrom(job, { owner: pr.repository.owner.login, repo: pr.repository.name, number: pr.number }));
}
