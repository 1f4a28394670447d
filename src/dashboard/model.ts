// The dashboard's one model, which `aggregate` makes of what gathering returns (model/dashboard.ts), which the issue, the web page, the JSON API and the CLI all render.
import type { PullInput } from "../model/dashboard.js";
import type { OwnerRole } from "../model/owner.js";

export interface ItemView {
  id: string;
  title: string;
  owner: OwnerRole;
  status: "missing" | "error" | "pending" | "waived";
  waiver?: { by: string[]; reason: string; at?: string };
  /** The done-debt follow-up issue opened for this item of this pull request, if any. */
  followUp?: { number: number; url: string; paid: boolean };
}

/** A done-debt follow-up issue, as each face lists it. */
export interface FollowUpView {
  number: number;
  title: string;
  url: string;
  pull: number;
  item: string;
  state: "open" | "closed";
  /** Closed as completed. */
  paid: boolean;
  createdAt: string;
  /** Whole days since it was opened. */
  ageDays: number;
  release: string | null;
}

/** One waiver of a release, on the record: which item of which pull request, who, why and when. */
export interface WaiverRecord {
  pull: number;
  pullTitle: string;
  pullUrl: string;
  /** The pull request is done, or would be, thanks to its waivers. */
  pullDone: boolean;
  id: string;
  title: string;
  owner: OwnerRole;
  by: string[];
  reason: string;
  at: string | null;
}

export type OwnerCounts = Record<OwnerRole, number>;

/** A pull request as the dashboard shows it: what was gathered of it, judged. */
export interface PullView extends Pick<PullInput, "repo" | "number" | "title" | "url" | "state" | "author" | "labels"> {
  checkUrl: string | null;
  /** `unknown`: dod has no readable verdict on the head commit. */
  verdict: "done" | "not-done" | "pending" | "unknown";
  /** Missing (or errored) items, by who owns them. */
  missing: Record<OwnerRole, ItemView[]>;
  pending: ItemView[];
  waived: ItemView[];
  /** Merged while items were still missing. */
  debt: boolean;
  /** Every item it was merged without has a follow-up closed as completed. */
  debtPaid: boolean;
  /** The capacity group its labels put it in, if any. */
  group: string | null;
  /** Its weight in the capacity split: 1, or lines changed with `capacity.weight: lines`. */
  weight: number;
}

export interface ReleaseTotals {
  pulls: number;
  open: number;
  merged: number;
  done: number;
  notDone: number;
  pending: number;
  unknown: number;
  debt: number;
  /** Missing items per owner, over every pull request of the release. */
  missingItems: OwnerCounts;
  /** Pull requests that lack at least one item of that owner. */
  pullsLacking: OwnerCounts;
  waivedItems: number;
  pendingItems: number;
}

export interface CapacityShare {
  group: string;
  pulls: number;
  /** Lines changed by those pull requests (when known). */
  lines: number;
  /** Share of the weight of the pull requests that are in some group, 0–100, rounded. */
  percent: number;
  target: number | null;
  /** More than 10 points from its target. */
  off: boolean;
}

export interface CapacityView {
  weight: "prs" | "lines";
  shares: CapacityShare[];
  /** Pull requests whose labels name no group. */
  ungrouped: number;
  /** Those pull requests, so they can be labelled. */
  ungroupedPulls: { number: number; title: string; url: string }[];
}

export interface DueView {
  date: string;
  /** Whole days from today to the due date; negative when overdue. */
  daysLeft: number;
}

export interface ReleaseView {
  name: string;
  url?: string;
  dueOn?: string | null;
  state: "open" | "closed";
  closedAt: string | null;
  /** Only for an open release with a due date. */
  due: DueView | null;
  /** Pull requests that are done, of all of them. */
  progress: { done: number; total: number; percent: number };
  /** Open first, then merged; each by what is most missing. */
  pulls: PullView[];
  /** Merged pull requests that left items behind. */
  debt: PullView[];
  /** Items those pull requests were merged without. */
  debtItems: number;
  /** Of those, the items whose follow-up was closed as completed. */
  debtPaid: number;
  /** Open follow-ups put in this release, oldest first. */
  followUps: FollowUpView[];
  /** Every waiver of the release, oldest first, also on pull requests that are otherwise done. */
  waivers: WaiverRecord[];
  totals: ReleaseTotals;
  capacity: CapacityView | null;
}

/** One release in the trends, oldest first: closed releases, then the open ones. */
export interface TrendPoint {
  release: string;
  state: "open" | "closed";
  pulls: number;
  debtItems: number;
  debtPulls: number;
  debtPaid: number;
  waivers: number;
  /** Capacity share per group, in percent (empty without `dashboard.capacity`). */
  shares: Record<string, number>;
}

export interface DashboardModel {
  owner: string;
  repo: string;
  url: string;
  releaseBy: "milestone" | "label";
  /** Open releases first (as GitHub orders them), then closed ones, most recently closed first. */
  releases: ReleaseView[];
  /** Totals of the open releases. */
  totals: ReleaseTotals;
  trend: TrendPoint[];
  /** Capacity groups and their targets, for the trend's split. */
  groups: { name: string; target: number | null }[];
}

export type OwnerFilter = OwnerRole | "all";
export type StateFilter = "all" | "not-done" | "open" | "merged" | "debt";

export interface DashboardFilter {
  owner?: OwnerFilter;
  state?: StateFilter;
  release?: string;
}
