import { describe, expect, it } from "vitest";
import { embedReport, readEmbeddedReport } from "../../src/report/embed.js";
import { facts, item, report, sampleItems } from "./fixtures.js";

describe("embedReport", () => {
  it("is one hidden comment that reads back as the compact summary", () => {
    const block = embedReport(report(sampleItems()), facts());
    expect(block.startsWith("<!-- dod:report {")).toBe(true);
    expect(block.endsWith("} -->")).toBe(true);
    expect(block).not.toContain("\n");
    const read = readEmbeddedReport(`# Summary\n\ntext\n\n${block}`);
    expect(read?.v).toBe(1);
    expect(read?.sha).toBe("0123456789abcdef0123456789abcdef01234567");
    expect(read?.conclusion).toBe("failure");
    expect(read?.items).toHaveLength(8);
    expect(read?.items[0]).toEqual({
      id: "acceptance-criteria",
      title: "Acceptance criteria agreed",
      owner: "product",
      status: "missing",
    });
    expect(read?.items.find((i) => i.id === "feature-flag")?.waiver).toEqual({
      by: ["pm-alice", "eng-bob"],
      reason: "internal tool, no rollout needed",
      at: "2024-05-01T09:30:00Z",
    });
  });

  it("cannot be closed early by text in titles or reasons", () => {
    const title = "a -- b --> c --!> <!-- d ---";
    const r = report([
      item({ id: "x", title, status: "waived", waiver: { by: ["a"], reason: "-->", at: "", url: "" } }),
    ]);
    const block = embedReport(r, facts());
    const inner = block.slice("<!-- ".length, -" -->".length);
    expect(inner).not.toContain("--");
    expect(inner).not.toMatch(/[<>]/);
    const read = readEmbeddedReport(block);
    expect(read?.items[0]?.title).toBe(title);
    expect(read?.items[0]?.waiver?.reason).toBe("-->");
  });

  it("drops titles and reasons when too long, then the whole block", () => {
    const r = report([item({ id: "x", title: "A long title ".repeat(5) })]);
    const full = embedReport(r, facts());
    const bare = embedReport(r, facts(), full.length - 1);
    expect(readEmbeddedReport(bare)?.items[0]?.title).toBe("");
    expect(embedReport(r, facts(), 20)).toBe("");
  });
});

describe("readEmbeddedReport", () => {
  it.each([
    ["no block", "just a summary"],
    ["empty", ""],
    ["unclosed", '<!-- dod:report {"v":1'],
    ["not JSON", "<!-- dod:report {nope} -->"],
    ["other version", '<!-- dod:report {"v":2,"sha":"a","conclusion":"success","items":[]} -->'],
    [
      "bad status",
      '<!-- dod:report {"v":1,"sha":"a","conclusion":"success","items":[{"id":"x","title":"","owner":"joint","status":"done"}]} -->',
    ],
    ["not an object", "<!-- dod:report null -->"],
  ])("returns null for %s", (_name, summary) => {
    expect(readEmbeddedReport(summary)).toBeNull();
  });

  it("returns null for something that is not a string", () => {
    expect(readEmbeddedReport(undefined as unknown as string)).toBeNull();
  });

  it("reads the last block", () => {
    const old = '<!-- dod:report {"v":1,"sha":"old","conclusion":"success","items":[]} -->';
    const current = '<!-- dod:report {"v":1,"sha":"new","conclusion":"pending","items":[]} -->';
    expect(readEmbeddedReport(`${old}\n${current}`)).toEqual({ v: 1, sha: "new", conclusion: "pending", items: [] });
  });
});
