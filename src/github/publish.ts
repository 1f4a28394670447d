// Puts a verdict on GitHub: the check run, when the config asks for one the sticky comment, and with
// `mention: owners-on-missing` the one comment that notifies owners of items newly missing.
import type { DodIdentity } from "../model/identity.js";
import type { PullRequestRef } from "../model/pull-request.js";
import type { CheckRunOutput } from "../report/check-run.js";
import { type ExistingCheckRun, writeCheckRun } from "./check-run.js";
import type { GitHub } from "./client.js";
import { type CommentWrite, createComment, writeComment } from "./comment.js";

export interface Publication {
  ref: PullRequestRef;
  headSha: string;
  output: CheckRunOutput;
  existingCheckRun: ExistingCheckRun | null;
  /** The comment to write: `null` leaves comments alone. */
  comment: CommentWrite | null;
  /** A new comment notifying owners (report/mention.ts): written after the sticky one, so it reads below it. */
  mention?: string | null;
}

export interface Published {
  checkRunId: number;
  checkRun: "created" | "updated" | "unchanged";
  comment: "created" | "updated" | "unchanged" | "none";
  mention: "created" | "none";
}

export async function publish(github: GitHub, identity: DodIdentity, publication: Publication): Promise<Published> {
  const { ref, headSha, output, existingCheckRun, comment, mention } = publication;
  const { id, result } = await writeCheckRun(github, identity, { ref, headSha, output, existing: existingCheckRun });
  const commented = comment ? await writeComment(github, ref, comment, identity.appId) : "none";
  // Its marker names the items it announces: a lost answer is found by it rather than posted twice.
  if (mention) await createComment(github, ref, mention, identity.appId);
  return { checkRunId: id, checkRun: result, comment: commented, mention: mention ? "created" : "none" };
}
