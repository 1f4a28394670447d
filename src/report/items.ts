// The Markdown lines for one item, shared by the check run and the comment so both read the same: what is
// missing, why the item applies, what is still open, what is done so far, and how to finish it.
import { day, evidenceLinks, inline, logins, OWNER_LABEL, reasonLine } from "./format.js";
import type { ItemResult } from "../model/report.js";

/**
 * A missing, failed or pending item. `withSoFar` adds what is done already (the check run shows it; the comment
 * stays short). What is still open (unticked boxes, failed checks) is shown in both.
 */
export function openItemLines(item: ItemResult, withSoFar: boolean): string[] {
  const title = inline(item.title, 200);
  const open = evidenceLinks(item.evidence);
  if (item.status === "pending") {
    return [`- ⏳ ${title} — ${reasonLine(item.reason)}${withSoFar && open ? ` (${open})` : ""}`];
  }
  const lines =
    item.status === "error"
      ? [`- ⚠️ **${title}** (\`${item.id}\`) — could not be checked: ${reasonLine(item.reason)}`]
      : [`- ❌ **${title}** (\`${item.id}\`) — ${reasonLine(item.reason)}`];
  if (open) lines.push(`  - Still open: ${open}`);
  if (item.applies) lines.push(`  - Applies because ${reasonLine(item.applies)}`);
  const soFar = withSoFar && item.soFar ? evidenceLinks(item.soFar) : "";
  if (soFar) lines.push(`  - So far: ${soFar}`);
  if (item.hint) lines.push(`  - How: ${inline(item.hint, 1000)}`);
  return lines;
}

/** `- ✅ Unit tests — [test/a.test.ts](…)` */
export function metLine(item: ItemResult): string {
  return `- ✅ ${inline(item.title, 200)} — ${evidenceLinks(item.evidence) || reasonLine(item.reason)}`;
}

/** `- ⏭️ **Runbook** (`runbook`, Engineering) — waived by `@alice` on 2024-05-01: reason ([comment](…))` */
export function waivedLine(item: ItemResult): string {
  const head = `- ⏭️ **${inline(item.title, 200)}** (\`${item.id}\`, ${OWNER_LABEL[item.owner]})`;
  const waiver = item.waiver;
  if (!waiver) return `${head} — waived`;
  const link = waiver.url ? ` ([comment](${waiver.url}))` : "";
  return `${head} — waived by ${logins(waiver.by)} on ${day(waiver.at)}: ${inline(waiver.reason)}${link}`;
}
