// The one writer of dod's sticky comment: one per pull request, edited only when its text changed.
import type { PullRequestRef } from "../model/pull-request.js";
import type { GitHub } from "./client.js";
import { createOnce, NO_BLIND_RETRY } from "./create-once.js";

export interface CommentWrite {
  body: string;
  existing: { id: number; body: string } | null;
}

export async function writeComment(
  github: GitHub,
  ref: PullRequestRef,
  { body, existing }: CommentWrite,
  appId?: number,
): Promise<"created" | "updated" | "unchanged"> {
  const repo = { owner: ref.owner, repo: ref.repo };
  if (!existing) {
    await createComment(github, ref, body, appId);
    return "created";
  }
  // GitHub may store line endings differently from how they were sent.
  if (normalise(existing.body) === normalise(body)) return "unchanged";
  await github.rest.issues.updateComment({ ...repo, comment_id: existing.id, body });
  return "updated";
}

const normalise = (body: string) => body.replace(/\r\n/g, "\n").trim();

/** How far back a lost create is looked for: the attempt's own time, less GitHub's clock being ahead of ours. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Posts a comment once, even when GitHub's answer is lost: a comment by dod's app (by any bot when its id is
 * unknown), made since the first attempt, that starts with this body's first line (its marker) is that attempt's.
 */
export async function createComment(
  github: GitHub,
  ref: PullRequestRef,
  body: string,
  appId?: number,
): Promise<number> {
  const params = { owner: ref.owner, repo: ref.repo, issue_number: ref.number };
  const since = new Date(Date.now() - CLOCK_SKEW_MS).toISOString();
  const marker = body.split("\n", 1)[0]!;
  return createOnce(
    async () => (await github.rest.issues.createComment({ ...params, body, ...NO_BLIND_RETRY })).data.id,
    async () => {
      const recent = await github.paginate(github.rest.issues.listComments, { ...params, since, per_page: 100 });
      const made = recent.find(
        (c) =>
          c.user?.type === "Bot" &&
          (appId === undefined || c.performed_via_github_app?.id === appId) &&
          (c.body ?? "").startsWith(marker),
      );
      return made?.id ?? null;
    },
  );
}
