import { code } from "../model/markdown.js";
import { pathMatcher } from "./globs.js";
import { capped, type CriterionContext, type Verdict } from "./types.js";
import { describeGlobs } from "./words.js";

/** Some changed file that still exists matches: a deleted test or doc shows nothing was tested or documented. */
export function filesEvidence(globs: string[], ctx: CriterionContext): Verdict {
  const match = pathMatcher(globs);
  const hits = ctx.presentPaths.filter((path) => match(path));
  if (hits.length === 0) {
    const truncated = ctx.facts.filesTruncated ? ` (only the first ${ctx.paths.length} files were listed)` : "";
    return { status: "missing", reason: `no file ${describeGlobs(globs)} changed${truncated}`, evidence: [] };
  }
  const reason = hits.length === 1 ? `${code(hits[0]!)} changed` : `${hits.length} matching files changed`;
  return { status: "met", reason, evidence: capped(hits.map((text) => ({ text }))) };
}
