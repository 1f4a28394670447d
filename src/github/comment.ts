// The one writer of dod's sticky comment: one per pull request, edited only when its text changed.
import type { PullRequestRef } from "../model/pull-request.js";
import type { GitHub } from "./client.js";

export interface CommentWrite {
  body: string;
  existing: { id: number; body: string } | null;
}

export async function writeComment(
  github: GitHub,
  ref: PullRequestRef,
  { body, existing }: CommentWrite,
): Promise<"created" | "updated" | "unchanged"> {
  const repo = { owner: ref.owner, repo: ref.repo };
  if (!existing) {
    await github.rest.issues.createComment({ ...repo, issue_number: ref.number, body });
    return "created";
  }
  // GitHub may store line endings differently from how they were sent.
  if (normalise(existing.body) === normalise(body)) return "unchanged";
  await github.rest.issues.updateComment({ ...repo, comment_id: existing.id, body });
  return "updated";
}

const normalise = (body: string) => body.replace(/\r\n/g, "\n").trim();
