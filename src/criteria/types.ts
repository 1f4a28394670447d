// Shapes shared by the evidence evaluators. A Verdict is what one piece of evidence says; evaluate.ts turns the
// verdict of a criterion's whole `require` tree into an ItemResult.
import type { ResolvedConfig } from "../config/schema.js";
import type { Facts, Review } from "../model/facts.js";
import type { EvidenceRef } from "../model/report.js";
import { escapeText } from "../model/markdown.js";

export type VerdictStatus = "met" | "missing" | "pending" | "error";

export interface Verdict {
  status: VerdictStatus;
  reason: string;
  evidence: EvidenceRef[];
  /** When not met: the evidence of the parts that are met already (a criterion that needs several things). */
  soFar?: EvidenceRef[];
}

/** Facts indexed once per evaluation, so that no criterion re-derives them per file. */
export interface CriterionContext {
  config: ResolvedConfig;
  facts: Facts;
  /** Every changed path (for `when`). */
  paths: string[];
  /** Changed paths that still exist (for `require.files`). */
  presentPaths: string[];
  /** The PR's labels, lower-case. */
  labels: Set<string>;
  /** Latest opinionated review per reviewer that approves, excluding the PR author's own. */
  approvals: Review[];
}

export const EVIDENCE_LIMIT = 5;

/** The first `limit` refs and a trailing "and N more". */
export function capped(refs: EvidenceRef[], limit = EVIDENCE_LIMIT): EvidenceRef[] {
  if (refs.length <= limit) return refs;
  return [...refs.slice(0, limit), { text: `and ${refs.length - limit} more` }];
}

/** User text in quotes, escaped: `“Acceptance criteria”`. */
export function quote(text: string): string {
  return `“${escapeText(text)}”`;
}
