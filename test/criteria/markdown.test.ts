import { describe, expect, it } from "vitest";
import { findSections, hasContent, parseBlocks, tasksIn } from "../../src/criteria/markdown.js";

function boxes(markdown: string, heading: string): string[] {
  return findSections(parseBlocks(markdown), heading)
    .flatMap(tasksIn)
    .map((t) => `${t.checked ? "x" : " "} ${t.text}`);
}

describe("sections and task lists", () => {
  it.each([
    ["any heading level, case and spacing", "#### ACCEPTANCE   Criteria ###\n- [ ] a\n* [x] b\n1. [X] c", ["  a", "x b", "x c"]],
    ["section ends at a same-level heading", "## Acceptance criteria\n- [ ] a\n## Notes\n- [ ] n", ["  a"]],
    ["sub-headings stay inside", "## Acceptance criteria\n### Backend\n- [x] a\n# Other\n- [ ] z", ["x a"]],
    ["bold line heading, ends at any heading", "**Acceptance criteria:**\n- [ ] a\n### Notes\n- [ ] n", ["  a"]],
    ["bold grouping lines inside an ATX section", "## Acceptance criteria\n**API**\n- [ ] a\n**UI**\n- [x] b", ["  a", "x b"]],
    ["setext heading", "Acceptance criteria\n-------------------\n- [ ] a", ["  a"]],
    ["HTML comments hide boxes", "## Acceptance criteria\n<!-- - [ ] hidden\n- [ ] hidden too -->\n- [x] shown <!-- - [ ] inline -->", ["x shown"]],
    ["fenced code hides boxes", "## Acceptance criteria\n```md\n- [ ] in code\n## Not a heading\n```\n~~~\n- [ ] tilde\n~~~\n- [ ] a", ["  a"]],
    ["indented code hides boxes", "## Acceptance criteria\n\n    - [ ] in code\n\n- [ ] a", ["  a"]],
    ["nested boxes count", "## Acceptance criteria\n- [ ] a\n    - [x] nested\n\n    - [ ] nested after blank", ["  a", "x nested", "  nested after blank"]],
    ["a heading inside a comment is no heading", "<!-- ## Acceptance criteria -->\n- [ ] a", []],
    ["not a box without the space", "## Acceptance criteria\n- [x]a\n- [ ]\n- [y] b", ["  "]],
  ])("%s", (_name, markdown, expected) => {
    expect(boxes(markdown, "Acceptance criteria")).toEqual(expected);
  });

  it.each([
    ["placeholder comment only", "## Testing\n<!-- how did you test? -->\n\n## Next", false],
    ["whitespace only", "## Testing\n   \n\n", false],
    ["sub-heading only", "## Testing\n### Unit\n## Next", false],
    ["text", "## Testing\n<!-- how? -->\nRan the suite.", true],
    ["code block", "## Testing\n```\nnpm test\n```", true],
  ])("section content: %s", (_name, markdown, expected) => {
    expect(findSections(parseBlocks(markdown), "testing").map(hasContent)).toEqual([expected]);
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
