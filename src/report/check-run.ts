// The check run: the full verdict with evidence, grouped by who owns each item, plus the hidden block the
// dashboard reads back. Also the neutral "no config yet" and failing "invalid config" checks.
import { SCHEMA_URL, STARTER_CONFIG } from "../config/starter.js";
import type { Facts } from "../model/facts.js";
import { embedReport } from "./embed.js";
import { byOwner, doneCounts, inline, OWNER_LABEL, ownerHeading, OWNERS, plural, reasonLine } from "./format.js";
import { metLine, openItemLines, waivedLine } from "./items.js";
import type { Conclusion, ItemResult, Report } from "../model/report.js";
import type { ConfigFailure } from "../model/config-problems.js";
import { type Annotation, configChangeLines, problemAnnotations, problemLine } from "./problems.js";
import { previewLines } from "./preview.js";
import { omittedItemsNote, truncateMarkdown, utf8Bytes } from "./truncate.js";

export type { Annotation } from "./problems.js";

/** GitHub's limit on a check run's `output.summary` and `output.text`, in UTF-8 bytes. */
export const SUMMARY_LIMIT = 65_535;

export interface CheckRunOutput {
  conclusion: Conclusion;
  title: string;
  summary: string;
  text?: string;
  /** Every annotation (at most 1000); publishing sends them 50 per request. */
  annotations: Annotation[];
}

export function checkRunOutput(report: Report, facts: Facts): CheckRunOutput {
  const lines = [statusLine(report)];
  if (facts.filesTruncated) lines.push("", truncatedFilesLine(facts));
  if (report.configChange) {
    lines.push("", ...configChangeLines(report.configChange, "### This pull request changes the definition of done"));
  }
  for (const owner of OWNERS) {
    const items = byOwner(report.items, owner).filter((item) => SHOWN_IN_SECTION.includes(item.status));
    if (items.length === 0) continue;
    lines.push("", `### ${ownerHeading(owner, report, false)}`);
    for (const status of SHOWN_IN_SECTION) {
      for (const item of items) {
        if (item.status !== status) continue;
        lines.push(...(status === "met" ? [metLine(item)] : openItemLines(item, true)));
      }
    }
  }
  lines.push(...waivedLines(report.items), ...notApplicableLines(report.items));
  if (report.preview && report.configChange) {
    lines.push("", ...previewLines(report.preview, "### What the proposed rules would do", report.configChange.file));
  }
  return {
    conclusion: report.conclusion,
    title: report.title,
    summary: withEmbed(lines.join("\n"), embedReport(report, facts)),
    annotations: report.configChange ? problemAnnotations(report.configChange.problems) : [],
  };
}

export function checkRunForFailure(failure: ConfigFailure): CheckRunOutput {
  if (failure.kind === "missing") {
    return {
      conclusion: "neutral",
      title: `No definition of done yet (${failure.file})`,
      summary: truncated(missingConfigLines(failure.file).join("\n")),
      annotations: [],
    };
  }
  const count = plural(failure.problems.length, "problem");
  const head = `❌ \`${failure.file}\` has ${count}, so no item of the definition of done was checked.\n\n### Problems\n`;
  const howToFix = [
    "",
    "",
    "### How to fix",
    "- Fix each problem at the line and field shown; they are also marked on the file where this pull request changes it.",
    "- Run `npx dod validate` to list the same problems locally before you push.",
    `- For completion and inline checks in your editor, start the file with \`# yaml-language-server: $schema=${SCHEMA_URL}\` ([JSON schema](${SCHEMA_URL})).`,
    "- The rules are read from the base branch, so the fix takes effect once it is merged there.",
  ].join("\n");
  // Cut the list rather than the advice after it.
  const problems = truncated(
    failure.problems.map(problemLine).join("\n"),
    SUMMARY_LIMIT - utf8Bytes(head) - utf8Bytes(howToFix),
  );
  return {
    conclusion: "failure",
    title: `Invalid ${failure.file}: ${count}`,
    summary: head + problems + howToFix,
    annotations: problemAnnotations(failure.problems),
  };
}

/** Listed under their owner in this order; waived and not-applicable items get sections of their own. */
const SHOWN_IN_SECTION: readonly ItemResult["status"][] = ["missing", "error", "pending", "met"];

function statusLine(report: Report): string {
  const { done, total } = doneCounts(report);
  const { missing, error, pending, waived } = report.counts;
  const parts = [
    missing > 0 && `**${missing} missing**`,
    error > 0 && `**${error} could not be checked**`,
    pending > 0 && `${pending} pending`,
    waived > 0 && `${waived} waived`,
  ].filter((part): part is string => typeof part === "string");
  const counts = [`${done} of ${total} done`, ...parts].join(" · ");
  switch (report.conclusion) {
    case "success":
      return total === 0
        ? "✅ No item of the definition of done applies to this pull request."
        : `✅ ${counts} — the definition of done is met.`;
    case "pending":
      return `⏳ ${counts} — nothing is missing; waiting for pending items.`;
    case "neutral":
      return `⚠️ ${counts} — advisory: missing items don't fail this check.`;
    case "failure":
      return missing + error > 0 || !report.configChange?.problems.length
        ? `❌ ${counts} — this check fails until every item is met or waived.`
        : `❌ ${counts} — the changed \`${report.configChange.file}\` has problems (below).`;
  }
}

function truncatedFilesLine(facts: Facts): string {
  const count = facts.changedFiles === undefined ? "more than 3,000" : facts.changedFiles.toLocaleString("en-US");
  return `> ⚠️ The file list was cut: this pull request changes ${count} files and GitHub lists only the first ${facts.files.length.toLocaleString("en-US")}. Items about files saw those alone, and a change to the definition of done beyond them still counts as one.`;
}

function waivedLines(items: readonly ItemResult[]): string[] {
  const waived = items.filter((item) => item.status === "waived");
  if (waived.length === 0) return [];
  return ["", "### Waived", ...waived.map(waivedLine)];
}

function notApplicableLines(items: readonly ItemResult[]): string[] {
  const skipped = items.filter((item) => item.status === "not_applicable");
  if (skipped.length === 0) return [];
  return [
    "",
    `<details><summary>${plural(skipped.length, "item")} not applicable to this pull request</summary>`,
    "",
    ...skipped.map((item) => `- ${inline(item.title, 200)} (${OWNER_LABEL[item.owner]}) — ${reasonLine(item.reason)}`),
    "",
    "</details>",
  ];
}

function missingConfigLines(file: string): string[] {
  const fence = "`".repeat(Math.max(3, ...[...STARTER_CONFIG.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return [
    `This repository has no definition of done yet, so pull requests are not checked. This check is neutral: it blocks nothing.`,
    "",
    "### Set it up",
    `1. Add \`${file}\` to the default branch, starting from the config below. To share one definition of done across the organisation, put it at \`${file}\` in the organisation's \`.github\` repository instead.`,
    "2. Run `npx dod validate` to check the file before you push.",
    "3. Rules are always read from a pull request's base branch, so a pull request that adds the file is checked by it only after it is merged.",
    "",
    `${fence}yaml`,
    STARTER_CONFIG.trimEnd(),
    fence,
  ];
}

function withEmbed(body: string, embed: string): string {
  if (!embed) return truncated(body);
  return `${truncated(body, SUMMARY_LIMIT - utf8Bytes(embed) - 2)}\n\n${embed}`;
}

function truncated(text: string, limit = SUMMARY_LIMIT): string {
  return truncateMarkdown(text, limit, omittedItemsNote("the summary", SUMMARY_LIMIT, "bytes"), utf8Bytes);
}
