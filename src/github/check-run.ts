// The one writer of dod's check run: a verdict written idempotently (one run per head commit, updated in place, a
// new one only when its annotations change), and the failure written over it when an evaluation gave up.
import type { DodIdentity } from "../model/identity.js";
import type { PullRequestRef } from "../model/pull-request.js";
import type { CheckRunOutput } from "../report/check-run.js";
import type { GitHub } from "./client.js";
import { createOnce, NO_BLIND_RETRY } from "./create-once.js";
import { annotationsHash, externalId, fingerprint, readFingerprint } from "./fingerprint.js";
import { listOwnRuns, runFor } from "./own-run.js";

/** GitHub takes at most 50 annotations per request; the rest follow in updates. */
const ANNOTATIONS_PER_REQUEST = 50;

export const RECHECK_ACTION = {
  label: "Re-check",
  description: "Evaluate the definition of done again",
  identifier: "recheck",
};

export interface ExistingCheckRun {
  id: number;
  externalId: string | null;
  /** Whether the run has finished; unknown counts as finished. */
  completed?: boolean;
}

export interface CheckRunWrite {
  ref: PullRequestRef;
  headSha: string;
  output: CheckRunOutput;
  existing: ExistingCheckRun | null;
}

export async function writeCheckRun(
  github: GitHub,
  identity: DodIdentity,
  { ref, headSha, output, existing }: CheckRunWrite,
): Promise<{ id: number; result: "created" | "updated" | "unchanged" }> {
  const print = fingerprint(output, ref.number);
  const id = externalId(print);
  if (existing?.externalId === id) return { id: existing.id, result: "unchanged" };
  // Same annotations as already on the run: update the rest and send none. Any other set (or one we can't know):
  // a new run, so the old annotations go with the old run.
  const before = readFingerprint(existing?.externalId ?? null);
  // A finished run is never moved back to in_progress (GitHub would show it both finished and running, or refuse):
  // an evaluation that now waits starts a new run.
  const reopens = output.conclusion === "pending" && existing?.completed !== false;
  const update = existing !== null && before?.annotations === print.annotations && !reopens;
  const [first, ...rest] = update ? [] : chunks(output.annotations, ANNOTATIONS_PER_REQUEST);
  const base = { title: output.title, summary: output.summary, ...(output.text ? { text: output.text } : {}) };
  const state =
    output.conclusion === "pending"
      ? ({ status: "in_progress" } as const)
      : ({ status: "completed", conclusion: output.conclusion } as const);
  const fields = {
    owner: ref.owner,
    repo: ref.repo,
    ...state,
    external_id: id,
    output: { ...base, ...(update ? {} : { annotations: first ?? [] }) },
    actions: [RECHECK_ACTION],
  };
  const written = update
    ? (await github.rest.checks.update({ ...fields, check_run_id: existing.id })).data.id
    : await createCheckRun(github, identity, ref, { ...fields, name: identity.checkName, head_sha: headSha });
  let count = first?.length ?? 0;
  for (const annotations of rest) {
    await appendAnnotations(github, ref, written, { ...base, annotations }, count);
    count += annotations.length;
  }
  // A waiting run replaced by a new one would otherwise stay in progress on the commit for good. Tidying only: the
  // verdict is already in the new run, so failing to close the old one must not fail the evaluation.
  if (!update && existing?.completed === false) await closeReplaced(github, ref, existing.id).catch(() => undefined);
  return { id: written, result: update ? "updated" : "created" };
}

/**
 * Appends one batch of annotations. An update with annotations adds them to the run's, so it is not idempotent: a
 * re-sent update whose first answer was lost would add the batch twice. After a lost answer the run's count of
 * annotations says whether GitHub added it (`before` + this batch) or not (`before`).
 */
async function appendAnnotations(
  github: GitHub,
  ref: PullRequestRef,
  checkRunId: number,
  output: { title: string; summary: string; text?: string; annotations: CheckRunOutput["annotations"] },
  before: number,
): Promise<void> {
  const repo = { owner: ref.owner, repo: ref.repo, check_run_id: checkRunId };
  await createOnce(
    async () => {
      await github.rest.checks.update({ ...repo, output, ...NO_BLIND_RETRY });
      return true;
    },
    async () => {
      const { data } = await github.rest.checks.get(repo);
      return data.output.annotations_count >= before + output.annotations.length ? true : null;
    },
  );
}

/** Completes dod's check on the commit with what went wrong, so nobody waits on a check that never finishes. */
export async function writeFailedCheckRun(
  github: GitHub,
  identity: DodIdentity,
  { ref, headSha, message }: { ref: PullRequestRef; headSha: string; message: string },
): Promise<void> {
  const repo = { owner: ref.owner, repo: ref.repo };
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
  // second one beside it — dod's, not another app's check of the same name, and this pull request's.
  const own = runFor(await listOwnRuns(github, identity, ref, headSha), ref.number);
  // `failed` in place of the output's fingerprint: the next evaluation rewrites the check even if its facts match
  // the last one that succeeded. The annotations are left as they were (an update can't remove them), and so is
  // their part of the fingerprint.
  const annotations = own ? (readFingerprint(own.externalId)?.annotations ?? null) : annotationsHash([]);
  const failed = { ...fields, external_id: externalId({ output: "failed", annotations, number: ref.number }) };
  if (own) await github.rest.checks.update({ ...failed, check_run_id: own.id });
  else await createCheckRun(github, identity, ref, { ...failed, name: identity.checkName, head_sha: headSha });
}

async function closeReplaced(github: GitHub, ref: PullRequestRef, id: number): Promise<void> {
  await github.rest.checks.update({
    owner: ref.owner,
    repo: ref.repo,
    check_run_id: id,
    status: "completed",
    conclusion: "skipped",
    output: {
      title: "Replaced by a newer run",
      summary: "A newer run of the definition of done on this commit replaces this one.",
    },
  });
}

type CreateParams = Parameters<GitHub["rest"]["checks"]["create"]>[0] & { head_sha: string; external_id: string };

/**
 * Creates a check run once, even when GitHub's answer is lost: dod's newest run for this pull request on the commit,
 * if it carries this very external id, is the one the lost attempt made.
 */
async function createCheckRun(
  github: GitHub,
  identity: DodIdentity,
  ref: PullRequestRef,
  params: CreateParams,
): Promise<number> {
  return createOnce(
    async () => (await github.rest.checks.create({ ...params, ...NO_BLIND_RETRY })).data.id,
    async () => {
      const newest = runFor(await listOwnRuns(github, identity, ref, params.head_sha), ref.number);
      return newest?.externalId === params.external_id ? newest.id : null;
    },
  );
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
