// A job that failed its last attempt must not leave the pull request without an answer: complete the check
// with what went wrong, so nobody waits on a check that never finishes.
import type { Logger, Probot } from "probot";
import type { GitHub } from "./gather/github.js";
import { type Job, jobSubject } from "./queue/job.js";
import { CHECK_NAME } from "./report/check-run.js";
import { annotationsHash, externalId, readFingerprint, RECHECK_ACTION } from "./report/publish.js";

/** Every line of a job's work, the GitHub requests included, names its deliveries, repository and pull request. */
export const jobLog = (probot: Probot, job: Job): Logger =>
  probot.log.child({ deliveryIds: job.deliveryIds, ...jobSubject(job) });

/** An installation's Octokit (made afresh by each `probot.auth`) that logs its requests through the job's logger. */
export function withLog(octokit: unknown, log: Logger): GitHub {
  (octokit as { log: Logger }).log = log.child({ name: "github" });
  return octokit as GitHub;
}

export async function reportFailure(probot: Probot, job: Job, error: unknown, appId?: number): Promise<void> {
  const log = jobLog(probot, job);
  log.error({ err: error }, "evaluation failed after its last attempt");
  if (job.kind !== "pull_request") return;
  const github = withLog(await probot.auth(job.installationId), log);
  const repo = { owner: job.owner, repo: job.repo };
  const headSha =
    job.headSha ?? (await github.rest.pulls.get({ ...repo, pull_number: job.number })).data.head.sha;
  const message = error instanceof Error ? error.message : String(error);
  const fields = {
    ...repo,
    status: "completed" as const,
    conclusion: "failure" as const,
    output: {
      title: "Could not evaluate the definition of done",
      summary: `dod could not finish evaluating this pull request:\n\n> ${message.split("\n")[0]}\n\nUse **Re-check** to try again; if it keeps failing, tell whoever hosts the app.`,
    },
    actions: [RECHECK_ACTION],
  };
  // Complete dod's own check on that commit (it may be in progress, waiting on another check) rather than add a
  // second one beside it — dod's, not another app's check of the same name.
  const { data } = await github.rest.checks.listForRef({
    ...repo,
    ref: headSha,
    check_name: CHECK_NAME,
    filter: "latest",
    ...(appId !== undefined && { app_id: appId }),
  });
  const own = data.check_runs[0];
  // `failed` in place of the output's fingerprint: the next evaluation rewrites the check even if its facts match
  // the last one that succeeded. The annotations are left as they were (an update can't remove them), and so is
  // their part of the fingerprint.
  const annotations = own ? (readFingerprint(own.external_id)?.annotations ?? null) : annotationsHash([]);
  const failed = { ...fields, external_id: externalId({ output: "failed", annotations }) };
  if (own) await github.rest.checks.update({ ...failed, check_run_id: own.id });
  else await github.rest.checks.create({ ...failed, name: CHECK_NAME, head_sha: headSha });
}
