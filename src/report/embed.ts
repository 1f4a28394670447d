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

/** The compact form of an item: one-letter codes in a tuple, `[id, owner, status]` plus `[by, at]` when waived. */
const OWNER_CODES = { product: "p", engineering: "e", joint: "j" } as const;
const STATUS_CODES = { met: "m", missing: "x", pending: "p", not_applicable: "n", error: "e", waived: "w" } as const;
const decode = <K extends string>(codes: Record<K, string>) => {
  const byCode = new Map(Object.entries(codes).map(([key, code]) => [code as string, key as K]));
  return z.enum([...byCode.keys()] as [string, ...string[]]).transform((code) => byCode.get(code)!);
};
const CompactItem = z
  .union([
    z.tuple([z.string(), decode(OWNER_CODES), decode(STATUS_CODES)]),
    z.tuple([z.string(), decode(OWNER_CODES), decode(STATUS_CODES), z.array(z.string()), z.string()]),
  ])
  .transform(
    ([id, owner, status, by, at]): EmbeddedItem => ({
      id,
      title: "",
      owner,
      status,
      ...(by && { waiver: { by, reason: "", ...(at && { at }) } }),
    }),
  );

const EmbeddedReportSchema = z.object({
  v: z.literal(1),
  sha: z.string(),
  conclusion: z.enum(["success", "failure", "neutral", "pending"]),
  items: z.array(z.union([EmbeddedItemSchema, CompactItem])),
});

const BLOCK_START = "<!-- dod:report ";
const BLOCK_END = " -->";

/** Titles and reasons are kept while the block fits in this much of the check run's summary… */
const EMBED_COMFORTABLE_LENGTH = 30_000;
/**
 * …and the compact form may take this much, leaving the summary's text 5 KB: 500 criteria (the config's limit) with
 * ids of 100 characters fit, so the verdict is there for the dashboard to read however large the config.
 */
export const EMBED_MAX_LENGTH = 60_000;

/** The hidden block, or "" when even the compact form would not fit in `maxLength`. */
export function embedReport(report: Report, facts: Facts, maxLength = EMBED_MAX_LENGTH): string {
  const comfortable = Math.min(maxLength, EMBED_COMFORTABLE_LENGTH);
  const forms = [
    { items: report.items.map((item) => wordy(item, true)), limit: comfortable },
    { items: report.items.map((item) => wordy(item, false)), limit: comfortable },
    { items: report.items.map(compact), limit: maxLength },
  ];
  for (const { items, limit } of forms) {
    const data = { v: 1, sha: facts.head.sha, conclusion: report.conclusion, items };
    const block = `${BLOCK_START}${escapeJson(JSON.stringify(data))}${BLOCK_END}`;
    if (block.length <= limit) return block;
  }
  return "";
}

type ReportItem = Report["items"][number];

function wordy(item: ReportItem, words: boolean): EmbeddedItem {
  return {
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
  };
}

function compact(item: ReportItem): (string | string[])[] {
  const codes = [item.id, OWNER_CODES[item.owner], STATUS_CODES[item.status]];
  return item.waiver ? [...codes, item.waiver.by, item.waiver.at ?? ""] : codes;
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
