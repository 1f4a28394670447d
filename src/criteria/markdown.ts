// Just enough Markdown for headings, sections and task lists, in one linear pass: issue bodies can be 60,000
// characters with hundreds of boxes. Boxes and commands inside HTML comments, fenced or indented code don't count.

export type LineKind = "text" | "code" | "blank";

const FENCE_OPEN = /^\s*(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^\s*(`{3,}|~{3,})\s*$/;
const LIST_ITEM = /^\s*(?:[-*+]|\d{1,9}[.)])(?:\s|$)/;

function indentOf(line: string): number {
  let columns = 0;
  for (const c of line) {
    if (c === " ") columns++;
    else if (c === "\t") columns += 4 - (columns % 4);
    else break;
  }
  return columns;
}

/** Calls `visit` for each line, with HTML comments cut out and code lines marked as code. */
export function scanLines(markdown: string, visit: (line: string, kind: LineKind) => void): void {
  let fence: { char: string; length: number } | null = null;
  let inComment = false;
  let inIndentedCode = false;
  let previousBlank = true;
  let inList = false;

  const stripComments = (line: string): string => {
    let out = "";
    let i = 0;
    while (i < line.length) {
      if (inComment) {
        const end = line.indexOf("-->", i);
        if (end < 0) return out;
        inComment = false;
        i = end + 3;
      } else {
        const start = line.indexOf("<!--", i);
        if (start < 0) return out + line.slice(i);
        out += line.slice(i, start);
        inComment = true;
        i = start + 4;
      }
    }
    return out;
  };

  for (const raw of markdown.split(/\r?\n/)) {
    if (fence) {
      const close = FENCE_CLOSE.exec(raw);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = null;
      visit(raw, "code");
      continue;
    }
    let line = raw;
    if (inComment || line.includes("<!--")) {
      line = stripComments(line);
      // A line that was only a comment is invisible: it neither separates nor continues anything.
      if (line.trim() === "") continue;
    }
    if (line.trim() === "") {
      previousBlank = true;
      visit("", "blank");
      continue;
    }
    const indent = indentOf(line);
    if (inIndentedCode && indent < 4) inIndentedCode = false;
    if (inIndentedCode || (indent >= 4 && previousBlank && !inList)) {
      inIndentedCode = true;
      previousBlank = false;
      visit(line, "code");
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (open && !(open[1]![0] === "`" && open[2]!.includes("`"))) {
      fence = { char: open[1]![0]!, length: open[1]!.length };
      previousBlank = false;
      visit(line, "code");
      continue;
    }
    if (LIST_ITEM.test(line)) inList = true;
    else if (previousBlank && indent < 2) inList = false;
    previousBlank = false;
    visit(line, "text");
  }
}

export type Block =
  | { kind: "heading"; level: number; text: string }
  | { kind: "task"; checked: boolean; text: string }
  | { kind: "text"; text: string }
  | { kind: "code"; text: string };

const ATX = /^ {0,3}(#{1,6})(?=[ \t]|$)(.*)$/;
const BOLD_LINE = /^ {0,3}(?:\*\*([^*]+)\*\*|__([^_]+)__)[ \t]*:?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const TASK = /^\s*(?:[-*+]|\d{1,9}[.)])[ \t]+\[([ xX])\](?:[ \t]+(.*))?$/;
/** A whole bold line (`**Acceptance criteria**`) acts as a heading below every real level. */
export const BOLD_HEADING_LEVEL = 7;

export function parseBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let lastTextIndex = -1;
  scanLines(markdown, (line, kind) => {
    const previousText = lastTextIndex;
    lastTextIndex = -1;
    if (kind === "blank") return;
    if (kind === "code") {
      blocks.push({ kind: "code", text: line });
      return;
    }
    const setext = SETEXT.exec(line);
    if (setext && previousText >= 0) {
      const text = (blocks[previousText] as { text: string }).text.trim();
      blocks[previousText] = { kind: "heading", level: setext[1]![0] === "=" ? 1 : 2, text };
      return;
    }
    const atx = ATX.exec(line);
    if (atx) {
      const text = atx[2]!.replace(/(?:^|[ \t]+)#+[ \t]*$/, "").trim();
      blocks.push({ kind: "heading", level: atx[1]!.length, text });
      return;
    }
    const bold = BOLD_LINE.exec(line);
    if (bold) {
      blocks.push({ kind: "heading", level: BOLD_HEADING_LEVEL, text: (bold[1] ?? bold[2]!).trim() });
      return;
    }
    const task = TASK.exec(line);
    if (task) {
      blocks.push({ kind: "task", checked: task[1] !== " ", text: (task[2] ?? "").trim() });
      return;
    }
    if (!LIST_ITEM.test(line) && !/^\s*>/.test(line)) lastTextIndex = blocks.length;
    blocks.push({ kind: "text", text: line });
  });
  return blocks;
}

/** Case, surrounding emphasis, a trailing colon and runs of spaces don't distinguish headings. */
export function normalizeHeading(text: string): string {
  return text
    .trim()
    .replace(/^(\*\*|__|\*|_)(.*)\1$/, "$2")
    .replace(/[ \t]*:$/, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** Case, a trailing full stop or similar and runs of spaces don't distinguish checkbox texts. */
export function normalizeItem(text: string): string {
  return text
    .trim()
    .replace(/[.!?:;,…]+$/, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
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
  return section.some((b) => b.kind !== "heading" && b.text.trim() !== "");
}
