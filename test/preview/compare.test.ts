// The pure preview: two reports per pull request in, what changes out; and its Markdown and text, escaped.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/resolve.js";
import type { ResolvedConfig } from "../../src/config/schema.js";
import type { ItemResult, ItemStatus, Report } from "../../src/model/report.js";
import { buildPreview, compareReports, type JudgedPull } from "../../src/preview/compare.js";
import { previewLines, previewText } from "../../src/report/preview.js";

const item = (id: string, status: ItemStatus, title = id): ItemResult => ({
  id,
  title,
  owner: "engineering",
  status,
  reason: "",
  evidence: [],
});
const report = (...items: ItemResult[]): Report => ({
  conclusion: items.some((i) => i.status === "missing" || i.status === "error") ? "failure" : "success",
  mode: "blocking",
  title: "",
  items,
  counts: { met: 0, missing: 0, pending: 0, not_applicable: 0, error: 0, waived: 0 },
});

describe("compareReports", () => {
  it.each([
    [
      "an added item that is missing",
      report(item("a", "met")),
      report(item("a", "met"), item("b", "missing")),
      ["b"],
      [],
      "newly-missing",
    ],
    ["an added item that is met", report(item("a", "met")), report(item("a", "met"), item("b", "met")), [], [], "none"],
    [
      "an item that stops applying",
      report(item("a", "missing")),
      report(item("a", "not_applicable")),
      [],
      ["a"],
      "newly-met",
    ],
    [
      "a removed item that was missing",
      report(item("a", "missing"), item("b", "met")),
      report(item("b", "met")),
      [],
      ["a"],
      "newly-met",
    ],
    [
      "an item now met and another now missing",
      report(item("a", "missing"), item("b", "met")),
      report(item("a", "met"), item("b", "missing")),
      ["b"],
      ["a"],
      "both",
    ],
    ["missing under both", report(item("a", "missing")), report(item("a", "missing")), [], [], "none"],
    [
      "an error counts as missing",
      report(item("a", "pending")),
      report(item("a", "error")),
      ["a"],
      [],
      "newly-missing",
    ],
    ["a waiver counts as not missing", report(item("a", "waived")), report(item("a", "waived")), [], [], "none"],
  ])("%s", (_name, before, after, missing, met, change) => {
    const result = compareReports(before, after);
    expect(result.newlyMissing.map((i) => i.id)).toEqual(missing);
    expect(result.newlyMet.map((i) => i.id)).toEqual(met);
    expect(result.change).toBe(change);
  });

  it("names an item newly met by its proposed title", () => {
    const result = compareReports(report(item("a", "missing", "Old")), report(item("a", "met", "New")));
    expect(result.newlyMet).toEqual([{ id: "a", title: "New" }]);
  });
});

const config = (text: string): ResolvedConfig => {
  const loaded = loadConfig({ file: ".github/done.yml", text });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.failure));
  return loaded.config;
};
const owners = "owners: { product: [pm], engineering: [lead] }\ncriteria:\n";
const criterion = (id: string, require: string, title = id) =>
  `  - { id: ${id}, title: "${title}", owner: engineering, require: ${require} }\n`;

describe("buildPreview", () => {
  const current = config(
    owners + criterion("tests", "{ files: [test/**] }") + criterion("docs", "{ files: [docs/**] }"),
  );
  const proposed = config(
    owners +
      criterion("tests", "{ files: [test/**, src/**/*.test.ts] }") +
      criterion("docs", "{ files: [docs/**] }", "Docs (reworded)") +
      criterion("changelog", "{ files: [CHANGELOG.md] }"),
  );
  const judged = (number: number, state: "open" | "merged", before: Report, after: Report): JudgedPull => ({
    repo: "acme/shop",
    number,
    title: `PR ${number}`,
    url: `https://github.com/acme/shop/pull/${number}`,
    state,
    before,
    after,
  });

  it("lists open pull requests first and shares only items added or judged differently, over merged ones", () => {
    const preview = buildPreview(
      "acme/shop",
      [
        judged(9, "merged", report(), report(item("changelog", "met"), item("tests", "met"))),
        judged(8, "merged", report(), report(item("changelog", "missing"), item("tests", "not_applicable"))),
        judged(3, "open", report(item("tests", "met")), report(item("tests", "met"), item("changelog", "missing"))),
      ],
      current,
      proposed,
    );
    expect(preview.pulls.map((p) => [p.number, p.change])).toEqual([
      [3, "newly-missing"],
      [9, "none"],
      [8, "newly-missing"],
    ]);
    expect([preview.open, preview.merged]).toEqual([1, 2]);
    // `docs` is only reworded: its verdicts cannot change, so it has no share.
    expect(preview.criteria).toEqual([
      { id: "tests", title: "tests", kind: "changed", applicable: 1, met: 1, recent: 2 },
      { id: "changelog", title: "changelog", kind: "added", applicable: 2, met: 1, recent: 2 },
    ]);
  });
});

describe("the preview's Markdown and text", () => {
  const hostile = "Fix | pipes <img src=x> @everyone **bold** [link](http://x)";
  const preview = buildPreview(
    "acme/shop",
    [
      {
        repo: "acme/shop",
        number: 4,
        title: hostile,
        url: "https://github.com/acme/shop/pull/4",
        state: "open",
        before: report(item("a", "met")),
        after: report(item("a", "met"), item("b", "missing", "B | <b>")),
      },
      {
        repo: "acme/api",
        number: 7,
        title: "Other repository",
        url: "https://github.com/acme/api/pull/7",
        state: "open",
        before: report(),
        after: report(),
      },
    ],
    config(`${owners}${criterion("a", "{ files: [a] }")}`),
    config(`${owners}${criterion("a", "{ files: [a] }")}${criterion("b", "{ files: [b] }")}`),
  );

  it("escapes titles so a table cell can't be split, nor HTML, a mention or a link made", () => {
    const md = previewLines(preview, "### Preview", ".github/done.yml").join("\n");
    const row = md.split("\n").find((line) => line.startsWith("| [#4]"))!;
    expect(row).toBe(
      "| [#4](https://github.com/acme/shop/pull/4) Fix \\| pipes \\<img src=x\\> @\u200beveryone \\*\\*bold\\*\\* \\[link\\](http://x) | ✅ passes | ❌ fails | newly missing: B \\| \\<b\\> (`b`) |",
    );
    expect(row.split(/(?<!\\)\|/)).toHaveLength(6);
    // Another repository's pull request is named with its repository.
    expect(md).toContain("No change for 1 pull request: [acme/api#7](https://github.com/acme/api/pull/7).");
  });

  it("prints one line per pull request for a terminal", () => {
    expect(previewText(preview).split("\n").slice(2, 5)).toEqual([
      "state  pull request  title                                     now → proposed  what changes",
      "open   #4            Fix | pipes <img src=x> @everyone **bol…  pass → FAIL     newly missing: b",
      "open   acme/api#7    Other repository                          pass → pass     no change",
    ]);
  });
});
