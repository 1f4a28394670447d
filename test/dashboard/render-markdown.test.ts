import { describe, expect, it } from "vitest";
import { aggregate } from "../../src/dashboard/aggregate.js";
import type { DashboardInput } from "../../src/model/dashboard.js";
import { BODY_LIMIT, renderDashboardMarkdown } from "../../src/dashboard/render-markdown.js";
import { readEmbeddedReport } from "../../src/report/embed.js";
import { item, OWNER, REPO, summaryWith } from "./data.js";

function big(pulls: number, titleLength = 100): DashboardInput {
  const report = readEmbeddedReport(
    summaryWith([item("acceptance-criteria", "product", "missing"), item("unit-tests", "engineering", "missing")]),
  )!;
  return {
    owner: OWNER,
    repo: REPO,
    url: `https://github.com/${OWNER}/${REPO}`,
    releaseBy: "milestone",
    releases: [
      {
        name: "v3",
        pulls: Array.from({ length: pulls }, (_, i) => ({
          number: i + 1,
          title: "T".repeat(titleLength),
          url: `https://github.com/${OWNER}/${REPO}/pull/${i + 1}`,
          state: "open" as const,
          author: "a",
          labels: [],
          headSha: "h",
          check: { id: i, url: `https://github.com/${OWNER}/${REPO}/runs/${i}`, conclusion: "failure", report },
        })),
      },
    ],
  };
}

const config = { dashboard: { issue: true } };
const webUrl = "https://dod.example.com/dod/acme/shop";

describe("the dashboard's Markdown", () => {
  it.each([
    { pulls: 10, detail: "full", has: "acceptance criteria" },
    { pulls: 300, detail: "counts", has: "counts per pull request" },
    { pulls: 3000, detail: "totals", has: "totals per release" },
  ])("$pulls pull requests fit in the issue body at $detail detail", ({ pulls, has }) => {
    const body = renderDashboardMarkdown(aggregate(big(pulls), config), { marker: true, webUrl });
    expect(body.length).toBeLessThanOrEqual(BODY_LIMIT);
    expect(body).toContain(has);
    expect(body).toContain(`${pulls} pull requests (${pulls} open, 0 merged)`);
    if (pulls > 10) expect(body).toContain(`[see every item on the web page](${webUrl}).`);
  });

  it("is the same text for the same model, so an unchanged dashboard is never edited", () => {
    const model = aggregate(big(5), config);
    expect(renderDashboardMarkdown(model, { marker: true })).toBe(
      renderDashboardMarkdown(structuredClone(model), { marker: true }),
    );
  });

  it("says so when there is no open release", () => {
    const body = renderDashboardMarkdown(aggregate({ ...big(0), releases: [] }, config));
    expect(body).toBe(
      "# Definition of Done dashboard\n\nWhat the pull requests of each open milestone in `acme/shop` still lack, from dod's last check on each head commit.\n\nNo open milestones.\n",
    );
  });
});
