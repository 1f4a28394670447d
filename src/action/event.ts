// The pull request a workflow run is about, read from the event GitHub Actions wrote to GITHUB_EVENT_PATH.
import type { PullRequestRef } from "../model/pull-request.js";

export interface ActionTarget {
  ref: PullRequestRef;
  /** A `/dod` command to answer (issue_comment events). */
  commentIds: number[];
  /** The head branch lives in another repository: the workflow's token is read-only there. */
  fromFork: boolean;
}

interface Payload {
  repository?: { name?: string; owner?: { login?: string }; full_name?: string };
  pull_request?: { number?: number; head?: { repo?: { full_name?: string } | null } };
  issue?: { number?: number; pull_request?: unknown };
  comment?: { id?: number };
}

export const SUPPORTED_EVENTS = ["pull_request", "pull_request_target", "pull_request_review", "issue_comment"];

/** The target, or a sentence saying why this event has none. */
export function actionTarget(
  eventName: string,
  payload: Payload,
  repository: string | undefined,
): ActionTarget | string {
  if (!SUPPORTED_EVENTS.includes(eventName)) {
    return `dod runs on ${SUPPORTED_EVENTS.join(", ")} events, not on "${eventName}"`;
  }
  const [envOwner, envRepo] = (repository ?? "").split("/");
  const owner = payload.repository?.owner?.login ?? envOwner;
  const repo = payload.repository?.name ?? envRepo;
  if (!owner || !repo) return "the event names no repository";
  if (eventName === "issue_comment") {
    if (!payload.issue?.pull_request || !payload.issue.number)
      return "the comment is on an issue, not on a pull request";
    return {
      ref: { owner, repo, number: payload.issue.number },
      commentIds: payload.comment?.id ? [payload.comment.id] : [],
      fromFork: false,
    };
  }
  const number = payload.pull_request?.number;
  if (!number) return "the event has no pull request";
  const head = payload.pull_request?.head?.repo?.full_name;
  const fromFork = head !== undefined && head !== (payload.repository?.full_name ?? `${owner}/${repo}`);
  return { ref: { owner, repo, number }, commentIds: [], fromFork };
}
