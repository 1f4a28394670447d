import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dashboardCommand } from "../../src/cli/dashboard.js";
import type { Io } from "../../src/cli/io.js";
import { CliError } from "../../src/cli/errors.js";
import { dod } from "../helpers/cli.js";
import { startFakeGitHub } from "../helpers/fake-github-server.js";
import { GitHubMock } from "../helpers/github.js";
import { CONFIG, dashboardData, historyReleases, MIXED, OWNER, page, REPO } from "./data.js";

function io(env: NodeJS.ProcessEnv = { GITHUB_TOKEN: "ghp_test" }, isTTY = false) {
  const out: string[] = [];
  const err: string[] = [];
  const value: Io = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), env, cwd: "/", isTTY };
  return { io: value, out, err };
}

const milestones = [
  { number: 1, title: "v1.2", count: MIXED.length },
  { number: 2, title: "v1.3", count: 0 },
];

describe("dod dashboard", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  it("prints the dashboard as Markdown, with a progress line on a terminal", async () => {
    github
      .graphql(dashboardData({ config: CONFIG, milestones }))
      .graphql({ repository: { milestone: { pullRequests: page(MIXED) } } });
    const run = io({ GITHUB_TOKEN: "ghp_test" }, true);
    expect(await dashboardCommand.run([`${OWNER}/${REPO}`], run.io)).toBe(0);
    github.assertDone();
    const text = run.out.join("");
    expect(text.startsWith("# Definition of Done dashboard\n")).toBe(true);
    expect(text).not.toContain("<!-- dod:dashboard -->");
    expect(text).toContain("## [v1.2](https://github.com/acme/shop/milestone/1)");
    expect(text).toContain("## [v1.3](https://github.com/acme/shop/milestone/2)");
    expect(run.err.join("")).toContain("reading GitHub… 2/2 requests");
  });

  it("filters to one release, an owner and a state as JSON, honouring GITHUB_API_URL", async () => {
    nock("https://ghe.example.com")
      .post("/api/graphql")
      .reply(200, { data: dashboardData({ config: CONFIG, milestones }) })
      .post("/api/graphql")
      .reply(200, (_uri, body) => {
        expect((body as { variables: { number: number } }).variables.number).toBe(1);
        return { data: { repository: { milestone: { pullRequests: page(MIXED) } } } };
      });
    const run = io({ GITHUB_TOKEN: "ghp_test", GITHUB_API_URL: "https://ghe.example.com/api/v3/" });
    const code = await dashboardCommand.run(
      [`${OWNER}/${REPO}`, "--release", "v1.2", "--owner", "product", "--format", "json"],
      run.io,
    );
    expect(code).toBe(0);
    expect(nock.pendingMocks()).toEqual([]);
    const model = JSON.parse(run.out.join(""));
    expect(model.releases.map((r: { name: string }) => r.name)).toEqual(["v1.2"]);
    expect(model.releases[0].pulls.map((p: { number: number }) => p.number)).toEqual([11, 9]);
    expect(model.releases[0].totals.pulls).toBe(7);
    expect(run.err).toEqual([]);
  });

  it("shows a closed milestone asked for by name, and the history's trends as text", async () => {
    const releases = historyReleases();
    const pulls = (n: number) => ({
      repository: { milestone: { pullRequests: page(releases.find((r) => r.milestone.number === n)!.pulls) } },
    });
    github
      .graphql(
        dashboardData({
          config: CONFIG,
          milestones: [],
          named: [{ ...releases[1]!.milestone, closedAt: releases[1]!.milestone.closedAt! }],
        }),
      )
      .graphql(pulls(2));
    const one = io();
    expect(await dashboardCommand.run([`${OWNER}/${REPO}`, "--release", "v1.1"], one.io)).toBe(0);
    expect(github.body("graphql", 0).variables).toMatchObject({ withRelease: true, release: "v1.1" });
    const text = one.out.join("");
    expect(text).toContain("## History — the last closed release");
    expect(text).toContain(
      "| [#6](https://github.com/acme/shop/pull/6) Flaky tests ✅ | acceptance (product) | @pm-alice | 2026-08-21 | no user-facing change |",
    );

    const closed = releases
      .filter((r) => r.milestone.closedAt)
      .map((r) => ({ ...r.milestone, closedAt: r.milestone.closedAt! }));
    github
      .graphql(dashboardData({ config: CONFIG, milestones: [releases[3]!.milestone], closed }))
      .graphql(pulls(4))
      .graphql(pulls(3))
      .graphql(pulls(2))
      .graphql(pulls(1));
    const all = io();
    expect(await dashboardCommand.run([`${OWNER}/${REPO}`], all.io)).toBe(0);
    github.assertDone();
    const trends = all.out.join("");
    expect(trends).toContain("## Trends — the last 4 releases\n\n```text\n");
    expect(trends).toContain("Done debt per release                     ▅▂▁▂     3     1     0      1");
    expect(trends).not.toContain("```mermaid");
  });

  it.each([
    { name: "no token", args: [`${OWNER}/${REPO}`], env: {}, message: /GITHUB_TOKEN is not set/ },
    { name: "not a repository", args: ["acme/shop/x"], env: { GITHUB_TOKEN: "t" }, message: /<owner>\/<repo>/ },
    {
      name: "an organisation without --release",
      args: ["acme"],
      env: { GITHUB_TOKEN: "t" },
      message: /one release: add --release <name>/,
    },
    {
      name: "bad format",
      args: [`${OWNER}/${REPO}`, "--format", "html"],
      env: { GITHUB_TOKEN: "t" },
      message: /--format must be one of md, json/,
    },
  ])("refuses $name", async ({ args, env, message }) => {
    await expect(dashboardCommand.run(args, io(env).io)).rejects.toThrow(message);
  });

  it("names the open releases when --release matches none, and explains a missing config", async () => {
    github.graphql(dashboardData({ config: CONFIG, milestones }));
    await expect(dashboardCommand.run([`${OWNER}/${REPO}`, "--release", "v9"], io().io)).rejects.toThrow(
      'no release named "v9" in acme/shop (open and recent: v1.2, v1.3)',
    );
    github.graphql(dashboardData({ config: null }));
    const error = await dashboardCommand.run([`${OWNER}/${REPO}`], io().io).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toContain("No .github/done.yml on the default branch of acme/shop");
  });
});

describe("dod dashboard, spawned", () => {
  it("prints the release's unfinished items from a stand-in GitHub through bin/dod.js", async () => {
    const milestone = [{ number: 1, title: "v1.2", count: MIXED.length }];
    let call = 0;
    const github = await startFakeGitHub({
      token: "ghp_spawned",
      graphql: () =>
        call++ === 0
          ? dashboardData({ config: CONFIG, milestones: milestone })
          : { repository: { milestone: { pullRequests: page(MIXED) } } },
    });
    try {
      const ran = await dod(["dashboard", `${OWNER}/${REPO}`, "--format", "md"], {
        env: { GITHUB_TOKEN: "ghp_spawned", GITHUB_API_URL: github.url },
      });
      expect(ran.stderr).toBe("");
      expect(ran.code).toBe(0);
      expect(ran.stdout).toContain("## [v1.2](https://github.com/acme/shop/milestone/1)");
      expect(ran.stdout).toContain("[#9](https://github.com/acme/shop/pull/9) Shipped half-done");
      expect(github.problems()).toEqual([]);
      expect(github.calls()).toEqual(["POST /graphql", "POST /graphql"]);
    } finally {
      await github.close();
    }
  });
});
