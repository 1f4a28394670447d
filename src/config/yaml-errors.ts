// YAML syntax errors in plain words. yaml's own messages are precise but written for programmers.
// One error code can stand for several mistakes (MISSING_CHAR is an unclosed quote, a misaligned key, a missing
// `,`…), so the message is chosen by yaml's own text, checked against yaml 2.9 (test/config/parse.test.ts).
import { visit, type Document, type YAMLError } from "yaml";

/** A syntax error as a problem: where it is (an offset into the text) and what to do about it. */
export interface YamlSyntaxProblem {
  offset: number;
  message: string;
}

const PLAIN: Partial<Record<YAMLError["code"], string>> = {
  TAB_AS_INDENT: "tabs are not allowed for indentation in YAML: indent with spaces",
  BAD_INDENT: "bad indentation",
  MULTIPLE_DOCS: "the file holds more than one YAML document (a second `---`): keep one",
  BAD_SCALAR_START: 'a value cannot start with this character unless it is quoted, e.g. "@org/team"',
  BLOCK_AS_IMPLICIT_KEY: "bad indentation: a nested mapping must start on its own line",
  MULTILINE_IMPLICIT_KEY: "a key must fit on one line (is a `:` or an indent missing?)",
};

const KEY = /^\s*("[^"]*"|'[^']*'|[^\s:#][^:#]*?)\s*:(?:\s|$)/;
const UNCLOSED_QUOTE = /^Missing closing (["'])quote/;
const UNCLOSED_FLOW = /^Flow (sequence|map) (?:in block collection )?must .*end with a ([\]}])/;

/** Every syntax error of `doc`, in plain words, located where the mistake is rather than where yaml gave up. */
export function yamlSyntaxProblems(doc: Document, text: string): YamlSyntaxProblem[] {
  const problems: YamlSyntaxProblem[] = [];
  // An unclosed quote runs to the end of the file and drags an "unclosed `[`" error there with it: one is enough.
  const quoteEnds = new Set(doc.errors.filter((e) => UNCLOSED_QUOTE.test(e.message)).map((e) => e.pos[0]));
  const nestedLines = new Set<number>();
  for (const error of doc.errors) {
    const offset = error.pos[0];
    if (UNCLOSED_FLOW.test(error.message) && quoteEnds.has(offset)) continue;
    const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
    if (error.code === "BLOCK_AS_IMPLICIT_KEY" && error.message.startsWith("Nested mappings")) {
      // `title: a: b: c` is one mistake, reported once.
      if (nestedLines.has(lineStart)) continue;
      nestedLines.add(lineStart);
    }
    problems.push(describe(error, doc, text, lineStart));
  }
  return problems;
}

function restOfLine(text: string, offset: number): string {
  return text.slice(offset).split(/\r?\n/, 1)[0]!;
}

function describe(error: YAMLError, doc: Document, text: string, lineStart: number): YamlSyntaxProblem {
  const offset = error.pos[0];
  const source = restOfLine(text, offset);
  const at = (message: string, where = offset): YamlSyntaxProblem => ({ offset: where, message });
  const original = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+.*$/, "");

  if (error.code === "DUPLICATE_KEY") {
    const key = KEY.exec(source)?.[1];
    return at(
      key
        ? `\`${key}\` appears twice in the same mapping: keep one`
        : "a key appears twice in the same mapping: keep one",
    );
  }

  const quote = UNCLOSED_QUOTE.exec(error.message)?.[1];
  if (quote) {
    // yaml points past the end of the value (often the end of the file); the opening quote is the place to fix.
    return at(
      `this \`${quote}\` is never closed: end the value with another \`${quote}\``,
      quoteStart(doc, offset) ?? offset,
    );
  }

  if (error.message.startsWith("Sequence item without - indicator")) {
    // A key of a list item indented less than the item's first key (but more than its `-`).
    const line = restOfLine(text, lineStart);
    const indent = /^ */.exec(line)![0].length;
    const key = KEY.exec(line)?.[1];
    const what = key ? `\`${key}\` is` : "this line is";
    return at(`${what} not aligned with the other keys of its list item: check the indentation`, lineStart + indent);
  }

  const flow = UNCLOSED_FLOW.exec(error.message);
  if (flow) {
    const [open, close] = flow[1] === "map" ? ["{", "}"] : ["[", "]"];
    return at(`a \`${open}\` is never closed: end it with \`${close}\` (or indent the lines that continue it)`);
  }

  if (error.code === "MISSING_CHAR") {
    if (/^Missing , (?:or : )?between/.test(error.message))
      return at("a `,` is missing between two items in `[…]` or `{…}`");
    if (error.message.startsWith("Missing space after :")) return at("a `:` needs a space after it");
    if (error.message.startsWith("Implicit map keys need to be followed by map values")) {
      return at(`\`${source.trim()}\` needs a \`:\` after it (a key is written \`key: value\`)`);
    }
    if (error.message.startsWith("Comments must be separated"))
      return at("a `#` comment needs a space before it; quote the value if the `#` is part of it");
    return at(`YAML syntax error: ${original}`);
  }

  if (error.code === "BLOCK_AS_IMPLICIT_KEY" && error.message.startsWith("Nested mappings")) {
    // `title: Tests: unit`: the `: ` inside the value starts a second mapping on the same line.
    const value = source.replace(/\s+#.*$/, "").trim();
    if (value.includes(": ")) {
      const example = quoted(value);
      return at(
        `a value containing \`: \` must be quoted${example ? `, e.g. \`${example}\`` : ""} (a nested mapping must start on its own line)`,
      );
    }
  }

  const plain = PLAIN[error.code];
  if (!plain) return at(`YAML syntax error: ${original}`);
  return at(error.code === "BAD_INDENT" ? `${plain}: ${original}` : plain);
}

/** The value in quotes, as it could be written; undefined when that would need escapes or is too long to show. */
function quoted(value: string): string | undefined {
  if (value.length > 60 || value.includes("\\")) return undefined;
  if (!value.includes('"')) return `"${value}"`;
  if (!value.includes("'")) return `'${value}'`;
  return undefined;
}

/** Where the quoted scalar that ends at `end` opens. */
function quoteStart(doc: Document, end: number): number | undefined {
  let start: number | undefined;
  visit(doc, {
    Scalar(_, node) {
      if ((node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE") && node.range?.[1] === end) {
        start = node.range[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return start;
}
