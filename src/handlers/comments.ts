// Comment events on pull requests: `/dod` commands are answered and re-evaluate; waivers are re-read from the
// comments at every evaluation, so an edited or deleted command changes the verdict too.
import type { Context } from "probot";
import type { PullRequestJob } from "../queue/job.js";
import { jobBase } from "./job-base.js";

export const COMMENT_EVENTS = ["issue_comment.created", "issue_comment.edited", "issue_comment.deleted"] as const;

// A cheap superset of what parseCommands accepts. Linear: `[ \t]*` cannot cross a line, where `(^|\n)\s*` let
// each of 65,536 newlines start a scan to the end of the body (seconds of blocked event loop per comment).
const mentionsDod = (text: string | null | undefined) => /^[ \t]*\/dod\b/im.test(text ?? "");

/** The job a comment asks for, or why it asks for none. */
export function commentJob(context: Context<"issue_comment">): PullRequestJob | { skip: string } {
  const { payload } = context;
  if (!payload.issue.pull_request) return { skip: "a comment on an issue, not a pull request" };
  if (payload.comment.user?.type === "Bot") return { skip: "a bot's comment: bots give no commands" };
  const before = payload.action === "edited" ? payload.changes.body?.from : undefined;
  if (!mentionsDod(payload.comment.body) && !mentionsDod(before)) {
    return {
      skip: payload.action === "edited" ? "no /dod command before or after the edit" : "no /dod command in the comment",
    };
  }
  return {
    ...jobBase(context),
    kind: "pull_request",
    number: payload.issue.number,
    commentIds: payload.action === "deleted" ? [] : [payload.comment.id],
  };
}
