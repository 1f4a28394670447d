// Just enough Markdown for headings, sections and task lists, in one linear pass: issue bodies can be 60,000
// characters with hundreds of boxes. Boxes and commands inside HTML comments, fenced or indented code don't count.
// No regular expression here may backtrack over user text: trailing runs are trimmed with loops.
import { scanLines } from "./markdown-blocks.js";

export { scanLines, type LineKind } from "./markdown-blocks.js";

export type Block =
  | { kind: "heading"; level: number; text: string }
  | { kind: "task"; checked: boolean; text: string }
  | { kind: "text"; text: string }
  | { kind: "code"; text: string };

const BOLD_LINE = /^ {0,3}(?:\*\*([^*]+)\*\*|__([^_]+)__)[ \t]*(?::[ \t]*)?$/;
// Five or more spaces after the marker make the item's content indented code.
const TASK = /^\s*(?:[-*+]|\d{1,9}[.)])(?: {1,4}| {0,3}\t)\[([ xX])\](?:[ \t]+(.*))?$/;
/** A whole bold line (`**Acceptance criteria**`) acts as a heading below every real level. */
export const BOLD_HEADING_LEVEL = 7;

export function parseBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let lastTextIndex = -1; // the paragraph line a setext underline would turn into a heading
  scanLines(markdown, (line, kind) => {
    const previousText = lastTextIndex;
    lastTextIndex = -1;
    switch (kind) {
      case "blank":
      case "fence":
      case "break":
        return;
      case "code":
        blocks.push({ kind: "code", text: line });
        return;
      case "html":
        if (line.trim() !== "") blocks.push({ kind: "text", text: line });
        return;
      case "setext":
        if (previousText >= 0) {
          const text = (blocks[previousText] as { text: string }).text.trim();
          blocks[previousText] = { kind: "heading", level: line.trim()[0] === "=" ? 1 : 2, text };
        }
        return;
      case "heading":
        blocks.push(atxHeading(line));
        return;
    }
    const bold = BOLD_LINE.exec(line);
    if (bold) {
      if (kind === "text") lastTextIndex = blocks.length;
      blocks.push({ kind: "heading", level: BOLD_HEADING_LEVEL, text: (bold[1] ?? bold[2]!).trim() });
      return;
    }
    const task = kind === "item" ? TASK.exec(line) : null;
    if (task) {
      blocks.push({ kind: "task", checked: task[1] !== " ", text: (task[2] ?? "").trim() });
      return;
    }
    if (kind === "text" && !/^\s*>/.test(line)) lastTextIndex = blocks.length;
    blocks.push({ kind: "text", text: line });
  });
  return blocks;
}

/** `## Title ##`: the level, and the text without an optional closing run of `#` after a space. */
function atxHeading(line: string): Block {
  const text = line.trim();
  let level = 0;
  while (text[level] === "#") level++;
  let body = text.slice(level).trimEnd();
  let end = body.length;
  while (end > 0 && body[end - 1] === "#") end--;
  if (end === 0 || body[end - 1] === " " || body[end - 1] === "\t") body = body.slice(0, end);
  return { kind: "heading", level, text: body.trim() };
}

/** `text` without a trailing run of any of `chars`, by a loop (a `[…]+$` regex is quadratic on long runs). */
export function trimTrailing(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}

/** Case, surrounding emphasis, a trailing colon and runs of spaces don't distinguish headings. */
export function normalizeHeading(text: string): string {
  let heading = text.trim().replace(/^(\*\*|__|\*|_)(.*)\1$/, "$2");
  if (heading.endsWith(":")) heading = heading.slice(0, -1);
  return heading.replace(/\s+/g, " ").trim().toLowerCase();
}

/** Case, a trailing full stop or similar and runs of spaces don't distinguish checkbox texts. */
export function normalizeItem(text: string): string {
  return trimTrailing(text.trim(), ".!?:;,…").replace(/\s+/g, " ").trim().toLowerCase();
}

/** Every section under a heading called `heading`, each up to the next heading of the same or a higher level. */
export function findSections(blocks: Block[], heading: string): Block[][] {
  const wanted = normalizeHeading(heading);
  const sections: Block[][] = [];
  let current: Block[] | null = null;
  let level = 0;
  for (const block of blocks) {
    if (block.kind === "heading") {
      if (current && block.level <= level) current = null;
      if (!current && normalizeHeading(block.text) === wanted) {
        current = [];
        sections.push(current);
        level = block.level;
        continue;
      }
    }
    current?.push(block);
  }
  return sections;
}

export type Task = Extract<Block, { kind: "task" }>;

export function tasksIn(blocks: Block[]): Task[] {
  return blocks.filter((b): b is Task => b.kind === "task");
}

/** A section has content when something other than sub-headings, comments and whitespace is left. */
export function hasContent(section: Block[]): boolean {
  return section.some((b) => b.kind !== "heading" && b.text.trim() !== "" && !isPlaceholder(b.text));
}

/**
 * What templates and issue forms leave in a section nobody filled in: `TBD`, `N/A`, `_No response_`, a dash. Each
 * is not evidence of anything. Emphasis, list markers and trailing punctuation around them don't matter.
 */
export function isPlaceholder(text: string): boolean {
  const bare = trimTrailing(text.trim(), ".!?:;,…")
    .replace(/^(?:[-*+>]\s+)+/, "")
    .replace(/^[*_]+|[*_]+$/g, "");
  return PLACEHOLDERS.has(bare.replace(/\s+/g, " ").trim().toLowerCase());
}

const PLACEHOLDERS = new Set([
  "",
  "-",
  "--",
  "—",
  "tbd",
  "tba",
  "todo",
  "to do",
  "n/a",
  "na",
  "n.a",
  "none yet",
  "no response",
  "...",
  "placeholder",
]);
