// Merge queues: a required check must also report on each merge group's commit, or the queue waits for it until the
// group times out. dod does not evaluate that commit afresh: what its criteria look at (approvals, linked issues,
// labels, the description, the files changed) belongs to the pull request, which had to pass dod to enter the
// queue, and a merge group ending with a pull request holds those ahead of it, whose own groups carry their own
// verdicts. So the group's check carries over the verdict of the pull request it ends with.
import type { DodIdentity } from "../model/identity.js";
import type { MergeGroupJob } from "../queue/job.js";
import type { GitHub } from "./client.js";

/** The pull request a merge group ends with, from its ref: `refs/heads/gh-readonly-queue/{base}/pr-{n}-{sha}`. */
export function mergeGroupPullRequest(headRef: string): number | null {
  const match = /^refs\/heads\/gh-readonly-queue\/.+\/pr-(\d+)-[0-9a-f]{40}$/.exec(headRef);
  return match ? Number(match[1]) : null;
}

/** Conclusions a merge queue lets through; any other verdict of the pull request holds the group back. */
const PASSING = new Set(["success", "neutral", "skipped"]);

export async function reportMergeGroup(github: GitHub, identity: DodIdentity, job: MergeGroupJob): Promise<void> {
  const repo = { owner: job.owner, repo: job.repo };
  const number = mergeGroupPullRequest(job.headRef);
  const write = (conclusion: "success" | "failure" | "neutral", title: string, summary: string, url?: string) =>
    github.rest.checks.create({
      ...repo,
      name: identity.checkName,
      head_sha: job.sha,
      status: "completed",
      conclusion,
      ...(url && { details_url: url }),
      output: { title, summary },
    });
  if (number === null) {
    await write(
      "neutral",
      "No pull request named by this merge group",
      `dod carries a pull request's verdict over to its merge group, but \`${job.headRef}\` names none.`,
    );
    return;
  }
  const { data: pull } = await github.rest.pulls.get({ ...repo, pull_number: number });
  const { data } = await github.rest.checks.listForRef({
    ...repo,
    ref: pull.head.sha,
    check_name: identity.checkName,
    filter: "latest",
    ...(identity.appId !== undefined && { app_id: identity.appId }),
  });
  const run = data.check_runs[0];
  const verdict = run?.status === "completed" ? run.conclusion : null;
  const carried = `dod does not evaluate a merge group again: it carries over the verdict of #${number} on its head commit ${pull.head.sha.slice(0, 7)}, which the pull request needed to enter the queue.`;
  if (!run || verdict === null) {
    await write(
      "failure",
      `#${number} has no definition-of-done verdict yet`,
      `${carried}\n\nThat commit has no completed **${identity.checkName}** check: use **Re-check** on the pull request.`,
      pull.html_url,
    );
    return;
  }
  await write(
    PASSING.has(verdict) ? (verdict === "success" ? "success" : "neutral") : "failure",
    `#${number}: ${run.output.title ?? verdict}`,
    `${carried}\n\n[The pull request's check](${run.html_url ?? pull.html_url}) concluded **${verdict}**.`,
    run.html_url ?? pull.html_url,
  );
}
