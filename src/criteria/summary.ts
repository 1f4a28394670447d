// The one-line title and the conclusion of a report.
import type { ResolvedConfig } from "../config/schema.js";
import type { Conclusion, ItemResult, ItemStatus } from "../model/report.js";
import type { ConfigChange } from "../model/config-problems.js";

const LISTED = 3;

export function countStatuses(items: ItemResult[]): Record<ItemStatus, number> {
  const counts: Record<ItemStatus, number> = { met: 0, missing: 0, pending: 0, not_applicable: 0, error: 0, waived: 0 };
  for (const item of items) counts[item.status]++;
  return counts;
}

function listTitles(items: ItemResult[]): string {
  const titles = items
    .slice(0, LISTED)
    .map((i) => i.title)
    .join(", ");
  return items.length > LISTED ? `${titles} +${items.length - LISTED} more` : titles;
}

export function reportTitle(items: ItemResult[], configChange?: ConfigChange): string {
  const applicable = items.filter((i) => i.status !== "not_applicable");
  const problems = configChange?.problems.length ?? 0;
  const suffix = problems ? ` — ${configChange!.file} has ${problems} problem${problems === 1 ? "" : "s"}` : "";
  if (applicable.length === 0) return `No criteria apply to this pull request${suffix}`;
  const done = applicable.filter((i) => i.status === "met" || i.status === "waived").length;
  const head = `${done} of ${applicable.length} done`;
  const failing = applicable.filter((i) => i.status === "missing" || i.status === "error");
  if (failing.length) return `${head} — missing: ${listTitles(failing)}${suffix}`;
  const pending = applicable.filter((i) => i.status === "pending");
  if (pending.length) return `${head} — waiting for: ${listTitles(pending)}${suffix}`;
  return `${head}${suffix}`;
}

export function reportConclusion(
  items: ItemResult[],
  mode: ResolvedConfig["mode"],
  configChange?: ConfigChange,
): Conclusion {
  if (configChange?.problems.length) return "failure";
  if (items.some((i) => i.status === "missing" || i.status === "error")) {
    return mode === "blocking" ? "failure" : "neutral";
  }
  if (items.some((i) => i.status === "pending")) return "pending";
  return "success";
}
