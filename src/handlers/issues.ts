// Issue events: a linked issue's checklist or state changed, so the pull requests that close it may change.
import type { Context } from "probot";
import type { GitHub } from "../gather/github.js";
import { ISSUE_PULL_REQUESTS_QUERY } from "../gather/queries.js";
import type { IssuePullRequestsData } from "../gather/response.js";
import { type IssueJob, type PullRequestJob, pullRequestJobFrom } from "../queue/job.js";
import { jobBase } from "./job-base.js";
import { DASHBOARD_MARKER } from "../dashboard/gather.js";

export const ISSUE_EVENTS = ["issues.edited", "issues.closed", "issues.reopened"] as const;

/** A job for the issue, or none for dod's own dashboard issue (its edits close no pull request). */
export function issueJob(context: Context<"issues">): IssueJob | null {
  const { issue } = context.payload;
  if (issue.body?.startsWith(DASHBOARD_MARKER)) return null;
  return { ...jobBase(context), kind: "issue", number: issue.number };
}

/** The open pull requests that close the issue: each gets its own evaluation job. */
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
