// Pull request and review events: the pull request itself changed, so evaluate it again.
import type { Context } from "probot";
import type { PullRequestJob } from "../queue/job.js";
import { jobBase } from "./job-base.js";

export const PULL_REQUEST_EVENTS = [
  "pull_request.opened",
  "pull_request.reopened",
  "pull_request.synchronize",
  "pull_request.edited",
  "pull_request.labeled",
  "pull_request.unlabeled",
  "pull_request.ready_for_review",
  "pull_request.converted_to_draft",
  "pull_request_review.submitted",
  "pull_request_review.dismissed",
] as const;

export function pullRequestJob(context: Context<"pull_request" | "pull_request_review">): PullRequestJob {
  const { pull_request } = context.payload;
  return { ...jobBase(context), kind: "pull_request", number: pull_request.number, headSha: pull_request.head.sha };
}

/** A merged pull request: evaluated once more, so its done debt can get follow-ups (`follow_ups: auto`). */
export function mergedPullRequestJob(context: Context<"pull_request.closed">): PullRequestJob | null {
  const { pull_request } = context.payload;
  if (!pull_request.merged) return null;
  return {
    ...jobBase(context),
    kind: "pull_request",
    number: pull_request.number,
    headSha: pull_request.head.sha,
    merged: true,
  };
}
