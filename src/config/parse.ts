// `done.yml` text → a validated DoneConfig or every problem in it, each located at line:column.
import { type Document, isCollection, LineCounter, parseDocument, visit } from "yaml";
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

  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const locate = makeLocator(doc, lines);
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { line: Math.max(1, line), column: Math.max(1, col) };
  };

  const syntax: ConfigProblem[] = yamlSyntaxProblems(doc, text).map(({ offset, message }) => ({
    file,
    ...at(offset),
    path: "",
    message,
  }));
  const keys = structureProblems(doc, file, at);
  // Duplicate keys leave a well-formed tree, so the schema can still report the rest; other errors do not.
  if (keys.length > 0 || doc.errors.some((e) => e.code !== "DUPLICATE_KEY")) return failed([...syntax, ...keys]);

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
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

/**
 * Valid YAML that cannot be a config: `? [a, b]: x` (a JS object would stringify the key) and `*name` without
 * an `&name` before it (yaml only notices when converting).
 */
function structureProblems(doc: Document, file: string, at: (offset: number) => { line: number; column: number }) {
  const problems: ConfigProblem[] = [];
  const anchors = new Set<string>();
  visit(doc, {
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
