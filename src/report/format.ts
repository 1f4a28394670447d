// Small pieces every renderer shares: owner names, done counts, and making user-written text safe to put on
// one Markdown line.
import { OwnerRole } from "../config/schema.js";
import type { EvidenceRef, ItemResult, Report } from "../model/report.js";

/** The owners in the order every face lists them: the schema's own order. */
export const OWNERS: readonly OwnerRole[] = OwnerRole.options;

export const OWNER_LABEL: Record<OwnerRole, string> = {
  product: "Product",
  engineering: "Engineering",
  joint: "Joint",
};

/** Items that count towards "N of M done": every applicable one; waived counts as done. */
export function doneCounts({ counts, items }: Report): { done: number; total: number } {
  return { done: counts.met + counts.waived, total: items.length - counts.not_applicable };
}

export function byOwner(items: readonly ItemResult[], owner: OwnerRole): ItemResult[] {
  return items.filter((item) => item.owner === owner);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * User-written text (titles, reasons, hints, waiver reasons) on one line: newlines folded, length capped, and `<`
 * outside code spans escaped so that nobody's `<!--` or `<details>` can swallow the rest of the report.
 */
export function inline(text: string, max = 500): string {
  let line = oneLine(text.length > max * 2 ? text.slice(0, max * 2) : text);
  if (line.length > max) line = `${line.slice(0, max - 1).trimEnd()}…`;
  // A code span opens and closes with backtick runs of the same length (CommonMark); only its text stays raw.
  return line
    .split(/((`+)[^`]*?\2(?!`))/)
    .map((part, i) => (i % 3 === 0 ? part.replace(/</g, "&lt;") : i % 3 === 1 ? part : ""))
    .join("");
}

/** Lines joined with single spaces, each trimmed: linear, whatever the text (no backtracking regex). */
export function oneLine(text: string): string {
  return text
    .split(/[\r\n]+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .join(" ");
}

/** `2024-05-01T10:00:00Z` → `2024-05-01`. */
export function day(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.exec(iso)?.[0] ?? inline(iso, 40);
}

/** Evidence as Markdown links, at most `max` of them. */
export function evidenceLinks(evidence: readonly EvidenceRef[], max = 5): string {
  const shown = evidence.slice(0, max).map((ref) => {
    const text = inline(ref.text, 200).replace(/[[\]]/g, "\\$&");
    return ref.url ? `[${text}](${href(ref.url)})` : text;
  });
  if (evidence.length > max) shown.push(`and ${evidence.length - max} more`);
  return shown.join(", ");
}

export function logins(by: readonly string[]): string {
  return by.map((login) => `@${login.replace(/^@/, "")}`).join(", ");
}

/** A URL that cannot end a Markdown link early. */
export function href(url: string): string {
  return url.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}
