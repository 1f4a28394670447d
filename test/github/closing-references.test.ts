import { BUDGET_MS, blocked } from "../hostile/budget.js";
import { describe, expect, it } from "vitest";
import { closingReferences, MAX_REFERENCES } from "../../src/github/closing-references.js";

const here = { owner: "acme", repo: "shop" };

describe("closing references in a pull request's title and description", () => {
  it.each([
    ["Fixes #7", [{ ...here, number: 7 }]],
    ["closes #7, resolves #8 and FIXED: #9", [7, 8, 9].map((number) => ({ ...here, number }))],
    ["close acme/specs#3", [{ owner: "acme", repo: "specs", number: 3 }]],
    ["Resolves https://github.com/acme/specs/issues/12", [{ owner: "acme", repo: "specs", number: 12 }]],
    ["Fixes https://elsewhere.example/acme/specs/issues/12", []],
    ["see #7; prefixes #8; fixes#9; fix #10abc; fixes #11/x", []],
    ["Fixes #7 and fixes #7 again", [{ ...here, number: 7 }]],
    ["```\nFixes #7\n```\n<!-- Fixes #8 -->\n    Fixes #9 (indented code)", []],
    ["- [x] Fixes #4", [{ ...here, number: 4 }]],
  ])("%s", (body, expected) => {
    expect(closingReferences("", body, here)).toEqual(expected);
  });

  it("reads the title too, first", () => {
    expect(closingReferences("Fix #2: login", "Closes #1", here).map((r) => r.number)).toEqual([2, 1]);
  });

  it(`follows at most ${MAX_REFERENCES} issues, in linear time on hostile text`, () => {
    const body = Array.from({ length: 50 }, (_, i) => `fixes #${i + 1}`).join("\n");
    expect(closingReferences("", body, here)).toHaveLength(MAX_REFERENCES);
    // CPU time, not wall time: a busy machine stretches the one, not the other.
    const { ms } = blocked(() =>
      closingReferences("", `fixes ${" ".repeat(60_000)}#1 ${"fixes:".repeat(10_000)}`, here),
    );
    expect(ms).toBeLessThan(BUDGET_MS);
  });
});
