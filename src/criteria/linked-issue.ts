// A closed-by issue, optionally with every box ticked under a checklist heading in each linked issue.
import type { Facts, LinkedIssue } from "../model/facts.js";
import type { EvidenceRef } from "../model/report.js";
import { findSections, parseBlocks, tasksIn } from "./markdown.js";
import { capped, type Context, quote, type Verdict } from "./types.js";

export type LinkedIssueSpec = true | { checklist?: string | undefined };

export function issueRef(issue: LinkedIssue, facts: Facts): string {
  const here = `${facts.repo.owner}/${facts.repo.name}`.toLowerCase();
  return issue.repo.toLowerCase() === here ? `#${issue.number}` : `${issue.repo}#${issue.number}`;
}

export function linkedIssueEvidence(spec: LinkedIssueSpec, ctx: Context): Verdict {
  const { facts } = ctx;
  const issues = facts.linkedIssues;
  if (issues.length === 0) return { status: "missing", reason: "the pull request links no issue", evidence: [] };
  const links = issues.map((i) => ({ text: `${issueRef(i, facts)} ${i.title}`, url: i.url }));
  const checklist = spec === true ? undefined : spec.checklist;
  if (!checklist) {
    return { status: "met", reason: `links ${issues.map((i) => issueRef(i, facts)).join(", ")}`, evidence: links };
  }

  const noun = checklist.toLowerCase();
  const problems: string[] = [];
  const unticked: EvidenceRef[] = [];
  let ticked = 0;
  for (const issue of issues) {
    const ref = issueRef(issue, facts);
    const sections = findSections(parseBlocks(issue.body), checklist);
    if (sections.length === 0) {
      problems.push(`${ref} has no ${quote(checklist)} section`);
      continue;
    }
    const tasks = sections.flatMap(tasksIn);
    if (tasks.length === 0) {
      problems.push(`no checklist under ${quote(checklist)} in ${ref}`);
      continue;
    }
    const open = tasks.filter((t) => !t.checked);
    if (open.length) {
      problems.push(`${ref}: ${open.length} of ${tasks.length} ${noun} unticked`);
      for (const t of open) unticked.push({ text: t.text, url: issue.url });
    }
    ticked += tasks.length - open.length;
  }
  if (problems.length) return { status: "missing", reason: problems.join("; "), evidence: capped(unticked) };
  const where = issues.map((i) => issueRef(i, facts)).join(", ");
  return { status: "met", reason: `all ${ticked} ${noun} ticked in ${where}`, evidence: links };
}
