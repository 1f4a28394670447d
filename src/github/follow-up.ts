// Opens done-debt follow-up issues: asked for with `/dod follow-up <id> [note]` on a merged pull request, or for every
// item left behind at merge with `dashboard.follow_ups: auto`. The issue goes in the next open milestone; the reply
// on the pull request (or, at merge, an existing issue for the same item) keeps it from being opened twice.
import type { ResolvedConfig } from "../config/schema.js";
import type { Facts } from "../model/facts.js";
import type { PullRequestRef } from "../model/pull-request.js";
import type { ItemResult, Report } from "../model/report.js";
import { followUpBody, followUpReply, followUpReplyMarker, followUpTitle, type FollowUpText } from "../report/follow-up.js";
import type { GitHub } from "./client.js";

/** What an item must be for a follow-up: left behind, not met. */
export const isDebt = (item: ItemResult) => item.status === "missing" || item.status === "error" || item.status === "waived" || item.status === "pending";

export interface FollowUpRequest {
  commentId: number;
  author: string;
  url: string;
  id: string;
  note: string;
}

/** Answers one accepted `/dod follow-up`: the issue and a reply, or a reply saying why not. Idempotent. */
export async function answerFollowUp(
  github: GitHub,
  ref: PullRequestRef,
  facts: Facts,
  config: ResolvedConfig,
  report: Report,
  request: FollowUpRequest,
): Promise<number | null> {
  const repo = { owner: ref.owner, repo: ref.repo };
  const marker = followUpReplyMarker(request.commentId, request.id);
  if (facts.comments.some((c) => c.authorIsBot && c.body.startsWith(marker))) return null;
  const item = report.items.find((i) => i.id === request.id);
  if (!item || !isDebt(item)) {
    const body = `${marker}\n@${request.author} \`${request.id}\` was met when #${ref.number} was merged: there is no debt to follow up.`;
    await github.rest.issues.createComment({ ...repo, issue_number: ref.number, body });
    return null;
  }
  const text: FollowUpText = {
    pull: { number: ref.number, title: facts.title },
    item,
    askedBy: { login: request.author, url: request.url },
    ...(request.note && { note: request.note }),
  };
  const { number, release } = await openFollowUp(github, ref, facts, config, text);
  await github.rest.issues.createComment({ ...repo, issue_number: ref.number, body: followUpReply(request.commentId, request.id, number, release) });
  return number;
}

/** Creates the issue in the next open release; returns its number and the release it went in. */
export async function openFollowUp(
  github: GitHub,
  ref: PullRequestRef,
  facts: Facts,
  config: ResolvedConfig,
  text: FollowUpText,
): Promise<{ number: number; release: string | null }> {
  const repo = { owner: ref.owner, repo: ref.repo };
  const milestone = config.releases.by === "milestone" ? await nextMilestone(github, ref, facts.milestone) : null;
  const { data } = await github.rest.issues.create({
    ...repo,
    title: followUpTitle(text),
    body: followUpBody(text),
    ...(milestone && { milestone: milestone.number }),
  });
  return { number: data.number, release: milestone?.title ?? null };
}

/** The open milestone due next after the pull request's own (or the first one, if its own is closed or none). */
async function nextMilestone(github: GitHub, ref: PullRequestRef, own: string | null): Promise<{ number: number; title: string } | null> {
  const { data } = await github.rest.issues.listMilestones({ owner: ref.owner, repo: ref.repo, state: "open", sort: "due_on", direction: "asc", per_page: 100 });
  const index = own === null ? -1 : data.findIndex((m) => m.title === own);
  const next = data[index + 1] ?? null;
  return next ? { number: next.number, title: next.title } : null;
}
