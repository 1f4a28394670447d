// Comment events on pull requests: `/dod` commands are answered and re-evaluate; waivers are re-read from the
// comments at every evaluation, so an edited or deleted command changes the verdict too.
import type { Context } from "probot";
import type { PullRequestJob } from "../queue/job.js";
import { jobBase } from "./job-base.js";

export const COMMENT_EVENTS = ["issue_comment.created", "issue_comment.edited", "issue_comment.deleted"] as const;

const mentionsDod = (text: string | null | undefined) => /(^|\n)\s*\/dod\b/i.test(text ?? "");

export function commentJob(context: Context<"issue_comment">): PullRequestJob | null {
  const { payload } = context;
  if (!payload.issue.pull_request || payload.comment.user?.type === "Bot") return null;
  const before = payload.action === "edited" ? payload.changes.body?.from : undefined;
  if (!mentionsDod(payload.comment.body) && !mentionsDod(before)) return null;
  return {
    ...jobBase(context),
    kind: "pull_request",
    number: payload.issue.number,
    commentIds: payload.action === "deleted" ? [] : [payload.comment.id],
  };
}
