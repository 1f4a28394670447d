import { describe, expect, it } from "vitest";
import { aggregate, filterModel } from "../../src/dashboard/aggregate.js";
import type { DashboardInput, PullInput } from "../../src/model/dashboard.js";
import { readEmbeddedReport } from "../../src/report/embed.js";
import { item, MIXED, OWNER, pullNode, REPO, summaryWith } from "./data.js";

const capacity = {
  groups: { feature: ["feature", "enhancement"], health: ["tech-debt", "chore"] },
  target: { feature: 80, health: 20 },
};
const withCapacity = { dashboard: { issue: true, capacity } };
const plain = { dashboard: { issue: false } };

function pull(p: Partial<PullInput> & { number: number }, items?: ReturnType<typeof item>[]): PullInput {
  return {
    title: `PR ${p.number}`,
    url: `https://github.com/${OWNER}/${REPO}/pull/${p.number}`,
    state: "open",
    author: "dana",
    labels: [],
    headSha: "h",
    check: items
      ? {
          id: 1,
          url: "https://github.com/runs/1",
          conclusion: "failure",
          report: readEmbeddedReport(summaryWith(items))!,
        }
      : null,
    ...p,
  };
}

function input(pulls: PullInput[]): DashboardInput {
  return {
    owner: OWNER,
    repo: REPO,
    url: `https://github.com/${OWNER}/${REPO}`,
    releaseBy: "milestone",
    releases: [{ name: "v1.2", pulls }],
  };
}

describe("aggregate", () => {
  it.each([
    { name: "all met → done", items: [item("a", "product", "met")], verdict: "done", missing: [0, 0, 0] },
    {
      name: "waived counts as done",
      items: [item("a", "product", "waived", { waiver: { by: ["pm"], reason: "r" } })],
      verdict: "done",
      missing: [0, 0, 0],
    },
    {
      name: "missing by owner",
      items: [
        item("a", "product", "missing"),
        item("b", "engineering", "missing"),
        item("c", "engineering", "error"),
        item("d", "joint", "missing"),
      ],
      verdict: "not-done",
      missing: [1, 2, 1],
    },
    {
      name: "pending only",
      items: [item("a", "engineering", "pending"), item("b", "product", "met")],
      verdict: "pending",
      missing: [0, 0, 0],
    },
    {
      name: "not applicable is ignored",
      items: [item("a", "product", "not_applicable")],
      verdict: "done",
      missing: [0, 0, 0],
    },
    { name: "no check run", items: undefined, verdict: "unknown", missing: [0, 0, 0] },
  ])("$name", ({ items, verdict, missing }) => {
    const model = aggregate(input([pull({ number: 1 }, items)]), plain);
    const view = model.releases[0]!.pulls[0]!;
    expect(view.verdict).toBe(verdict);
    expect([view.missing.product.length, view.missing.engineering.length, view.missing.joint.length]).toEqual(missing);
  });

  it.each([
    { state: "merged" as const, items: [item("a", "product", "missing")], debt: true },
    { state: "merged" as const, items: [item("a", "product", "pending")], debt: false },
    { state: "merged" as const, items: [item("a", "product", "waived")], debt: false },
    { state: "merged" as const, items: undefined, debt: false },
    { state: "open" as const, items: [item("a", "product", "missing")], debt: false },
  ])("done debt: $state with $items.0.status → $debt", ({ state, items, debt }) => {
    const release = aggregate(input([pull({ number: 1, state }, items)]), plain).releases[0]!;
    expect(release.pulls[0]!.debt).toBe(debt);
    expect(release.debt.map((p) => p.number)).toEqual(debt ? [1] : []);
  });

  it("totals per release and per owner, and the capacity split next to the target", () => {
    const pulls = MIXED.map((o) => {
      const node = pullNode(o);
      const run = node.commits.nodes[0]!.commit.checkSuites!.nodes[1]!.checkRuns!.nodes[0];
      return pull(
        { number: o.number, state: o.merged ? "merged" : "open", labels: o.labels ?? [] },
        run ? readEmbeddedReport(run.summary!)!.items : undefined,
      );
    });
    const model = aggregate(input(pulls), withCapacity);
    const release = model.releases[0]!;
    expect(release.pulls.map((p) => p.number)).toEqual([11, 12, 13, 14, 15, 9, 8]);
    expect(release.totals).toEqual({
      pulls: 7,
      open: 5,
      merged: 2,
      done: 2,
      notDone: 4,
      pending: 0,
      unknown: 1,
      debt: 1,
      missingItems: { product: 2, engineering: 2, joint: 1 },
      pullsLacking: { product: 2, engineering: 2, joint: 1 },
      waivedItems: 1,
      pendingItems: 1,
    });
    expect(model.totals).toEqual(release.totals);
    expect(release.capacity).toEqual({
      weight: "prs",
      shares: [
        { group: "feature", pulls: 4, lines: 0, percent: 67, target: 80, off: true },
        { group: "health", pulls: 2, lines: 0, percent: 33, target: 20, off: true },
      ],
      ungrouped: 1,
      ungroupedPulls: [{ number: 15, title: "PR 15", url: `https://github.com/${OWNER}/${REPO}/pull/15` }],
    });
  });

  it("uses the item id when the title was dropped to fit, and keeps the waiver", () => {
    const model = aggregate(
      input([
        pull({ number: 1 }, [
          { ...item("docs", "engineering", "waived"), title: "", waiver: { by: ["bob"], reason: "later" } },
        ]),
      ]),
      plain,
    );
    expect(model.releases[0]!.pulls[0]!.waived).toEqual([
      { id: "docs", title: "docs", owner: "engineering", status: "waived", waiver: { by: ["bob"], reason: "later" } },
    ]);
  });

  it.each([
    { filter: { owner: "product" as const }, numbers: [1, 4] },
    { filter: { owner: "engineering" as const }, numbers: [2] },
    { filter: { state: "merged" as const }, numbers: [4, 5] },
    { filter: { state: "debt" as const }, numbers: [4] },
    { filter: { state: "not-done" as const }, numbers: [1, 2, 3, 4] },
    { filter: { state: "open" as const, owner: "joint" as const }, numbers: [] },
  ])("filter $filter keeps $numbers, totals untouched", ({ filter, numbers }) => {
    const model = aggregate(
      input([
        pull({ number: 1 }, [item("a", "product", "missing")]),
        pull({ number: 2 }, [item("b", "engineering", "pending")]),
        pull({ number: 3 }),
        pull({ number: 4, state: "merged" }, [item("a", "product", "missing")]),
        pull({ number: 5, state: "merged" }, [item("a", "product", "met")]),
      ]),
      plain,
    );
    const shown = filterModel(model, filter).releases[0]!;
    expect(shown.pulls.map((p) => p.number)).toEqual(numbers);
    expect(shown.totals).toEqual(model.releases[0]!.totals);
  });

  it("filters by release name", () => {
    const model = aggregate(
      {
        ...input([]),
        releases: [
          { name: "a", pulls: [] },
          { name: "b", pulls: [] },
        ],
      },
      plain,
    );
    expect(filterModel(model, { release: "b" }).releases.map((r) => r.name)).toEqual(["b"]);
  });
});
