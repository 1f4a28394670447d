import { code, codeList } from "../model/markdown.js";
import type { CriterionContext, Verdict } from "./types.js";

export function labelEvidence(spec: string | string[], ctx: CriterionContext): Verdict {
  const wanted = typeof spec === "string" ? [spec] : spec;
  const present = ctx.facts.labels.find((label) => wanted.some((w) => w.toLowerCase() === label.toLowerCase()));
  if (present !== undefined)
    return { status: "met", reason: `labelled ${code(present)}`, evidence: [{ text: `label ${present}` }] };
  const reason =
    wanted.length === 1
      ? `the pull request has no label ${code(wanted[0]!)}`
      : `the pull request has none of the labels ${codeList(wanted)}`;
  return { status: "missing", reason, evidence: [] };
}
