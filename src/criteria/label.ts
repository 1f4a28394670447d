import type { Context, Verdict } from "./types.js";

export function labelEvidence(spec: string | string[], ctx: Context): Verdict {
  const wanted = typeof spec === "string" ? [spec] : spec;
  const present = ctx.facts.labels.find((label) => wanted.some((w) => w.toLowerCase() === label.toLowerCase()));
  if (present !== undefined) return { status: "met", reason: `labelled ${present}`, evidence: [{ text: `label ${present}` }] };
  const reason =
    wanted.length === 1
      ? `the pull request has no label ${wanted[0]}`
      : `the pull request has none of the labels ${wanted.join(", ")}`;
  return { status: "missing", reason, evidence: [] };
}
