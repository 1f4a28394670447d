import { describe, expect, it } from "vitest";
import { aggregate } from "../../src/dashboard/aggregate.js";
import { renderDashboardPage } from "../../src/dashboard/render-html.js";
import type { DashboardInput, PullInput } from "../../src/model/dashboard.js";
import { readEmbeddedReport } from "../../src/report/embed.js";
import { item, OWNER, REPO, summaryWith } from "./data.js";

function pull(number: number): PullInput {
  return {
    number,
    title: `PR ${number}`,
    url: `https://github.com/${OWNER}/${REPO}/pull/${number}`,
    state: "open",
    author: "dana",
    labels: [],
    headSha: "h",
    check: {
      id: 1,
      url: "https://github.com/runs/1",
      conclusion: "success",
      report: readEmbeddedReport(summaryWith([item("a", "product", "met")]))!,
    },
  };
}

function page(count: number): string {
  const input: DashboardInput = {
    owner: OWNER,
    repo: REPO,
    url: `https://github.com/${OWNER}/${REPO}`,
    releaseBy: "milestone",
    releases: [{ name: "v1.2", pulls: Array.from({ length: count }, (_, i) => pull(i + 1)) }],
  };
  const model = aggregate(input, { dashboard: { issue: false } });
  return renderDashboardPage(model, { viewer: "dana", path: `/dod/${OWNER}/${REPO}`, filter: {}, all: model });
}

describe("the dashboard web page", () => {
  it("says 1 pull request, singular, and 2 pull requests, plural", () => {
    expect(page(1)).toContain("<strong>1</strong><span>pull request</span>");
    expect(page(1)).not.toContain("pull requests</span>");
    expect(page(2)).toContain("<strong>2</strong><span>pull requests</span>");
    expect(page(1)).toContain("<strong>0</strong> items missing");
  });
});
