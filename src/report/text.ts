// The report for people at a terminal (`dod check`), and as Markdown or JSON for scripts and CI summaries.
import { byOwner, day, oneLine, OWNER_LABEL, OWNERS } from "./format.js";
import { markdownBody } from "./comment.js";
import type { ItemResult, ItemStatus, Report } from "../model/report.js";
import { toPlain } from "../model/markdown.js";

export interface TextOptions {
  color: boolean;
}

const ANSI = { red: 31, green: 32, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;
type Style = keyof typeof ANSI;

const MARK: Record<ItemStatus, { mark: string; style: Style }> = {
  missing: { mark: "✘", style: "red" },
  error: { mark: "✘", style: "red" },
  pending: { mark: "…", style: "yellow" },
  met: { mark: "✔", style: "green" },
  waived: { mark: "~", style: "cyan" },
  not_applicable: { mark: "-", style: "dim" },
};

/** Listed under their owner in this order; not-applicable items come last, on their own. */
const ORDER: readonly ItemStatus[] = ["missing", "error", "pending", "met", "waived"];

export function renderText(report: Report, { color }: TextOptions): string {
  const paint = (style: Style, text: string) => (color ? `\x1b[${ANSI[style]}m${text}\x1b[0m` : text);
  const lines = [paint("bold", `Definition of Done: ${plain(report.title)}`)];
  const line = (item: ItemResult) => {
    const { mark, style } = MARK[item.status];
    return `  ${paint(style, mark)} ${plain(item.title)} (${item.id}) — ${detail(item)}`;
  };
  for (const owner of OWNERS) {
    const items = byOwner(report.items, owner).filter((item) => item.status !== "not_applicable");
    if (items.length === 0) continue;
    lines.push("", paint("bold", OWNER_LABEL[owner]));
    for (const status of ORDER) {
      for (const item of items) {
        if (item.status !== status) continue;
        lines.push(line(item));
        if (status !== "missing" && status !== "error") continue;
        if (item.applies) lines.push(`      applies because ${plain(toPlain(item.applies))}`);
        if (item.hint) lines.push(`      how: ${plain(item.hint)}`);
      }
    }
  }
  const skipped = report.items.filter((item) => item.status === "not_applicable");
  if (skipped.length > 0)
    lines.push("", paint("dim", "Not applicable"), ...skipped.map((item) => paint("dim", plainLine(item))));
  const change = report.configChange;
  if (change) {
    lines.push("", paint("bold", `This pull request changes ${change.file}`));
    for (const { text } of change.changes) lines.push(`  • ${plain(text)}`);
    for (const p of change.problems) {
      lines.push(
        `  ${paint("red", "✘")} ${p.file}:${p.line}:${p.column}${p.path ? ` ${p.path}` : ""} — ${plain(p.message)}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

/** The comment's content without its marker. */
export function renderMarkdown(report: Report): string {
  return `${markdownBody(report)}\n`;
}

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

function detail(item: ItemResult): string {
  if (item.status === "waived" && item.waiver) {
    return `waived by ${item.waiver.by.map((b) => `@${b.replace(/^@/, "")}`).join(", ")} on ${day(item.waiver.at)}: ${plain(item.waiver.reason)}`;
  }
  if (item.status === "met" && item.evidence.length > 0) return item.evidence.map((ref) => plain(ref.text)).join(", ");
  if (item.status === "error") return `could not be checked: ${plain(toPlain(item.reason))}`;
  return plain(toPlain(item.reason));
}

function plainLine(item: ItemResult): string {
  return `  - ${plain(item.title)} (${item.id}) — ${plain(toPlain(item.reason))}`;
}

/** One line, with no control characters: user text must not be able to move the cursor or recolour the terminal. */
function plain(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
  return oneLine(text).replace(/[\u0000-\u001f\u007f-\u009f]/g, "");
}
