import { describe, expect, it } from "vitest";
import {
  findSections,
  hasContent,
  normalizeHeading,
  normalizeItem,
  parseBlocks,
  tasksIn,
} from "../../src/criteria/markdown.js";

function boxes(markdown: string, heading: string): string[] {
  return findSections(parseBlocks(markdown), heading)
    .flatMap(tasksIn)
    .map((t) => `${t.checked ? "x" : " "} ${t.text}`);
}

describe("sections and task lists", () => {
  it.each([
    [
      "any heading level, case and spacing",
      "#### ACCEPTANCE   Criteria ###\n- [ ] a\n* [x] b\n1. [X] c",
      ["  a", "x b", "x c"],
    ],
    ["section ends at a same-level heading", "## Acceptance criteria\n- [ ] a\n## Notes\n- [ ] n", ["  a"]],
    ["sub-headings stay inside", "## Acceptance criteria\n### Backend\n- [x] a\n# Other\n- [ ] z", ["x a"]],
    ["bold line heading, ends at any heading", "**Acceptance criteria:**\n- [ ] a\n### Notes\n- [ ] n", ["  a"]],
    [
      "bold grouping lines inside an ATX section",
      "## Acceptance criteria\n**API**\n- [ ] a\n**UI**\n- [x] b",
      ["  a", "x b"],
    ],
    ["setext heading", "Acceptance criteria\n-------------------\n- [ ] a", ["  a"]],
    [
      "HTML comments hide boxes",
      "## Acceptance criteria\n<!-- - [ ] hidden\n- [ ] hidden too -->\n- [x] shown <!-- - [ ] inline -->",
      ["x shown"],
    ],
    [
      "fenced code hides boxes",
      "## Acceptance criteria\n```md\n- [ ] in code\n## Not a heading\n```\n~~~\n- [ ] tilde\n~~~\n- [ ] a",
      ["  a"],
    ],
    ["indented code hides boxes", "## Acceptance criteria\n\n    - [ ] in code\n\n- [ ] a", ["  a"]],
    [
      "nested boxes count",
      "## Acceptance criteria\n- [ ] a\n    - [x] nested\n\n    - [ ] nested after blank",
      ["  a", "x nested", "  nested after blank"],
    ],
    ["a heading inside a comment is no heading", "<!-- ## Acceptance criteria -->\n- [ ] a", []],
    ["not a box without the space", "## Acceptance criteria\n- [x]a\n- [ ]\n- [y] b", ["  "]],
    // `<!--` opens a comment block only at the start of a line; mid-line only a complete comment is cut out.
    [
      "`<!--` in a code span",
      "## Acceptance criteria\n- [x] Parser handles `<!--` in input\n- [ ] Renderer escapes it",
      ["x Parser handles `<!--` in input", "  Renderer escapes it"],
    ],
    [
      "unclosed `<!--` mid-line",
      "## Acceptance criteria\n- [x] Strips <!-- markers\n- [ ] b",
      ["x Strips <!-- markers", "  b"],
    ],
    [
      "code spans keep `<!--` and `-->`",
      "## Acceptance criteria\n- [x] `<!--` and `-->` escaped\n- [ ] b",
      ["x `<!--` and `-->` escaped", "  b"],
    ],
    [
      "a line starting with a comment is HTML",
      "## Acceptance criteria\n<!-- tick --> - [x] Tests added\n- [ ] b",
      ["  b"],
    ],
    ["a comment block ends with its list item", "## Acceptance criteria\n- a\n  <!-- note\n- [ ] b\n-->", ["  b"]],
    // Lists, lazy lines, fences and headings as CommonMark nests them.
    [
      "`---` after a lazy line is a break",
      "## Acceptance criteria\n- [x] Works offline\nsee notes\n---\n- [ ] Syncs",
      ["x Works offline", "  Syncs"],
    ],
    [
      "a fence ends with its list item",
      "## Acceptance criteria\n- [x] one\nExample:\n    ```\n- [ ] two",
      ["x one", "  two"],
    ],
    ["an over-indented fence is paragraph text", "## Acceptance criteria\nExample:\n    ```\n- [ ] two", ["  two"]],
    [
      "a fence in a list item hides boxes",
      "## Acceptance criteria\n- [x] one\n  ```\n  - [ ] in code\n  ```\n- [ ] two",
      ["x one", "  two"],
    ],
    ["a heading ends the list", "## Tasks\n- [ ] a\n## Acceptance criteria\n\n    - [x] example", []],
    [
      "a box indented past a nested item's reach is text",
      "## Acceptance criteria\n- [ ] a\n      - [x] not nested\n-     [ ] code",
      ["  a"],
    ],
    ["only `1.` starts a list inside a paragraph", "## Acceptance criteria\nSteps:\n2. [ ] b\n- [ ] a", ["  a"]],
    [
      "a bold line underlined by `===` is level 1",
      "**Acceptance criteria**\n===\n- [ ] a\n## Notes\n- [ ] n",
      ["  a", "  n"],
    ],
    ["indented code right after a heading", "## Acceptance criteria\n    - [x] example\n- [ ] a", ["  a"]],
  ])("%s", (_name, markdown, expected) => {
    expect(boxes(markdown, "Acceptance criteria")).toEqual(expected);
  });

  it.each([
    ["placeholder comment only", "## Testing\n<!-- how did you test? -->\n\n## Next", false],
    ["whitespace only", "## Testing\n   \n\n", false],
    ["sub-heading only", "## Testing\n### Unit\n## Next", false],
    ["text", "## Testing\n<!-- how? -->\nRan the suite.", true],
    ["code block", "## Testing\n```\nnpm test\n```", true],
    ["empty fenced block", "## Testing\n```bash\n```\n## Next", false],
    ["fenced block of blank lines", "## Testing\n~~~\n\n~~~", false],
    ["text after a comment", "## Testing\n<!-- how? --> Ran the suite.", true],
  ])("section content: %s", (_name, markdown, expected) => {
    expect(findSections(parseBlocks(markdown), "testing").map(hasContent)).toEqual([expected]);
  });

  it.each([
    ["Acceptance Criteria :", "acceptance criteria"],
    ["__Testing__", "testing"],
    ["  Testing\t notes:", "testing notes"],
  ])("heading %j normalizes to %j", (text, expected) => {
    expect(normalizeHeading(text)).toBe(expected);
  });

  it.each([
    ["Tests  added...", "tests added"],
    ["Docs updated?!…", "docs updated"],
    ["Ready. ", "ready"],
  ])("checkbox %j normalizes to %j", (text, expected) => {
    expect(normalizeItem(text)).toBe(expected);
  });

  it("handles a 60,000-character body with 300 boxes", () => {
    const items = Array.from({ length: 300 }, (_, i) => `- [${i % 3 ? "x" : " "}] item ${i} ${"word ".repeat(30)}`);
    const body = `# Story\n${"Some prose. ".repeat(500)}\n## Acceptance criteria\n${items.join("\n")}\n## Notes\n`;
    expect(body.length).toBeGreaterThan(50_000);
    const found = findSections(parseBlocks(body), "Acceptance criteria").flatMap(tasksIn);
    expect(found).toHaveLength(300);
    expect(found.filter((t) => !t.checked)).toHaveLength(100);
  });
});
