// The PR description: a section with real content, and/or a ticked box.
import { findSections, hasContent, normalizeItem, parseBlocks, type Block } from "./markdown.js";
import { code } from "../model/markdown.js";
import { quote, type CriterionContext, type Verdict } from "./types.js";

export interface PrBodySpec {
  section?: string | undefined;
  checkbox?: string | undefined;
}

export function prBodyEvidence(spec: PrBodySpec, ctx: CriterionContext): Verdict[] {
  const blocks = parseBlocks(ctx.facts.body);
  const verdicts: Verdict[] = [];
  if (spec.section !== undefined) verdicts.push(sectionVerdict(blocks, spec.section, ctx.facts.url));
  if (spec.checkbox !== undefined) verdicts.push(checkboxVerdict(blocks, spec.checkbox, ctx.facts.url));
  return verdicts;
}

function sectionVerdict(blocks: Block[], heading: string, url: string): Verdict {
  const sections = findSections(blocks, heading);
  if (sections.length === 0) {
    return { status: "missing", reason: `the description has no ${quote(heading)} section`, evidence: [] };
  }
  if (!sections.some(hasContent)) {
    const placeholder = sections.flat().find((b) => b.kind !== "heading" && b.text.trim() !== "");
    const reason = placeholder
      ? `the ${quote(heading)} section of the description only holds the placeholder ${code(placeholder.text.trim())}`
      : `the ${quote(heading)} section of the description is empty`;
    return { status: "missing", reason, evidence: [] };
  }
  return {
    status: "met",
    reason: `the description has a ${quote(heading)} section`,
    evidence: [{ text: `${quote(heading)} section`, url }],
  };
}

function checkboxVerdict(blocks: Block[], text: string, url: string): Verdict {
  const wanted = normalizeItem(text);
  const boxes = blocks.filter((b) => b.kind === "task" && normalizeItem(b.text) === wanted);
  if (boxes.length === 0) {
    return { status: "missing", reason: `the description has no ${quote(text)} checkbox`, evidence: [] };
  }
  if (!boxes.some((b) => b.kind === "task" && b.checked)) {
    return { status: "missing", reason: `${quote(text)} is not ticked in the description`, evidence: [] };
  }
  return { status: "met", reason: `${quote(text)} is ticked`, evidence: [{ text: `ticked: ${text}`, url }] };
}
