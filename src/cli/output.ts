// A report in the format asked for, and the exit code it means.
import type { Report } from "../model/report.js";
import { renderJson, renderMarkdown, renderText } from "../report/text.js";
import { EXIT } from "./errors.js";

export const REPORT_FORMATS = ["text", "json", "md"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function renderReport(report: Report, format: ReportFormat, color: boolean): string {
  if (format === "json") return renderJson(report);
  if (format === "md") return renderMarkdown(report);
  return renderText(report, { color });
}

/** Done only when the check would pass: anything missing, failing or still pending is not done yet. */
export function exitCodeFor(report: Report): number {
  return report.conclusion === "success" ? EXIT.done : EXIT.missing;
}
