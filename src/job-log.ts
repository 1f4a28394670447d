// Every line of a job's work, the GitHub requests included, names its deliveries, repository and pull request.
import type { Logger, Probot } from "probot";
import type { GitHub } from "./github/client.js";
import { type Job, jobSubject } from "./queue/job.js";

export const jobLog = (probot: Probot, job: Job): Logger =>
  probot.log.child({ deliveryIds: job.deliveryIds, ...jobSubject(job) });

/** An installation's Octokit (made afresh by each `probot.auth`) that logs its requests through the job's logger. */
export function withLog(octokit: unknown, log: Logger): GitHub {
  (octokit as { log: Logger }).log = log.child({ name: "github" });
  return octokit as GitHub;
}
