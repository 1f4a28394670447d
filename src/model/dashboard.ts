// What the dashboard gathers: releases with their pull requests and dod's last verdict on each, read back from the
// hidden block at the end of dod's check run.
import type { Conclusion, ItemStatus } from "./report.js";
import type { OwnerRole } from "./owner.js";
import type { FollowUpInput } from "./follow-up.js";

export interface EmbeddedItem {
  id: string;
  title: string;
  owner: OwnerRole;
  status: ItemStatus;
  /** `at`: when the waiving comment was written (absent in reports written before it was kept). */
  waiver?: { by: string[]; reason: string; at?: string };
}

export interface EmbeddedReport {
  v: 1;
  sha: string;
  conclusion: Conclusion;
  items: EmbeddedItem[];
}

export interface PullInput {
  /** `owner/name`, when the dashboard spans repositories (one release across an organisation). */
  repo?: string;
  number: number;
  title: string;
  url: string;
  state: "open" | "merged";
  author: string;
  labels: string[];
  headSha: string;
  mergedAt?: string | null;
  /** Lines added and deleted: the weight of `capacity.weight: lines`. */
  additions?: number;
  deletions?: number;
  /** dod's check run on the head commit; null when dod never evaluated it. */
  check: { id: number; url: string | null; conclusion: string | null; report: EmbeddedReport | null } | null;
}

export interface ReleaseInput {
  name: string;
  url?: string;
  dueOn?: string | null;
  /** A closed milestone, or a release label none of whose pull requests is open. Default `open`. */
  state?: "open" | "closed";
  closedAt?: string | null;
  pulls: PullInput[];
}

export interface DashboardInput {
  owner: string;
  repo: string;
  /** The repository's page on GitHub (or GitHub Enterprise). */
  url: string;
  releaseBy: "milestone" | "label";
  releases: ReleaseInput[];
  /** dod's done-debt follow-up issues of the repository. */
  followUps?: FollowUpInput[];
}
