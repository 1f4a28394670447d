// The one writer: puts a verdict on GitHub idempotently. One check run per head commit, updated in place (a new one
// only when its annotations change);
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

// The check run's external id carries a fingerprint of what was written — `dod:<output>:<annotations>` — so an
// evaluation that changes nothing (another check finished, a duplicate delivery) writes nothing. The annotations
// have their own part because GitHub *appends* the annotations of every update to those already on the run: they
// can't be replaced in place, only left alone (same set) or dropped with the run (a new run of the same name on the
// head commit, which GitHub then shows instead).
const hash = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 16);

export interface Fingerprint {
  /** The output's hash, or `failed` after reportFailure wrote its error over the run. */
  output: string;
  /** The annotations' hash; `null` when unknown (an external id from an older dod, or none). */
  annotations: string | null;
}

export function fingerprint({ annotations, ...rest }: CheckRunOutput): Fingerprint {
  return { output: hash(rest), annotations: annotationsHash(annotations) };
}

export const annotationsHash = (annotations: CheckRunOutput["annotations"]) => hash(annotations);

export const externalId = (print: Fingerprint) =>
  print.annotations === null ? `dod:${print.output}` : `dod:${print.output}:${print.annotations}`;

export function readFingerprint(externalId: string | null): Fingerprint | null {
  const match = /^dod:([0-9a-z]+)(?::([0-9a-f]{16}))?$/.exec(externalId ?? "");
  return match ? { output: match[1]!, annotations: match[2] ?? null } : null;
}

async function writeCheckRun(github: GitHub, { ref, headSha, output, existingCheckRun }: Publication) {
  const print = fingerprint(output);
  const id = externalId(print);
  if (existingCheckRun?.externalId === id) return { id: existingCheckRun.id, result: "unchanged" } as const;
  // Same annotations as already on the run: update the rest and send none. Any other set (or one we can't know):
  // a new run, so the old annotations go with the old run.
  const before = readFingerprint(existingCheckRun?.externalId ?? null);
  const update = existingCheckRun !== null && before?.annotations === print.annotations;
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
    ? (await github.rest.checks.update({ ...fields, check_run_id: existingCheckRun.id })).data.id
    : (await github.rest.checks.create({ ...fields, name: CHECK_NAME, head_sha: headSha })).data.id;
  for (const annotations of rest) {
    await github.rest.checks.update({ owner: ref.owner, repo: ref.repo, check_run_id: written, output: { ...base, annotations } });
  }
  return { id: written, result: update ? "updated" : "created" } as const;
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
