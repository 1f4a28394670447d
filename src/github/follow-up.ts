// Opens done-debt follow-up issues: asked for with `/dod follow-up <id> [note]` on a merged pull request, or for every
// item left behind at merge with `dashboard.follow_ups: auto`. The issue goes in the next open milestone; the reply
// on the pull request keeps it from being opened twice, and so does the issue itself: each carries dod's label and a
// marker naming the pull request and the item, and those already opened are listed (over REST, which reads the
// database, unlike search) before any is opened — so a reply that was lost or failed does not open a second one.
import type { ResolvedConfig } from "../config/schema.js";
import type { Facts } from "../model/facts.js";
import { isDebt, mayFollowUp, readFollowUpMarker } from "../model/follow-up.js";
import { FOLLOW_UP_LABEL } from "../model/names.js";
import type { PullRequestRef } from "../model/pull-request.js";
import type { Report } from "../model/report.js";
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
import { createComment } from "./comment.js";
import { createOnce, NO_BLIND_RETRY } from "./create-once.js";

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
  appId?: number,
): Promise<number | null> {
  const marker = followUpReplyMarker(request.commentId, request.id);
  if (facts.comments.some((c) => c.byDod && c.body.startsWith(marker))) return null;
  const item = report.items.find((i) => i.id === request.id);
  if (!item || !mayFollowUp(item)) {
    const body = `${marker}\n@${request.author} \`${request.id}\` was met when #${ref.number} was merged: there is no debt to follow up.`;
    await createComment(github, ref, body, appId);
    return null;
  }
  const text: FollowUpText = {
    pull: { number: ref.number, title: facts.title },
    item,
    askedBy: { login: request.author, url: request.url },
    ...(request.note && { note: request.note }),
  };
  const milestone = await releaseFor(github, ref, facts, config);
  const opened = await openedFollowUps(github, ref, appId);
  const { number, release } = await openFollowUp(github, ref, text, milestone, opened, appId);
  await createComment(github, ref, followUpReply(request.commentId, request.id, number, release), appId);
  return number;
}

type Milestone = { number: number; title: string } | null;

/** The release a follow-up goes in: the next open milestone (labels: none, for now). */
function releaseFor(github: GitHub, ref: PullRequestRef, facts: Facts, config: ResolvedConfig): Promise<Milestone> {
  return config.releases.by === "milestone" ? nextMilestone(github, ref, facts.milestone) : Promise.resolve(null);
}

/**
 * Creates the issue in that release, unless `opened` already holds one for the item; returns its number and the
 * release. A create whose answer is lost is looked for (by label and marker) before it is sent again.
 */
async function openFollowUp(
  github: GitHub,
  ref: PullRequestRef,
  text: FollowUpText,
  milestone: Milestone,
  opened: ReadonlyMap<string, number>,
  appId: number | undefined,
): Promise<{ number: number; release: string | null }> {
  const release = milestone?.title ?? null;
  const known = opened.get(text.item.id);
  if (known !== undefined) return { number: known, release };
  const params = {
    owner: ref.owner,
    repo: ref.repo,
    title: followUpTitle(text),
    body: followUpBody(text),
    labels: [FOLLOW_UP_LABEL],
    ...(milestone && { milestone: milestone.number }),
  };
  const number = await createOnce(
    async () => (await github.rest.issues.create({ ...params, ...NO_BLIND_RETRY })).data.number,
    async () => (await openedFollowUps(github, ref, appId)).get(text.item.id) ?? null,
  );
  return { number, release };
}

/**
 * The follow-ups dod has opened for this pull request, by item: the newest hundred issues with dod's label, written
 * by dod's app (by a bot when its id is unknown: anyone may label an issue) and starting with the marker.
 */
async function openedFollowUps(
  github: GitHub,
  ref: PullRequestRef,
  appId: number | undefined,
): Promise<Map<string, number>> {
  const { data } = await github.rest.issues.listForRepo({
    owner: ref.owner,
    repo: ref.repo,
    labels: FOLLOW_UP_LABEL,
    state: "all",
    sort: "created",
    direction: "desc",
    per_page: 100,
  });
  const opened = new Map<string, number>();
  for (const issue of data) {
    if (issue.pull_request || issue.user?.type !== "Bot") continue;
    if (appId !== undefined && issue.performed_via_github_app?.id !== appId) continue;
    const marker = readFollowUpMarker(issue.body);
    if (marker?.pull === ref.number && !opened.has(marker.item)) opened.set(marker.item, issue.number);
  }
  return opened;
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
  appId?: number,
): Promise<number[]> {
  if (facts.comments.some((c) => c.byDod && c.body.startsWith(AT_MERGE_MARKER))) return [];
  const items = report.items.filter(isDebt);
  if (items.length === 0) return [];
  const opened: { item: string; number: number; release: string | null }[] = [];
  const milestone = await releaseFor(github, ref, facts, config);
  const earlier = await openedFollowUps(github, ref, appId);
  for (const item of items) {
    const { number, release } = await openFollowUp(
      github,
      ref,
      { pull: { number: ref.number, title: facts.title }, item },
      milestone,
      earlier,
      appId,
    );
    opened.push({ item: item.id, number, release });
  }
  await createComment(github, ref, followUpsAtMergeReply(opened), appId);
  return opened.map((o) => o.number);
}
