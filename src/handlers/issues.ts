// Issue events: a linked issue's checklist or state changed, so the pull requests that close it may change.
import type { Context } from "probot";
import type { IssueJob } from "../queue/job.js";
import { jobBase } from "./job-base.js";
import { DASHBOARD_MARKER } from "../model/names.js";
import { readFollowUpMarker } from "../model/follow-up.js";

export const ISSUE_EVENTS = ["issues.edited", "issues.closed", "issues.reopened"] as const;

/** A job for the issue, or none for dod's own dashboard and follow-up issues (they close no pull request). */
export function issueJob(context: Context<"issues">): IssueJob | null {
  const { issue } = context.payload;
  if (issue.body?.startsWith(DASHBOARD_MARKER) || readFollowUpMarker(issue.body)) return null;
  return { ...jobBase(context), kind: "issue", number: issue.number };
}
