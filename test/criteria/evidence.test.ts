import { describe, expect, it } from "vitest";
import type { Evidence } from "../../src/config/schema.js";
import type { Facts } from "../../src/model/facts.js";
import { approval, files, TEAMS } from "./facts.js";
import { verdictOf } from "./helpers.js";

type Row = [name: string, require: Evidence, facts: Partial<Facts>, expected: ReturnType<typeof verdictOf>];

function table(rows: Row[]) {
  it.each(rows)("%s", (_name, require, facts, expected) => {
    expect(verdictOf(require, facts)).toEqual(expected);
  });
}

const ISSUE = {
  repo: "acme/shop",
  number: 12,
  title: "Checkout flow",
  state: "open" as const,
  url: "https://github.com/acme/shop/issues/12",
};
const issue = (body: string, extra: Partial<typeof ISSUE> = {}) => ({ ...ISSUE, body, ...extra });

describe("files", () => {
  table([
    [
      "met, one file",
      { files: ["test/**"] },
      { files: files("src/a.ts", "test/a.test.ts") },
      { status: "met", reason: "`test/a.test.ts` changed", evidence: [{ text: "test/a.test.ts" }] },
    ],
    [
      "met, first 5 and N more",
      { files: ["**/*.test.ts"] },
      { files: files(...Array.from({ length: 8 }, (_, i) => `src/m${i}.test.ts`)) },
      {
        status: "met",
        reason: "8 matching files changed",
        evidence: [0, 1, 2, 3, 4].map((i) => ({ text: `src/m${i}.test.ts` })).concat([{ text: "and 3 more" }]),
      },
    ],
    [
      "a deleted file is no evidence",
      { files: ["test/**"] },
      {
        files: [
          { path: "src/a.ts", additions: 10, deletions: 0 },
          { path: "test/old.test.ts", additions: 0, deletions: 40, deleted: true },
        ],
      },
      { status: "missing", reason: "no file in `test/` changed", evidence: [] },
    ],
    [
      "dot files match",
      { files: ["docs/**"] },
      { files: files("docs/.vitepress/config.ts") },
      {
        status: "met",
        reason: "`docs/.vitepress/config.ts` changed",
        evidence: [{ text: "docs/.vitepress/config.ts" }],
      },
    ],
    [
      "! excludes",
      { files: ["docs/**", "!docs/generated/**"] },
      { files: files("docs/generated/api.md") },
      { status: "missing", reason: "no file in `docs/` (other than `docs/generated/**`) changed", evidence: [] },
    ],
    [
      "only ! patterns: anything else",
      { files: ["!**/*.md"] },
      { files: files("README.md", "src/x.ts") },
      { status: "met", reason: "`src/x.ts` changed", evidence: [{ text: "src/x.ts" }] },
    ],
    [
      "missing names the globs",
      { files: ["test/**", "**/*.spec.ts"] },
      { files: files("src/a.ts") },
      { status: "missing", reason: "no file named `*.spec.ts` or in `test/` changed", evidence: [] },
    ],
    [
      "missing on a truncated list says so",
      { files: ["test/**"] },
      { files: files("src/a.ts"), filesTruncated: true },
      { status: "missing", reason: "no file in `test/` changed (only the first 1 files were listed)", evidence: [] },
    ],
  ]);
});

describe("linked_issue", () => {
  const AC =
    "## Acceptance criteria\n- [x] Pays with card\n- [ ] Handles empty cart\n* [X] Shows total\n1. [ ] Sends receipt\n- [x] Logs event\n";
  table([
    [
      "none linked",
      { linked_issue: true },
      {},
      { status: "missing", reason: "the pull request links no issue", evidence: [] },
    ],
    [
      "linked",
      { linked_issue: true },
      { linkedIssues: [issue("")] },
      { status: "met", reason: "links #12", evidence: [{ text: "#12 Checkout flow", url: ISSUE.url }] },
    ],
    [
      "another repository's issue",
      { linked_issue: {} },
      { linkedIssues: [issue("", { repo: "acme/specs", number: 3, url: "u3" })] },
      { status: "met", reason: "links acme/specs#3", evidence: [{ text: "acme/specs#3 Checkout flow", url: "u3" }] },
    ],
    [
      "checklist: unticked boxes",
      { linked_issue: { checklist: "Acceptance criteria" } },
      { linkedIssues: [issue(AC)] },
      {
        status: "missing",
        reason: "#12: 2 of 5 acceptance criteria unticked",
        evidence: [
          { text: "Handles empty cart", url: ISSUE.url },
          { text: "Sends receipt", url: ISSUE.url },
        ],
      },
    ],
    [
      "checklist: no heading",
      { linked_issue: { checklist: "Acceptance criteria" } },
      { linkedIssues: [issue("## Story\n- [ ] a")] },
      { status: "missing", reason: "#12 has no “Acceptance criteria” section", evidence: [] },
    ],
    [
      "checklist: heading without boxes",
      { linked_issue: { checklist: "Acceptance criteria" } },
      { linkedIssues: [issue("## Acceptance criteria\nIt works.\n<!-- - [ ] x -->\n## Notes\n- [ ] n")] },
      { status: "missing", reason: "no checklist under “Acceptance criteria” in #12", evidence: [] },
    ],
    [
      "checklist: a box ticked as `TBD` or `N/A` is no acceptance criterion",
      { linked_issue: { checklist: "Acceptance criteria" } },
      { linkedIssues: [issue("## Acceptance criteria\n- [x] TBD\n- [x] _N/A_\n- [ ]\n## Notes\n- [x] real")] },
      {
        status: "missing",
        reason: "the “Acceptance criteria” checklist in #12 only holds the placeholder `TBD`",
        evidence: [],
      },
    ],
    [
      "checklist: placeholder boxes beside real ones neither count nor block",
      { linked_issue: { checklist: "Acceptance criteria" } },
      { linkedIssues: [issue("## Acceptance criteria\n- [x] Pays by card\n- [ ] TBD\n- [x] n/a.")] },
      {
        status: "met",
        reason: "all 1 acceptance criteria ticked in #12",
        evidence: [{ text: "#12 Checkout flow", url: ISSUE.url }],
      },
    ],
    [
      "checklist: all ticked",
      { linked_issue: { checklist: "acceptance criteria" } },
      { linkedIssues: [issue("**Acceptance Criteria**\n- [x] a\n- [X] b\n\n```\n- [ ] example\n```")] },
      {
        status: "met",
        reason: "all 2 acceptance criteria ticked in #12",
        evidence: [{ text: "#12 Checkout flow", url: ISSUE.url }],
      },
    ],
    [
      "checklist: every linked issue must pass, unticked capped at 5",
      { linked_issue: { checklist: "Acceptance criteria" } },
      {
        linkedIssues: [
          issue(`## Acceptance criteria\n${Array.from({ length: 7 }, (_, i) => `- [ ] item ${i}`).join("\n")}`),
          issue("nothing here", { number: 13, url: "u13" }),
        ],
      },
      {
        status: "missing",
        reason: "#12: 7 of 7 acceptance criteria unticked; #13 has no “Acceptance criteria” section",
        evidence: [0, 1, 2, 3, 4]
          .map((i) => ({ text: `item ${i}`, url: ISSUE.url }) as { text: string; url?: string })
          .concat([{ text: "and 2 more" }]),
      },
    ],
  ]);
});

describe("pr_body", () => {
  const url = "https://github.com/acme/shop/pull/7";
  table([
    [
      "section with content",
      { pr_body: { section: "Testing" } },
      { body: "## Summary\nx\n## Testing\nRan it.\n" },
      {
        status: "met",
        reason: "the description has a “Testing” section",
        evidence: [{ text: "“Testing” section", url }],
      },
    ],
    [
      "section missing",
      { pr_body: { section: "Testing" } },
      { body: "## Summary\nx" },
      { status: "missing", reason: "the description has no “Testing” section", evidence: [] },
    ],
    [
      "section with only the template comment",
      { pr_body: { section: "Testing" } },
      { body: "## Testing\n<!-- How did you test this? -->\n\n## Notes\nsome" },
      { status: "missing", reason: "the “Testing” section of the description is empty", evidence: [] },
    ],
    [
      "checkbox ticked, case and punctuation ignored",
      { pr_body: { checkbox: "I updated the docs" } },
      { body: "- [x] i updated the DOCS.\n" },
      {
        status: "met",
        reason: "“I updated the docs” is ticked",
        evidence: [{ text: "ticked: I updated the docs", url }],
      },
    ],
    [
      "section holding a placeholder: `TBD`, `_No response_`, a ticked `N/A` box",
      { pr_body: { section: "Rollback plan" } },
      { body: "## Rollback plan\nTBD\n## Rollback plan\n_No response_\n## Rollback plan\n- [x] N/A\n## Notes\nmore" },
      {
        status: "missing",
        reason: "the “Rollback plan” section of the description only holds the placeholder `TBD`",
        evidence: [],
      },
    ],
    [
      "checkbox ticked but its text left as a placeholder",
      { pr_body: { checkbox: "Behind a feature flag" } },
      { body: "- [x] Behind a feature flag: TBD\n- [x] behind a feature flag (N/A)" },
      { status: "missing", reason: "“Behind a feature flag” is ticked but only says `TBD`", evidence: [] },
    ],
    [
      "checkbox ticked with more words is not the box asked for",
      { pr_body: { checkbox: "Behind a feature flag" } },
      { body: "- [x] Behind a feature flag — none needed, it is a copy change" },
      { status: "missing", reason: "the description has no “Behind a feature flag” checkbox", evidence: [] },
    ],
    [
      "checkbox unticked",
      { pr_body: { checkbox: "I updated the docs" } },
      { body: "- [ ] I updated the docs" },
      { status: "missing", reason: "“I updated the docs” is not ticked in the description", evidence: [] },
    ],
    [
      "checkbox only in a comment",
      { pr_body: { checkbox: "I updated the docs" } },
      { body: "<!-- - [x] I updated the docs -->" },
      { status: "missing", reason: "the description has no “I updated the docs” checkbox", evidence: [] },
    ],
    [
      "section and checkbox: both must hold",
      { pr_body: { section: "Testing", checkbox: "Docs" } },
      { body: "## Testing\n\n## Checklist\n- [ ] docs" },
      {
        status: "missing",
        reason: "the “Testing” section of the description is empty; “Docs” is not ticked in the description",
        evidence: [],
      },
    ],
  ]);
});

describe("label", () => {
  table([
    [
      "one label present, any case",
      { label: "Docs" },
      { labels: ["bug", "docs"] },
      { status: "met", reason: "labelled `docs`", evidence: [{ text: "label docs" }] },
    ],
    [
      "any of several",
      { label: ["a", "b"] },
      { labels: ["b"] },
      { status: "met", reason: "labelled `b`", evidence: [{ text: "label b" }] },
    ],
    [
      "missing one",
      { label: "docs" },
      {},
      { status: "missing", reason: "the pull request has no label `docs`", evidence: [] },
    ],
    [
      "missing several",
      { label: ["a", "b"] },
      { labels: ["c"] },
      { status: "missing", reason: "the pull request has none of the labels `a` or `b`", evidence: [] },
    ],
  ]);
});

describe("check", () => {
  const check = (name: string, status: Facts["checks"][number]["status"], conclusion: string | null) => ({
    name,
    status,
    conclusion,
    url: `https://ci/${name}`,
  });
  table([
    [
      "success",
      { check: "benchmark*" },
      { checks: [check("benchmark (linux)", "completed", "success")] },
      {
        status: "met",
        reason: "`benchmark (linux)` succeeded",
        evidence: [{ text: "benchmark (linux)", url: "https://ci/benchmark (linux)" }],
      },
    ],
    [
      "* crosses /",
      { check: "ci*bench" },
      { checks: [check("ci / bench", "completed", "success")] },
      {
        status: "met",
        reason: "`ci / bench` succeeded",
        evidence: [{ text: "ci / bench", url: "https://ci/ci / bench" }],
      },
    ],
    [
      "in progress",
      { check: "benchmark" },
      { checks: [check("benchmark", "in_progress", null)] },
      {
        status: "pending",
        reason: "waiting for `benchmark`",
        evidence: [{ text: "benchmark", url: "https://ci/benchmark" }],
      },
    ],
    [
      "commit status pending",
      { check: "benchmark" },
      { checks: [check("benchmark", "pending", null)] },
      {
        status: "pending",
        reason: "waiting for `benchmark`",
        evidence: [{ text: "benchmark", url: "https://ci/benchmark" }],
      },
    ],
    [
      "failure",
      { check: "benchmark" },
      { checks: [check("benchmark", "completed", "failure")] },
      {
        status: "missing",
        reason: "`benchmark`: `failure`",
        evidence: [{ text: "benchmark", url: "https://ci/benchmark" }],
      },
    ],
    [
      "skipped does not count",
      { check: "benchmark" },
      { checks: [check("benchmark", "completed", "skipped")] },
      {
        status: "missing",
        reason: "`benchmark`: skipped (only success counts)",
        evidence: [{ text: "benchmark", url: "https://ci/benchmark" }],
      },
    ],
    [
      "neutral does not count",
      { check: "benchmark" },
      { checks: [check("benchmark", "completed", "neutral")] },
      {
        status: "missing",
        reason: "`benchmark`: neutral (only success counts)",
        evidence: [{ text: "benchmark", url: "https://ci/benchmark" }],
      },
    ],
    [
      "a failure outweighs one still running",
      { check: "bench-*" },
      { checks: [check("bench-a", "queued", null), check("bench-b", "completed", "timed_out")] },
      {
        status: "missing",
        reason: "`bench-b`: `timed_out`",
        evidence: [{ text: "bench-b", url: "https://ci/bench-b" }],
      },
    ],
    [
      "none ran",
      { check: "benchmark*" },
      { checks: [check("lint", "completed", "success")] },
      { status: "missing", reason: "no check named `benchmark*` ran on `abc1234`", evidence: [] },
    ],
  ]);
});

describe("approved_by", () => {
  const review = (author: string) => `https://github.com/acme/shop/pull/7#review-${author}`;
  table([
    [
      "product owner by login",
      { approved_by: "product" },
      { reviews: [approval("pm-alice")] },
      {
        status: "met",
        reason: "approved by @\u200bpm-alice (product)",
        evidence: [{ text: "approved by @pm-alice (product)", url: review("pm-alice") }],
      },
    ],
    [
      "product owner through a team, any case",
      { approved_by: ["product"] },
      { reviews: [approval("PM-Paul")], teams: TEAMS },
      {
        status: "met",
        reason: "approved by @\u200bPM-Paul (product)",
        evidence: [{ text: "approved by @PM-Paul (product)", url: review("PM-Paul") }],
      },
    ],
    [
      "engineering team",
      { approved_by: "engineering" },
      { reviews: [approval("eng-erin")], teams: TEAMS },
      {
        status: "met",
        reason: "approved by @\u200beng-erin (engineering)",
        evidence: [{ text: "approved by @eng-erin (engineering)", url: review("eng-erin") }],
      },
    ],
    [
      "a login",
      { approved_by: ["qa-quinn"] },
      { reviews: [approval("qa-quinn")] },
      {
        status: "met",
        reason: "approved by @\u200bqa-quinn",
        evidence: [{ text: "approved by @qa-quinn", url: review("qa-quinn") }],
      },
    ],
    [
      "a named team",
      { approved_by: "@Acme/Platform" },
      { reviews: [approval("both-bea")], teams: TEAMS },
      {
        status: "met",
        reason: "approved by @\u200bboth-bea (@\u200bAcme/Platform)",
        evidence: [{ text: "approved by @both-bea (@Acme/Platform)", url: review("both-bea") }],
      },
    ],
    [
      "two approvers",
      { approved_by: ["product", "qa-quinn"] },
      { reviews: [approval("pm-alice"), approval("qa-quinn")] },
      {
        status: "met",
        reason: "approved by @\u200bpm-alice (product), @\u200bqa-quinn",
        evidence: [
          { text: "approved by @pm-alice (product)", url: review("pm-alice") },
          { text: "approved by @qa-quinn", url: review("qa-quinn") },
        ],
      },
    ],
    [
      "the author never counts",
      { approved_by: "product" },
      { author: "pm-alice", reviews: [approval("pm-alice")] },
      {
        status: "missing",
        reason: "needs an approval from a product owner (`@pm-alice`, `@acme/product`)",
        evidence: [],
      },
    ],
    [
      "changes requested later revoke the approval",
      { approved_by: "product" },
      {
        reviews: [
          approval("pm-alice", "APPROVED", "2024-05-01T10:00:00Z"),
          approval("pm-alice", "CHANGES_REQUESTED", "2024-05-02T10:00:00Z"),
        ],
      },
      {
        status: "missing",
        reason: "needs an approval from a product owner (`@pm-alice`, `@acme/product`)",
        evidence: [],
      },
    ],
    [
      "a later comment-only review keeps the approval",
      { approved_by: "product" },
      {
        reviews: [
          approval("pm-alice", "COMMENTED", "2024-05-03T10:00:00Z"),
          approval("pm-alice", "APPROVED", "2024-05-01T10:00:00Z"),
        ],
      },
      {
        status: "met",
        reason: "approved by @\u200bpm-alice (product)",
        evidence: [{ text: "approved by @pm-alice (product)", url: review("pm-alice") }],
      },
    ],
    [
      "not an owner",
      { approved_by: ["engineering", "@acme/qa"] },
      { reviews: [approval("pm-alice")] },
      {
        status: "missing",
        reason: "needs an approval from an engineering owner (`@eng-bob`, `@acme/platform`) or `@acme/qa`",
        evidence: [],
      },
    ],
  ]);
});

describe("diff_contains", () => {
  table([
    [
      "not gathered",
      { diff_contains: { text: "flag(" } },
      {},
      { status: "error", reason: "diff not gathered", evidence: [] },
    ],
    [
      "literal, not a regex",
      { diff_contains: { text: "flag(.*)" } },
      { addedLines: { "src/a.ts": ["flag(x)"] } },
      { status: "missing", reason: "no added line contains `flag(.*)`", evidence: [] },
    ],
    [
      "found",
      { diff_contains: { text: "isEnabled(" } },
      { addedLines: { "src/a.ts": ["if (flags.isEnabled('x')) {"] } },
      { status: "met", reason: "an added line in `src/a.ts` contains `isEnabled(`", evidence: [{ text: "src/a.ts" }] },
    ],
    [
      "only in matching files",
      { diff_contains: { text: "isEnabled(", files: ["src/**", "!src/**/*.test.ts"] } },
      { addedLines: { "src/a.test.ts": ["isEnabled("], "docs/x.md": ["isEnabled("] } },
      {
        status: "missing",
        reason: "no added line contains `isEnabled(` in a file in `src/` (other than `src/**/*.test.ts`)",
        evidence: [],
      },
    ],
  ]);
});

describe("combining evidence", () => {
  const checks = (conclusion: string | null) => [
    { name: "bench", status: conclusion ? ("completed" as const) : ("queued" as const), conclusion },
  ];
  table([
    [
      "keys of one object: all",
      { files: ["test/**"], label: "tested" },
      { files: files("test/a.ts") },
      {
        status: "missing",
        reason: "the pull request has no label `tested`",
        evidence: [],
        soFar: [{ text: "test/a.ts" }],
      },
    ],
    [
      "all met: reasons and evidence joined",
      { all: [{ files: ["test/**"] }, { label: "tested" }] },
      { files: files("test/a.ts"), labels: ["tested"] },
      {
        status: "met",
        reason: "`test/a.ts` changed; labelled `tested`",
        evidence: [{ text: "test/a.ts" }, { text: "label tested" }],
      },
    ],
    [
      "all: pending when nothing missing",
      { all: [{ label: "x" }, { check: "bench" }] },
      { labels: ["x"], checks: checks(null) },
      { status: "pending", reason: "waiting for `bench`", evidence: [{ text: "bench" }], soFar: [{ text: "label x" }] },
    ],
    [
      "all: missing beats pending",
      { all: [{ label: "x" }, { check: "bench" }] },
      { checks: checks(null) },
      { status: "missing", reason: "the pull request has no label `x`", evidence: [] },
    ],
    [
      "any: first met",
      { any: [{ label: "x" }, { files: ["docs/**"] }, { label: "y" }] },
      { labels: ["y"], files: files("docs/a.md") },
      { status: "met", reason: "`docs/a.md` changed", evidence: [{ text: "docs/a.md" }] },
    ],
    [
      "any: pending if none met",
      { any: [{ label: "x" }, { check: "bench" }] },
      { checks: checks(null) },
      { status: "pending", reason: "waiting for `bench`", evidence: [{ text: "bench" }] },
    ],
    [
      "any: missing lists every alternative",
      { any: [{ files: ["docs/**"] }, { label: "no-docs" }] },
      {},
      {
        status: "missing",
        reason: "no file in `docs/` changed and the pull request has no label `no-docs`",
        evidence: [],
      },
    ],
    [
      "any: met beats error",
      { any: [{ diff_contains: { text: "x" } }, { label: "y" }] },
      { labels: ["y"] },
      { status: "met", reason: "labelled `y`", evidence: [{ text: "label y" }] },
    ],
    [
      "all: error when nothing missing",
      { all: [{ diff_contains: { text: "x" } }, { label: "y" }] },
      { labels: ["y"] },
      { status: "error", reason: "diff not gathered", evidence: [], soFar: [{ text: "label y" }] },
    ],
  ]);
});
