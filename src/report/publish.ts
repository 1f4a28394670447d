// The one writer: puts a verdict on GitHub idempotently. One check run per head commit, updated in place;
// one sticky comment per pull request, edited only when its text changed.
import { createHash } from "node:crypto";
import type { GitHub, PullRequestRef } from "../gather/github.js";
import { CHECK_NAME, type CheckRunOutput } from "./check-run.js";

/** GitHub takes at most 50 annotations per request; the rest follow in updates. */
const ANNOTATIONS_PER_REQUEST = 50;

export const RECHECK_ACTION = {
  label: "Re-check",
  description: "Evaluate the definition of done again",
  identifier: "recheck",
};

export interface Publication {
  ref: PullRequestRef;
  headSha: string;
  output: CheckRunOutput;
  existingCheckRun: { id: number; externalId: string | null } | null;
  /** The comment to write: `null` leaves comments alone. */
  comment: { body: string; existing: { id: number; body: string } | null } | null;
}

export interface Published {
  checkRunId: number;
  checkRun: "created" | "updated" | "unchanged";
  comment: "created" | "updated" | "unchanged" | "none";
}

export async function publish(github: GitHub, publication: Publication): Promise<Published> {
  const { id, result } = await writeCheckRun(github, publication);
  return { checkRunId: id, checkRun: result, comment: await writeComment(github, publication) };
}

// The check run's external id carries a fingerprint of what was written, so an evaluation that changes
// nothing (another check finished, a duplicate delivery) writes nothing.
const fingerprint = (output: CheckRunOutput) =>
  `dod:${createHash("sha256").update(JSON.stringify(output)).digest("hex").slice(0, 32)}`;

async function writeCheckRun(github: GitHub, { ref, headSha, output, existingCheckRun }: Publication) {
  const externalId = fingerprint(output);
  if (existingCheckRun?.externalId === externalId) return { id: existingCheckRun.id, result: "unchanged" } as const;
  const [first, ...rest] = chunks(output.annotations, ANNOTATIONS_PER_REQUEST);
  const base = { title: output.title, summary: output.summary, ...(output.text ? { text: output.text } : {}) };
  const state =
    output.conclusion === "pending"
      ? ({ status: "in_progress" } as const)
      : ({ status: "completed", conclusion: output.conclusion } as const);
  const fields = {
    owner: ref.owner,
    repo: ref.repo,
    ...state,
    external_id: externalId,
    output: { ...base, annotations: first ?? [] },
    actions: [RECHECK_ACTION],
  };
  const id = existingCheckRun
    ? (await github.rest.checks.update({ ...fields, check_run_id: existingCheckRun.id })).data.id
    : (await github.rest.checks.create({ ...fields, name: CHECK_NAME, head_sha: headSha })).data.id;
  for (const annotations of rest) {
    await github.rest.checks.update({ owner: ref.owner, repo: ref.repo, check_run_id: id, output: { ...base, annotations } });
  }
  return { id, result: existingCheckRun ? "updated" : "created" } as const;
}

async function writeComment(github: GitHub, { ref, comment }: Publication): Promise<Published["comment"]> {
  if (!comment) return "none";
  const repo = { owner: ref.owner, repo: ref.repo };
  if (!comment.existing) {
    await github.rest.issues.createComment({ ...repo, issue_number: ref.number, body: comment.body });
    return "created";
  }
  // GitHub may store line endings differently from how they were sent.
  if (normalise(comment.existing.body) === normalise(comment.body)) return "unchanged";
  await github.rest.issues.updateComment({ ...repo, comment_id: comment.existing.id, body: comment.body });
  return "updated";
}

const normalise = (body: string) => body.replace(/\r\n/g, "\n").trim();

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
