// The verdict `evaluate` returns: data only. The check run, the comment, the CLI and the dashboard all
// render this one shape.
import type { ConfigChange } from "./config-problems.js";
import type { OwnerRole } from "./owner.js";
import type { Preview } from "./preview.js";

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
  /**
   * One line of GitHub Markdown (see model/markdown.ts): why the item has this status. Paths, globs and names are
   * in code spans and any other user text is escaped, so renderers put it in as it is.
   */
  reason: string;
  /** Markdown words after "Applies because": what in the pull request made the item's `when` hold. */
  applies?: string;
  hint?: string;
  /** Met: what shows it. Otherwise: what is still open (unticked boxes, failed checks), if anything in particular. */
  evidence: EvidenceRef[];
  /** Not met yet: what is done already, for an item that needs several things. */
  soFar?: EvidenceRef[];
  waiver?: Waiver;
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
  /** For a pull request that edits done.yml: what the proposed rules would do to other pull requests (not to this one's verdict). */
  preview?: Preview;
  /** Who may waive or approve for each side (the config's `owners`): the report names them per group. */
  owners?: { product: string[]; engineering: string[] };
}
