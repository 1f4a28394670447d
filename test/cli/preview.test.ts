// `dod preview owner/repo --config FILE` and `dod check <pr> --config FILE` through the real entry point (bin/dod.js,
// spawned) against a stand-in GitHub that executes every query against GitHub's schema.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { dod } from "../helpers/cli.js";
import { type FakeGitHub, startFakeGitHub } from "../helpers/fake-github-server.js";
import { ADDS_CHANGELOG, BASE, OTHERS, pull, RELAXES_TESTS } from "../helpers/preview-repository.js";
import { repositoryWorld } from "../helpers/repository-world.js";

const TOKEN = "ghp_cli_test_token";
const dir = mkdtempSync(join(tmpdir(), "dod-preview-"));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return name;
};

let github: FakeGitHub | undefined;
afterEach(async () => {
  if (github) expect(github.problems()).toEqual([]);
  await github?.close();
  github = undefined;
});

async function serve() {
  // The default branch's done.yml is the base one; #2 (which edits it) is one more open pull request here.
  const world = repositoryWorld({ pulls: [pull(2, [".github/done.yml"], { headConfig: ADDS_CHANGELOG }), ...OTHERS] });
  github = await startFakeGitHub({
    token: TOKEN,
    graphql: (body) =>
      body.query.includes("DodRepositoryConfig") ? { ...world, repository: () => ({ object: { text: BASE } }) } : world,
  });
  return github;
}
const run = (gh: FakeGitHub, args: string[]) =>
  dod(args, { cwd: dir, env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: gh.url } });
const operations = (gh: FakeGitHub) => gh.find("graphql").map((r) => /query (\w+)/.exec(r.body.query)?.[1]);

describe("dod preview <owner>/<repo> --config <file>", () => {
  it("prints, per pull request, what the proposed file changes, in 2 + ⌈23 / 10⌉ requests", async () => {
    const gh = await serve();
    const result = await run(gh, ["preview", "Codertocat/Hello-World", "--config", file("adds.yml", ADDS_CHANGELOG)]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(operations(gh)).toEqual([
      "DodRepositoryConfig",
      "DodPreviewList",
      "DodPreviewPulls",
      "DodPreviewPulls",
      "DodPreviewPulls",
    ]);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe(
      "Judged by the current and the proposed rules: 13 open pull requests and the 10 latest merged ones.",
    );
    expect(lines.slice(2, 6)).toEqual([
      "state   pull request  title      now → proposed  what changes",
      "open    #2            Change 2   FAIL → FAIL     no change",
      "open    #3            Change 3   pass → FAIL     newly missing: changelog",
      "open    #4            Change 4   pass → pass     no change",
    ]);
    expect(lines).toContain("merged  #21           Change 21  pass → FAIL     newly missing: changelog");
    expect(lines.filter((line) => line.startsWith("merged "))).toHaveLength(10);
    expect(result.stdout).toContain(
      "  + changelog (Changelog entry): met by 3 of 4 it applies to (75 %; applies to 4 of 10)",
    );
  });

  it("judges as many merged pull requests as --merged asks, and prints Markdown with --format md", async () => {
    const gh = await serve();
    const result = await run(gh, [
      "preview",
      "Codertocat/Hello-World",
      "--config",
      file("relaxes.yml", RELAXES_TESTS),
      "--merged",
      "3",
      "--format",
      "md",
    ]);
    expect(result.code).toBe(0);
    expect(gh.find("graphql")[1]!.body.variables).toEqual({
      owner: "Codertocat",
      name: "Hello-World",
      open: 21,
      merged: 4,
    });
    expect(operations(gh)).toEqual(["DodRepositoryConfig", "DodPreviewList", "DodPreviewPulls", "DodPreviewPulls"]);
    expect(result.stdout.split("\n").slice(0, 2)).toEqual([
      "### What the proposed rules would do",
      "Each pull request judged by `Codertocat/Hello-World`'s `.github/done.yml` (now) and by `relaxes.yml` (proposed): 13 open pull requests and the 3 latest merged ones.",
    ]);
    expect(result.stdout).toContain("**Recently merged** — 1 would newly meet items, 2 unchanged");
    expect(result.stdout).toContain(
      "| [#6](https://github.com/Codertocat/Hello-World/pull/6) Change 6 | ❌ fails | ✅ passes | newly met: Unit tests (`unit-tests`) |",
    );
  });

  it("lists an invalid proposed file's problems and previews nothing", async () => {
    const gh = await serve();
    const invalid = file("invalid.yml", `${BASE}  - id: runbook\n    owner: ops\n    require: {}\n`);
    const result = await run(gh, ["preview", "Codertocat/Hello-World", "--config", invalid]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("invalid.yml is invalid, so there is nothing to preview:");
    expect(result.stderr).toContain("invalid.yml:11:12  criteria.1.owner  ");
    expect(operations(gh)).toEqual(["DodRepositoryConfig"]);
  });

  it("refuses a bad --merged before reading GitHub", async () => {
    const gh = await serve();
    const result = await run(gh, ["preview", "Codertocat/Hello-World", "--config", "x.yml", "--merged", "500"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--merged must be a whole number from 0 to 100");
    expect(gh.requests).toEqual([]);
  });
});

describe("dod check <pull request> --config <file>", () => {
  it("judges the pull request by the proposed file instead of its base branch's", async () => {
    const gh = await serve();
    const byBase = await run(gh, ["check", "Codertocat/Hello-World#3"]);
    expect(byBase.code).toBe(0);
    const byProposed = await run(gh, [
      "check",
      "Codertocat/Hello-World#3",
      "--config",
      file("adds.yml", ADDS_CHANGELOG),
    ]);
    expect(byProposed.code).toBe(1);
    expect(byProposed.stdout.split("\n")[0]).toBe("Definition of Done: 1 of 2 done — missing: Changelog entry");
    expect(operations(gh)).toEqual(["DodPullRequest", "DodPullRequest"]);
  });

  it("lists the proposed file's problems, named as given", async () => {
    const gh = await serve();
    const invalid = file("bad.yml", "criteria:\n  - id: x\n    owner: ops\n");
    const result = await run(gh, ["check", "Codertocat/Hello-World#3", "--config", invalid]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^bad\.yml is invalid \(\d+ problems?\):\nbad\.yml:3:12 {2}criteria\.0\.owner/);
  });

  it("can't be used with --post", async () => {
    const result = await dod(["check", "Codertocat/Hello-World#3", "--config", "x.yml", "--post"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--config can't be used with --post");
  });
});
