// A hidden, machine-readable copy of the verdict at the end of the check-run summary, so the dashboard can list
// every open PR's items from one check-runs call instead of re-evaluating each PR.
import { z } from "zod";
import { OwnerRole } from "../config/schema.js";
import type { Facts } from "../model/facts.js";
import type { EmbeddedItem, EmbeddedReport } from "../model/dashboard.js";
import type { Report } from "../model/report.js";

const EmbeddedItemSchema: z.ZodType<EmbeddedItem> = z.object({
  id: z.string(),
  title: z.string(),
  owner: OwnerRole,
  status: z.enum(["met", "missing", "pending", "not_applicable", "error", "waived"]),
  // `at`: when the waiving comment was written, for the dashboard's record of waivers (absent in older reports).
  waiver: z.object({ by: z.array(z.string()), reason: z.string(), at: z.string().optional() }).optional(),
});

const EmbeddedReportSchema: z.ZodType<EmbeddedReport> = z.object({
  v: z.literal(1),
  sha: z.string(),
  conclusion: z.enum(["success", "failure", "neutral", "pending"]),
  items: z.array(EmbeddedItemSchema),
});

const BLOCK_START = "<!-- dod:report ";
const BLOCK_END = " -->";

/** Long enough for a few hundred items; beyond it titles and reasons are dropped, then the block itself. */
export const EMBED_MAX_LENGTH = 30_000;

/** The hidden block, or "" when even the barest form would not fit in `maxLength`. */
export function embedReport(report: Report, facts: Facts, maxLength = EMBED_MAX_LENGTH): string {
  for (const words of [true, false]) {
    const data: EmbeddedReport = {
      v: 1,
      sha: facts.head.sha,
      conclusion: report.conclusion,
      items: report.items.map((item) => ({
        id: item.id,
        title: words ? clip(item.title, 120) : "",
        owner: item.owner,
        status: item.status,
        ...(item.waiver && {
          waiver: {
            by: item.waiver.by,
            reason: words ? clip(item.waiver.reason, 200) : "",
            ...(item.waiver.at && { at: item.waiver.at }),
          },
        }),
      })),
    };
    const block = `${BLOCK_START}${escapeJson(JSON.stringify(data))}${BLOCK_END}`;
    if (block.length <= maxLength) return block;
  }
  return "";
}

/** The last hidden block in `summary`, or null when there is none or it is not one we wrote. Never throws. */
export function readEmbeddedReport(summary: string): EmbeddedReport | null {
  if (typeof summary !== "string") return null;
  const start = summary.lastIndexOf(BLOCK_START);
  if (start < 0) return null;
  const end = summary.indexOf(BLOCK_END, start + BLOCK_START.length);
  if (end < 0) return null;
  try {
    const parsed = EmbeddedReportSchema.safeParse(JSON.parse(summary.slice(start + BLOCK_START.length, end)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** JSON that cannot end an HTML comment (`--`, `--!>`) nor read as markup: JSON.parse restores every escape. */
function escapeJson(json: string): string {
  return json
    .replace(/-(?=-)/g, "\\u002d")
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e");
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
