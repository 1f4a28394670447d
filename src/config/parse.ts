// `done.yml` text → a validated DoneConfig or every problem in it, each located at line:column.
import { type Document, isCollection, isScalar, LineCounter, parseDocument, visit, YAMLParseError } from "yaml";
import type { ConfigProblem } from "../model/config-problems.js";
import { issuesToProblems } from "./issues.js";
import { exceedsNodes, LIMITS } from "./limits.js";
import { type Locator, makeLocator, START } from "./locate.js";
import { DoneConfig } from "./schema.js";
import { validateConfig } from "./validate.js";
import { yamlSyntaxProblems } from "./yaml-errors.js";

export type ParseResult = { ok: true; config: DoneConfig } | { ok: false; problems: ConfigProblem[] };

/** A parsed file with what resolve.ts needs beyond the config: which keys were written, and where. */
export interface ParsedFile {
  file: string;
  config: DoneConfig;
  /** The document as written, before defaults: tells "`mode` given" from "`mode` defaulted". */
  raw: Record<string, unknown>;
  locate: Locator;
}

export type ParseFileResult = { ok: true; parsed: ParsedFile } | { ok: false; problems: ConfigProblem[] };

export function parseConfig(text: string, file: string): ParseResult {
  const result = parseConfigFile(text, file);
  return result.ok ? { ok: true, config: result.parsed.config } : result;
}

export function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column || a.path.localeCompare(b.path));
}

export function parseConfigFile(text: string, file: string): ParseFileResult {
  try {
    return parseUnsafe(String(text ?? ""), file);
  } catch (error) {
    // The parser and the schema are total in practice; this keeps a pathological input from taking the app down.
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { ok: false, problems: [{ file, ...START, path: "", message: `could not read the file: ${reason}` }] };
  }
}

function parseUnsafe(text: string, file: string): ParseFileResult {
  const failed = (found: ConfigProblem[]): ParseFileResult => ({ ok: false, problems: sortProblems(found) });
  const empty = (): ParseFileResult =>
    failed([
      { file, ...START, path: "", message: "the file is empty: add `extends: recommended` or your own `criteria`" },
    ]);
  if (text.trim() === "") return empty();
  const bytes = Buffer.byteLength(text);
  if (bytes > LIMITS.bytes) {
    const size = (n: number) => `${Math.ceil(n / 1024)} KB`;
    return failed([
      {
        file,
        ...START,
        path: "",
        message: `the file is ${size(bytes)}: a definition of done may be at most ${size(LIMITS.bytes)}`,
      },
    ]);
  }
  // Parsing costs more per value and per line than per byte: both are counted before parsing.
  const { marks, lines: lineCount } = countMarks(text);
  if (marks > LIMITS.marks) {
    const message = `the file has ${marks} of \`, : - ? [ { ! &\`: a definition of done may have at most ${LIMITS.marks}`;
    return failed([{ file, ...START, path: "", message }]);
  }
  if (lineCount > LIMITS.lines) {
    const message = `the file has ${lineCount} lines: a definition of done may have at most ${LIMITS.lines}`;
    return failed([{ file, ...START, path: "", message }]);
  }

  const lines = new LineCounter();
  // yaml's own duplicate-key check compares each key with every earlier one of its mapping: 300 ms for one
  // mapping of 6,000 keys in 64 KB. The same check with a set per mapping is linear.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  const locate = makeLocator(doc, lines);
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { line: Math.max(1, line), column: Math.max(1, col) };
  };

  // First: it adds the duplicate keys to the document's errors, which the syntax problems describe.
  const keys = structureProblems(doc, file, at);
  const syntax: ConfigProblem[] = yamlSyntaxProblems(doc, text).map(({ offset, message }) => ({
    file,
    ...at(offset),
    path: "",
    message,
  }));
  // Duplicate keys leave a well-formed tree, so the schema can still report the rest; other errors do not.
  if (keys.length > 0 || doc.errors.some((e) => e.code !== "DUPLICATE_KEY")) return failed([...syntax, ...keys]);

  let raw: unknown;
  try {
    // yaml's own alias-bomb check walks the whole document for every alias it counts (a 51 KB file: 360 ms).
    // Not needed: an alias converts to the very object of its anchor, so the conversion stays linear, and
    // exceedsNodes below counts the expanded values, stopping at the limit.
    raw = doc.toJS({ maxAliasCount: -1 });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return failed([...syntax, { file, ...START, path: "", message: `YAML error: ${reason}` }]);
  }
  if (raw === null || raw === undefined) return syntax.length > 0 ? failed(syntax) : empty();
  // Checked before the schema and the globs see the document: their cost grows with its expanded size.
  if (exceedsNodes(raw)) {
    const message = `the file holds more than ${LIMITS.nodes} values once its aliases (\`*name\`) are expanded: write it out with fewer repetitions`;
    return failed([...syntax, { file, ...START, path: "", message }]);
  }
  const criteria = (raw as { criteria?: unknown }).criteria;
  if (Array.isArray(criteria) && criteria.length > LIMITS.criteria) {
    const message = `${criteria.length} criteria: a definition of done may have at most ${LIMITS.criteria}`;
    return failed([...syntax, { file, ...locate.value(["criteria"]), path: "criteria", message }]);
  }

  const checked = DoneConfig.safeParse(raw);
  const rules = validateConfig(raw, locate, file);
  // An unknown `extends` gets the rules' own message (with its did-you-mean), not the schema's as well.
  const ruled = new Set(rules.filter((p) => p.path === "extends").map((p) => p.path));
  const problems = [
    ...syntax,
    ...(checked.success
      ? []
      : issuesToProblems(checked.error.issues, { root: DoneConfig, raw, locate, file }).filter(
          (p) => !ruled.has(p.path),
        )),
    ...rules,
  ];
  if (problems.length > 0 || !checked.success) return failed(problems);
  return { ok: true, parsed: { file, config: checked.data, raw: raw as Record<string, unknown>, locate } };
}

function countMarks(text: string): { marks: number; lines: number } {
  let marks = 0;
  let lines = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // , : - ? [ { ! &  (not `*`, which globs are full of: an alias always follows one of these too)
    if (c === 44 || c === 58 || c === 45 || c === 63 || c === 91 || c === 123 || c === 33 || c === 38) marks++;
    else if (c === 10) lines++;
  }
  return { marks, lines };
}

/**
 * Valid YAML that cannot be a config: `? [a, b]: x` (a JS object would stringify the key) and `*name` without
 * an `&name` before it (yaml only notices when converting). Also adds yaml's DUPLICATE_KEY errors to the document
 * (what `uniqueKeys: true` reports): a scalar key equal to an earlier one of its mapping.
 */
function structureProblems(doc: Document, file: string, at: (offset: number) => { line: number; column: number }) {
  const problems: ConfigProblem[] = [];
  const anchors = new Set<string>();
  let aliases = 0;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        const value = isScalar(key) ? key.value : key;
        if (!seen.has(value)) seen.add(value);
        else if (isScalar(key) && key.range)
          doc.errors.push(
            new YAMLParseError([key.range[0], key.range[0] + 1], "DUPLICATE_KEY", "Map keys must be unique"),
          );
      }
    },
    Pair(_, pair) {
      if (isCollection(pair.key) && pair.key.range) {
        problems.push({
          file,
          ...at(pair.key.range[0]),
          path: "",
          message: "a key must be plain text, not a list or mapping",
        });
      }
    },
    // Anchors are collected on the way, in document order: `alias.resolve` would walk the document for each alias.
    Node(_, node) {
      if (node.anchor) anchors.add(node.anchor);
    },
    Alias(_, alias) {
      // Converting resolves each alias by walking the whole document (yaml 2.9): a 64 KB chain of
      // `a1: &a1 [*a0]` took 8 s. A config needs a handful.
      if (++aliases === LIMITS.aliases + 1) {
        problems.push({
          file,
          ...(alias.range ? at(alias.range[0]) : START),
          path: "",
          message: `more than ${LIMITS.aliases} aliases (\`*name\`) in the file: write it out with fewer repetitions`,
        });
      }
      if (!anchors.has(alias.source) && alias.range) {
        const name = alias.source;
        problems.push({
          file,
          ...at(alias.range[0]),
          path: "",
          message: `\`*${name}\` refers to \`&${name}\`, which is not defined before it`,
        });
      }
    },
  });
  return problems;
}
