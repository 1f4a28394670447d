// Approval by one of the named principals; the PR author's own review never counts (ctx.approvals excludes it).
import type { Review } from "../model/facts.js";
import type { EvidenceRef } from "../model/report.js";
import { code, escapeText } from "../model/markdown.js";
import { at, describeOwners, isTeam, membersOf, ownerLogins } from "./principals.js";
import type { CriterionContext, Verdict } from "./types.js";

interface Principal {
  /** Shown after an approver: `product`, `@acme/qa`; null for a plain login. */
  label: string | null;
  /** Shown in a missing reason: `a product owner (@pm-alice)`, `@bob`. */
  description: string;
  logins: Set<string>;
}

function resolvePrincipal(principal: string, ctx: CriterionContext): Principal {
  const key = principal.toLowerCase();
  if (key === "product" || key === "engineering") {
    return {
      label: key,
      description: describeOwners(ctx.config, key),
      logins: ownerLogins(ctx.config, ctx.facts, key),
    };
  }
  if (isTeam(principal)) {
    return { label: principal, description: code(principal), logins: new Set(membersOf(principal, ctx.facts)) };
  }
  return { label: null, description: code(at(principal)), logins: new Set(membersOf(principal, ctx.facts)) };
}

export function approvedByEvidence(spec: string | string[], ctx: CriterionContext): Verdict {
  const principals = (typeof spec === "string" ? [spec] : spec).map((p) => resolvePrincipal(p, ctx));
  const evidence: EvidenceRef[] = [];
  for (const review of ctx.approvals) {
    const principal = principals.find((p) => p.logins.has(review.author.toLowerCase()));
    if (principal) evidence.push(approvalRef(review, principal.label));
  }
  if (evidence.length) {
    return {
      status: "met",
      reason: escapeText(
        evidence
          .map((e) => e.text)
          .join(", ")
          .replace(/, approved by /g, ", "),
      ),
      evidence,
    };
  }
  return {
    status: "missing",
    reason: `needs an approval from ${principals.map((p) => p.description).join(" or ")}`,
    evidence: [],
  };
}

export function approvalRef(review: Review, label: string | null): EvidenceRef {
  const text = `approved by ${at(review.author)}${label ? ` (${label})` : ""}`;
  return review.url ? { text, url: review.url } : { text };
}
