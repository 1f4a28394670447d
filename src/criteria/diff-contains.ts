// Literal text in an added line of the diff. The shell only gathers added lines when needsDiff() says so;
// undefined here is a bug in that hand-off, not a missing item.
import { code } from "../model/markdown.js";
import { pathMatcher } from "./globs.js";
import { capped, type CriterionContext, type Verdict } from "./types.js";
import { describeGlobs } from "./words.js";

export interface DiffContains {
  text: string;
  files?: string[] | undefined;
}

export function diffContainsEvidence(spec: DiffContains, ctx: CriterionContext): Verdict {
  const added = ctx.facts.addedLines;
  if (!added) return { status: "error", reason: "diff not gathered", evidence: [] };
  const match = spec.files ? pathMatcher(spec.files) : null;
  const hits: string[] = [];
  for (const path of Object.keys(added)) {
    if (match && !match(path)) continue;
    if (added[path]!.some((line) => line.includes(spec.text))) hits.push(path);
  }
  if (hits.length === 0) {
    const where = spec.files ? ` in a file ${describeGlobs(spec.files)}` : "";
    return { status: "missing", reason: `no added line contains ${code(spec.text)}${where}`, evidence: [] };
  }
  const reason =
    hits.length === 1
      ? `an added line in ${code(hits[0]!)} contains ${code(spec.text)}`
      : `added lines in ${hits.length} files contain ${code(spec.text)}`;
  return { status: "met", reason, evidence: capped(hits.map((text) => ({ text }))) };
}
