// The preview of a done.yml change (built by preview/compare.ts) as the check run and the sticky comment show it
// (Markdown), and as `dod preview` prints it (text). Pure functions of the Preview; every title is user text, escaped.
import type { CriterionShare, Preview, PreviewItem, PreviewPull } from "../model/preview.js";
import type { Conclusion } from "../model/report.js";
import { code, escapeText } from "../model/markdown.js";
import { href } from "./format.js";

/** Past this many changed pull requests per table, the rest are counted, not listed. */
const MAX_ROWS = 50;
/** Pull requests with no change are named in one line, this many at most. */
const MAX_UNCHANGED = 20;

const VERDICT: Record<Conclusion, string> = {
  success: "✅ passes",
  failure: "❌ fails",
  neutral: "⚠️ advisory",
  pending: "⏳ pending",
};

/** `#12`, or `acme/api#12` for a pull request of another repository than `here`. */
const pullName = (pull: PreviewPull, here: string) =>
  `${pull.repo.toLowerCase() === here.toLowerCase() ? "" : pull.repo}#${pull.number}`;

const percent = (met: number, of: number) => (of === 0 ? "—" : `${Math.round((100 * met) / of)} %`);

/** A table cell: a `|` anywhere (code spans included) would end the cell early. */
const cell = (markdown: string) => markdown.replace(/(?<!\\)\|/g, "\\|");

const itemMarkdown = (item: PreviewItem) => `${escapeText(item.title, 120)} (${code(item.id)})`;

function changeMarkdown(pull: PreviewPull): string {
  const parts = [];
  if (pull.newlyMissing.length > 0) parts.push(`newly missing: ${pull.newlyMissing.map(itemMarkdown).join(", ")}`);
  if (pull.newlyMet.length > 0) parts.push(`newly met: ${pull.newlyMet.map(itemMarkdown).join(", ")}`);
  return parts.join("; ");
}

function tableLines(pulls: readonly PreviewPull[], here: string): string[] {
  const changed = pulls.filter((p) => p.change !== "none");
  const unchanged = pulls.filter((p) => p.change === "none");
  const link = (p: PreviewPull) => `[${pullName(p, here)}](${href(p.url)})`;
  const lines: string[] = [];
  if (changed.length > 0) {
    lines.push("| Pull request | Now | Proposed | What changes |", "| --- | --- | --- | --- |");
    for (const p of changed.slice(0, MAX_ROWS)) {
      const title = `${link(p)} ${escapeText(p.title, 80)}`;
      lines.push(`| ${[title, VERDICT[p.before], VERDICT[p.after], changeMarkdown(p)].map(cell).join(" | ")} |`);
    }
    if (changed.length > MAX_ROWS) lines.push("", `…and ${changed.length - MAX_ROWS} more that change.`);
  }
  if (unchanged.length > 0) {
    const names = unchanged.slice(0, MAX_UNCHANGED).map(link);
    if (unchanged.length > MAX_UNCHANGED) names.push(`${unchanged.length - MAX_UNCHANGED} more`);
    if (lines.length > 0) lines.push("");
    lines.push(`No change for ${count(unchanged.length, "pull request")}: ${names.join(", ")}.`);
  }
  return lines;
}

function shareLine(share: CriterionShare): string {
  const icon = share.kind === "added" ? "➕" : "✏️";
  const name = `**${escapeText(share.title, 120)}** (${code(share.id)}, ${share.kind === "added" ? "new" : "changed"})`;
  if (share.recent === 0) return `- ${icon} ${name} — no recently merged pull request to judge it by`;
  if (share.applicable === 0)
    return `- ${icon} ${name} — would have applied to none of the last ${count(share.recent, "merged pull request")}`;
  return `- ${icon} ${name} — met by ${share.met} of the ${count(share.applicable, "recently merged pull request")} it applies to (${percent(share.met, share.applicable)}; it applies to ${share.applicable} of ${share.recent})`;
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Counts of what changes, in words: `2 would newly fail, 1 would newly pass, 5 unchanged`. */
function summaryWords(pulls: readonly PreviewPull[]): string {
  const by = (change: PreviewPull["change"][]) => pulls.filter((p) => change.includes(p.change)).length;
  const missing = by(["newly-missing", "both"]);
  const met = by(["newly-met", "both"]);
  const parts = [
    missing > 0 && `${missing} would newly miss items`,
    met > 0 && `${met} would newly meet items`,
    `${by(["none"])} unchanged`,
  ].filter((part): part is string => typeof part === "string");
  return parts.join(", ");
}

/**
 * The preview section: `heading` first (the check run uses `###`, the comment bold text). `rules` says which files
 * were compared; by default the base branch's `file` and the pull request's edit of it.
 */
export function previewLines(preview: Preview, heading: string, file: string, rules?: string): string[] {
  const here = preview.repo;
  const open = preview.pulls.filter((p) => p.state === "open");
  const merged = preview.pulls.filter((p) => p.state === "merged");
  const judged = `${count(preview.open, "open pull request")} and the ${count(preview.merged, "latest merged one")}`;
  const lines = [
    heading,
    rules === undefined
      ? `Each pull request judged by the base branch's \`${file}\` (now) and by this pull request's (proposed): ${judged}. This pull request's own check is not affected.`
      : `Each pull request judged by ${rules}: ${judged}.`,
  ];
  if (open.length > 0) lines.push("", `**Open pull requests** — ${summaryWords(open)}`, "", ...tableLines(open, here));
  if (merged.length > 0)
    lines.push("", `**Recently merged** — ${summaryWords(merged)}`, "", ...tableLines(merged, here));
  if (preview.pulls.length === 0) lines.push("", "There are no other open or merged pull requests to judge.");
  if (preview.criteria.length > 0) {
    lines.push("", `**New or changed items, on the last ${count(preview.merged, "merged pull request")}**`, "");
    lines.push(...preview.criteria.map(shareLine));
  }
  return lines;
}

const PLAIN_VERDICT: Record<Conclusion, string> = {
  success: "pass",
  failure: "FAIL",
  neutral: "advisory",
  pending: "pending",
};

/** `dod preview`'s table, for a terminal. */
export function previewText(preview: Preview): string {
  const here = preview.repo;
  const rows = preview.pulls.map((p) => {
    const what = [
      p.newlyMissing.length > 0 && `newly missing: ${p.newlyMissing.map((i) => i.id).join(", ")}`,
      p.newlyMet.length > 0 && `newly met: ${p.newlyMet.map((i) => i.id).join(", ")}`,
    ].filter(Boolean);
    const title = oneLine(p.title);
    return [
      p.state,
      pullName(p, here),
      title.length > 40 ? `${title.slice(0, 39)}…` : title,
      `${PLAIN_VERDICT[p.before]} → ${PLAIN_VERDICT[p.after]}`,
      what.length > 0 ? what.join("; ") : "no change",
    ];
  });
  const header = ["state", "pull request", "title", "now → proposed", "what changes"];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((text, c) => (c === cells.length - 1 ? text : text.padEnd(widths[c]!)))
      .join("  ")
      .trimEnd();
  const lines = [
    `Judged by the current and the proposed rules: ${count(preview.open, "open pull request")} and the ${count(preview.merged, "latest merged one")}.`,
    "",
  ];
  if (rows.length > 0) lines.push(line(header), ...rows.map(line));
  else lines.push("There are no open or merged pull requests to judge.");
  if (preview.criteria.length > 0) {
    lines.push("", `New or changed items, on the last ${count(preview.merged, "merged pull request")}:`);
    for (const share of preview.criteria) {
      const sign = share.kind === "added" ? "+" : "~";
      const how =
        share.applicable === 0
          ? `applies to none of ${share.recent}`
          : `met by ${share.met} of ${share.applicable} it applies to (${percent(share.met, share.applicable)}; applies to ${share.applicable} of ${share.recent})`;
      lines.push(`  ${sign} ${share.id} (${oneLine(share.title)}): ${how}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Terminal text on one line, with no control characters a title could smuggle in. */
const oneLine = (text: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ").trim();
