// Inputs for property tests of the config layer; bench/ reuses them with many more runs.
import fc from "fast-check";
import { stringify } from "yaml";

/** Any text at all, including control characters and lone surrogates. */
export const anyText = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: "binary", maxLength: 200 }));

const FRAGMENTS = [
  "criteria:",
  "owners:",
  "extends: recommended",
  "extends: org",
  "mode: advisory",
  "- id: a",
  "  - id: b",
  "owner: product",
  "require:",
  "when:",
  "  files: [src/**]",
  "files:",
  '  - "!x"',
  "label: x",
  "any:",
  "\t",
  "  ",
  "    ",
  "[",
  "]",
  "{",
  "}",
  ": ",
  "- ",
  "&a",
  "*a",
  "<<: *a",
  "#",
  "---",
  "...",
  '"',
  "'",
  "|",
  ">",
  "? ",
  "!!str",
  "%YAML 1.2",
  "@x",
  "`",
  "\u0000",
  "\r",
];

/** Text assembled from YAML-significant pieces, to reach the parser's error paths more often than random text. */
export const yamlishText = fc
  .array(fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 })), { maxLength: 6 }), {
    maxLength: 12,
  })
  .map((lines) => lines.map((parts) => parts.join("")).join("\n"));

/** Arbitrary JSON values written out as YAML. */
export const jsonYaml = fc.jsonValue({ maxDepth: 4 }).map((value) => stringify(value));

const anyValue = fc.jsonValue({ maxDepth: 2 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: arb }, { weight: 1, arbitrary: anyValue });
const glob = fc.oneof(
  fc.constantFrom("src/**", "!**/*.test.*", "/abs/**", "a//b", "!", "docs/", "#c", "**/*.{yml,yaml}"),
  fc.string({ maxLength: 8 }),
);
const globs = fc.array(glob, { maxLength: 3 });
const id = fc.oneof(fc.constantFrom("unit-tests", "docs", "runbook", "qa", "Bad Id", ""), fc.string({ maxLength: 8 }));

const condition = fc.record(
  {
    files: maybe(globs),
    labels: maybe(fc.array(fc.string({ maxLength: 5 }), { maxLength: 2 })),
    draft: maybe(fc.boolean()),
    any: maybe(fc.array(fc.record({ files: globs }, { requiredKeys: [] }), { maxLength: 2 })),
  },
  { requiredKeys: [] },
);
const evidence = fc.record(
  {
    files: maybe(globs),
    label: maybe(fc.oneof(fc.string({ maxLength: 5 }), fc.array(fc.string({ maxLength: 5 }), { maxLength: 2 }))),
    linked_issue: maybe(fc.oneof(fc.constant(true), fc.record({ checklist: fc.string({ maxLength: 5 }) }))),
    pr_body: maybe(
      fc.record({ section: fc.string({ maxLength: 5 }), checkbox: fc.string({ maxLength: 5 }) }, { requiredKeys: [] }),
    ),
    approved_by: maybe(fc.constantFrom("product", "engineering", "@acme/team", "alice")),
    diff_contains: maybe(fc.record({ text: fc.string({ maxLength: 5 }), files: globs }, { requiredKeys: [] })),
  },
  { requiredKeys: [] },
);
const criterion = fc.record(
  {
    id,
    title: maybe(fc.string({ maxLength: 10 })),
    owner: maybe(fc.constantFrom("product", "engineering", "joint", "pm")),
    when: maybe(condition),
    require: maybe(evidence),
    waivable: maybe(fc.boolean()),
    enabled: maybe(fc.boolean()),
    titel: fc.string({ maxLength: 4 }),
  },
  { requiredKeys: [] },
);

/** Objects shaped like a done.yml, with wrong values and misspelt keys mixed in, written out as YAML. */
export const configLike = fc
  .record(
    {
      extends: maybe(fc.constantFrom("recommended", "org", "recomended")),
      mode: maybe(fc.constantFrom("blocking", "advisory", "strict")),
      comment: maybe(fc.constantFrom("on-missing", "always", "never")),
      owners: maybe(
        fc.record(
          {
            product: maybe(fc.array(fc.string({ maxLength: 6 }), { maxLength: 2 })),
            engineering: maybe(fc.array(fc.string({ maxLength: 6 }), { maxLength: 2 })),
          },
          { requiredKeys: [] },
        ),
      ),
      criteria: maybe(fc.array(criterion, { maxLength: 4 })),
      releases: maybe(fc.record({ by: fc.constantFrom("milestone", "label", "tag") }, { requiredKeys: [] })),
      dashboard: maybe(
        fc.record(
          {
            issue: fc.boolean(),
            capacity: fc.record(
              {
                groups: fc.dictionary(
                  fc.constantFrom("feature", "health"),
                  fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }),
                ),
                target: fc.dictionary(
                  fc.constantFrom("feature", "health", "other"),
                  fc.integer({ min: -10, max: 120 }),
                ),
              },
              { requiredKeys: [] },
            ),
          },
          { requiredKeys: [] },
        ),
      ),
    },
    { requiredKeys: [] },
  )
  .map((value) => stringify(value));

/** Any done.yml text worth trying. */
export const configText = fc.oneof(anyText, yamlishText, jsonYaml, configLike);
