// A closed-by issue, optionally with every box ticked under a checklist heading in each linked issue.
import type { Facts, LinkedIssue } from "../model/facts.js";
import type { EvidenceRef } from "../model/report.js";
import { code, escapeText } from "../model/markdown.js";
import { findSections, isPlaceholder, parseBlocks, tasksIn } from "./markdown.js";
import { capped, type CriterionContext, quote, type Verdict } from "./types.js";

export type LinkedIssueSpec = true | { checklist?: string | undefined };

export function issueRef(issue: LinkedIssue, facts: Facts): string {
  if (issue.key) return issue.key;
  const here = `${facts.repo.owner}/${facts.repo.name}`.toLowerCase();
  return issue.repo.toLowerCase() === here ? `#${issue.number}` : `${issue.repo}#${issue.number}`;
}

export function linkedIssueEvidence(spec: LinkedIssueSpec, ctx: CriterionContext): Verdict {
  const { facts } = ctx;
  const issues = facts.linkedIssues;
  if (issues.length === 0) return { status: "missing", reason: "the pull request links no issue", evidence: [] };
  const links: EvidenceRef[] = issues.map((i) => ({
    text: i.unreadable ? issueRef(i, facts) : `${issueRef(i, facts)} ${i.title}`,
    ...(i.url && { url: i.url }),
  }));
  // A ticket a tracker could not give is neither met nor missing: the item waits, saying why.
  const unreadable = issues.filter((i) => i.unreadable);
  const checklist = spec === true ? undefined : spec.checklist;
  if (!checklist) {
    if (unreadable.length === issues.length) return pendingOn(unreadable, links);
    const readable = issues.filter((i) => !i.unreadable);
    return { status: "met", reason: `links ${readable.map((i) => issueRef(i, facts)).join(", ")}`, evidence: links };
  }

  const noun = escapeText(checklist.toLowerCase());
  const problems: string[] = [];
  const unticked: EvidenceRef[] = [];
  let ticked = 0;
  for (const issue of issues) {
    if (issue.unreadable) continue;
    const ref = issueRef(issue, facts);
    const sections = findSections(parseBlocks(issue.body), checklist);
    if (sections.length === 0) {
      problems.push(`${ref} has no ${quote(checklist)} section`);
      continue;
    }
    // A box left as `TBD` or `N/A` is not a criterion, ticked or not: it neither blocks nor counts as done.
    const boxes = sections.flatMap(tasksIn);
    const tasks = boxes.filter((t) => !isPlaceholder(t.text));
    if (tasks.length === 0) {
      const placeholder = boxes[0]?.text;
      problems.push(
        placeholder === undefined
          ? `no checklist under ${quote(checklist)} in ${ref}`
          : `the ${quote(checklist)} checklist in ${ref} only holds the placeholder ${placeholderSpan(placeholder)}`,
      );
      continue;
    }
    const open = tasks.filter((t) => !t.checked);
    if (open.length) {
      problems.push(`${ref}: ${open.length} of ${tasks.length} ${noun} unticked`);
      for (const t of open) unticked.push({ text: t.text, url: issue.url });
    }
    ticked += tasks.length - open.length;
  }
  if (problems.length) {
    const reason = [...problems, ...unreadable.map((i) => i.unreadable)].join("; ");
    return { status: "missing", reason, evidence: capped(unticked) };
  }
  if (unreadable.length) return pendingOn(unreadable, links);
  const where = issues.map((i) => issueRef(i, facts)).join(", ");
  return { status: "met", reason: `all ${ticked} ${noun} ticked in ${where}`, evidence: links };
}

function pendingOn(unreadable: LinkedIssue[], links: EvidenceRef[]): Verdict {
  return { status: "pending", reason: unreadable.map((i) => i.unreadable).join("; "), evidence: links };
}

/** A placeholder as the reader typed it; an empty box reads as `- [ ]`. */
const placeholderSpan = (text: string) => code(text.trim() === "" ? "- [ ]" : text.trim());
