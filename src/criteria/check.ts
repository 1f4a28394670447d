// Another check run or commit status on the head commit. Only `success` counts: a skipped or neutral benchmark
// did not show anything.
import type { CheckResult } from "../model/facts.js";
import { code, codeList } from "../model/markdown.js";
import { nameMatcher } from "./globs.js";
import type { CriterionContext, Verdict } from "./types.js";

export function checkEvidence(glob: string, ctx: CriterionContext): Verdict {
  const match = nameMatcher(glob);
  const checks = ctx.facts.checks.filter((c) => match(c.name));
  const sha = ctx.facts.head.sha.slice(0, 7);
  if (checks.length === 0)
    return { status: "missing", reason: `no check named ${code(glob)} ran on ${code(sha)}`, evidence: [] };

  const ref = (c: CheckResult) => (c.url ? { text: c.name, url: c.url } : { text: c.name });
  const unfinished = checks.filter((c) => c.status !== "completed");
  const failed = checks.filter((c) => c.status === "completed" && c.conclusion !== "success");
  if (failed.length) {
    const reason = failed.map((c) => `${code(c.name)}: ${describeConclusion(c.conclusion)}`).join("; ");
    return { status: "missing", reason, evidence: failed.map(ref) };
  }
  if (unfinished.length) {
    return {
      status: "pending",
      reason: `waiting for ${codeList(
        unfinished.map((c) => c.name),
        "and",
      )}`,
      evidence: unfinished.map(ref),
    };
  }
  return {
    status: "met",
    reason: `${codeList(
      checks.map((c) => c.name),
      "and",
    )} succeeded`,
    evidence: checks.map(ref),
  };
}

function describeConclusion(conclusion: string | null): string {
  if (conclusion === null) return "finished without a conclusion";
  if (conclusion === "neutral" || conclusion === "skipped") return `${conclusion} (only success counts)`;
  return code(conclusion);
}
