// Reads dod's Markdown back the way GitHub renders it (CommonMark + GFM: tables, strikethrough, autolinks, raw
// HTML allowed) and lists everything in it that is not plain text: emphasis, HTML, links and mentions. Tests
// compare that list with what dod meant to write, so that user text turning into any of them fails.
import MarkdownIt from "markdown-it";

type Token = ReturnType<InstanceType<typeof MarkdownIt>["parse"]>[number];

const md = new MarkdownIt({ html: true, linkify: true }).enable(["table", "strikethrough"]);

export interface Rendered {
  /** The text a reader sees, code spans included, one string. */
  text: string;
  /** `strong: Unit tests`, `em: …`, `s: …`: the text inside each emphasis. */
  emphasis: string[];
  /** Raw HTML, each tag or comment as written. */
  html: string[];
  /** Each link's href; autolinks (whose text is the address itself, so a reader sees where it goes) apart. */
  links: string[];
  autolinks: string[];
  /** `@login` or `@org/team` in text outside code spans and links: what GitHub would notify. */
  mentions: string[];
  /** The contents of each code span. */
  code: string[];
}

export function readMarkdown(markdown: string): Rendered {
  const out: Rendered = { text: "", emphasis: [], html: [], links: [], autolinks: [], mentions: [], code: [] };
  const walk = (tokens: Token[]) => {
    const open: { tag: string; text: string }[] = [];
    let inLink = 0;
    for (const token of tokens) {
      if (token.type === "html_block" || token.type === "html_inline") out.html.push(token.content.trim());
      if (token.children) walk(token.children);
      if (/^(strong|em|s)_open$/.test(token.type)) open.push({ tag: token.type.replace("_open", ""), text: "" });
      if (/^(strong|em|s)_close$/.test(token.type)) {
        const done = open.pop()!;
        out.emphasis.push(`${done.tag}: ${done.text}`);
        if (open.length) open.at(-1)!.text += done.text;
      }
      if (token.type === "link_open") {
        inLink++;
        (token.markup === "linkify" ? out.autolinks : out.links).push(String(token.attrGet("href") ?? ""));
      }
      if (token.type === "link_close") inLink--;
      const text = token.type === "text" || token.type === "code_inline" ? token.content : "";
      if (token.type === "code_inline") out.code.push(token.content);
      if (token.type === "text" && inLink === 0) {
        for (const m of token.content.matchAll(/(?<![\w`])@[A-Za-z0-9][\w-]*(?:\/[\w-]+)?/g)) out.mentions.push(m[0]);
      }
      if (text) {
        out.text += text;
        if (open.length) open.at(-1)!.text += text;
      }
      if (token.type === "softbreak" || token.type === "hardbreak" || (token.block && token.type.endsWith("_close")))
        out.text += " ";
    }
  };
  walk(md.parse(markdown, {}));
  out.text = out.text.replace(/\s+/g, " ");
  return out;
}

/** Tags and comments dod writes itself: the folded not-applicable list, the small print and its markers. */
export const DOD_HTML = /^(<\/?(sub|details|summary)>|<details><summary>.*|<!-- dod:[\s\S]*-->)$/;
