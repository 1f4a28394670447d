// The dashboard's one model, which `aggregate` makes of what gathering returns (model/dashboard.ts), which the issue, the web page, the JSON API and the CLI all render.
import type { OwnerRole } from "../model/owner.js";

export interface ItemView {
  id: string;
  title: string;
  owner: OwnerRole;
  status: "missing" | "error" | "pending" | "waived";
  waiver?: { by: string[]; reason: string };
}

export type OwnerCounts = Record<OwnerRole, number>;

export interface PullView {
  number: number;
  title: string;
  url: string;
  state: "open" | "merged";
  author: string;
  labels: string[];
  checkUrl: string | null;
  /** `unknown`: dod has no readable verdict on the head commit. */
  verdict: "done" | "not-done" | "pending" | "unknown";
  /** Missing (or errored) items, by who owns them. */
  missing: Record<OwnerRole, ItemView[]>;
  pending: ItemView[];
  waived: ItemView[];
  /** Merged while items were still missing. */
  debt: boolean;
  /** The capacity group its labels put it in, if any. */
  group: string | null;
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
  /** Share of the pull requests that are in some group, 0–100, rounded. */
  percent: number;
  target: number | null;
}

export interface CapacityView {
  shares: CapacityShare[];
  /** Pull requests whose labels name no group. */
  ungrouped: number;
}

export interface ReleaseView {
  name: string;
  url?: string;
  dueOn?: string | null;
  pulls: PullView[];
  /** Merged pull requests that left items behind. */
  debt: PullView[];
  totals: ReleaseTotals;
  capacity: CapacityView | null;
}

export interface DashboardModel {
  owner: string;
  repo: string;
  url: string;
  releaseBy: "milestone" | "label";
  releases: ReleaseView[];
  totals: ReleaseTotals;
}

export type OwnerFilter = OwnerRole | "all";
export type StateFilter = "all" | "not-done" | "open" | "merged" | "debt";

export interface DashboardFilter {
  owner?: OwnerFilter;
  state?: StateFilter;
  release?: string;
}
