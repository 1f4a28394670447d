// How each kind of evidence is judged and each kind of condition checked, keyed by the kinds of config/kinds.ts:
// the compiler rejects a kind listed there and not judged here, or judged here and not listed there.
import type { ConditionKindName, EvidenceKindName } from "../config/kinds.js";
import type { Condition, Evidence } from "../config/schema.js";
import { approvedByEvidence } from "./approved-by.js";
import { checkEvidence } from "./check.js";
import { diffContainsEvidence } from "./diff-contains.js";
import { filesEvidence } from "./files.js";
import { listGlobs, pathMatcher } from "./globs.js";
import { labelEvidence } from "./label.js";
import { linkedIssueEvidence } from "./linked-issue.js";
import { prBodyEvidence } from "./pr-body.js";
import { at, membersOf } from "./principals.js";
import { capped, type Context, type Verdict } from "./types.js";

export type ConditionResult = { holds: true } | { holds: false; reason: string };

export const HOLDS: ConditionResult = { holds: true };

type Judge<K extends EvidenceKindName> = (spec: NonNullable<Evidence[K]>, ctx: Context) => Verdict | Verdict[];
type Check<K extends ConditionKindName> = (spec: NonNullable<Condition[K]>, ctx: Context) => ConditionResult;

/** In the order their reasons are listed when several kinds are given. */
export const EVIDENCE_JUDGES = {
  files: filesEvidence,
  linked_issue: linkedIssueEvidence,
  pr_body: prBodyEvidence,
  label: labelEvidence,
  check: checkEvidence,
  approved_by: approvedByEvidence,
  diff_contains: diffContainsEvidence,
  files_absent: (globs, ctx) => {
    const match = pathMatcher(globs);
    const hits = ctx.paths.filter((path) => match(path));
    if (hits.length === 1) return { status: "missing", reason: `${hits[0]} matches ${listGlobs(globs)}`, evidence: [{ text: hits[0]! }] };
    if (hits.length > 1) {
      const reason = `${hits.length} changed files match ${listGlobs(globs)}`;
      return { status: "missing", reason, evidence: capped(hits.map((text) => ({ text }))) };
    }
    // Files past the listed ones could match: that is not knowing, not "none".
    if (ctx.facts.filesTruncated) {
      const reason = `only the first ${ctx.paths.length} files were listed: can't tell that none matches ${listGlobs(globs)}`;
      return { status: "error", reason, evidence: [] };
    }
    return { status: "met", reason: `no changed file matches ${listGlobs(globs)}`, evidence: [] };
  },
} satisfies { [K in EvidenceKindName]: Judge<K> };

/** Cheap keys first; a condition that fails gives the reason of the first key that does not hold. */
export const CONDITION_CHECKS = {
  draft: (draft, { facts }) =>
    facts.draft === draft
      ? HOLDS
      : { holds: false, reason: facts.draft ? "the pull request is a draft" : "the pull request is not a draft" },
  authors: (authors, { facts }) => {
    const author = facts.author.toLowerCase();
    if (authors.some((principal) => membersOf(principal, facts).includes(author))) return HOLDS;
    return { holds: false, reason: `${at(facts.author)} opened the pull request, not ${authors.map(at).join(" or ")}` };
  },
  labels: (labels, ctx) => {
    if (labels.some((l) => ctx.labels.has(l.toLowerCase()))) return HOLDS;
    const reason =
      labels.length === 1
        ? `the pull request has no label ${labels[0]}`
        : `the pull request has none of the labels ${labels.join(", ")}`;
    return { holds: false, reason };
  },
  labels_absent: (labels, ctx) => {
    const present = labels.find((l) => ctx.labels.has(l.toLowerCase()));
    return present === undefined ? HOLDS : { holds: false, reason: `the pull request has the label ${present}` };
  },
  base: (globs, { facts }) =>
    pathMatcher(globs)(facts.base.ref)
      ? HOLDS
      : { holds: false, reason: `base branch ${facts.base.ref} doesn't match ${listGlobs(globs)}` },
  files: (globs, ctx) => {
    const match = pathMatcher(globs);
    return ctx.paths.some(match) ? HOLDS : { holds: false, reason: `no changed file matches ${listGlobs(globs)}` };
  },
} satisfies { [K in ConditionKindName]: Check<K> };

const evidenceOrder = Object.keys(EVIDENCE_JUDGES) as EvidenceKindName[];
const conditionOrder = Object.keys(CONDITION_CHECKS) as ConditionKindName[];

/** The verdicts of the kinds an Evidence mapping gives itself (not its `any`/`all`), in order. */
export function judgeKinds(evidence: Evidence, ctx: Context): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const kind of evidenceOrder) {
    const spec = evidence[kind];
    if (spec === undefined) continue;
    const verdict = (EVIDENCE_JUDGES[kind] as Judge<typeof kind>)(spec as never, ctx);
    verdicts.push(...(Array.isArray(verdict) ? verdict : [verdict]));
  }
  return verdicts;
}

/** The first kind of a Condition mapping (not its `any`/`all`) that does not hold, or HOLDS. */
export function checkKinds(condition: Condition, ctx: Context): ConditionResult {
  for (const kind of conditionOrder) {
    const spec = condition[kind];
    if (spec === undefined) continue;
    const result = (CONDITION_CHECKS[kind] as Check<typeof kind>)(spec as never, ctx);
    if (!result.holds) return result;
  }
  return HOLDS;
}
