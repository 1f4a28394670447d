import { describe, expect, it } from "vitest";
import { inline, oneLine } from "../../src/report/format.js";

describe("inline", () => {
  it.each([
    ["folds lines", "first line\r\n   second\n\nthird", "first line second third"],
    ["escapes < outside code spans", "a <!-- b", "a \\<!-- b"],
    [
      "escapes emphasis, links, entities and mentions",
      "*a* _b_ [c](d) &amp; @eve",
      "\\*a\\* \\_b\\_ \\[c\\](d) \\&amp; @\u200beve",
    ],
    ["keeps code spans raw", "use `<details>` here", "use `<details>` here"],
    ["matches backtick runs of equal length only", "``<!--` odd", "\\`\\`\\<!--\\` odd"],
    ["double-backtick spans stay raw", "see ``<b>`` now", "see ``<b>`` now"],
  ])("%s", (_what, text, expected) => {
    expect(inline(text)).toBe(expected);
  });

  it("caps the length", () => {
    expect(inline("x".repeat(20), 10)).toBe(`${"x".repeat(9)}…`);
  });

  it("handles very long runs of white space in one pass", () => {
    expect(inline(`a${" ".repeat(60_000)}\nb`)).toBe("a");
    expect(inline(`a${" ".repeat(400)}\n${" ".repeat(400)}b`)).toBe("a b");
    expect(oneLine(`${"\n".repeat(50_000)}x${" \n".repeat(50_000)}`)).toBe("x");
  });
});
