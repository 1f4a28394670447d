// One example per `when` and `require` predicate, for docs/config.md (src/config/config-docs.ts puts each under
// its schema description). A predicate added to the schema without an example here fails
// test/config/config-docs.test.ts, and every example must be a valid criterion.

export const WHEN_EXAMPLES: Record<string, string> = {
  files: `when: { files: ["src/**", "!src/**/*.test.ts"] }`,
  labels: `when: { labels: [new-service] }`,
  labels_absent: `when: { labels_absent: [chore, dependencies] }`,
  base: `when: { base: [main, "release/*"] }`,
  draft: `when: { draft: false }`,
  any: `when:\n  any:\n    - files: ["api/**"]\n    - labels: [api-change]`,
  all: `when:\n  all:\n    - files: ["db/migrations/**"]\n    - base: [main]`,
};

export const REQUIRE_EXAMPLES: Record<string, string> = {
  files: `require: { files: ["**/*.test.ts", "test/**"] }`,
  linked_issue: `require:\n  linked_issue: { checklist: Acceptance criteria }`,
  pr_body: `require:\n  pr_body: { section: Rollback plan, checkbox: Docs updated }`,
  label: `require: { label: [qa-passed, qa-not-needed] }`,
  check: `require: { check: "ci/integration-*" }`,
  approved_by: `require: { approved_by: [product, "@acme/security"] }`,
  diff_contains: `require:\n  diff_contains: { text: "featureFlag(", files: ["src/**"] }`,
  any: `require:\n  any:\n    - diff_contains: { text: "featureFlag(" }\n    - label: behind-flag`,
  all: `require:\n  all:\n    - files: ["docs/**"]\n    - approved_by: product`,
};
