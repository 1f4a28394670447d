// A job that failed its last attempt must not leave the pull request without an answer: complete the check
// with what went wrong.
import type { DodIdentity } from "../model/identity.js";
import type { PullRequestJob } from "../queue/job.js";
import { writeFailedCheckRun } from "./check-run.js";
import type { GitHub } from "./client.js";

/**
 * Reports the failure on the pull request's current head, read now: the head an event saw may be an old one (events
 * of several heads fold into one job, and GitHub may deliver them out of order), and the number may name no pull
 * request at all — then there is nothing to report on, and another pull request's run on that commit is left alone.
 */
export async function reportFailure(
  github: GitHub,
  identity: DodIdentity,
  job: PullRequestJob,
  error: unknown,
): Promise<"reported" | "no pull request"> {
  const repo = { owner: job.owner, repo: job.repo };
  const pull = await github.rest.pulls.get({ ...repo, pull_number: job.number }).catch((err: { status?: number }) => {
    if (err.status === 404) return null;
    throw err;
  });
  if (!pull) return "no pull request";
  const message = error instanceof Error ? error.message : String(error);
  const ref = { ...repo, number: job.number };
  await writeFailedCheckRun(github, identity, { ref, headSha: pull.data.head.sha, message });
  return "reported";
}
