import type { Evidence, ResolvedConfig } from "../../src/config/schema.js";
import { evaluate } from "../../src/criteria/evaluate.js";
import type { Facts } from "../../src/model/facts.js";
import type { ItemResult } from "../../src/model/report.js";
import { criterion, makeConfig, makeFacts } from "./facts.js";

/** Evaluates one criterion requiring `require` and returns its status, reason and evidence (and what is met so far). */
export function verdictOf(
  require: Evidence,
  facts: Partial<Facts> = {},
  config: Partial<ResolvedConfig> = {},
): Pick<ItemResult, "status" | "reason" | "evidence" | "soFar"> {
  const report = evaluate(makeConfig([criterion({ id: "item", require })], config), makeFacts(facts));
  const { status, reason, evidence, soFar } = report.items[0]!;
  return { status, reason, evidence, ...(soFar && { soFar }) };
}
