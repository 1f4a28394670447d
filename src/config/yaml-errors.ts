// YAML syntax errors in plain words. yaml's own messages are precise but written for programmers.
import type { YAMLError } from "yaml";

const PLAIN: Partial<Record<YAMLError["code"], string>> = {
  TAB_AS_INDENT: "tabs are not allowed for indentation in YAML: indent with spaces",
  BAD_INDENT: "bad indentation",
  MULTIPLE_DOCS: "the file holds more than one YAML document (a second `---`): keep one",
  MISSING_CHAR: "a closing quote or bracket is missing",
  BAD_SCALAR_START: "a value cannot start with this character unless it is quoted, e.g. \"@org/team\"",
  BLOCK_AS_IMPLICIT_KEY: "bad indentation: a nested mapping must start on its own line",
  MULTILINE_IMPLICIT_KEY: "a key must fit on one line (is a `:` or an indent missing?)",
};

/** A one-line message for a YAML syntax error; `source` is the rest of the line it points at. */
export function yamlErrorMessage(error: YAMLError, source: string): string {
  const original = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+.*$/, "");
  if (error.code === "DUPLICATE_KEY") {
    const key = /^\s*("[^"]*"|'[^']*'|[^:#]+?)\s*:/.exec(source)?.[1];
    return key ? `\`${key}\` appears twice in the same mapping: keep one` : "a key appears twice in the same mapping: keep one";
  }
  const plain = PLAIN[error.code];
  if (!plain) return `YAML syntax error: ${original}`;
  return error.code === "BAD_INDENT" ? `${plain}: ${original}` : plain;
}
