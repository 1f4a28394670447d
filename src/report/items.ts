// The Markdown lines for one item, shared by the check run and the comment so both read the same.
import { day, evidenceLinks, inline, logins, OWNER_LABEL } from "./format.js";
import type { ItemResult } from "../model/report.js";

/**
 * A missing, failed or pending item: what is wrong and how to fix it. `withEvidence` adds any partial evidence
 * (the check run shows it; the comment stays short).
 */
export function openItemLines(item: ItemResult, withEvidence: boolean): string[] {
  const title = inline(item.title, 200);
  const evidence = withEvidence ? evidenceLinks(item.evidence) : "";
  if (item.status === "pending") return [`- ⏳ ${title} — ${inline(item.reason)}${evidence ? ` (${evidence})` : ""}`];
  const lines =
    item.status === "error"
      ? [`- ⚠️ **${title}** (\`${item.id}\`) — could not be checked: ${inline(item.reason)}`]
      : [`- ❌ **${title}** (\`${item.id}\`) — ${inline(item.reason)}`];
  if (item.hint) lines.push(`  - How: ${inline(item.hint, 1000)}`);
  if (evidence) lines.push(`  - So far: ${evidence}`);
  return lines;
}

/** `- ✅ Unit tests — [test/a.test.ts](…)` */
export function metLine(item: ItemResult): string {
  return `- ✅ ${inline(item.title, 200)} — ${evidenceLinks(item.evidence) || inline(item.reason)}`;
}

/** `- ⏭️ **Runbook** (`runbook`, Engineering) — waived by @alice on 2024-05-01: reason ([comment](…))` */
export function waivedLine(item: ItemResult): string {
  const head = `- ⏭️ **${inline(item.title, 200)}** (\`${item.id}\`, ${OWNER_LABEL[item.owner]})`;
  const waiver = item.waiver;
  if (!waiver) return `${head} — waived`;
  const link = waiver.url ? ` ([comment](${waiver.url}))` : "";
  return `${head} — waived by ${logins(waiver.by)} on ${day(waiver.at)}: ${inline(waiver.reason)}${link}`;
}
