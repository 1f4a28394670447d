// The history fixture as the aggregation's input (what gathering would return), for the pure tests.
import type { DashboardInput, PullInput } from "../../src/model/dashboard.js";
import { readEmbeddedReport } from "../../src/report/embed.js";
import { historyReleases, OWNER, pullNode, REPO } from "./data.js";

export function historyInput(releases = historyReleases()): DashboardInput {
  return {
    owner: OWNER,
    repo: REPO,
    url: `https://github.com/${OWNER}/${REPO}`,
    releaseBy: "milestone",
    releases: releases.map(({ milestone: m, pulls }) => ({
      name: m.title,
      url: `https://github.com/${OWNER}/${REPO}/milestone/${m.number}`,
      dueOn: m.dueOn ?? null,
      state: m.closedAt ? "closed" : "open",
      closedAt: m.closedAt ?? null,
      pulls: pulls.map((o): PullInput => {
        const node = pullNode(o);
        const run = node.commits.nodes[0]!.commit.checkSuites!.nodes[1]!.checkRuns!.nodes[0];
        return {
          number: node.number,
          title: node.title,
          url: node.url,
          state: o.merged ? "merged" : "open",
          author: node.author!.login,
          labels: o.labels ?? [],
          headSha: node.headRefOid,
          additions: o.number * 10,
          deletions: o.number,
          check: run
            ? {
                id: run.databaseId!,
                url: run.url,
                conclusion: run.conclusion,
                report: readEmbeddedReport(run.summary!),
              }
            : null,
        };
      }),
    })),
  };
}

export const CAPACITY = {
  groups: { feature: ["feature", "enhancement"], health: ["tech-debt", "chore"] },
  target: { feature: 80, health: 20 },
};
