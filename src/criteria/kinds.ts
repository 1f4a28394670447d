// How each kind of evidence is judged and each kind of condition checked, keyed by the kinds of config/kinds.ts:
// the compiler rejects a kind listed there and not judged here, or judged here and not listed there.
import type { ConditionKindName, EvidenceKindName } from "../config/kinds.js";
import type { Condition, Evidence } from "../config/schema.js";
import { approvedByEvidence } from "./approved-by.js";
import { checkEvidence } from "./check.js";
import { diffContainsEvidence } from "./diff-contains.js";
import { filesEvidence } from "./files.js";
import { pathMatcher } from "./globs.js";
import { labelEvidence } from "./label.js";
import { linkedIssueEvidence } from "./linked-issue.js";
import { prBodyEvidence } from "./pr-body.js";
import { at, membersOf } from "./principals.js";
import { capped, type CriterionContext, type Verdict } from "./types.js";
import { changedFiles, describeGlobs } from "./words.js";
import { code, codeList } from "../model/markdown.js";

/** `because`: what made each key hold, in Markdown (see model/markdown.ts); `reason`: why the first key didn't. */
export type ConditionResult = { holds: true; because: string[] } | { holds: false; reason: string };

type KindResult = { holds: true; because: string } | { holds: false; reason: string };

const holds = (because: string): KindResult => ({ holds: true, because });

type Judge<K extends EvidenceKindName> = (spec: NonNullable<Evidence[K]>, ctx: CriterionContext) => Verdict | Verdict[];
type Check<K extends ConditionKindName> = (spec: NonNullable<Condition[K]>, ctx: CriterionContext) => KindResult;

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
    if (hits.length === 1)
      return { status: "missing", reason: changedFiles(hits, globs), evidence: [{ text: hits[0]! }] };
    if (hits.length > 1) {
      const reason = changedFiles(hits, globs);
      return { status: "missing", reason, evidence: capped(hits.map((text) => ({ text }))) };
    }
    // Files past the listed ones could match: that is not knowing, not "none".
    if (ctx.facts.filesTruncated) {
      const reason = `only the first ${ctx.paths.length} files were listed: can't tell that no file ${describeGlobs(globs)} changed`;
      return { status: "error", reason, evidence: [] };
    }
    return { status: "met", reason: `no file ${describeGlobs(globs)} changed`, evidence: [] };
  },
} satisfies { [K in EvidenceKindName]: Judge<K> };

/** Cheap keys first; a condition that fails gives the reason of the first key that does not hold. */
export const CONDITION_CHECKS = {
  draft: (draft, { facts }) =>
    facts.draft === draft
      ? holds(facts.draft ? "the pull request is a draft" : "the pull request is ready for review")
      : { holds: false, reason: facts.draft ? "the pull request is a draft" : "the pull request is not a draft" },
  authors: (authors, { facts }) => {
    const author = facts.author.toLowerCase();
    const by = code(at(facts.author));
    if (authors.some((principal) => membersOf(principal, facts).includes(author))) return holds(`${by} opened it`);
    return { holds: false, reason: `${by} opened the pull request, not ${codeList(authors.map(at))}` };
  },
  authors_not: (authors, { facts }) => {
    const author = facts.author.toLowerCase();
    const by = code(at(facts.author));
    const hit = authors.find((principal) => membersOf(principal, facts).includes(author));
    if (hit === undefined) return holds(`${by} opened it, not ${codeList(authors.map(at))}`);
    const team = hit.replace(/^@/, "").toLowerCase() === author ? "" : ` (one of ${code(at(hit))})`;
    return { holds: false, reason: `${by} opened the pull request${team}` };
  },
  labels: (labels, ctx) => {
    const present = labels.find((l) => ctx.labels.has(l.toLowerCase()));
    if (present !== undefined) return holds(`of the label ${code(present)}`);
    const reason =
      labels.length === 1
        ? `the pull request has no label ${code(labels[0]!)}`
        : `the pull request has none of the labels ${codeList(labels)}`;
    return { holds: false, reason };
  },
  labels_absent: (labels, ctx) => {
    const present = labels.find((l) => ctx.labels.has(l.toLowerCase()));
    if (present === undefined) return holds(`the pull request has none of the labels ${codeList(labels)}`);
    return { holds: false, reason: `the pull request has the label ${code(present)}` };
  },
  base: (globs, { facts }) =>
    pathMatcher(globs)(facts.base.ref)
      ? holds(`the base branch is ${code(facts.base.ref)}`)
      : { holds: false, reason: `the base branch ${code(facts.base.ref)} is not ${codeList(globs)}` },
  files: (globs, ctx) => {
    const hits = ctx.paths.filter(pathMatcher(globs));
    return hits.length > 0
      ? holds(changedFiles(hits, globs))
      : { holds: false, reason: `no file ${describeGlobs(globs)} changed` };
  },
} satisfies { [K in ConditionKindName]: Check<K> };

const evidenceOrder = Object.keys(EVIDENCE_JUDGES) as EvidenceKindName[];
const conditionOrder = Object.keys(CONDITION_CHECKS) as ConditionKindName[];

/** The verdicts of the kinds an Evidence mapping gives itself (not its `any`/`all`), in order. */
export function judgeKinds(evidence: Evidence, ctx: CriterionContext): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const kind of evidenceOrder) {
    const spec = evidence[kind];
    if (spec === undefined) continue;
    const verdict = (EVIDENCE_JUDGES[kind] as Judge<typeof kind>)(spec as never, ctx);
    verdicts.push(...(Array.isArray(verdict) ? verdict : [verdict]));
  }
  return verdicts;
}

/** The first kind of a Condition mapping (not its `any`/`all`) that does not hold, or what made each hold. */
export function checkKinds(condition: Condition, ctx: CriterionContext): ConditionResult {
  const because: string[] = [];
  for (const kind of conditionOrder) {
    const spec = condition[kind];
    if (spec === undefined) continue;
    const result = (CONDITION_CHECKS[kind] as Check<typeof kind>)(spec as never, ctx);
    if (!result.holds) return result;
    // "None of the labels" is why nothing stopped it, not why it applies.
    if (kind !== "labels_absent") because.push(result.because);
  }
  return { holds: true, because };
}
