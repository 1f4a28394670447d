// A job that failed its last attempt must not leave the pull request without an answer: complete the check
// with what went wrong.
import type { DodIdentity } from "../model/identity.js";
import type { PullRequestJob } from "../queue/job.js";
import { writeFailedCheckRun } from "./check-run.js";
import type { GitHub } from "./client.js";

export async function reportFailure(
  github: GitHub,
  identity: DodIdentity,
  job: PullRequestJob,
  error: unknown,
): Promise<void> {
  const repo = { owner: job.owner, repo: job.repo };
  const headSha = job.headSha ?? (await github.rest.pulls.get({ ...repo, pull_number: job.number })).data.head.sha;
  const message = error instanceof Error ? error.message : String(error);
  await writeFailedCheckRun(github, identity, { ref: { ...repo, number: job.number }, headSha, message });
}
