import { describe, expect, it } from "vitest";
import { commentBody } from "../../src/report/comment.js";
import { renderJson, renderMarkdown, renderText } from "../../src/report/text.js";
import { item, report, sampleItems } from "./fixtures.js";

describe("renderText", () => {
  it("groups by owner with hints indented, without colour when asked", () => {
    expect(renderText(report(sampleItems()), { color: false })).toBe(
      [
        "Definition of Done: 4 of 7 done — missing: Acceptance criteria agreed, Runbook updated",
        "",
        "Product",
        "  ✘ Acceptance criteria agreed (acceptance-criteria) — no linked issue closes this pull request",
        '      how: Link the story with "Closes #123" in the description.',
        "  ✔ Product sign-off (product-review) — review by @pm-alice",
        "",
        "Engineering",
        "  ✘ Runbook updated (runbook) — no file under `docs/runbooks/**` changed",
        "      how: Describe how to operate and roll back the change in docs/runbooks/.",
        "  … CI green (ci) — `ci/test` is in progress",
        "  ✔ Unit tests (unit-tests) — src/cart.test.ts",
        "",
        "Joint",
        "  ✔ Release notes (release-notes) — “Release notes” section",
        "  ~ Behind a feature flag (feature-flag) — waived by @pm-alice, @eng-bob on 2024-05-01: internal tool, no rollout needed",
        "",
        "Not applicable",
        "  - User docs (docs) — no user-facing file changed",
        "",
      ].join("\n"),
    );
  });

  it("colours the marks: ✔ green, ✘ red, … yellow", () => {
    const text = renderText(report(sampleItems()), { color: true });
    expect(text).toContain("  \x1b[32m✔\x1b[0m Unit tests (unit-tests)");
    expect(text).toContain("  \x1b[31m✘\x1b[0m Runbook updated (runbook)");
    expect(text).toContain("  \x1b[33m…\x1b[0m CI green (ci)");
    expect(text.startsWith("\x1b[1mDefinition of Done:")).toBe(true);
  });

  it("strips control characters from user text", () => {
    const text = renderText(report([item({ id: "a", title: "evil\x1b[2J title", reason: "line\r\nbreak" })]), {
      color: false,
    });
    expect(text).toContain("  ✔ evil[2J title (a) — line break");
    expect(text).not.toContain("\x1b");
  });

  it("lists a change to done.yml and its problems", () => {
    const text = renderText(
      report([item({ id: "a" })], {
        configChange: {
          file: ".github/done.yml",
          changes: [{ kind: "tightened", text: "tightens `tests`: applies to more files" }],
          problems: [
            { file: ".github/done.yml", line: 4, column: 9, path: "criteria.0.id", message: "use lower-case" },
          ],
        },
      }),
      { color: false },
    );
    expect(text).toContain(
      "This pull request changes .github/done.yml\n  • tightens `tests`: applies to more files\n" +
        "  ✘ .github/done.yml:4:9 criteria.0.id — use lower-case\n",
    );
  });
});

describe("renderMarkdown", () => {
  it("is the comment without its marker", () => {
    const r = report(sampleItems());
    expect(renderMarkdown(r)).toBe(`${commentBody(r).split("\n").slice(1).join("\n")}\n`);
  });
});

describe("renderJson", () => {
  it("is the report as JSON", () => {
    const r = report(sampleItems());
    expect(JSON.parse(renderJson(r))).toEqual(r);
    expect(renderJson(r).endsWith("}\n")).toBe(true);
  });
});
