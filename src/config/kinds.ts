// The one registry of the kinds of evidence (`require`) and of conditions (`when`), as the config sees them: each
// kind's schema and field doc, the checks the schema can't express, how the config diff words a change of it, and
// what only a pull request can show. The schema, the JSON Schema, validation, the diff and `dod check --local` are
// all derived from these two objects; criteria/kinds.ts adds how each kind is judged, and the compiler checks that
// it judges every kind listed here. Adding a kind touches this file and that one.
import { z } from "zod";
import { LIMITS } from "./limits.js";

export const globs = z
  .array(z.string().min(1))
  .min(1)
  .describe("Glob patterns (minimatch, dot files included). A pattern starting with `!` excludes matches.");

export const principal = z.string().min(1).describe("A GitHub login (`alice`) or a team (`@org/team-slug`).");

const names = z.array(z.string().min(1)).min(1);

/** What a kind's own rules report through, at paths below the kind's key. */
export interface KindCheck {
  at(path: (string | number)[], message: string): void;
  /** The usual checks of a list of path globs (they can match, and the file's globs stay within its limits). */
  globs(value: unknown, path?: (string | number)[]): void;
}

interface Kind<S extends z.ZodType> {
  schema: S;
  /** The field's doc: the JSON Schema's description, shown by editors. */
  doc: string;
  /** A criterion's `when:` or `require:` using it, for docs/config.md (and checked to be valid). */
  example: string;
  /** Rules the schema can't express, run on the value as written (which may have any shape). */
  validate?: (value: unknown, check: KindCheck) => void;
  /** Logins and `@org/team`s the value names: the members of the teams are gathered before evaluating. */
  principals?: (value: z.infer<S>) => string[];
}

export interface EvidenceKind<S extends z.ZodType = z.ZodType> extends Kind<S> {
  /** What the config diff calls it: "it no longer requires {name}". */
  name: string;
  /**
   * How the diff words a change of its value: `globs`, more patterns accept more files; `names`, more names accept
   * more; otherwise "`require.<kind>` changed".
   */
  accepts?: "globs" | "names";
  /** What only a pull request can show, e.g. "a linked issue": `dod check --local` shows the item as "needs the PR". */
  needsPullRequest?: string;
  /** It reads the added lines of the diff, which are gathered only when an applicable criterion does. */
  readsDiff?: boolean;
}

/** How the config diff words a change of a condition (its strategies live in diff.ts). */
export type ConditionWords =
  /** Patterns a value must match: `files`, `base`. */
  | { compare: "globs"; subject: string; what: string; limits: string }
  /** Applies when any of the names fits: `labels`, `authors`. */
  | { compare: "any-of"; phrase: string; unlimited: string }
  /** Skips when any of the names fits: `labels_absent`, `authors_not`. */
  | { compare: "none-of"; phrase: string }
  | { compare: "draft" };

export interface ConditionKind<S extends z.ZodType = z.ZodType> extends Kind<S> {
  words: ConditionWords;
  /** What only a pull request can show: `--local` can't tell whether the item applies. */
  needsPullRequest?: string;
}

const evidence = <S extends z.ZodType>(kind: EvidenceKind<S>) => kind;
const condition = <S extends z.ZodType>(kind: ConditionKind<S>) => kind;

/** Each pattern that can never match a path (or costs too much): validate.ts counts the file's globs as a whole. */
const validGlobs = (value: unknown, check: KindCheck) => check.globs(value);

const record = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** In the order the schema, the report's reasons and the config diff list them. */
export const EVIDENCE_KINDS = {
  files: evidence({
    example: `require: { files: ["**/*.test.ts", "test/**"] }`,
    schema: globs,
    doc: "Met when some changed file matches these globs, e.g. `test/**` or `docs/**`.",
    validate: validGlobs,
    name: "changed files",
    accepts: "globs",
  }),
  linked_issue: evidence({
    example: `require:\n  linked_issue: { checklist: Acceptance criteria }`,
    schema: z.union([
      z.literal(true),
      z
        .object({
          checklist: z
            .string()
            .min(1)
            .optional()
            .describe(
              "A heading in each linked issue under which every task-list box must be ticked; a box left as `TBD`, `N/A` or empty is no criterion.",
            ),
        })
        .strict(),
    ]),
    doc: "Met when the PR closes at least one issue (closing keyword or the sidebar's Development link) or names a Jira or Linear ticket (see `trackers`). GitHub links closing keywords only for pull requests into the default branch, so dod also reads them in the title and description, into any base branch, with GitHub's syntax: `close`/`closes`/`closed`, `fix`/`fixes`/`fixed`, `resolve`/`resolves`/`resolved`, then `#7`, `owner/repo#7` or the issue's URL (at most 10; not in code or HTML comments). Editing such an issue re-checks the pull requests that close it.",
    name: "a linked issue",
    needsPullRequest: "a linked issue",
  }),
  pr_body: evidence({
    example: `require:\n  pr_body: { section: Rollback plan, checkbox: Docs updated }`,
    schema: z
      .object({
        section: z
          .string()
          .min(1)
          .optional()
          .describe(
            "A heading in the PR description whose section must have content: not only a placeholder (`TBD`, `N/A`, `_No response_`, a template's HTML comment).",
          ),
        checkbox: z
          .string()
          .min(1)
          .optional()
          .describe(
            "The text of a task-list box in the PR description that must be ticked (`Docs updated: TBD` ticked is not).",
          ),
      })
      .strict(),
    doc: "Met by the PR description: a non-empty section and/or a ticked checkbox.",
    validate: (value, check) => {
      const body = record(value);
      if (body && Object.keys(body).length === 0)
        check.at([], "`pr_body` is empty: give a `section` heading or a `checkbox` text");
    },
    name: "the PR description",
  }),
  label: evidence({
    example: `require: { label: [qa-passed, qa-not-needed] }`,
    schema: z.union([z.string().min(1), names]),
    doc: "Met when the PR has this label (or any of these labels).",
    name: "a label",
    accepts: "names",
    needsPullRequest: "a label",
  }),
  check: evidence({
    example: `require: { check: "ci/integration-*" }`,
    schema: z.string().min(1),
    doc: "Met when a check run or commit status with this name (glob) succeeded on the head commit.",
    validate: (value, check) => {
      if (typeof value === "string" && value.length > LIMITS.globLength) {
        check.at([], `the check name is ${value.length} characters long: at most ${LIMITS.globLength}`);
      }
    },
    name: "a passing check",
    needsPullRequest: "a check result",
  }),
  approved_by: evidence({
    example: `require: { approved_by: [product, "@acme/security"] }`,
    schema: z.union([principal, z.array(principal).min(1)]),
    doc: "Met when the latest review of one of these approves: `product` or `engineering` (the owners), a login or `@org/team`.",
    principals: (value) => [value].flat(),
    name: "an approval",
    accepts: "names",
    needsPullRequest: "an approval",
  }),
  diff_contains: evidence({
    example: `require:\n  diff_contains: { text: "featureFlag(", files: ["src/**"] }`,
    schema: z
      .object({
        text: z.string().min(1).describe("Literal text that an added line must contain (not a regular expression)."),
        files: globs.optional().describe("Only look at added lines in files matching these globs."),
      })
      .strict(),
    doc: "Met when an added line of the diff contains the text, e.g. a feature-flag call.",
    validate: (value, check) => check.globs(record(value)?.files, ["files"]),
    name: "a line in the diff",
    readsDiff: true,
  }),
  files_absent: evidence({
    example: `require: { files_absent: ["db/migrations/**"] }`,
    schema: globs,
    doc: "Met when no changed file matches these globs, e.g. generated code or `migrations/**` that belong in a pull request of their own.",
    validate: validGlobs,
    name: "that no changed file matches",
  }),
  // biome-ignore lint/suspicious/noExplicitAny: each kind has its own value type; `unknown` would reject them all
} satisfies Record<string, EvidenceKind<any>>;

/** In the order the schema and the config diff list them; criteria/kinds.ts checks them cheapest first. */
export const CONDITION_KINDS = {
  files: condition({
    example: `when: { files: ["src/**", "!src/**/*.test.ts"] }`,
    schema: globs,
    doc: "Applies when some changed file matches these globs (`!glob` excludes).",
    validate: validGlobs,
    words: { compare: "globs", subject: "files match", what: "its `when`", limits: "files" },
  }),
  base: condition({
    example: `when: { base: [main, "release/*"] }`,
    schema: globs,
    doc: "Applies when the PR's base branch matches one of these globs.",
    validate: validGlobs,
    words: { compare: "globs", subject: "the base branch matches", what: "its `when.base`", limits: "base branches" },
  }),
  labels: condition({
    example: `when: { labels: [new-service] }`,
    schema: names,
    doc: "Applies when the PR has any of these labels.",
    words: { compare: "any-of", phrase: "labelled", unlimited: "it no longer depends on labels" },
    needsPullRequest: "its labels",
  }),
  labels_absent: condition({
    example: `when: { labels_absent: [chore, dependencies] }`,
    schema: names,
    doc: "Applies only when the PR has none of these labels.",
    words: { compare: "none-of", phrase: "labelled" },
    needsPullRequest: "its labels",
  }),
  draft: condition({
    example: `when: { draft: false }`,
    schema: z.boolean(),
    doc: "`false`: applies only to PRs that are ready for review (not drafts).",
    words: { compare: "draft" },
  }),
  authors: condition({
    example: `when: { authors: [dependabot, "@acme/bots"] }`,
    schema: z.array(principal).min(1),
    doc: "Applies when one of these opened the PR: logins or `@org/team`s, e.g. a bot whose PRs need less.",
    principals: (value) => value,
    words: { compare: "any-of", phrase: "opened by", unlimited: "it no longer depends on who opened the pull request" },
    needsPullRequest: "its author",
  }),
  authors_not: condition({
    example: `when: { authors_not: [dependabot, "dependabot[bot]", renovate, "renovate[bot]"] }`,
    schema: z.array(principal).min(1),
    doc:
      "Applies only when none of these opened the PR: logins or `@org/team`s, e.g. to spare bots' PRs. " +
      "List a bot both as `dependabot` and `dependabot[bot]`: GitHub names it either way.",
    principals: (value) => value,
    words: { compare: "none-of", phrase: "opened by" },
    needsPullRequest: "its author",
  }),
  // biome-ignore lint/suspicious/noExplicitAny: each kind has its own value type; `unknown` would reject them all
} satisfies Record<string, ConditionKind<any>>;

export type EvidenceKindName = keyof typeof EVIDENCE_KINDS;
export type ConditionKindName = keyof typeof CONDITION_KINDS;

type Kinds = Record<string, { schema: z.ZodType; doc: string }>;
/** The values of a `require` or `when` mapping, one optional key per kind. */
export type KindValues<T extends Kinds> = { [K in keyof T]?: z.infer<T[K]["schema"]> };
type OptionalShape<T extends Kinds> = { [K in keyof T]: z.ZodOptional<T[K]["schema"]> };

/** Every kind as an optional key of the `require` or `when` mapping, with its doc. */
export function optionalShape<T extends Kinds>(kinds: T): OptionalShape<T> {
  return Object.fromEntries(
    Object.entries(kinds).map(([key, kind]) => [key, kind.schema.optional().describe(kind.doc)]),
  ) as OptionalShape<T>;
}

/** The kinds in registry order, typed. */
export const evidenceKindNames = Object.keys(EVIDENCE_KINDS) as EvidenceKindName[];
export const conditionKindNames = Object.keys(CONDITION_KINDS) as ConditionKindName[];
