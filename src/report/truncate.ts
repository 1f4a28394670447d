// GitHub rejects check-run summaries over 65,535 characters and comments over 65,536, so long reports are cut.
// Cutting is done at a line boundary that is outside any code fence or HTML comment (a half fence would turn the
// rest of the page into code, a half comment would hide it); `<details>` left open at the cut is closed again.

/** Cuts `text` to at most `limit` characters, ending with `noteFor(omittedLines)` when anything was cut. */
export function truncateMarkdown(
  text: string,
  limit: number,
  noteFor: (omittedLines: readonly string[]) => string,
): string {
  if (text.length <= limit) return text;
  const lines = text.split("\n");
  const cuts = cutPoints(lines);
  for (let i = cuts.length - 1; i >= 0; i--) {
    const cut = cuts[i]!;
    if (cut.length > limit) continue;
    const tail = [...Array<string>(cut.openDetails).fill("</details>"), "", noteFor(lines.slice(cut.line))].join("\n");
    const head = lines.slice(0, cut.line).join("\n");
    const out = head === "" ? tail.replace(/^\n+/, "") : `${head}\n${tail}`;
    if (out.length <= limit) return out;
  }
  return noteFor(lines).slice(0, limit);
}

interface Cut {
  /** Lines kept: `lines.slice(0, line)`. */
  line: number;
  /** Length of the kept lines joined by newlines. */
  length: number;
  openDetails: number;
}

function cutPoints(lines: string[]): Cut[] {
  const cuts: Cut[] = [];
  let length = -1;
  let fence: string | null = null;
  let inComment = false;
  let openDetails = 0;
  for (let i = 0; i < lines.length; i++) {
    if (fence === null && !inComment) cuts.push({ line: i, length: Math.max(length, 0), openDetails });
    const line = lines[i]!;
    length += line.length + 1;
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
export function omittedItemsNote(what: string, limit: number): (omittedLines: readonly string[]) => string {
  return (omitted) => {
    const items = omitted.filter((line) => /^[-*] /.test(line)).length;
    const count = items > 0 ? `${items} more item${items === 1 ? "" : "s"}` : `${omitted.length} more lines`;
    return `_… ${count} not shown (${what} is limited to ${limit.toLocaleString("en-US")} characters)._`;
  };
}
