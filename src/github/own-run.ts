// Which of a commit's check runs is dod's run for one pull request. A commit can be the head of two open pull
// requests (one branch into `main` and into `release`): each gets a run of its own, told apart by the pull request
// number in its external id, and each is updated in place. One shared run rewritten by each pull request's
// evaluation in turn flipped between their verdicts at every event.
import type { DodIdentity } from "../model/identity.js";
import type { PullRequestRef } from "../model/pull-request.js";
import type { GitHub } from "./client.js";
import { readFingerprint } from "./fingerprint.js";

export interface OwnRun {
  id: number;
  externalId: string | null;
  completed: boolean;
}

/** The newest of dod's runs that reports on pull request `number` (or on none in particular: an older dod's). */
export function runFor<T extends OwnRun>(runs: readonly T[], number: number): T | null {
  const mine = runs.filter((run) => {
    const reported = readFingerprint(run.externalId)?.number;
    return reported === undefined || reported === number;
  });
  return mine.sort((a, b) => b.id - a.id)[0] ?? null;
}

/** Whether one of these runs reports on another pull request: the head is shared, and a run of ours may be hidden. */
export const sharesHead = (runs: readonly OwnRun[], number: number) =>
  runs.some((run) => {
    const reported = readFingerprint(run.externalId)?.number;
    return reported !== undefined && reported !== number;
  });

/**
 * Every run of dod's on a commit, as GitHub's REST API lists them: all of them, superseded ones included, of dod's
 * name and (when its id is known) dod's app — GitHub filters both.
 */
export async function listOwnRuns(
  github: GitHub,
  identity: DodIdentity,
  ref: PullRequestRef,
  headSha: string,
): Promise<OwnRun[]> {
  const runs = await github.paginate(github.rest.checks.listForRef, {
    owner: ref.owner,
    repo: ref.repo,
    ref: headSha,
    check_name: identity.checkName,
    filter: "all",
    ...(identity.appId !== undefined && { app_id: identity.appId }),
  });
  return runs.map((run) => ({
    id: run.id,
    externalId: run.external_id ?? null,
    completed: run.status === "completed",
  }));
}
