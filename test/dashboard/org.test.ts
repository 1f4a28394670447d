// One release across an organisation's repositories, found by search: many repositories per page, the exact
// release only, and only what the token can read (search answers with nothing else).
import { Octokit } from "@octokit/rest";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dashboardCommand } from "../../src/cli/dashboard.js";
import type { Io } from "../../src/cli/io.js";
import { gatherOrgRelease } from "../../src/github/org-dashboard-gather.js";
import { GitHubMock } from "../helpers/github.js";
import { CONFIG, item, pullNode, type PullOptions } from "./data.js";

const ORG = "acme";

function orgNode(o: PullOptions & { repo: string; milestone?: string; closed?: boolean }) {
  const node = pullNode(o);
  return {
    ...node,
    ...(o.closed && { state: "CLOSED" as const, merged: false }),
    url: `https://github.com/${o.repo}/pull/${o.number}`,
    repository: { nameWithOwner: o.repo },
    milestone: { title: o.milestone ?? "v1.2", dueOn: "2026-12-10T00:00:00Z", state: "OPEN", closedAt: null },
  };
}

/** Search pages of 50 by cursor, the org config in the first answer. */
function searchPager(nodes: ReturnType<typeof orgNode>[], config: string | null) {
  return (body: { variables: { after: string | null; withConfig: boolean } }) => {
    const start = body.variables.after ? Number(body.variables.after) : 0;
    const next = start + 50 < nodes.length ? String(start + 50) : null;
    return {
      ...(body.variables.withConfig && { org: { object: config === null ? null : { text: config } } }),
      search: {
        issueCount: nodes.length,
        pageInfo: { hasNextPage: next !== null, endCursor: next },
        nodes: nodes.slice(start, start + 50),
      },
    };
  };
}

function io(env: NodeJS.ProcessEnv = { GITHUB_TOKEN: "ghp_test" }) {
  const out: string[] = [];
  const value: Io = { stdout: (t) => void out.push(t), stderr: () => undefined, env, cwd: "/", isTTY: false };
  return { io: value, out };
}

describe("one release across an organisation", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  it("reads 500 pull requests spread over 20 repositories in 10 requests, keeping only the exact release", async () => {
    const nodes = Array.from({ length: 500 }, (_, i) =>
      orgNode({
        repo: `${ORG}/service-${i % 20}`,
        number: i + 1,
        merged: i % 4 === 0,
        labels: [i % 5 ? "feature" : "tech-debt"],
        items: [item("acceptance", "product", i % 3 ? "met" : "missing")],
        // Search's loose matches and closed-unmerged pull requests are left out.
        ...(i % 50 === 7 && { milestone: "v1.2.1" }),
        ...(i % 50 === 9 && { closed: true }),
      }),
    );
    github.graphql(searchPager(nodes, CONFIG), 10);

    const gathered = await gatherOrgRelease(new Octokit({ auth: "t", request: { retries: 0 } }), ORG, "v1.2");

    github.assertDone();
    expect(gathered.requests).toBe(10);
    const first = github.find("graphql")[0]!.body as { variables: Record<string, unknown> };
    expect(first.variables).toEqual({
      org: ORG,
      search: 'org:acme is:pr milestone:"v1.2"',
      after: null,
      withConfig: true,
    });
    expect((github.find("graphql")[1]!.body as { variables: Record<string, unknown> }).variables).toMatchObject({
      after: "50",
      withConfig: false,
    });
    expect(gathered.repositories).toHaveLength(20);
    expect(gathered.input.releases[0]!.pulls).toHaveLength(480);
    expect(gathered.config.ok).toBe(true);
  });

  it("prints the release with each pull request's repository, and asks for --release", async () => {
    const nodes = [
      orgNode({
        repo: `${ORG}/api`,
        number: 12,
        title: "Rate limits",
        labels: ["feature"],
        items: [item("acceptance", "product", "missing")],
      }),
      orgNode({
        repo: `${ORG}/web`,
        number: 12,
        title: "Checkout",
        merged: true,
        labels: ["tech-debt"],
        items: [item("runbook", "engineering", "missing")],
      }),
    ];
    github.graphql(searchPager(nodes, null));
    const run = io();
    expect(await dashboardCommand.run([ORG, "--release", "v1.2"], run.io)).toBe(0);
    github.assertDone();
    const text = run.out.join("");
    expect(text).toContain(
      "What the pull requests of release `v1.2` in the `acme` organisation's repositories still lack",
    );
    expect(text).toContain(
      "| [acme/api#12](https://github.com/acme/api/pull/12) Rate limits · [check](https://github.com/acme/shop/runs/7012) | open | acceptance |",
    );
    expect(text).toContain("| [acme/web#12](https://github.com/acme/web/pull/12) Checkout");
    await expect(dashboardCommand.run([ORG], io().io)).rejects.toThrow(
      "an organisation's dashboard is one release: add --release <name>",
    );
  });
});
