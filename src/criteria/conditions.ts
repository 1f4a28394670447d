// `when`: does a criterion apply to this pull request? Every key given must hold (each kind is checked in kinds.ts).
import type { Condition } from "../config/schema.js";
import { type ConditionResult, checkKinds, HOLDS } from "./kinds.js";
import type { Context } from "./types.js";

export function checkCondition(when: Condition, ctx: Context): ConditionResult {
  const own = checkKinds(when, ctx);
  if (!own.holds) return own;
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
