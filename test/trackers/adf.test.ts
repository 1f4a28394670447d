import { describe, expect, it } from "vitest";
import { findSections, parseBlocks, tasksIn } from "../../src/criteria/markdown.js";
import { adfToMarkdown } from "../../src/trackers/adf.js";
import { doc, heading, paragraph, tasks, text } from "../helpers/trackers.js";

/** The boxes under a heading, as the linked_issue check sees them after conversion. */
const boxes = (adf: unknown, under = "Acceptance criteria") =>
  findSections(parseBlocks(adfToMarkdown(adf)), under)
    .flatMap(tasksIn)
    .map((t) => `${t.checked ? "x" : " "} ${t.text}`);

describe("ADF to Markdown", () => {
  it("task items keep their state under their heading", () => {
    const adf = doc(
      heading("Story", 2),
      paragraph("As a user…"),
      heading("Acceptance criteria", 3),
      tasks(["Sign in", true], ["See errors", false]),
    );
    expect(adfToMarkdown(adf)).toContain("### Acceptance criteria\n\n- [x] Sign in\n- [ ] See errors");
    expect(boxes(adf)).toEqual(["x Sign in", "  See errors"]);
  });

  it("a bold label line acts as a heading, as it does in GitHub issues", () => {
    expect(boxes(doc(paragraph("Acceptance criteria", true), tasks(["Sign in", true])))).toEqual(["x Sign in"]);
  });

  it("nested task lists stay under their item", () => {
    const nested = { ...tasks(["Child", false]) };
    const adf = doc(heading("Acceptance criteria"), {
      ...tasks(["Parent", true]),
      content: [...tasks(["Parent", true]).content!, nested],
    });
    expect(boxes(adf)).toEqual(["x Parent", "  Child"]);
  });

  it("text that looks like Markdown is no box and no heading", () => {
    const adf = doc(
      heading("Acceptance criteria"),
      paragraph("- [ ] typed as text"),
      paragraph("# not a heading"),
      tasks(["Real", true]),
    );
    expect(boxes(adf)).toEqual(["x Real"]);
    expect(findSections(parseBlocks(adfToMarkdown(adf)), "not a heading")).toEqual([]);
  });

  it("a box inside a code block does not count", () => {
    const code = { type: "codeBlock", attrs: { language: "md" }, content: [text("- [ ] example")] };
    expect(boxes(doc(heading("Acceptance criteria"), code, tasks(["Real", false])))).toEqual(["  Real"]);
  });

  it("mentions, emoji and hard breaks read as text; unknown nodes are walked, junk is ignored", () => {
    const item = {
      type: "taskItem",
      attrs: { localId: "1", state: "DONE" },
      content: [
        text("Ping "),
        { type: "mention", attrs: { id: "1", text: "@Pat" } },
        { type: "hardBreak" },
        text("then ship "),
        { type: "emoji", attrs: { shortName: ":rocket:", text: "🚀" } },
      ],
    };
    const panel = {
      type: "panel",
      attrs: { panelType: "info" },
      content: [{ type: "taskList", attrs: { localId: "l" }, content: [item] }],
    };
    expect(boxes(doc(heading("Acceptance criteria"), panel))).toEqual(["x Ping @Pat then ship 🚀"]);
    expect(adfToMarkdown(null)).toBe("");
    expect(adfToMarkdown({ type: "doc", content: [42, null, { nope: 1 }] })).toBe("");
  });

  it("stops at a nesting depth Jira's editor never produces", () => {
    let node: any = tasks(["deep", true]);
    for (let i = 0; i < 10_000; i++) node = { type: "blockquote", content: [node] };
    expect(adfToMarkdown(doc(heading("Acceptance criteria"), node))).toBe("\n## Acceptance criteria\n");
  });
});
