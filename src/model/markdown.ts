// Reasons in a report are GitHub Markdown written by dod: its own words, with every path, glob, label or name in a
// code span and every other piece of user-written text escaped. These helpers are the only way such text gets in,
// so that nothing a user typed turns into emphasis, HTML, a link or a mention on GitHub.

/** Longer than this, a piece of user text is cut: one label or path must not crowd out the reason around it. */
const PIECE_MAX = 200;

/** A code span holding `text` as written: the fence is one backtick longer than any run inside (CommonMark). */
export function code(text: string, max = PIECE_MAX): string {
  const flat = capped(text.replace(/[\r\n]+/g, " "), max);
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") || /^ .* $/.test(flat) ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Code spans joined in plain words: `a`, `b` or `c`. */
export function codeList(items: readonly string[], last: "or" | "and" = "or", max = 6): string {
  const spans = items.slice(0, max).map((item) => code(item));
  if (items.length > max) spans.push(`${items.length - max} more`);
  if (spans.length <= 1) return spans.join("");
  return `${spans.slice(0, -1).join(", ")} ${last} ${spans.at(-1)}`;
}

/**
 * Plain user text as literal Markdown: CommonMark's backslash escapes for every character that could start
 * emphasis, a link, a code span, HTML, an entity or a table cell, and a zero-width space after `@` so that
 * `@someone` is not a mention (GitHub finds mentions in the rendered text, where escapes are gone).
 */
export function escapeText(text: string, max = PIECE_MAX * 2): string {
  return capped(text.replace(/[\r\n]+/g, " "), max)
    .replace(/[\\`*_~[\]<>&|]/g, "\\$&")
    .replace(/@(?=[\w-])/g, "@\u200b");
}

/**
 * User-written one-liners that may hold code spans on purpose (titles, hints, checklist lines, waiver reasons):
 * balanced code spans stay as they are, everything else is escaped.
 */
export function escapeInline(text: string, max = 500): string {
  const flat = capped(
    text
      .replace(/[\r\n]+/g, " ")
      .replace(/\s+/g, " ")
      .trim(),
    max,
  );
  // A code span opens and closes with backtick runs of the same length; only its text stays raw.
  return flat
    .split(/((?<!`)(`+)(?!`)[^`]*?\2(?!`))/)
    .map((part, i) => (i % 3 === 0 ? escapeText(part, Infinity) : i % 3 === 1 ? part : ""))
    .join("");
}

/** Markdown written with these helpers, back to the words a terminal shows. */
export function toPlain(markdown: string): string {
  return markdown.replace(/\\([\\`*_~[\]<>&|])/g, "$1").replace(/\u200b/g, "");
}

function capped(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
