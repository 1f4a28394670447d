// Opens done-debt follow-up issues: asked for with `/dod follow-up <id> [note]` on a merged pull request, or for every
// item left behind at merge with `dashboard.follow_ups: auto`. The issue goes in the next open milestone; the reply
// on the pull request (or, at merge, an existing issue for the same item) keeps it from being opened twice.
import type { ResolvedConfig } from "../config/schema.js";
import type { Facts } from "../model/facts.js";
import type { PullRequestRef } from "../model/pull-request.js";
import type { ItemResult, Report } from "../model/report.js";
import {
  AT_MERGE_MARKER,
  followUpBody,
  followUpReply,
  followUpReplyMarker,
  followUpsAtMergeReply,
  followUpTitle,
  type FollowUpText,
} from "../report/follow-up.js";
import type { GitHub } from "./client.js";

/** What an item must be for a follow-up: left behind, not met. */
export const isDebt = (item: ItemResult) =>
  item.status === "missing" || item.status === "error" || item.status === "waived" || item.status === "pending";

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
  if (facts.comments.some((c) => c.byDod && c.body.startsWith(marker))) return null;
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
  const { number, release } = await openFollowUp(github, ref, text, await releaseFor(github, ref, facts, config));
  await github.rest.issues.createComment({
    ...repo,
    issue_number: ref.number,
    body: followUpReply(request.commentId, request.id, number, release),
  });
  return number;
}

type Milestone = { number: number; title: string } | null;

/** The release a follow-up goes in: the next open milestone (labels: none, for now). */
function releaseFor(github: GitHub, ref: PullRequestRef, facts: Facts, config: ResolvedConfig): Promise<Milestone> {
  return config.releases.by === "milestone" ? nextMilestone(github, ref, facts.milestone) : Promise.resolve(null);
}

/** Creates the issue in that release; returns its number and the release it went in. */
async function openFollowUp(
  github: GitHub,
  ref: PullRequestRef,
  text: FollowUpText,
  milestone: Milestone,
): Promise<{ number: number; release: string | null }> {
  const repo = { owner: ref.owner, repo: ref.repo };
  const { data } = await github.rest.issues.create({
    ...repo,
    title: followUpTitle(text),
    body: followUpBody(text),
    ...(milestone && { milestone: milestone.number }),
  });
  return { number: data.number, release: milestone?.title ?? null };
}

/** The open milestone due next after the pull request's own (or the first one, if its own is closed or none). */
async function nextMilestone(
  github: GitHub,
  ref: PullRequestRef,
  own: string | null,
): Promise<{ number: number; title: string } | null> {
  const { data } = await github.rest.issues.listMilestones({
    owner: ref.owner,
    repo: ref.repo,
    state: "open",
    sort: "due_on",
    direction: "asc",
    per_page: 100,
  });
  const index = own === null ? -1 : data.findIndex((m) => m.title === own);
  const next = data[index + 1] ?? null;
  return next ? { number: next.number, title: next.title } : null;
}

/**
 * `follow_ups: auto`: one issue per item the pull request was merged without (missing or waived), and one comment on
 * the pull request listing them, whose marker keeps a redelivered merge event from opening them again.
 */
export async function followUpsAtMerge(
  github: GitHub,
  ref: PullRequestRef,
  facts: Facts,
  config: ResolvedConfig,
  report: Report,
): Promise<number[]> {
  if (facts.comments.some((c) => c.byDod && c.body.startsWith(AT_MERGE_MARKER))) return [];
  const items = report.items.filter((i) => i.status === "missing" || i.status === "error" || i.status === "waived");
  if (items.length === 0) return [];
  const opened: { item: string; number: number; release: string | null }[] = [];
  const milestone = await releaseFor(github, ref, facts, config);
  for (const item of items) {
    const { number, release } = await openFollowUp(
      github,
      ref,
      { pull: { number: ref.number, title: facts.title }, item },
      milestone,
    );
    opened.push({ item: item.id, number, release });
  }
  await github.rest.issues.createComment({
    owner: ref.owner,
    repo: ref.repo,
    issue_number: ref.number,
    body: followUpsAtMergeReply(opened),
  });
  return opened.map((o) => o.number);
}
