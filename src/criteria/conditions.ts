// `when`: does a criterion apply to this pull request? Every key given must hold (each kind is checked in kinds.ts).
// Either way the result says why, in words for the report: "`src/login.ts` changed (it matches `src/**`)".
import type { Condition } from "../config/schema.js";
import { type ConditionResult, checkKinds } from "./kinds.js";
import type { CriterionContext } from "./types.js";

export function checkCondition(when: Condition, ctx: CriterionContext): ConditionResult {
  const own = checkKinds(when, ctx);
  if (!own.holds) return own;
  const because = [...own.because];
  if (when.all) {
    for (const part of when.all) {
      const result = checkCondition(part, ctx);
      if (!result.holds) return result;
      because.push(...result.because);
    }
  }
  if (when.any) {
    const reasons: string[] = [];
    let held: string[] | undefined;
    for (const part of when.any) {
      const result = checkCondition(part, ctx);
      if (result.holds) {
        held = result.because;
        break;
      }
      reasons.push(result.reason);
    }
    if (!held) return { holds: false, reason: reasons.join(" and ") };
    because.push(...held);
  }
  return { holds: true, because };
}

/** What made a `when` hold, as the words after "Applies because" (undefined for a `when` with no keys). */
export function becauseWords(because: readonly string[]): string | undefined {
  if (because.length === 0) return undefined;
  return because.length === 1 ? because[0] : `${because.slice(0, -1).join(", ")} and ${because.at(-1)}`;
}
