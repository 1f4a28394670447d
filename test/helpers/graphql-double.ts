// GitHub's GraphQL API as the test double answers it: every query is executed (graphql-js) against the schema
// GitHub publishes (@octokit/graphql-schema), over a plain "world" object the test builds. The app receives
// exactly the fields it selected, in GitHub's shapes and scalars (an Int past 2^31 is an error, as on GitHub),
// and GitHub's errors: a repository, pull request, issue or organisation that does not resolve is `null` plus
// `{ type: "NOT_FOUND", path, message }`, next to the partial `data`.
//
// The world is read by a default resolver: a field's value is the world object's property named by the query's
// alias, else by the field's name; a function there is called with the field's arguments (a resolver), so
// worlds stay plain data and only fields whose answer depends on arguments need code.
import { schema as published } from "@octokit/graphql-schema";
import {
  buildSchema,
  execute,
  GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLTypeResolver,
  parse,
  validate,
} from "graphql";
import { NODE_LIMIT, nodeCount } from "./graphql-limits.js";

let built: GraphQLSchema | undefined;

/** GitHub's schema, built once per test process (~0.5 s). */
export function githubSchema(): GraphQLSchema {
  return (built ??= buildSchema(published.idl, { assumeValidSDL: true }));
}

/** A GraphQL error as GitHub formats it: `type` beside `message`, `path` and `locations`. */
export interface GitHubGraphQLError {
  type?: string;
  message: string;
  path?: readonly (string | number)[];
  locations?: readonly { line: number; column: number }[];
}

export interface GitHubGraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: GitHubGraphQLError[];
}

/** Thrown by a world's resolver to answer as GitHub does, e.g. `new GitHubError("NOT_FOUND", "Could not …")`. */
export class GitHubError extends GraphQLError {
  constructor(type: string, message: string) {
    super(message, { extensions: { type } });
  }
}

/** Fields GitHub answers with NOT_FOUND (and `null`) when what they name does not exist. */
const NOT_FOUND: Record<string, (args: Record<string, unknown>, parent: unknown) => string> = {
  repository: (a) => `Could not resolve to a Repository with the name '${a.owner}/${a.name}'.`,
  organization: (a) => `Could not resolve to an Organization with the login of '${a.login}'.`,
  user: (a) => `Could not resolve to a User with the login of '${a.login}'.`,
  pullRequest: (a) => `Could not resolve to a PullRequest with the number of ${a.number}.`,
  issue: (a) => `Could not resolve to an Issue with the number of ${a.number}.`,
};

const readWorld: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
  if (source === null || typeof source !== "object") return null;
  const world = source as Record<string, unknown>;
  const key = info.path.key as string;
  let value = key !== info.fieldName && key in world ? world[key] : world[info.fieldName];
  if (typeof value === "function") value = value.call(world, args, context, info);
  if (
    value == null &&
    info.fieldName in NOT_FOUND &&
    (info.parentType.name === "Query" || info.parentType.name === "Repository")
  ) {
    throw new GitHubError("NOT_FOUND", NOT_FOUND[info.fieldName]!(args, source));
  }
  return value;
};

// When the world does not say `__typename`, the concrete type is the first (most usual) possible type whose
// fields hold every key the world object has: a `target` with a `file` is a Commit, an `object` with `text` a Blob.
const USUAL = ["User", "Commit", "Blob", "Issue", "PullRequest", "CheckRun", "Organization"];
const resolveType: GraphQLTypeResolver<unknown, unknown> = (value, _context, info, abstractType) => {
  const typename = (value as { __typename?: unknown }).__typename;
  if (typeof typename === "string") return typename;
  const keys = Object.keys(value as object);
  const possible = [...info.schema.getPossibleTypes(abstractType)].sort(
    (a, b) => rank(a.name) - rank(b.name),
  ) as GraphQLObjectType[];
  const fits = possible.find((type) => keys.every((k) => k in type.getFields()));
  if (!fits)
    throw new Error(`the test's world gives ${abstractType.name} an object no type fits: {${keys.join(", ")}}`);
  return fits.name;
};
const rank = (name: string) => (USUAL.includes(name) ? USUAL.indexOf(name) : USUAL.length);

/**
 * Executes `query` against GitHub's schema over `world`. A query GitHub would reject is answered as GitHub
 * does — `errors` and no `data` — and reported through `onInvalid`, so the test fails on it.
 */
export function executeGitHub(
  query: string,
  variables: Record<string, unknown> | undefined,
  world: unknown,
  onInvalid?: (message: string) => void,
): GitHubGraphQLAnswer {
  const schema = githubSchema();
  let document;
  try {
    document = parse(query);
  } catch (error) {
    onInvalid?.(`GraphQL syntax error: ${(error as Error).message}`);
    return { errors: [{ message: (error as Error).message }] };
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) {
    onInvalid?.(`GraphQL query invalid against GitHub's schema: ${invalid.map((e) => e.message).join("; ")}`);
    return { errors: invalid.map((e) => ({ message: e.message, ...(e.locations && { locations: e.locations }) })) };
  }
  // GitHub refuses a query that could return more than 500,000 nodes before running it.
  const nodes = nodeCount(query, variables);
  if (nodes > NODE_LIMIT) {
    const message = `This query requests up to ${nodes.toLocaleString("en-US")} possible nodes which exceeds the maximum of ${NODE_LIMIT.toLocaleString("en-US")}.`;
    onInvalid?.(message);
    return { errors: [{ type: "MAX_NODE_LIMIT_EXCEEDED", message }] };
  }
  const result = execute({
    schema,
    document,
    rootValue: world,
    variableValues: variables ?? {},
    fieldResolver: readWorld,
    typeResolver: resolveType,
  });
  if (result instanceof Promise) throw new Error("the test's world must answer synchronously");
  const answer: GitHubGraphQLAnswer = { data: (result.data ?? null) as Record<string, unknown> | null };
  if (result.errors?.length) {
    answer.errors = result.errors.map((e) => {
      // A world object that names no type fits is a broken test, not an answer.
      if (e.originalError && !(e.originalError instanceof GraphQLError) && /world gives/.test(e.message))
        throw e.originalError;
      return {
        ...(typeof e.extensions?.type === "string" && { type: e.extensions.type }),
        message: e.message,
        ...(e.path && { path: e.path }),
        ...(e.locations && { locations: e.locations }),
      };
    });
  }
  // Plain JSON, as it crosses the wire (graphql-js builds objects with a null prototype).
  return JSON.parse(JSON.stringify(answer)) as GitHubGraphQLAnswer;
}

interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

const cursor = (index: number) => Buffer.from(`cursor:v2:${index}`).toString("base64");
const position = (text: string) => Number(Buffer.from(text, "base64").toString("utf8").split(":").pop());

/**
 * A connection over `items`, paged as GitHub pages: `first`/`after` or `last`/`before`, at most 100 a page,
 * opaque cursors; `totalCount` defaults to the number of items. `extra` adds fields beside `nodes`.
 */
export function connection<T>(items: readonly T[], extra: Record<string, unknown> = {}) {
  return (args: PageArgs, _context: unknown, info: { fieldName: string }) => {
    const { first, after, last, before } = args;
    if (first == null && last == null) {
      throw new GitHubError(
        "MISSING_PAGINATION_BOUNDARIES",
        `You must provide a \`first\` or \`last\` value to properly paginate the \`${info.fieldName}\` connection.`,
      );
    }
    for (const [name, value] of [
      ["first", first],
      ["last", last],
    ] as const) {
      if (value != null && (value < 0 || value > 100)) {
        throw new GitHubError(
          "EXCESSIVE_PAGINATION",
          `Requesting ${value} records on the \`${info.fieldName}\` connection exceeds the \`${name}\` limit of 100 records.`,
        );
      }
    }
    let start = after ? position(after) + 1 : 0;
    let end = before ? position(before) : items.length;
    if (first != null) end = Math.min(end, start + first);
    if (last != null) start = Math.max(start, end - last);
    const nodes = items.slice(start, end);
    return {
      totalCount: items.length,
      nodes,
      edges: nodes.map((node, i) => ({ node, cursor: cursor(start + i) })),
      pageInfo: {
        hasNextPage: end < items.length,
        hasPreviousPage: start > 0,
        startCursor: nodes.length ? cursor(start) : null,
        endCursor: nodes.length ? cursor(end - 1) : null,
      },
      ...extra,
    };
  };
}
