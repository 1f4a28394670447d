// A done-debt follow-up: an issue dod opens for an item a merged pull request left missing (or waived). It is found
// again by the hidden marker that starts its body, which names the pull request and the item; the debt counts as
// paid once the issue is closed as completed.

import type { ItemResult } from "./report.js";

/** Left behind at merge: what `follow_ups: auto` opens an issue for. */
export const isDebt = (item: ItemResult) =>
  item.status === "missing" || item.status === "error" || item.status === "waived";

/**
 * What `/dod follow-up <id>` accepts: debt, or an item still waiting on a check when the pull request was merged
 * (only a person can tell that the check will not pass; merging does not open those by itself).
 */
export const mayFollowUp = (item: ItemResult) => isDebt(item) || item.status === "pending";

/** Words in the body GitHub's search can find (it does not index the hidden marker). */
export const FOLLOW_UP_PHRASE = "dod follow-up";

export interface FollowUpRef {
  pull: number;
  item: string;
}

export function followUpMarker(ref: FollowUpRef): string {
  return `<!-- dod:follow-up pr=${ref.pull} item=${ref.item} -->`;
}

const MARKER = /^<!-- dod:follow-up pr=(\d{1,9}) item=([a-z0-9][a-z0-9-]{0,99}) -->/;

/** The pull request and item a follow-up issue is for, or null when the body is not one dod wrote. */
export function readFollowUpMarker(body: string | null | undefined): FollowUpRef | null {
  const match = MARKER.exec(body ?? "");
  return match ? { pull: Number(match[1]), item: match[2]! } : null;
}

/** A follow-up issue as the dashboard reads it. */
export interface FollowUpInput extends FollowUpRef {
  number: number;
  title: string;
  url: string;
  state: "open" | "closed";
  /** Closed as completed: the debt is paid (closed as not planned, it is not). */
  completed: boolean;
  createdAt: string;
  closedAt: string | null;
  /** The release (milestone title) it was put in. */
  release: string | null;
}
