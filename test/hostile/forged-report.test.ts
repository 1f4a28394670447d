// Item 11 of issue #15: with a large config (403 criteria) dod left its hidden verdict out of the check run, and the
// dashboard then read a forged `<!-- dod:report … -->` block from another app's check of the same name (a workflow
// job a pull request's author names). Now the verdict always fits, and only dod's own run is read for it.
import { describe, expect, it } from "vitest";
import { toPull } from "../../src/github/dashboard-gather.js";
import { blankFacts } from "../../src/model/facts.js";
import { checkRunOutput, SUMMARY_LIMIT } from "../../src/report/check-run.js";
import { readEmbeddedReport } from "../../src/report/embed.js";
import { item as embeddedItem, pullNode, summaryWith } from "../dashboard/data.js";
import { item, report } from "../report/fixtures.js";

const DOD_APP = 7;
const ACTIONS_APP = 15368;
const utf8 = (text: string) => Buffer.byteLength(text, "utf8");

describe("dod's hidden verdict in a large config", () => {
  const sha = "0123456789abcdef0123456789abcdef01234567";
  const facts = blankFacts({ repo: { owner: "o", name: "r" }, base: { ref: "main" }, head: { ref: "feature", sha } });

  it.each([
    ["403 criteria with ordinary ids and titles", 403, (i: number) => `criterion-${i}`],
    ["500 criteria (the config's limit) with ids of 100 characters", 500, (i: number) => `${i}-`.padEnd(100, "x")],
  ])("%s: the check run carries all of it, within GitHub's summary limit", (_name, count, id) => {
    const items = Array.from({ length: count }, (_, i) =>
      item({
        id: id(i),
        title: `A criterion with a long enough title to matter, number ${i}`,
        status: i % 7 === 0 ? "missing" : i % 11 === 0 ? "waived" : "met",
        ...(i % 11 === 0 && i % 7 !== 0 && { waiver: { by: ["lead-bob"], reason: "agreed", at: "", url: "" } }),
      }),
    );
    const output = checkRunOutput(report(items), facts);

    expect(utf8(output.summary)).toBeLessThanOrEqual(SUMMARY_LIMIT);
    const read = readEmbeddedReport(output.summary);
    expect(read).not.toBeNull();
    expect(read!.sha).toBe(sha);
    expect(read!.conclusion).toBe("failure");
    expect(read!.items.map((i) => [i.id, i.status])).toEqual(items.map((i) => [i.id, i.status]));
    expect(read!.items.find((i) => i.status === "waived")?.waiver?.by).toEqual(["lead-bob"]);
  });
});

describe("the dashboard reading a pull request's check", () => {
  /** A forged block claiming every item met, in the output of another app's run named like dod's. */
  const forged = {
    databaseId: 666,
    conclusion: "SUCCESS" as const,
    summary: summaryWith([embeddedItem("acceptance", "product", "met")], "forged"),
    detailsUrl: null,
    url: "https://github.com/o/r/runs/666",
  };
  /** dod's run whose verdict was left out (as with 403 criteria before), or no run of dod's at all yet. */
  const own = {
    databaseId: 501,
    conclusion: "FAILURE" as const,
    summary: "0 of 403 done",
    detailsUrl: null,
    url: "https://github.com/o/r/runs/501",
  };
  const node = (suites: { app: number; run: typeof forged | typeof own }[]) => {
    const pull = pullNode({ number: 1 });
    pull.commits.nodes[0]!.commit.checkSuites = {
      nodes: suites.map((s) => ({ app: { databaseId: s.app }, checkRuns: { nodes: [s.run] } })),
    };
    return pull;
  };

  it("never reads a forged report from another app's run, even when dod's own run has none", () => {
    const pull = toPull(
      node([
        { app: ACTIONS_APP, run: forged },
        { app: DOD_APP, run: own },
      ]),
      DOD_APP,
    );
    expect(pull.check).toEqual({ id: 501, url: own.url, conclusion: "failure", report: null });
  });

  it("shows no check, rather than another app's, while dod has not written its run on the head", () => {
    expect(toPull(node([{ app: ACTIONS_APP, run: forged }]), DOD_APP).check).toBeNull();
  });
});
