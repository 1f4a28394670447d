// GitHub rejects check-run summaries over 65,535 bytes (UTF-8: a Japanese character is 3, an emoji 4) and
// comments over 65,536 characters, so long reports are cut, each measured in its own unit.
// Cutting is done at a line boundary that is outside any code fence or HTML comment (a half fence would turn the
// rest of the page into code, a half comment would hide it); `<details>` left open at the cut is closed again.

/** How GitHub measures a text against a limit. */
export type Measure = (text: string) => number;
export const characters: Measure = (text) => text.length;
export const utf8Bytes: Measure = (text) => Buffer.byteLength(text, "utf8");

/** Cuts `text` to at most `limit` (as `measure` counts), ending with `noteFor(omittedLines)` when anything was cut. */
export function truncateMarkdown(
  text: string,
  limit: number,
  noteFor: (omittedLines: readonly string[]) => string,
  measure: Measure = characters,
): string {
  if (measure(text) <= limit) return text;
  const lines = text.split("\n");
  const cuts = cutPoints(lines, measure);
  for (let i = cuts.length - 1; i >= 0; i--) {
    const cut = cuts[i]!;
    if (cut.length > limit) continue;
    const tail = [...Array<string>(cut.openDetails).fill("</details>"), "", noteFor(lines.slice(cut.line))].join("\n");
    const head = lines.slice(0, cut.line).join("\n");
    const out = head === "" ? tail.replace(/^\n+/, "") : `${head}\n${tail}`;
    if (measure(out) <= limit) return out;
  }
  // By code points, so no surrogate pair is split.
  const note = [...noteFor(lines)];
  while (measure(note.join("")) > limit) note.length = Math.max(0, note.length - Math.max(1, note.length >> 4));
  return note.join("");
}

interface Cut {
  /** Lines kept: `lines.slice(0, line)`. */
  line: number;
  /** Length of the kept lines joined by newlines. */
  length: number;
  openDetails: number;
}

function cutPoints(lines: string[], measure: Measure): Cut[] {
  const cuts: Cut[] = [];
  let length = -1;
  let fence: string | null = null;
  let inComment = false;
  let openDetails = 0;
  for (let i = 0; i < lines.length; i++) {
    if (fence === null && !inComment) cuts.push({ line: i, length: Math.max(length, 0), openDetails });
    const line = lines[i]!;
    length += measure(line) + 1;
    if (fence !== null) {
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, "") === "") fence = null;
      continue;
    }
    if (inComment) {
      inComment = !line.includes("-->");
      continue;
    }
    const opened = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (opened) {
      fence = opened[1]!;
      continue;
    }
    const start = line.lastIndexOf("<!--");
    if (start >= 0 && !line.slice(start + 4).includes("-->")) inComment = true;
    openDetails += count(line, /<details\b/gi) - count(line, /<\/details>/gi);
    openDetails = Math.max(openDetails, 0);
  }
  return cuts;
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/** The usual note: how many (top-level) list items were left out, and why. */
export function omittedItemsNote(
  what: string,
  limit: number,
  unit = "characters",
): (omittedLines: readonly string[]) => string {
  return (omitted) => {
    const items = omitted.filter((line) => /^[-*] /.test(line)).length;
    const rest = items > 0 ? `${items} more item${items === 1 ? "" : "s"}` : `${omitted.length} more lines`;
    return `_… ${rest} not shown (${what} is limited to ${limit.toLocaleString("en-US")} ${unit})._`;
  };
}
