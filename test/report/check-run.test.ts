import { describe, expect, it } from "vitest";
import { checkRunForFailure, checkRunOutput } from "../../src/report/check-run.js";
import { CHECK_NAME } from "../../src/model/names.js";
import { readEmbeddedReport } from "../../src/report/embed.js";
import type { ConfigChange, ConfigProblem } from "../../src/model/config-problems.js";
import { SCHEMA_URL, STARTER_CONFIG } from "../../src/config/starter.js";
import { facts, item, report, sampleItems } from "./fixtures.js";

const lines = (text: string) => text.split("\n");

const problem = (fields: Partial<ConfigProblem> = {}): ConfigProblem => ({
  file: ".github/done.yml",
  line: 12,
  column: 7,
  path: "criteria.3.require.files",
  message: "expected an array of globs",
  ...fields,
});

describe("checkRunOutput", () => {
  const output = checkRunOutput(report(sampleItems()), facts());

  it("is named for the definition of done and passes on the verdict", () => {
    expect(CHECK_NAME).toBe("Definition of Done");
    expect(output.conclusion).toBe("failure");
    expect(output.title).toBe("4 of 7 done — missing: Acceptance criteria agreed, Runbook updated");
    expect(output.annotations).toEqual([]);
    expect(output.text).toBeUndefined();
  });

  it("opens with a one-line status", () => {
    expect(lines(output.summary)[0]).toBe(
      "❌ 4 of 7 done · **2 missing** · 1 pending · 1 waived — this check fails until every item is met or waived.",
    );
  });

  it("groups items by owner, missing first with how to fix them, then pending, then met", () => {
    const summary = output.summary;
    expect(summary).toContain(
      [
        "### Product",
        "- ❌ **Acceptance criteria agreed** (`acceptance-criteria`) — no linked issue closes this pull request",
        '  - How: Link the story with "Closes #123" in the description.',
        "- ✅ Product sign-off — [review by @\u200bpm-alice](https://github.com/acme/shop/pull/42#pullrequestreview-1)",
        "",
        "### Engineering",
        "- ❌ **Runbook updated** (`runbook`) — no file under `docs/runbooks/**` changed",
        "  - How: Describe how to operate and roll back the change in docs/runbooks/.",
        "- ⏳ CI green — `ci/test` is in progress ([ci/test](https://github.com/acme/shop/runs/7))",
        "- ✅ Unit tests — [src/cart.test.ts](https://github.com/acme/shop/pull/42/files#diff-1)",
        "",
        "### Joint",
        "- ✅ Release notes — “Release notes” section",
      ].join("\n"),
    );
  });

  it("lists waivers with who, when, why and the comment", () => {
    expect(output.summary).toContain(
      "### Waived\n- ⏭️ **Behind a feature flag** (`feature-flag`, Joint) — waived by `@pm-alice`, `@eng-bob` on 2024-05-01: " +
        "internal tool, no rollout needed ([comment](https://github.com/acme/shop/pull/42#issuecomment-99))",
    );
  });

  it("collapses items that do not apply, then ends with the hidden block", () => {
    expect(output.summary).toContain(
      [
        "<details><summary>1 item not applicable to this pull request</summary>",
        "",
        "- User docs (Product) — no user-facing file changed",
        "",
        "</details>",
        "",
        "<!-- dod:report {",
      ].join("\n"),
    );
    expect(output.summary.endsWith("} -->")).toBe(true);
    expect(readEmbeddedReport(output.summary)?.items.map((i) => i.status)).toEqual(sampleItems().map((i) => i.status));
  });

  it("leaves out sections with nothing in them", () => {
    const summary = checkRunOutput(report([item({ id: "tests", owner: "engineering" })]), facts()).summary;
    expect(summary).toContain("### Engineering");
    expect(summary).not.toMatch(/### (Product|Joint|Waived)|<details>/);
  });

  it.each([
    [
      "success",
      [item({ id: "a" }), item({ id: "b", status: "waived" })],
      "blocking",
      "✅ 2 of 2 done · 1 waived — the definition of done is met.",
    ],
    [
      "pending",
      [item({ id: "a" }), item({ id: "b", status: "pending" })],
      "blocking",
      "⏳ 1 of 2 done · 1 pending — nothing is missing; waiting for pending items.",
    ],
    [
      "advisory",
      [item({ id: "a", status: "missing" })],
      "advisory",
      "⚠️ 0 of 1 done · **1 missing** — advisory: missing items don't fail this check.",
    ],
    [
      "error",
      [item({ id: "a", status: "error" })],
      "blocking",
      "❌ 0 of 1 done · **1 could not be checked** — this check fails until every item is met or waived.",
    ],
    [
      "nothing applies",
      [item({ id: "a", status: "not_applicable" })],
      "blocking",
      "✅ No item of the definition of done applies to this pull request.",
    ],
  ] as const)("status line: %s", (_name, items, mode, expected) => {
    const summary = checkRunOutput(report([...items], { mode }), facts()).summary;
    expect(lines(summary)[0]).toBe(expected);
  });

  it("shows an item that could not be checked as a problem to fix", () => {
    const summary = checkRunOutput(
      report([
        item({ id: "ci", title: "CI", status: "error", reason: "the GitHub API timed out", hint: "Run /dod check." }),
      ]),
      facts(),
    ).summary;
    expect(summary).toContain(
      "- ⚠️ **CI** (`ci`) — could not be checked: the GitHub API timed out\n  - How: Run /dod check.",
    );
  });

  it("keeps user text from hiding the rest of the summary", () => {
    const summary = checkRunOutput(
      report([
        item({
          id: "a",
          title: "A <!-- sneaky",
          status: "missing",
          reason: "multi\nline",
          hint: "a <details> but `<ok>`",
        }),
      ]),
      facts(),
    ).summary;
    expect(summary).toContain("- ❌ **A \\<!-- sneaky** (`a`) — multi line\n  - How: a \\<details\\> but `<ok>`");
  });

  describe("when the pull request changes done.yml", () => {
    const change: ConfigChange = {
      file: ".github/done.yml",
      changes: [
        { kind: "added", text: "adds `runbook` (engineering)" },
        { kind: "loosened", text: "loosens `docs`: applies to fewer files" },
      ],
      problems: [
        problem(),
        problem({ line: 3, column: 1, path: "", message: "tabs are not allowed" }),
        problem({ file: "acme/.github:.github/done.yml", line: 2 }),
      ],
    };
    const changed = checkRunOutput(report([item({ id: "a" })], { configChange: change }), facts());

    it("says what changes and what is wrong with it", () => {
      expect(lines(changed.summary)[0]).toBe("❌ 1 of 1 done — the changed `.github/done.yml` has problems (below).");
      expect(changed.summary).toContain(
        [
          "### This pull request changes the definition of done",
          "These changes apply once merged; this pull request is still checked against the base branch's `.github/done.yml`.",
          "",
          "- ➕ adds `runbook` (engineering)",
          "- 🔓 loosens `docs`: applies to fewer files",
          "",
          "**3 problems in the changed `.github/done.yml`** — fix before merging:",
          "",
          "- `.github/done.yml:12:7` `criteria.3.require.files` — expected an array of globs",
          "- `.github/done.yml:3:1` — tabs are not allowed",
          "- `acme/.github:.github/done.yml:2:7` `criteria.3.require.files` — expected an array of globs",
        ].join("\n"),
      );
    });

    it("annotates problems in this repository's file", () => {
      expect(changed.annotations).toEqual([
        {
          path: ".github/done.yml",
          start_line: 12,
          end_line: 12,
          start_column: 7,
          end_column: 7,
          annotation_level: "failure",
          message: "expected an array of globs",
          title: "criteria.3.require.files",
        },
        {
          path: ".github/done.yml",
          start_line: 3,
          end_line: 3,
          start_column: 1,
          end_column: 1,
          annotation_level: "failure",
          message: "tabs are not allowed",
        },
      ]);
    });

    it("says so when the edit changes nothing that is checked", () => {
      const summary = checkRunOutput(
        report([item({ id: "a" })], { configChange: { file: ".github/done.yml", changes: [], problems: [] } }),
        facts(),
      ).summary;
      expect(summary).toContain("base branch's `.github/done.yml`.\n\nNo change to what is checked.");
    });

    it("caps annotations at 1000", () => {
      const many = Array.from({ length: 1200 }, (_, i) => problem({ line: i + 1 }));
      const out = checkRunOutput(
        report([], { configChange: { file: ".github/done.yml", changes: [], problems: many } }),
        facts(),
      );
      expect(out.annotations).toHaveLength(1000);
      expect(out.annotations.at(-1)?.start_line).toBe(1000);
    });
  });

  it("truncates a huge summary at a line, keeps the hidden block and says what it left out", () => {
    const items = Array.from({ length: 300 }, (_, i) =>
      item({ id: `item-${i}`, title: `Item ${i}`, status: "missing", reason: "r".repeat(200), hint: "h".repeat(40) }),
    );
    const summary = checkRunOutput(report(items), facts()).summary;
    expect(summary.length).toBeLessThanOrEqual(65_535);
    const block = lines(summary).at(-1)!;
    expect(block.startsWith("<!-- dod:report ")).toBe(true);
    expect(readEmbeddedReport(summary)?.items).toHaveLength(300);
    const note = lines(summary).at(-3)!;
    expect(note).toMatch(/^_… \d+ more items not shown \(the summary is limited to 65,535 bytes\)\._$/);
    const shown = summary.split("\n- ❌").length - 1;
    expect(note).toContain(`${300 - shown} more items`);
  });

  it("leaves out the hidden block rather than the limit when there are thousands of items", () => {
    const items = Array.from({ length: 3000 }, (_, i) => item({ id: `item-${i}`, status: "missing" }));
    const summary = checkRunOutput(report(items), facts()).summary;
    expect(summary.length).toBeLessThanOrEqual(65_535);
    expect(readEmbeddedReport(summary)).toBeNull();
    expect(lines(summary).at(-1)).toMatch(/^_… \d+ more items not shown/);
  });
});

describe("checkRunForFailure", () => {
  it("is neutral with setup help and a starter config when there is no done.yml", () => {
    const out = checkRunForFailure({ kind: "missing", file: ".github/done.yml", problems: [] });
    expect(out.conclusion).toBe("neutral");
    expect(out.title).toBe("No definition of done yet (.github/done.yml)");
    expect(out.annotations).toEqual([]);
    expect(out.summary).toContain("1. Add `.github/done.yml` to the default branch, starting from the config below.");
    expect(out.summary).toContain("2. Run `npx dod validate` to check the file before you push.");
    expect(out.summary.endsWith(`\`\`\`yaml\n${STARTER_CONFIG.trimEnd()}\n\`\`\``)).toBe(true);
  });

  it("fails with every problem located and how to fix them when done.yml is invalid", () => {
    const out = checkRunForFailure({
      kind: "invalid",
      file: ".github/done.yml",
      problems: [
        problem(),
        problem({ file: "acme/.github:.github/done.yml", line: 4, column: 3, path: "owners", message: "unknown key" }),
      ],
    });
    expect(out.conclusion).toBe("failure");
    expect(out.title).toBe("Invalid .github/done.yml: 2 problems");
    expect(out.summary).toContain(
      [
        "❌ `.github/done.yml` has 2 problems, so no item of the definition of done was checked.",
        "",
        "### Problems",
        "- `.github/done.yml:12:7` `criteria.3.require.files` — expected an array of globs",
        "- `acme/.github:.github/done.yml:4:3` `owners` — unknown key",
        "",
        "### How to fix",
      ].join("\n"),
    );
    expect(out.summary).toContain("\n- Run `npx dod validate` to list the same problems locally before you push.\n");
    expect(out.summary).toContain(`[JSON schema](${SCHEMA_URL})`);
    expect(out.annotations.map((a) => [a.path, a.start_line, a.title])).toEqual([
      [".github/done.yml", 12, "criteria.3.require.files"],
    ]);
  });

  it("cuts a very long problem list but keeps the advice after it", () => {
    const problems = Array.from({ length: 2000 }, (_, i) => problem({ line: i + 1, message: "m".repeat(40) }));
    const out = checkRunForFailure({ kind: "invalid", file: ".github/done.yml", problems });
    expect(out.summary.length).toBeLessThanOrEqual(65_535);
    expect(out.summary).toMatch(
      /\n_… \d+ more items not shown \(the summary is limited to 65,535 bytes\)\._\n\n### How to fix\n/,
    );
    expect(out.annotations).toHaveLength(1000);
  });

  it("counts one problem in the singular", () => {
    const out = checkRunForFailure({ kind: "invalid", file: ".github/done.yml", problems: [problem()] });
    expect(out.title).toBe("Invalid .github/done.yml: 1 problem");
  });
});
