// The sticky PR comment: only what is still to do, per owner, and how to do it. The text is a pure function of
// the report (no timestamps, no SHAs) so the app can skip an edit when nothing changed.
import { COMMENT_MARKER } from "../model/names.js";
import { byOwner, doneCounts, ownerHeading, OWNERS, plural } from "./format.js";
import type { ItemResult, Report } from "../model/report.js";
import { configChangeLines } from "./problems.js";
import { openItemLines, waivedLine } from "./items.js";
import { previewLines } from "./preview.js";
import { omittedItemsNote, truncateMarkdown } from "./truncate.js";

/** GitHub's limit on an issue comment's body. */
export const COMMENT_LIMIT = 65_536;

export type CommentMode = "on-missing" | "always" | "never";

export function commentBody(report: Report): string {
  const limit = COMMENT_LIMIT - COMMENT_MARKER.length - 1;
  return `${COMMENT_MARKER}\n${truncateMarkdown(markdownBody(report), limit, omittedItemsNote("a comment", COMMENT_LIMIT))}`;
}

/**
 * `on-missing`: a comment appears once something is missing (or could not be checked), and from then on it is
 * kept current — also when everything is done, so the thread shows the item list went green.
 */
export function shouldComment(mode: CommentMode, report: Report, hasExisting: boolean): boolean {
  if (mode === "never") return false;
  if (mode === "always" || hasExisting) return true;
  return report.items.some((item) => item.status === "missing" || item.status === "error");
}

/** The comment without its marker: also what `dod check --format markdown` prints. */
export function markdownBody(report: Report): string {
  const { done, total } = doneCounts(report);
  const lines = [`## Definition of Done: ${done} of ${total} done`, ""];
  const open = report.items.filter((item) => UNFINISHED.includes(item.status));
  const configProblems = report.configChange?.problems.length ?? 0;
  const waived = report.items.filter((item) => item.status === "waived");
  if (open.length === 0 && configProblems === 0) {
    lines.push(allDoneLine(total, waived.length), "");
  } else {
    for (const owner of OWNERS) {
      const items = byOwner(open, owner);
      if (items.length === 0) continue;
      lines.push(ownerHeading(owner, report, true));
      for (const status of UNFINISHED) {
        for (const item of items) if (item.status === status) lines.push(...openItemLines(item, false));
      }
      lines.push("");
    }
  }
  if (waived.length > 0) lines.push("**Waived**", ...waived.map(waivedLine), "");
  if (report.configChange) {
    lines.push(...configChangeLines(report.configChange, "**This pull request changes the definition of done**"), "");
    if (report.preview) {
      lines.push(...previewLines(report.preview, "**What the proposed rules would do**", report.configChange.file), "");
    }
  }
  if (open.length > 0 || configProblems > 0) {
    const met = report.items.filter((item) => item.status === "met").length;
    const are = met === 1 ? "is" : "are";
    if (met > 0)
      lines.push(`✅ ${plural(met, "item")} ${are} met; the **Definition of Done** check lists the evidence.`, "");
    lines.push("<sub>Owners can waive an item with `/dod waive <id> <reason>`; `/dod check` checks again.</sub>");
  }
  return lines.join("\n").trimEnd();
}

const UNFINISHED: readonly ItemResult["status"][] = ["missing", "error", "pending"];

function allDoneLine(total: number, waived: number): string {
  if (total === 0) return "✅ No item of the definition of done applies to this pull request.";
  if (total === 1) return `✅ The one item of the definition of done is ${waived === 0 ? "met" : "waived"}.`;
  if (waived === 0) return `✅ All ${total} items of the definition of done are met.`;
  return `✅ All ${total} items of the definition of done are met or waived.`;
}
