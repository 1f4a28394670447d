import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { omittedItemsNote, truncateMarkdown } from "../../src/report/truncate.js";

const note = (omitted: readonly string[]) => `(${omitted.length} cut)`;

describe("truncateMarkdown", () => {
  it("returns text that fits unchanged", () => {
    expect(truncateMarkdown("a\nb", 3, note)).toBe("a\nb");
  });

  it("cuts at a line boundary and appends the note", () => {
    expect(truncateMarkdown("- one\n- two\n- three\n- four", 19, note)).toBe("- one\n\n(3 cut)");
    expect(truncateMarkdown("- one\n- two\n- three\n- four", 20, note)).toBe("- one\n- two\n\n(2 cut)");
  });

  it("passes the omitted lines to the note", () => {
    const seen: string[][] = [];
    truncateMarkdown("keep\n- x\n- y", 10, (omitted) => {
      seen.push([...omitted]);
      return "…";
    });
    expect(seen.at(-1)).toEqual(["- x", "- y"]);
  });

  it("never cuts inside a code fence", () => {
    const text = ["intro", "```yaml", "a: 1", "b: 2", "```", "outro"].join("\n");
    expect(truncateMarkdown(text, 30, note)).toBe("intro\n\n(5 cut)");
  });

  it("never cuts inside a multi-line HTML comment", () => {
    const text = ["intro", "<!-- hidden", "still hidden", "-->", "after"].join("\n");
    expect(truncateMarkdown(text, 33, note)).toBe("intro\n\n(4 cut)");
  });

  it("closes a <details> left open at the cut", () => {
    const text = ["<details><summary>more</summary>", "", "- a", "- b", "- c", "- d", "</details>"].join("\n");
    expect(truncateMarkdown(text, 57, note)).toBe(
      ["<details><summary>more</summary>", "", "- a", "</details>", "", "(4 cut)"].join("\n"),
    );
  });

  it("falls back to the note alone when no line fits", () => {
    expect(truncateMarkdown("x".repeat(50), 10, () => "note that is long")).toBe("note that ");
  });

  it("always stays within the limit and keeps whole lines", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 30 }), { maxLength: 40 }),
        fc.integer({ min: 20, max: 400 }),
        (parts, limit) => {
          const text = parts.map((p) => p.replace(/\n/g, " ")).join("\n");
          const out = truncateMarkdown(text, limit, note);
          expect(out.length).toBeLessThanOrEqual(limit);
          if (out !== text) expect(out).toMatch(/\(\d+ cut\)$/);
        },
      ),
    );
  });
});

describe("omittedItemsNote", () => {
  it("counts omitted top-level list items", () => {
    const noteFor = omittedItemsNote("the summary", 65_535);
    expect(noteFor(["- a", "  - How: b", "- c", ""])).toBe(
      "_… 2 more items not shown (the summary is limited to 65,535 characters)._",
    );
    expect(noteFor(["- a"])).toBe("_… 1 more item not shown (the summary is limited to 65,535 characters)._");
    expect(noteFor(["text", "more"])).toBe("_… 2 more lines not shown (the summary is limited to 65,535 characters)._");
  });
});
