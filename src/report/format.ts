// Small pieces every renderer shares: owner names, done counts, and making user-written text safe to put on
// one Markdown line.
import { OwnerRole } from "../config/schema.js";
import type { EvidenceRef, ItemResult, Report } from "../model/report.js";
import { code, escapeInline } from "../model/markdown.js";

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

/**
 * `**Product** · decided by `@pm-alice` or `@acme/product``: a group's heading, naming who may waive or approve its
 * items (in code spans: named, not notified).
 */
export function ownerHeading(owner: OwnerRole, report: Report, strong: boolean): string {
  const label = strong ? `**${OWNER_LABEL[owner]}**` : OWNER_LABEL[owner];
  const owners = report.owners;
  if (!owners) return label;
  if (owner === "joint") return `${label} · decided by a product owner and an engineering owner together`;
  const names = owners[owner];
  if (names.length === 0) return `${label} · no ${owner} owner is listed in \`owners.${owner}\``;
  const spans = names.map((name) => code(name.startsWith("@") ? name : `@${name}`));
  const shown = spans.length > 4 ? [...spans.slice(0, 4), `${spans.length - 4} more`] : spans;
  const list = shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(", ")} or ${shown.at(-1)}`;
  return `${label} · decided by ${list}`;
}

export function byOwner(items: readonly ItemResult[], owner: OwnerRole): ItemResult[] {
  return items.filter((item) => item.owner === owner);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * User-written text (titles, hints, checklist lines, waiver reasons) on one line: newlines folded, length capped,
 * code spans kept and everything else escaped, so that it can't turn into emphasis, HTML, a link or a mention.
 */
export function inline(text: string, max = 500): string {
  return escapeInline(text.length > max * 2 ? text.slice(0, max * 2) : text, max);
}

/**
 * A reason dod wrote (Markdown already escaped, see model/markdown.ts) on one line. A cut keeps code spans whole,
 * so a backtick left open can't pair with one further on.
 */
export function reasonLine(markdown: string, max = 2000): string {
  const line = oneLine(markdown);
  if (line.length <= max) return line;
  let out = "";
  for (const [i, part] of line.split(/((?<!`)(`+)(?!`)[^`]*?\2(?!`))/).entries()) {
    if (i % 3 === 2) continue;
    if (out.length + part.length > max) break;
    out += part;
  }
  return `${out.replace(/\\$/, "").trimEnd()}…`;
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
    const text = inline(ref.text, 200);
    return ref.url ? `[${text}](${href(ref.url)})` : text;
  });
  if (evidence.length > max) {
    // The criteria cap their lists with an "and N more" of their own: count what it stands for, not it.
    const tail = /^and (\d+) more$/.exec(evidence.at(-1)!.text);
    const hidden = evidence.length - max + (tail && !evidence.at(-1)!.url ? Number(tail[1]) - 1 : 0);
    shown.push(`and ${hidden} more`);
  }
  return shown.join(", ");
}

/** Logins in code spans: named, not notified (a comment edited on every push must not ping anyone). */
export function logins(by: readonly string[]): string {
  return by.map((login) => code(`@${login.replace(/^@/, "")}`)).join(", ");
}

/** A URL that cannot end a Markdown link early. */
export function href(url: string): string {
  return url.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}
