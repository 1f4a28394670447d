// A criterion's `require` tree: every key of one Evidence object must be met, `all` likewise, `any` needs one.
import type { Evidence } from "../config/schema.js";
import { approvedByEvidence } from "./approved-by.js";
import { checkEvidence } from "./check.js";
import { diffContainsEvidence } from "./diff-contains.js";
import { filesEvidence } from "./files.js";
import { labelEvidence } from "./label.js";
import { linkedIssueEvidence } from "./linked-issue.js";
import { prBodyEvidence } from "./pr-body.js";
import type { Context, Verdict, VerdictStatus } from "./types.js";

export function evaluateEvidence(evidence: Evidence, ctx: Context): Verdict {
  const parts: Verdict[] = [];
  if (evidence.files) parts.push(filesEvidence(evidence.files, ctx));
  if (evidence.linked_issue) parts.push(linkedIssueEvidence(evidence.linked_issue, ctx));
  if (evidence.pr_body) parts.push(...prBodyEvidence(evidence.pr_body, ctx));
  if (evidence.label) parts.push(labelEvidence(evidence.label, ctx));
  if (evidence.check) parts.push(checkEvidence(evidence.check, ctx));
  if (evidence.approved_by) parts.push(approvedByEvidence(evidence.approved_by, ctx));
  if (evidence.diff_contains) parts.push(diffContainsEvidence(evidence.diff_contains, ctx));
  if (evidence.all) parts.push(allOf(evidence.all.map((e) => evaluateEvidence(e, ctx))));
  if (evidence.any) parts.push(anyOf(evidence.any.map((e) => evaluateEvidence(e, ctx))));
  if (parts.length === 0) return { status: "met", reason: "nothing is required", evidence: [] };
  return parts.length === 1 ? parts[0]! : allOf(parts);
}

const ALL_ORDER: VerdictStatus[] = ["missing", "error", "pending", "met"];
const ANY_ORDER: VerdictStatus[] = ["met", "pending", "missing", "error"];

export function allOf(verdicts: Verdict[]): Verdict {
  return combine(verdicts, ALL_ORDER, false);
}

export function anyOf(verdicts: Verdict[]): Verdict {
  return combine(verdicts, ANY_ORDER, true);
}

function combine(verdicts: Verdict[], order: VerdictStatus[], firstMetOnly: boolean): Verdict {
  if (verdicts.length === 1) return verdicts[0]!;
  const status = order.find((s) => verdicts.some((v) => v.status === s)) ?? "met";
  let deciding = verdicts.filter((v) => v.status === status);
  if (status === "met" && firstMetOnly) deciding = deciding.slice(0, 1);
  return {
    status,
    reason: deciding.map((v) => v.reason).join("; "),
    evidence: deciding.flatMap((v) => v.evidence),
  };
}

export function usesDiff(evidence: Evidence): boolean {
  return (
    evidence.diff_contains !== undefined ||
    (evidence.all?.some(usesDiff) ?? false) ||
    (evidence.any?.some(usesDiff) ?? false)
  );
}

export function principalsIn(evidence: Evidence): string[] {
  const own = evidence.approved_by === undefined ? [] : [evidence.approved_by].flat();
  return [...own, ...(evidence.all ?? []).flatMap(principalsIn), ...(evidence.any ?? []).flatMap(principalsIn)];
}
