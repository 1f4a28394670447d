// What a proposed done.yml would do to other pull requests: the preview a pull request that edits the file shows
// beside its own verdict (which the preview never changes). Data only; src/preview/ builds and renders it.
import type { Conclusion } from "./report.js";

/** A criterion named in a preview: its id and title under the rules that have it. */
export interface PreviewItem {
  id: string;
  title: string;
}

/** `both`: some items become missing and others stop being missing. */
export type PreviewChange = "newly-missing" | "newly-met" | "both" | "none";

export interface PreviewPull {
  /** `owner/repo`: an organisation's file is previewed across its repositories. */
  repo: string;
  number: number;
  title: string;
  url: string;
  state: "open" | "merged";
  before: Conclusion;
  after: Conclusion;
  /** Items missing (or failing) under the proposed rules that were not under the current ones. */
  newlyMissing: PreviewItem[];
  /** Items missing under the current rules that the proposed ones count as met, no longer apply or no longer have. */
  newlyMet: PreviewItem[];
  change: PreviewChange;
}

/** A criterion the proposed file adds or changes, and how often recent (merged) pull requests would have met it. */
export interface CriterionShare {
  id: string;
  title: string;
  kind: "added" | "changed";
  /** Merged pull requests it applies to under the proposed rules. */
  applicable: number;
  /** Of those, the ones whose facts meet it. */
  met: number;
  /** Merged pull requests looked at. */
  recent: number;
}

export interface Preview {
  /** `owner/repo` of the pull request that edits the file: its pull requests are named by number alone. */
  repo: string;
  /** How many open and merged pull requests were judged (the pull request that edits the file is left out). */
  open: number;
  merged: number;
  /** Open pull requests first, then merged ones, each newest activity first. */
  pulls: PreviewPull[];
  criteria: CriterionShare[];
}
