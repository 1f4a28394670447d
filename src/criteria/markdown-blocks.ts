// The block structure of Markdown, one line at a time and in one linear pass, as CommonMark and GitHub see it:
// list items (by their content indent), paragraphs and their lazy continuation lines, fenced and indented code,
// HTML comment blocks, headings and thematic breaks. Block quotes aren't containers here: their lines are text.

/**
 * - `item`: the first line of a list item; `text`: any other paragraph line (block quotes included);
 *   both with inline `<!-- … -->` comments cut out (not inside code spans);
 * - `heading`: an ATX heading; `setext`: an underline that makes the paragraph above it a heading;
 * - `code`: inside fenced or indented code; `fence`: a fence's opening or closing line;
 * - `html`: a line of an HTML block opened by `<!--` (what is visible of it, comments cut out);
 * - `break`: a thematic break; `blank`: an empty line.
 */
export type LineKind = "item" | "text" | "heading" | "setext" | "code" | "fence" | "html" | "break" | "blank";

const FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^(`{3,}|~{3,})[ \t]*$/;
const LIST_MARKER = /^(?:[-*+]|(\d{1,9})[.)])(?=[ \t]|$)/;
const ATX_START = /^#{1,6}(?:[ \t]|$)/;
const SETEXT_UNDERLINE = /^(?:=+|-+)[ \t]*$/;
const THEMATIC_BREAK = /^(?:\*{3,}|-{3,}|_{3,})$/;

/** Columns of leading whitespace (tabs to the next multiple of 4) and where the rest of the line starts. */
function leading(line: string, from = 0, column = 0): { columns: number; end: number } {
  let i = from;
  for (; i < line.length; i++) {
    if (line[i] === " ") column++;
    else if (line[i] === "\t") column += 4 - (column % 4);
    else break;
  }
  return { columns: column, end: i };
}

/** Cuts out complete `<!-- … -->` comments, leaving backtick code spans alone. Linear: a failed search isn't redone. */
export function stripInlineComments(line: string): string {
  return strip(line, false).text;
}

/**
 * `stripInlineComments`, for a line of a paragraph whose earlier line may have opened a comment (`inside`): GitHub
 * hides a comment opened mid-line through the paragraph's next lines, up to its `-->`. A comment never closed is
 * hides the paragraph's next lines here, where GitHub would show them as text: a command in them then doesn't
 * count, which is the safe way to be wrong.
 */
function strip(line: string, inside: boolean): { text: string; inside: boolean } {
  if (inside) {
    const end = line.indexOf("-->");
    if (end < 0) return { text: "", inside: true };
    line = line.slice(end + 3);
  }
  if (!line.includes("<!--")) return { text: line, inside: false };
  let out = "";
  let i = 0;
  const unclosedRuns = new Set<number>();
  while (i < line.length) {
    const c = line[i];
    if (c === "`") {
      let run = i;
      while (line[run] === "`") run++;
      const length = run - i;
      const close = unclosedRuns.has(length) ? -1 : closingRun(line, run, length);
      if (close < 0) unclosedRuns.add(length);
      const next = close < 0 ? run : close + length;
      out += line.slice(i, next);
      i = next;
    } else if (c === "<" && line.startsWith("<!--", i)) {
      const end = line.indexOf("-->", i + 2);
      // Shown as written on this line (checklist text keeps it); the paragraph's next lines are what it hides.
      if (end < 0) return { text: out + line.slice(i), inside: true };
      i = end + 3;
    } else {
      out += c;
      i++;
    }
  }
  return { text: out, inside: false };
}

/** Where a run of exactly `length` backticks starts at or after `from`, or -1. */
function closingRun(line: string, from: number, length: number): number {
  for (let i = line.indexOf("`", from); i >= 0; i = line.indexOf("`", i)) {
    let run = i;
    while (line[run] === "`") run++;
    if (run - i === length) return i;
    i = run;
  }
  return -1;
}

type Leaf =
  | { kind: "fence"; char: string; length: number; depth: number }
  | { kind: "comment" | "code"; depth: number };

/** Calls `visit` for each line with what it is (see `LineKind`); HTML comments and code never count as text. */
export function scanLines(markdown: string, visit: (line: string, kind: LineKind) => void): void {
  const items: number[] = []; // content indents of the open list items, innermost last
  let leaf: Leaf | null = null;
  // A paragraph open in the innermost open container, or in a block quote (an untracked container of its own).
  let paragraph: "plain" | "quoted" | null = null;
  let emptyItem = false; // the previous line opened a list item with nothing after its marker
  let commentOpen = false; // the open paragraph's last line opened an inline comment it did not close

  for (const line of markdown.split(/\r?\n/)) {
    const { columns: indent, end } = leading(line);
    const content = line.slice(end);
    const blank = content.trim() === "";
    let matched = 0; // open list items this line is indented enough to continue (blank lines continue them all)
    while (matched < items.length && (blank || items[matched]! <= indent)) matched++;
    const base = matched > 0 ? items[matched - 1]! : 0;
    const relative = indent - base;

    if (leaf && matched >= leaf.depth) {
      if (leaf.kind === "fence") {
        const close = FENCE_CLOSE.exec(content);
        if (relative < 4 && close && close[1]![0] === leaf.char && close[1]!.length >= leaf.length) {
          leaf = null;
          visit(line, "fence");
        } else visit(line, "code");
        continue;
      }
      if (leaf.kind === "comment") {
        const close = line.indexOf("-->");
        if (close >= 0) leaf = null;
        visit(close < 0 ? "" : stripInlineComments(line.slice(close + 3)), "html");
        continue;
      }
      if (blank || relative >= 4) {
        visit(line, blank ? "blank" : "code");
        continue;
      }
    }
    leaf = null; // a leaf block ends with its container, or (indented code) at a less indented line

    if (blank) {
      if (emptyItem) items.pop(); // an item may start with at most one blank line
      emptyItem = false;
      paragraph = null;
      commentOpen = false;
      visit("", "blank");
      continue;
    }
    emptyItem = false;

    // What the line would start; when nothing, an open paragraph takes it, even from a less indented (lazy) line.
    const continues = paragraph === "plain" && matched === items.length;
    const fence = relative < 4 ? FENCE_OPEN.exec(content) : null;
    const marker = relative < 4 ? LIST_MARKER.exec(content) : null;
    let start: LineKind | "comment" | "quote" | null = null;
    if (relative >= 4) start = paragraph ? null : "code";
    else if (continues && SETEXT_UNDERLINE.test(content)) start = "setext";
    else if (THEMATIC_BREAK.test(content.replace(/[ \t]/g, ""))) start = "break";
    else if (ATX_START.test(content)) start = "heading";
    else if (fence && !(fence[1]![0] === "`" && fence[2]!.includes("`"))) start = "fence";
    else if (content.startsWith("<!--")) start = "comment";
    else if (content.startsWith(">")) start = "quote";
    // A list item interrupts a paragraph only with some content and, when ordered, starting at 1.
    else if (marker && (!continues || (Number(marker[1] ?? 1) === 1 && content.slice(marker[0].length).trim() !== "")))
      start = "item";
    if (start === null && paragraph) {
      const { text, inside } = strip(line, commentOpen);
      commentOpen = inside;
      if (text.trim() !== "") visit(text, "text");
      continue;
    }

    items.length = matched;
    paragraph = null;
    commentOpen = false;
    switch (start) {
      case "code":
        leaf = { kind: "code", depth: matched };
        visit(line, "code");
        break;
      case "fence":
        leaf = { kind: "fence", char: fence![1]![0]!, length: fence![1]!.length, depth: matched };
        visit(line, "fence");
        break;
      case "comment": {
        const close = line.indexOf("-->", line.indexOf("<!--") + 2);
        if (close < 0) leaf = { kind: "comment", depth: matched };
        visit(close < 0 ? "" : stripInlineComments(line.slice(close + 3)), "html");
        break;
      }
      case "item": {
        const after = leading(line, end + marker![0].length, indent + marker![0].length);
        const rest = after.columns - indent - marker![0].length;
        const empty = after.end === line.length;
        items.push(indent + marker![0].length + (empty || rest > 4 ? 1 : rest));
        if (rest > 4 && !empty) leaf = { kind: "code", depth: items.length };
        else paragraph = empty ? null : "plain";
        emptyItem = empty;
        const { text, inside } = strip(line, false);
        commentOpen = inside && paragraph !== null;
        visit(text, "item");
        break;
      }
      case "setext":
      case "break":
        visit(line, start);
        break;
      case "heading":
        visit(stripInlineComments(line), "heading");
        break;
      default: {
        // a new paragraph, or a block-quote line
        paragraph = start === "quote" ? "quoted" : "plain";
        const { text, inside } = strip(line, false);
        commentOpen = inside;
        visit(text, "text");
      }
    }
  }
}
