// The built-in `recommended` preset: a shared definition of done most product teams can start from.
// Written as done.yml criteria so a repository overrides any field by id, or drops one with `enabled: false`.
// docs/examples/done.yml spells the same list out in YAML.
import type { Criterion } from "../schema.js";

export const RECOMMENDED_CRITERIA: Criterion[] = [
  {
    id: "acceptance-criteria",
    title: "Acceptance criteria met",
    owner: "product",
    hint: 'Link the issue this PR closes ("Closes #123") and tick every box under its "Acceptance criteria" heading.',
    require: { linked_issue: { checklist: "Acceptance criteria" } },
  },
  {
    id: "unit-tests",
    title: "Unit tests",
    owner: "engineering",
    hint: "Add or update tests next to the code you changed (`*.test.*`, `*.spec.*`, `test/`, `tests/`, `__tests__/`).",
    when: { files: ["src/**", "lib/**", "app/**", "!**/*.test.*", "!**/*.spec.*", "!**/__tests__/**"] },
    require: { files: ["**/*.test.*", "**/*.spec.*", "test/**", "tests/**", "__tests__/**"] },
  },
  {
    id: "integration-tests",
    title: "Integration tests for API changes",
    owner: "engineering",
    hint: "The API contract changed: add or update an integration or end-to-end test that exercises it.",
    when: { files: ["**/openapi*.{yml,yaml,json}", "**/*.proto", "**/*.graphql", "api/**"] },
    require: { files: ["test/integration/**", "tests/integration/**", "**/*.integration.test.*", "e2e/**"] },
  },
  {
    id: "metrics-alerting",
    title: "Metrics and alerting",
    owner: "engineering",
    hint: 'Add the alerts or dashboards that show this works in production, or tick "Metrics and alerting in place" in the PR description.',
    when: { any: [{ labels: ["new-service", "feature"] }, { files: ["src/**/handlers/**"] }] },
    require: {
      any: [
        { files: ["alerts/**", "monitoring/**", "dashboards/**", "**/*alert*.{yml,yaml}"] },
        { pr_body: { checkbox: "Metrics and alerting in place" } },
      ],
    },
  },
  {
    id: "docs",
    title: "Documentation updated",
    owner: "engineering",
    hint: "The public surface changed: update `docs/` or a README, or add the `no-docs-needed` label.",
    when: {
      files: [
        "api/**",
        "bin/**",
        "**/openapi*.{yml,yaml,json}",
        "**/*.proto",
        "**/*.graphql",
        "src/**/index.*",
        "src/**/public/**",
      ],
    },
    require: {
      any: [{ files: ["docs/**", "**/README*", "!runbooks/**", "!docs/runbooks/**"] }, { label: "no-docs-needed" }],
    },
  },
  {
    id: "runbook",
    title: "Runbook",
    owner: "engineering",
    hint: "Deployment changed: add or update the runbook in `runbooks/` or `docs/runbooks/` so on-call knows how to operate it.",
    when: { any: [{ labels: ["new-service"] }, { files: ["deploy/**", "infra/**", "charts/**"] }] },
    require: { files: ["runbooks/**", "docs/runbooks/**"] },
  },
  {
    id: "performance",
    title: "Performance checked",
    owner: "engineering",
    hint: 'A hot path changed: run the benchmarks (a passing `benchmark…` check) or add a "Benchmark" section with results to the PR description.',
    when: { any: [{ labels: ["perf"] }, { files: ["src/**/hot/**", "src/**/perf/**"] }] },
    require: { any: [{ check: "benchmark*" }, { pr_body: { section: "Benchmark" } }] },
  },
  {
    id: "feature-flag",
    title: "Behind a feature flag",
    owner: "joint",
    hint: "Risky change: guard it with `featureFlag(…)`, or add the `behind-flag` label once it is flagged elsewhere.",
    when: { labels: ["risky"] },
    require: { any: [{ diff_contains: { text: "featureFlag(" } }, { label: "behind-flag" }] },
  },
];

export const PRESETS: Record<string, Criterion[]> = { recommended: RECOMMENDED_CRITERIA };
