// Check and status events: a re-run asked of dod, or another check or status finished that a criterion may be
// waiting on.
import type { Context } from "probot";
import { readFingerprint } from "../github/fingerprint.js";
import type { DodIdentity } from "../model/identity.js";
import type { CommitJob, PullRequestJob } from "../queue/job.js";
import { jobBase } from "./job-base.js";

export const CHECK_EVENTS = [
  "check_run.rerequested",
  "check_run.requested_action",
  "check_run.completed",
  "check_suite.rerequested",
  "check_suite.completed",
] as const;

type CheckContext = Context<"check_run" | "check_suite">;

/** Jobs for the pull requests a check event concerns; none for dod's own check finishing (no loops). */
export function checkJobs(context: CheckContext, identity: DodIdentity): (PullRequestJob | CommitJob)[] {
  const { payload } = context;
  const own =
    "check_run" in payload && identity.isOwn({ name: payload.check_run.name, appId: payload.check_run.app?.id });
  const ownSuite =
    "check_suite" in payload && identity.appId !== undefined && payload.check_suite.app?.id === identity.appId;
  if (payload.action === "completed" && (own || ownSuite)) return [];
  if ("check_run" in payload && payload.action !== "completed" && !own) return [];

  const unit = "check_run" in payload ? payload.check_run : payload.check_suite;
  const base = jobBase(context);
  // dod's own run names its pull request: a fork's pull request is listed nowhere else (see fingerprint.ts).
  const carried = own ? readFingerprint(payload.check_run.external_id)?.number : undefined;
  if (carried !== undefined) return [{ ...base, kind: "pull_request", number: carried }];
  // The same commit can be the head of pull requests in other repositories (forks, their upstream): GitHub lists
  // those too, with their own numbers. Only this repository's are dod's to evaluate here.
  const here = unit.pull_requests.filter((pr) => pr.base.repo.id === payload.repository.id);
  if (here.length > 0) return here.map((pr) => ({ ...base, kind: "pull_request", number: pr.number }));
  // A check of a branch of this repository lists the pull requests whose head branch it is: none listed, none to
  // look up (pushes to the default branch, a branch with no pull request yet). GitHub leaves the branch null for
  // a fork's head, whose pull request it lists nowhere: that one is looked up.
  const branch = "check_run" in payload ? payload.check_run.check_suite.head_branch : payload.check_suite.head_branch;
  if (payload.action === "completed" && branch) return [];
  return [{ ...base, kind: "commit", sha: unit.head_sha, forks: !branch }];
}

export const STATUS_EVENTS = ["status"] as const;

/** A commit status reached a final state: the pull requests whose head it is may be waiting on it. */
export function statusJob(context: Context<"status">): CommitJob | null {
  const { payload } = context;
  if (payload.state === "pending") return null;
  const onDefaultBranchOnly = payload.branches.every((b) => b.name === payload.repository.default_branch);
  if (payload.branches.length > 0 && onDefaultBranchOnly) return null;
  // A commit on no branch of this repository may be a fork's head, which GitHub's commit look-up doesn't find.
  return { ...jobBase(context), kind: "commit", sha: payload.sha, forks: payload.branches.length === 0 };
}
