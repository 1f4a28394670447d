// Atlassian Document Format (Jira's rich text) to the Markdown that src/criteria/markdown.ts reads: headings,
// task lists (`taskItem` state DONE / TODO) and bold label lines keep their meaning; text that would read as
// Markdown structure is escaped, so a paragraph saying "- [ ] x" is no checkbox, as it is none in Jira.

export interface AdfNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: { type: string }[];
  content?: AdfNode[];
}

/** Deeper nesting than Jira's editor produces is cut off rather than recursed into. */
const MAX_DEPTH = 32;

export function adfToMarkdown(doc: unknown): string {
  if (!isNode(doc)) return "";
  const lines: string[] = [];
  block(doc, "", lines, 0);
  return lines.join("\n");
}

function isNode(value: unknown): value is AdfNode {
  return typeof value === "object" && value !== null && typeof (value as AdfNode).type === "string";
}

function children(node: AdfNode): AdfNode[] {
  return Array.isArray(node.content) ? node.content.filter(isNode) : [];
}

function block(node: AdfNode, indent: string, lines: string[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  switch (node.type) {
    case "heading": {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level) || 1));
      lines.push("", `${"#".repeat(level)} ${inline(node)}`, "");
      return;
    }
    case "paragraph": {
      for (const line of inline(node).split("\n")) lines.push(`${indent}${escapeLine(line)}`);
      lines.push("");
      return;
    }
    case "taskItem": {
      const done = node.attrs?.state === "DONE";
      lines.push(`${indent}- [${done ? "x" : " "}] ${oneLine(inline(node))}`);
      for (const child of children(node)) if (!isInline(child)) block(child, `${indent}  `, lines, depth + 1);
      return;
    }
    case "listItem": {
      const [first, ...rest] = children(node);
      lines.push(`${indent}- ${first?.type === "paragraph" ? escapeLine(oneLine(inline(first))) : ""}`);
      for (const child of first?.type === "paragraph" ? rest : children(node))
        block(child, `${indent}  `, lines, depth + 1);
      return;
    }
    case "taskList":
    case "bulletList":
    case "orderedList":
      // ADF nests a sub-list as a sibling of the items it belongs under.
      for (const child of children(node))
        block(child, child.type === node.type ? `${indent}  ` : indent, lines, depth + 1);
      lines.push("");
      return;
    case "codeBlock":
      lines.push(
        "~~~~",
        ...inline(node)
          .split("\n")
          .map((l) => `    ${l}`),
        "~~~~",
        "",
      );
      return;
    case "rule":
      lines.push("", "***", "");
      return;
    default:
      for (const child of children(node)) {
        if (isInline(child))
          lines.push(`${indent}${escapeLine(oneLine(inline({ type: "paragraph", content: [child] })))}`);
        else block(child, indent, lines, depth + 1);
      }
  }
}

const INLINE = new Set(["text", "hardBreak", "mention", "emoji", "inlineCard", "date", "status"]);
const isInline = (node: AdfNode) => INLINE.has(node.type);

/** The inline content of a node as one string: text with `strong` kept as `**…**`, hard breaks as newlines. */
function inline(node: AdfNode): string {
  let out = "";
  for (const child of children(node)) {
    switch (child.type) {
      case "text": {
        const text = child.text ?? "";
        out += child.marks?.some((m) => m.type === "strong") && text.trim() ? `**${text}**` : text;
        break;
      }
      case "hardBreak":
        out += "\n";
        break;
      case "mention":
      case "emoji":
      case "status":
        out += String(child.attrs?.text ?? child.attrs?.shortName ?? "");
        break;
      case "inlineCard":
        out += String(child.attrs?.url ?? "");
        break;
      case "date":
        out += child.attrs?.timestamp ? new Date(Number(child.attrs.timestamp)).toISOString().slice(0, 10) : "";
        break;
    }
  }
  return out;
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, " ").trim();

/** A leading character that Markdown would read as structure (heading, list, quote, fence, HTML) is escaped. */
function escapeLine(line: string): string {
  const text = line.trimStart();
  if (/^(?:[#>=+~`<|_-]|\*(?!\*[^*])|\d{1,9}[.)])/.test(text)) return `\\${text}`;
  return text;
}
