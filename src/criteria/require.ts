// A criterion's `require` tree: every key of one Evidence object must be met, `all` likewise, `any` needs one.
import type { Evidence } from "../config/schema.js";
import { judgeKinds } from "./kinds.js";
import type { CriterionContext, Verdict, VerdictStatus } from "./types.js";

export function evaluateEvidence(evidence: Evidence, ctx: CriterionContext): Verdict {
  const parts: Verdict[] = judgeKinds(evidence, ctx);
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
  const verdict: Verdict = {
    status,
    // Alternatives that all fail read as one sentence: "no file in `docs/` changed and no label `no-docs`".
    reason: deciding.map((v) => v.reason).join(firstMetOnly ? " and " : "; "),
    evidence: deciding.flatMap((v) => v.evidence),
  };
  if (status !== "met") {
    const soFar = verdicts.flatMap((v) =>
      v.status === "met" ? v.evidence : deciding.includes(v) ? (v.soFar ?? []) : [],
    );
    if (soFar.length > 0) verdict.soFar = soFar;
  }
  return verdict;
}
