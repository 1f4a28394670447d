// `when`: does a criterion apply to this pull request? Every key given must hold.
import type { Condition } from "../config/schema.js";
import { listGlobs, pathMatcher } from "./globs.js";
import type { Context } from "./types.js";

export type ConditionResult = { holds: true } | { holds: false; reason: string };

const HOLDS: ConditionResult = { holds: true };

export function checkCondition(when: Condition, ctx: Context): ConditionResult {
  const { facts } = ctx;
  // Cheap keys first; the reason is that of the first key that fails.
  if (when.draft !== undefined && facts.draft !== when.draft) {
    return { holds: false, reason: facts.draft ? "the pull request is a draft" : "the pull request is not a draft" };
  }
  if (when.labels && !when.labels.some((l) => ctx.labels.has(l.toLowerCase()))) {
    const reason =
      when.labels.length === 1
        ? `the pull request has no label ${when.labels[0]}`
        : `the pull request has none of the labels ${when.labels.join(", ")}`;
    return { holds: false, reason };
  }
  if (when.labels_absent) {
    const present = when.labels_absent.find((l) => ctx.labels.has(l.toLowerCase()));
    if (present !== undefined) return { holds: false, reason: `the pull request has the label ${present}` };
  }
  if (when.base && !pathMatcher(when.base)(facts.base.ref)) {
    return { holds: false, reason: `base branch ${facts.base.ref} doesn't match ${listGlobs(when.base)}` };
  }
  if (when.files) {
    const match = pathMatcher(when.files);
    if (!ctx.paths.some(match)) return { holds: false, reason: `no changed file matches ${listGlobs(when.files)}` };
  }
  if (when.all) {
    for (const part of when.all) {
      const result = checkCondition(part, ctx);
      if (!result.holds) return result;
    }
  }
  if (when.any) {
    const reasons: string[] = [];
    for (const part of when.any) {
      const result = checkCondition(part, ctx);
      if (result.holds) return HOLDS;
      reasons.push(result.reason);
    }
    return { holds: false, reason: reasons.join(" and ") };
  }
  return HOLDS;
}
