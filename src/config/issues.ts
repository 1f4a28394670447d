// Turns zod's issues into problems a product manager can act on: located at the YAML node, in plain words.
import type { z } from "zod";
import type { ConfigProblem } from "../model/config-problems.js";
import { joinPath, type Locator, type PathSegment } from "./locate.js";
import { allowedKeys, describeExpected, describeValue, schemaAt } from "./schema-walk.js";
import { closest } from "./suggest.js";

type Issue = z.core.$ZodIssue;

/** Unknown keys reported by name in one mapping; the rest are counted. */
const MAX_UNKNOWN_KEYS = 20;

interface ProblemContext {
  root: z.core.$ZodType;
  raw: unknown;
  locate: Locator;
  file: string;
}

function valueAt(raw: unknown, path: readonly PathSegment[]): unknown {
  let current = raw;
  for (const seg of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[seg];
  }
  return current;
}

function quoteList(values: readonly unknown[]): string {
  return values.map(String).join(", ");
}

export function issuesToProblems(issues: readonly Issue[], ctx: ProblemContext): ConfigProblem[] {
  return issues.flatMap((issue) => issueToProblems(issue, [], ctx));
}

function issueToProblems(issue: Issue, prefix: readonly PathSegment[], ctx: ProblemContext): ConfigProblem[] {
  const path = [...prefix, ...(issue.path as PathSegment[])];
  const problem = (message: string, where = ctx.locate.value(path), at = path): ConfigProblem => ({
    file: ctx.file,
    line: where.line,
    column: where.column,
    path: joinPath(at),
    message,
  });
  const value = valueAt(ctx.raw, path);
  const schema = schemaAt(ctx.root, path);
  const key = path.at(-1);

  switch (issue.code) {
    case "unrecognized_keys": {
      // Each is located by a search through its mapping: thousands of them would cost seconds, and say nothing more.
      const more = issue.keys.length - MAX_UNKNOWN_KEYS;
      const rest = more > 0 ? [problem(`${more} more unknown keys here`, ctx.locate.value(path))] : [];
      return issue.keys
        .slice(0, MAX_UNKNOWN_KEYS)
        .map((name) => {
          const allowed = allowedKeys(ctx.root, path);
          const guess = closest(name, allowed);
          const message = guess
            ? `unknown key \`${name}\` — did you mean \`${guess}\`?`
            : `unknown key \`${name}\` — allowed here: ${quoteList(allowed)}`;
          return problem(message, ctx.locate.key([...path, name]), [...path, name]);
        })
        .concat(rest);
    }

    case "invalid_type": {
      if (value === undefined && typeof key === "string") {
        return [problem(`\`${key}\` is required`, ctx.locate.value(path.slice(0, -1)))];
      }
      const expected = schema ? describeExpected(schema) : issue.expected;
      if (path.length === 0) {
        return [
          problem(
            `expected a mapping of settings such as \`extends\`, \`owners\` and \`criteria\`, got ${describeValue(value)}`,
          ),
        ];
      }
      if (value === null) return [problem(`\`${String(key)}\` is empty: expected ${expected}`)];
      return [problem(`expected ${expected}, got ${describeValue(value)}`)];
    }

    case "invalid_value": {
      const allowed = issue.values.map(String);
      const written = describeValue(value);
      if (value === null && key !== undefined)
        return [
          problem(
            `\`${String(key)}\` is empty: expected ${allowed.length === 1 ? allowed[0] : `one of ${quoteList(allowed)}`}`,
          ),
        ];
      if (allowed.length === 1) return [problem(`expected ${allowed[0]}, got ${written}`)];
      const guess = typeof value === "string" ? closest(value, allowed) : undefined;
      const tail = guess ? `; got ${written} — did you mean \`${guess}\`?` : `; got ${written}`;
      return [problem(`expected one of ${quoteList(allowed)}${tail}`)];
    }

    case "too_small":
      if (issue.origin === "array") return [problem("list at least one item")];
      if (issue.origin === "string") return [problem("must not be empty")];
      return [problem(`must be at least ${String(issue.minimum)}`)];

    case "too_big":
      if (issue.origin === "array") return [problem(`list at most ${String(issue.maximum)} items`)];
      if (issue.origin === "string") return [problem(`must be at most ${String(issue.maximum)} characters`)];
      return [problem(`must be at most ${String(issue.maximum)}`)];

    case "invalid_format":
      return [problem(`${describeValue(value)} is not valid here: ${issue.message}`)];

    case "invalid_union": {
      // When the value has the right shape for exactly one option, its inner issues are the useful ones.
      const deeper = issue.errors.filter(
        (branch) => branch.length > 0 && branch.every((inner) => inner.path.length > 0),
      );
      if (deeper.length === 1) return deeper[0]!.flatMap((inner) => issueToProblems(inner, path, ctx));
      const expected = schema ? describeExpected(schema) : "something else";
      if (value === null) return [problem(`\`${String(key)}\` is empty: expected ${expected}`)];
      return [problem(`expected ${expected}, got ${describeValue(value)}`)];
    }

    case "invalid_element":
    case "invalid_key":
      return issue.issues.flatMap((inner) => issueToProblems(inner, path, ctx));

    default:
      return [problem(issue.message)];
  }
}
