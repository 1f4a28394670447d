import { describe, expect, it } from "vitest";
import { commentBody, shouldComment } from "../../src/report/comment.js";
import { COMMENT_MARKER } from "../../src/model/names.js";
import { item, report, sampleItems } from "./fixtures.js";

describe("commentBody", () => {
  it("says per owner what is still to do and how, waivers apart, met items only as a count", () => {
    expect(commentBody(report(sampleItems()))).toBe(
      [
        "<!-- dod:definition-of-done -->",
        "## Definition of Done: 4 of 7 done",
        "",
        "**Product**",
        "- ❌ **Acceptance criteria agreed** (`acceptance-criteria`) — no linked issue closes this pull request",
        '  - How: Link the story with "Closes #123" in the description.',
        "",
        "**Engineering**",
        "- ❌ **Runbook updated** (`runbook`) — no file under `docs/runbooks/**` changed",
        "  - How: Describe how to operate and roll back the change in docs/runbooks/.",
        "- ⏳ CI green — `ci/test` is in progress",
        "",
        "**Waived**",
        "- ⏭️ **Behind a feature flag** (`feature-flag`, Joint) — waived by `@pm-alice`, `@eng-bob` on 2024-05-01: " +
          "internal tool, no rollout needed ([comment](https://github.com/acme/shop/pull/42#issuecomment-99))",
        "",
        "✅ 3 items are met; the **Definition of Done** check lists the evidence.",
        "",
        "<sub>Owners can waive an item with `/dod waive <id> <reason>`; `/dod check` checks again.</sub>",
      ].join("\n"),
    );
  });

  it("is short when everything is done", () => {
    const done = report([item({ id: "a" }), item({ id: "b" }), item({ id: "c", status: "not_applicable" })]);
    expect(commentBody(done)).toBe(
      `${COMMENT_MARKER}\n## Definition of Done: 2 of 2 done\n\n✅ All 2 items of the definition of done are met.`,
    );
  });

  it("still lists waivers when everything is done", () => {
    const waived = item({
      id: "docs",
      title: "Docs",
      owner: "product",
      status: "waived",
      waiver: { by: ["pm-alice"], reason: "docs ship next sprint", at: "2024-06-02T08:00:00Z", url: "https://x/1" },
    });
    expect(commentBody(report([item({ id: "a" }), waived]))).toBe(
      [
        COMMENT_MARKER,
        "## Definition of Done: 2 of 2 done",
        "",
        "✅ All 2 items of the definition of done are met or waived.",
        "",
        "**Waived**",
        "- ⏭️ **Docs** (`docs`, Product) — waived by `@pm-alice` on 2024-06-02: docs ship next sprint ([comment](https://x/1))",
      ].join("\n"),
    );
  });

  it("shows a change to done.yml with its problems", () => {
    const body = commentBody(
      report([item({ id: "a" })], {
        configChange: {
          file: ".github/done.yml",
          changes: [{ kind: "removed", text: "removes `runbook`" }],
          problems: [
            { file: ".github/done.yml", line: 2, column: 1, path: "mode", message: "expected blocking or advisory" },
          ],
        },
      }),
    );
    expect(body).toContain("**This pull request changes the definition of done**\n");
    expect(body).toContain("- ➖ removes `runbook`");
    expect(body).toContain("- `.github/done.yml:2:1` `mode` — expected blocking or advisory");
    expect(body).not.toContain("The one item");
  });

  it("speaks of a single item in the singular", () => {
    expect(commentBody(report([item({ id: "a" })]))).toContain("\n✅ The one item of the definition of done is met.");
  });

  it("stays within 65,536 characters and keeps its marker", () => {
    const items = Array.from({ length: 400 }, (_, i) =>
      item({ id: `i-${i}`, status: "missing", reason: "r".repeat(150), hint: "h".repeat(100) }),
    );
    const body = commentBody(report(items));
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body.startsWith(`${COMMENT_MARKER}\n## Definition of Done: 0 of 400 done`)).toBe(true);
    expect(body.split("\n").at(-1)).toMatch(
      /^_… \d+ more items not shown \(a comment is limited to 65,536 characters\)\._$/,
    );
  });
});

describe("shouldComment", () => {
  const missing = report([item({ id: "a", status: "missing" })]);
  const failed = report([item({ id: "a", status: "error" })]);
  const pending = report([item({ id: "a", status: "pending" })]);
  const done = report([item({ id: "a" })]);

  it.each([
    ["on-missing", missing, false, true],
    ["on-missing", failed, false, true],
    ["on-missing", pending, false, false],
    ["on-missing", done, false, false],
    ["on-missing", done, true, true],
    ["always", done, false, true],
    ["never", missing, false, false],
    ["never", missing, true, false],
  ] as const)("%s, %o, existing %s → %s", (mode, r, existing, expected) => {
    expect(shouldComment(mode, r, existing)).toBe(expected);
  });
});
