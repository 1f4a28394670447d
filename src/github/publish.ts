// Puts a verdict on GitHub: the check run and, when the config asks for one, the sticky comment.
import type { DodIdentity } from "../model/identity.js";
import type { PullRequestRef } from "../model/pull-request.js";
import type { CheckRunOutput } from "../report/check-run.js";
import { type ExistingCheckRun, writeCheckRun } from "./check-run.js";
import type { GitHub } from "./client.js";
import { type CommentWrite, writeComment } from "./comment.js";

export interface Publication {
  ref: PullRequestRef;
  headSha: string;
  output: CheckRunOutput;
  existingCheckRun: ExistingCheckRun | null;
  /** The comment to write: `null` leaves comments alone. */
  comment: CommentWrite | null;
}

export interface Published {
  checkRunId: number;
  checkRun: "created" | "updated" | "unchanged";
  comment: "created" | "updated" | "unchanged" | "none";
}

export async function publish(github: GitHub, identity: DodIdentity, publication: Publication): Promise<Published> {
  const { ref, headSha, output, existingCheckRun, comment } = publication;
  const { id, result } = await writeCheckRun(github, identity, { ref, headSha, output, existing: existingCheckRun });
  return { checkRunId: id, checkRun: result, comment: comment ? await writeComment(github, ref, comment) : "none" };
}
