// The verdict `evaluate` returns: data only. The check run, the comment, the CLI and the dashboard all
// render this one shape.
import type { OwnerRole } from "../config/schema.js";

export type ItemStatus = "met" | "missing" | "pending" | "not_applicable" | "error" | "waived";

export interface EvidenceRef {
  /** What the evidence is, in a few words: `src/api.test.ts`, `#12 Checkout flow`, `review by @alice`. */
  text: string;
  url?: string;
}

export interface Waiver {
  /** Logins whose commands waived the item (a joint item needs one of each side). */
  by: string[];
  reason: string;
  at: string;
  url: string;
}

export interface ItemResult {
  id: string;
  title: string;
  owner: OwnerRole;
  status: ItemStatus;
  /** One line: why the item has this status. */
  reason: string;
  hint?: string;
  evidence: EvidenceRef[];
  waiver?: Waiver;
}

/** A located problem in a `done.yml`. Lines and columns are 1-based. */
export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  /** Dotted field path, e.g. `criteria.2.require.files`; empty for the document itself. */
  path: string;
  message: string;
}

/** What a pull request's edit of `done.yml` does to the definition of done. */
export interface ConfigChange {
  file: string;
  problems: ConfigProblem[];
  /** Sentences such as "adds `runbook` (engineering)" or "loosens `docs`: applies to fewer files". */
  changes: { kind: "added" | "removed" | "loosened" | "tightened" | "changed"; text: string }[];
}

/** `pending`: nothing is missing but some item waits on another check; published as an in-progress check run. */
export type Conclusion = "success" | "failure" | "neutral" | "pending";

export interface Report {
  conclusion: Conclusion;
  mode: "blocking" | "advisory";
  /** e.g. `5 of 7 done — missing: runbook, acceptance criteria`. */
  title: string;
  items: ItemResult[];
  counts: Record<ItemStatus, number>;
  configChange?: ConfigChange;
}

/** A report for a repository whose config could not be used: no `done.yml`, or an invalid one. */
export interface ConfigFailure {
  kind: "missing" | "invalid";
  file: string;
  problems: ConfigProblem[];
}
