// History, waivers on the record, the release at a glance and capacity by effort: the one aggregation, then each
// face's words for it. The Mermaid blocks are parsed with mermaid's own xychart grammar.
import { describe, expect, it } from "vitest";
import { aggregate } from "../../src/dashboard/aggregate.js";
import { renderChartsText } from "../../src/dashboard/chart-text.js";
import { trendCharts } from "../../src/dashboard/charts.js";
import { renderDashboardMarkdown } from "../../src/dashboard/render-markdown.js";
import { parser } from "../fixtures/mermaid/xychart-parser.js";
import { historyReleases } from "./data.js";
import { CAPACITY, historyInput } from "./history.js";

const NOW = new Date("2026-11-30T15:00:00Z");
const config = { dashboard: { capacity: CAPACITY } };

/** Runs mermaid's xychart parser over a block, recording what it would draw; throws on a syntax error. */
function parseXychart(text: string): Record<string, unknown[]> {
  const seen: Record<string, unknown[]> = {};
  const methods = [
    "setDiagramTitle",
    "setXAxisBand",
    "setXAxisTitle",
    "setXAxisRangeData",
    "setYAxisTitle",
    "setYAxisRangeData",
    "setBarData",
    "setLineData",
    "setOrientation",
    "setAccTitle",
    "setAccDescription",
    "setTmpSVGG",
    "getDiagramTitle",
    "getAccTitle",
    "getAccDescription",
    "clear",
  ];
  parser.parser.yy = Object.fromEntries(
    methods.map((m) => [
      m,
      (...args: unknown[]) => {
        seen[m] ??= [];
        seen[m].push(args.length === 1 ? args[0] : args);
        return args[0];
      },
    ]),
  );
  parser.parse(text);
  return seen;
}

const mermaidBlocks = (markdown: string) => [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe("the history of releases", () => {
  const model = aggregate(historyInput(), config, { now: NOW });

  it("lists the open release first, then the closed ones most recently closed first, with totals of the open ones", () => {
    expect(model.releases.map((r) => [r.name, r.state])).toEqual([
      ["v1.3", "open"],
      ["v1.2", "closed"],
      ["v1.1", "closed"],
      ["v1.0", "closed"],
    ]);
    expect(model.totals.pulls).toBe(7);
  });

  it("keeps each release's done debt, waivers with who, why and when, and capacity against the target", () => {
    const v10 = model.releases.find((r) => r.name === "v1.0")!;
    expect(v10.debt.map((p) => p.number)).toEqual([1, 3]);
    expect(v10.debtItems).toBe(3);
    const v11 = model.releases.find((r) => r.name === "v1.1")!;
    expect(v11.waivers).toEqual([
      {
        pull: 5,
        pullTitle: "Cart",
        pullUrl: "https://github.com/acme/shop/pull/5",
        pullDone: true,
        id: "docs",
        title: "docs",
        owner: "engineering",
        by: ["lead-bob"],
        reason: "docs follow in #40",
        at: "2026-08-20T09:00:00Z",
      },
      {
        pull: 6,
        pullTitle: "Flaky tests",
        pullUrl: "https://github.com/acme/shop/pull/6",
        pullDone: true,
        id: "acceptance",
        title: "acceptance",
        owner: "product",
        by: ["pm-alice"],
        reason: "no user-facing change",
        at: "2026-08-21T09:00:00Z",
      },
    ]);
    expect(v11.capacity!.shares.map((s) => [s.group, s.percent, s.target, s.off])).toEqual([
      ["feature", 67, 80, true],
      ["health", 33, 20, true],
    ]);
  });

  it("trends oldest first, the open release last", () => {
    expect(model.trend).toEqual([
      {
        release: "v1.0",
        state: "closed",
        pulls: 4,
        debtItems: 3,
        debtPulls: 2,
        debtPaid: 0,
        waivers: 0,
        shares: { feature: 75, health: 25 },
      },
      {
        release: "v1.1",
        state: "closed",
        pulls: 3,
        debtItems: 1,
        debtPulls: 1,
        debtPaid: 0,
        waivers: 2,
        shares: { feature: 67, health: 33 },
      },
      {
        release: "v1.2",
        state: "closed",
        pulls: 4,
        debtItems: 0,
        debtPulls: 0,
        debtPaid: 0,
        waivers: 0,
        shares: { feature: 50, health: 50 },
      },
      {
        release: "v1.3",
        state: "open",
        pulls: 7,
        debtItems: 1,
        debtPulls: 1,
        debtPaid: 0,
        waivers: 1,
        shares: { feature: 67, health: 33 },
      },
    ]);
  });

  it.each([
    { dueOn: "2026-12-04T00:00:00Z", daysLeft: 4 },
    { dueOn: "2026-11-30T00:00:00Z", daysLeft: 0 },
    { dueOn: "2026-11-28T07:00:00Z", daysLeft: -2 },
  ])("counts days to a due date of $dueOn: $daysLeft", ({ dueOn, daysLeft }) => {
    const releases = historyReleases().slice(3);
    releases[0]!.milestone.dueOn = dueOn;
    const open = aggregate(historyInput(releases), config, { now: NOW }).releases[0]!;
    expect(open.due).toEqual({ date: dueOn.slice(0, 10), daysLeft });
    expect(open.progress).toEqual({ done: 2, total: 7, percent: 29 });
  });

  it("weighs capacity by lines changed when asked, and names the pull requests in no group", () => {
    const byLines = aggregate(
      historyInput(),
      { dashboard: { capacity: { ...CAPACITY, weight: "lines" as const } } },
      { now: NOW },
    );
    const v10 = byLines.releases.find((r) => r.name === "v1.0")!.capacity!;
    // feature: #1 + #2 + #3 = 11 + 22 + 33 lines; health: #4 = 44 lines.
    expect(v10.shares.map((s) => [s.group, s.pulls, s.lines, s.percent])).toEqual([
      ["feature", 3, 66, 60],
      ["health", 1, 44, 40],
    ]);
    const open = byLines.releases[0]!.capacity!;
    expect(open.ungroupedPulls.map((p) => p.number)).toEqual([15]);
  });
});

describe("the history in Markdown", () => {
  const model = aggregate(historyInput(), config, { now: NOW });
  const body = renderDashboardMarkdown(model, { marker: true });

  it("shows the open release at a glance and its waivers on the record", () => {
    expect(body).toContain(
      "## [v1.3](https://github.com/acme/shop/milestone/4) — due 2026-12-04, 4 days left\n\n`██████░░░░░░░░░░░░░░` **2 of 7 done (29%)**",
    );
    expect(body).toContain(
      "### Waivers on the record (1)\n\n| Pull request | Item | Waived by | When | Why |\n|---|---|---|---|---|\n| [#13](https://github.com/acme/shop/pull/13) Pricing page | docs (engineering) | @lead-bob |  | internal only |",
    );
  });

  it("tabulates the closed releases and folds their debt and waivers, done pull requests included", () => {
    expect(body).toContain(
      [
        "## History — the last 3 closed releases",
        "",
        "| Release | Closed | Pull requests | Done debt | Waivers | Capacity |",
        "|---|---|---:|---|---:|---|",
        "| [v1.2](https://github.com/acme/shop/milestone/3) | 2026-10-01 | 4 | none | 0 | feature 50% (80) ⚠️ · health 50% (20) ⚠️ |",
        "| [v1.1](https://github.com/acme/shop/milestone/2) | 2026-09-01 | 3 | 💸 1 item in 1 PR | 2 | feature 67% (80) ⚠️ · health 33% (20) ⚠️ |",
        "| [v1.0](https://github.com/acme/shop/milestone/1) | 2026-08-01 | 4 | 💸 3 items in 2 PRs | 0 | feature 75% (80) · health 25% (20) |",
      ].join("\n"),
    );
    expect(body).toContain(
      "| [#5](https://github.com/acme/shop/pull/5) Cart ✅ | docs (engineering) | @lead-bob | 2026-08-20 | docs follow in #40 |",
    );
  });

  it("draws each trend as a Mermaid xychart that mermaid's grammar parses to the model's numbers", () => {
    const blocks = mermaidBlocks(body);
    expect(blocks).toHaveLength(3);
    const drawn = blocks.map(parseXychart);
    expect(drawn.map((d) => d.setDiagramTitle)).toEqual([
      ["Done debt per release (items)"],
      ["Waivers per release (waivers)"],
      ["health share of capacity (%) — line: target 20%"],
    ]);
    for (const d of drawn) {
      expect((d.setXAxisBand![0] as { text: string }[]).map((t) => t.text)).toEqual([
        "v1.0",
        "v1.1",
        "v1.2",
        "v1.3 (open)",
      ]);
    }
    const bars = drawn.map((d) => ((d.setBarData![0] as unknown[])[1] as { value: number }[]).map((v) => v.value));
    expect(bars).toEqual([
      [3, 1, 0, 1],
      [0, 2, 0, 1],
      [25, 33, 50, 33],
    ]);
    expect(((drawn[2]!.setLineData![0] as unknown[])[1] as { value: number }[]).map((v) => v.value)).toEqual([
      20, 20, 20, 20,
    ]);
    expect(drawn[0]!.setYAxisRangeData).toEqual([[0, 5]]);
  });

  it("keeps hostile release names inside Mermaid's strings", () => {
    const releases = historyReleases();
    const names = ['v"1', "v%%2 ]", "v`3`,\nx", 'v4; title "pwn"'];
    for (const [i, r] of releases.entries()) r.milestone.title = names[i]!;
    const blocks = mermaidBlocks(renderDashboardMarkdown(aggregate(historyInput(releases), config, { now: NOW })));
    expect(blocks).toHaveLength(3);
    for (const block of blocks) {
      const band = (parseXychart(block).setXAxisBand![0] as { text: string }[]).map((t) => t.text);
      expect(band).toHaveLength(4);
    }
  });

  it("a broken block would fail the parser (the check can fail)", () => {
    expect(() => parseXychart('xychart-beta\n  x-axis ["a", "b"]\n  bar [1, \n')).toThrow(/Parse error/);
  });

  it("gives the CLI the same trends as text", () => {
    const text = renderChartsText(trendCharts(model));
    expect(text).toBe(
      [
        "                                                v1.0  v1.1  v1.2  v1.3*",
        "Done debt per release                     ▅▂▁▂     3     1     0      1",
        "Waivers per release                       ▁█▁▅     0     2     0      1",
        "health share of capacity (%) · target 20  ▃▃▅▃    25    33    50     33",
        "(oldest first; * still open)",
      ].join("\n"),
    );
    expect(renderDashboardMarkdown(model, { charts: "text" })).toContain(`\`\`\`text\n${text}\n\`\`\``);
  });

  it("draws no trend from a single release", () => {
    const single = aggregate(historyInput(historyReleases().slice(3)), config, { now: NOW });
    expect(trendCharts(single)).toEqual([]);
    expect(renderDashboardMarkdown(single)).not.toContain("## Trends");
  });
});
