// Check events: a re-run asked of dod, or another check finished that a criterion may be waiting on.
import type { Context } from "probot";
import type { PullRequestJob } from "../queue/job.js";
import { CHECK_NAME } from "../report/check-run.js";

export const CHECK_EVENTS = [
  "check_run.rerequested",
  "check_run.requested_action",
  "check_run.completed",
  "check_suite.rerequested",
  "check_suite.completed",
] as const;

type CheckContext = Context<"check_run" | "check_suite">;

/** Jobs for the pull requests a check event concerns; none for dod's own check finishing (no loops). */
export async function checkJobs(context: CheckContext): Promise<PullRequestJob[]> {
  const { payload } = context;
  const own = "check_run" in payload ? payload.check_run.name === CHECK_NAME : false;
  if (payload.action === "completed" && (own || isOwnSuite(context))) return [];
  if ("check_run" in payload && payload.action !== "completed" && !own) return [];

  const unit = "check_run" in payload ? payload.check_run : payload.check_suite;
  const headSha = unit.head_sha;
  let numbers = unit.pull_requests.map((pr) => pr.number);
  if (numbers.length === 0) numbers = await pullRequestsForCommit(context, headSha);
  return numbers.map((number) => ({
    kind: "pull_request",
    installationId: payload.installation?.id ?? 0,
    owner: payload.repository.owner.login,
    repo: payload.repository.name,
    number,
    commentIds: [],
    deliveryIds: [context.id],
  }));
}

function isOwnSuite(context: CheckContext) {
  const suite = "check_suite" in context.payload ? context.payload.check_suite : undefined;
  const appId = Number(process.env.APP_ID ?? 0);
  return suite !== undefined && appId > 0 && suite.app?.id === appId;
}

/** Fork pull requests are missing from check payloads: ask which open pull requests contain the commit. */
async function pullRequestsForCommit(context: CheckContext, sha: string): Promise<number[]> {
  const { data } = await context.octokit.rest.repos.listPullRequestsAssociatedWithCommit(
    context.repo({ commit_sha: sha }),
  );
  return data.filter((pr) => pr.state === "open").map((pr) => pr.number);
}
