// A job that failed its last attempt must not leave the pull request without an answer: complete the check
// with what went wrong, so nobody waits on a check that never finishes.
import type { Probot } from "probot";
import type { GitHub } from "./gather/github.js";
import type { Job } from "./queue/job.js";
import { CHECK_NAME } from "./report/check-run.js";
import { RECHECK_ACTION } from "./report/publish.js";

export async function reportFailure(probot: Probot, job: Job, error: unknown): Promise<void> {
  const log = probot.log.child({ deliveryIds: job.deliveryIds, repo: `${job.owner}/${job.repo}`, number: job.number });
  log.error({ err: error }, "evaluation failed after its last attempt");
  if (job.kind !== "pull_request") return;
  const github = (await probot.auth(job.installationId)) as unknown as GitHub;
  const repo = { owner: job.owner, repo: job.repo };
  const headSha =
    job.headSha ?? (await github.rest.pulls.get({ ...repo, pull_number: job.number })).data.head.sha;
  const message = error instanceof Error ? error.message : String(error);
  await github.rest.checks.create({
    ...repo,
    name: CHECK_NAME,
    head_sha: headSha,
    status: "completed",
    conclusion: "failure",
    output: {
      title: "Could not evaluate the definition of done",
      summary: `dod could not finish evaluating this pull request:\n\n> ${message.split("\n")[0]}\n\nUse **Re-check** to try again; if it keeps failing, tell whoever hosts the app.`,
    },
    actions: [RECHECK_ACTION],
  });
}
