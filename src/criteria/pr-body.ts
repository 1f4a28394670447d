// The PR description: a section with real content, and/or a ticked box.
import { findSections, hasContent, isPlaceholder, normalizeItem, parseBlocks, type Block } from "./markdown.js";
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
    const filler = blocks
      .map((b) => (b.kind === "task" && b.checked ? fillerAfter(b.text, wanted) : null))
      .find(Boolean);
    const reason = filler
      ? `${quote(text)} is ticked but only says ${code(filler)}`
      : `the description has no ${quote(text)} checkbox`;
    return { status: "missing", reason, evidence: [] };
  }
  if (!boxes.some((b) => b.kind === "task" && b.checked)) {
    return { status: "missing", reason: `${quote(text)} is not ticked in the description`, evidence: [] };
  }
  return { status: "met", reason: `${quote(text)} is ticked`, evidence: [{ text: `ticked: ${text}`, url }] };
}

/**
 * `Feature flag: TBD` against the wanted `feature flag`: the placeholder written after the box's text (after a colon,
 * a dash or in brackets), or null when the box says something else. A template's box ticked and left so is not
 * evidence.
 */
function fillerAfter(boxText: string, wanted: string): string | null {
  const text = boxText.trim();
  if (!text.toLowerCase().startsWith(wanted)) return null;
  const rest = text.slice(wanted.length);
  const bracketed = /^\s*\((.*)\)\s*$/.exec(rest);
  const after = bracketed ? bracketed[1]! : /^\s*[:\u2013\u2014-]\s*(.*)$/.exec(rest)?.[1];
  return after !== undefined && after.trim() !== "" && isPlaceholder(after) ? after.trim() : null;
}
