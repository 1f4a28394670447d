// `dod check owner/repo#n` through its real entry point (bin/dod.js, spawned) against a stand-in GitHub.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { COMMENT_MARKER } from "../../src/model/names.js";
import { dod } from "../helpers/cli.js";
import { type FakeGitHub, type FakeGitHubOptions, startFakeGitHub } from "../helpers/fake-github-server.js";
import { HEAD_SHA, pullRequestData, type PullRequestOptions } from "../helpers/pull-request-data.js";

const config = readFileSync("test/fixtures/config/basic.yml", "utf8");
const TOKEN = "ghp_cli_test_token";
const ISSUE_DONE = "## Acceptance criteria\n- [x] Users can sign in\n";
const DONE: PullRequestOptions = {
  config,
  files: ["src/login.ts", "test/login.test.ts"],
  issues: [{ number: 7, body: ISSUE_DONE }],
};

const MISSING_TEXT = `Definition of Done: 0 of 2 done — missing: Acceptance criteria met, Unit tests for critical paths

Product
  ✘ Acceptance criteria met (acceptance-criteria) — the pull request links no issue
      how: Link the issue and tick every box under "Acceptance criteria".

Engineering
  ✘ Unit tests for critical paths (unit-tests) — no file named \`*.test.ts\` or in \`test/\` changed
      applies because \`src/login.ts\` changed (it matches \`src/**\`)
      how: Add or update tests next to the code you changed.

Not applicable
  - On-call runbook exists (runbook) — the pull request has no label \`new-service\`
`;

let github: FakeGitHub | undefined;
afterEach(async () => {
  if (github) expect(github.problems()).toEqual([]);
  await github?.close();
  github = undefined;
});

async function serve(pr: PullRequestOptions | (() => unknown), rest?: FakeGitHubOptions["rest"]) {
  github = await startFakeGitHub({
    token: TOKEN,
    graphql: typeof pr === "function" ? pr : () => pullRequestData(pr),
    rest,
  });
  return github;
}
const env = (gh: FakeGitHub, extra: Record<string, string> = {}) => ({
  GITHUB_TOKEN: TOKEN,
  GITHUB_API_URL: gh.url,
  ...extra,
});

describe("dod check <pull request>", () => {
  it("prints the plain report when piped, reads GitHub once, writes nothing and exits 1 for missing items", async () => {
    const gh = await serve({ config, files: ["src/login.ts"] });
    const result = await dod(["check", "Codertocat/Hello-World#2"], { env: env(gh) });
    expect(result).toEqual({ code: 1, stdout: MISSING_TEXT, stderr: "" });
    expect(gh.calls()).toEqual(["POST /graphql"]);
    const [request] = gh.requests;
    expect(request!.body.variables).toEqual({ owner: "Codertocat", name: "Hello-World", number: 2 });
    expect(request!.authorization).toBe(`token ${TOKEN}`);
    expect(request!.userAgent).toMatch(/^dod-cli /);
  });

  it("exits 0 when everything is done", async () => {
    const gh = await serve(DONE);
    const result = await dod(["check", "Codertocat/Hello-World#2"], { env: env(gh) });
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe("Definition of Done: 2 of 2 done");
    expect(result.stdout).toContain("  ✔ Unit tests for critical paths (unit-tests) — test/login.test.ts");
  });

  it("accepts a pull request URL and a GitHub Enterprise API URL (GraphQL at /api/graphql)", async () => {
    const gh = await serve({ ...DONE, owner: "octo", repo: "shop", number: 41 });
    const result = await dod(["check", "https://ghe.example.com/octo/shop/pull/41/files"], {
      env: env(gh, { GITHUB_API_URL: `${gh.url}/api/v3` }),
    });
    expect(result.code).toBe(0);
    expect(gh.requests.map((r) => r.rawPath)).toEqual(["/api/graphql"]);
    expect(gh.requests[0]!.body.variables).toEqual({ owner: "octo", name: "shop", number: 41 });
  });

  it("colours the report only when asked or on a terminal", async () => {
    const gh = await serve({ config, files: ["src/login.ts"] });
    const forced = await dod(["check", "Codertocat/Hello-World#2"], { env: env(gh, { FORCE_COLOR: "1" }) });
    expect(forced.stdout).toContain("\x1b[31m✘\x1b[0m Acceptance criteria met");
    const noColor = await dod(["check", "Codertocat/Hello-World#2"], { env: env(gh, { NO_COLOR: "1" }) });
    expect(noColor.stdout).toBe(MISSING_TEXT);
  });

  it("prints the report as JSON with --format json", async () => {
    const gh = await serve({ config, files: ["src/login.ts"] });
    const result = await dod(["check", "Codertocat/Hello-World#2", "--format", "json"], { env: env(gh) });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      conclusion: "failure",
      mode: "blocking",
      counts: { missing: 2, not_applicable: 1, met: 0 },
    });
    expect(report.items.map((i: { id: string; status: string }) => `${i.id}:${i.status}`)).toEqual([
      "acceptance-criteria:missing",
      "unit-tests:missing",
      "runbook:not_applicable",
    ]);
  });

  it("prints the comment's Markdown with --format md", async () => {
    const gh = await serve({ config, files: ["src/login.ts"] });
    const result = await dod(["check", "Codertocat/Hello-World#2", "--format=md"], { env: env(gh) });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "- ❌ **Acceptance criteria met** (`acceptance-criteria`) — the pull request links no issue",
    );
    expect(result.stdout).not.toContain(COMMENT_MARKER);
  });

  it("publishes the check run and the comment with --post, as the app would (here on GitHub Enterprise)", async () => {
    const gh = await serve({ config, files: ["src/login.ts"] }, (method, path) => {
      if (method === "POST" && path === "/repos/Codertocat/Hello-World/check-runs") return [201, { id: 77 }];
      if (method === "POST" && path === "/repos/Codertocat/Hello-World/issues/2/comments") return [201, { id: 501 }];
      return undefined;
    });
    const result = await dod(["check", "Codertocat/Hello-World#2", "--post"], {
      env: env(gh, { GITHUB_API_URL: `${gh.url}/api/v3` }),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(MISSING_TEXT);
    expect(result.stderr).toBe("Published to Codertocat/Hello-World#2: check run created, comment created.\n");
    expect(gh.calls()).toEqual([
      "POST /graphql",
      "POST /repos/Codertocat/Hello-World/check-runs",
      "POST /repos/Codertocat/Hello-World/issues/2/comments",
    ]);
    expect(gh.requests.map((r) => r.rawPath)).toEqual([
      "/api/graphql",
      "/api/v3/repos/Codertocat/Hello-World/check-runs",
      "/api/v3/repos/Codertocat/Hello-World/issues/2/comments",
    ]);
    const [check] = gh.find("checks/create");
    expect(check!.body).toMatchObject({
      name: "Definition of Done",
      head_sha: HEAD_SHA,
      status: "completed",
      conclusion: "failure",
      output: { title: "0 of 2 done — missing: Acceptance criteria met, Unit tests for critical paths" },
    });
    expect(gh.find("issues/create-comment")[0]!.body.body.startsWith(COMMENT_MARKER)).toBe(true);
  });

  it.each([
    ["a fine-grained", "Resource not accessible by personal access token"],
    ["a classic", "You must authenticate via a GitHub App."],
  ])(
    "says --post needs an App or Actions token when GitHub refuses %s personal token the check run",
    async (_, message) => {
      const gh = await serve({ config, files: ["src/login.ts"] }, (method, path) =>
        method === "POST" && path === "/repos/Codertocat/Hello-World/check-runs" ? [403, { message }] : undefined,
      );
      const result = await dod(["check", "Codertocat/Hello-World#2", "--post"], { env: env(gh) });
      expect(result).toEqual({
        code: 2,
        stdout: "",
        stderr:
          "dod: GitHub refused to publish (403): only GitHub Apps may create check runs, so --post needs an App installation token or the Actions GITHUB_TOKEN (with checks: write and pull-requests: write), not a personal token\n",
      });
      expect(gh.calls()).toEqual(["POST /graphql", "POST /repos/Codertocat/Hello-World/check-runs"]);
    },
  );

  it("passes on any other 403 as GitHub gave it, not blaming the kind of token", async () => {
    const gh = await serve({ config, files: ["src/login.ts"] }, (method, path) =>
      method === "POST" && path === "/repos/Codertocat/Hello-World/check-runs"
        ? [403, { message: "Resource not accessible by integration" }]
        : undefined,
    );
    const result = await dod(["check", "Codertocat/Hello-World#2", "--post"], { env: env(gh) });
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "dod: GitHub refused the request (403): Resource not accessible by integration — the token may lack access, or the rate limit is spent\n",
    });
  });

  it("explains a rejected token and exits 2", async () => {
    const gh = await serve({ config });
    const result = await dod(["check", "Codertocat/Hello-World#2"], { env: env(gh, { GITHUB_TOKEN: "ghp_wrong" }) });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^dod: GitHub rejected the token \(GITHUB_TOKEN\)/);
  });

  it("says when the pull request doesn't exist (or the token can't see it) and exits 2", async () => {
    // GitHub answers NOT_FOUND at ["repository", "pullRequest"], with the partial data.
    const gh = await serve(() => ({ repository: { pullRequest: null }, org: null }));
    const result = await dod(["check", "Codertocat/Hello-World#999"], { env: env(gh) });
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: "dod: No pull request Codertocat/Hello-World#999 (or the token can't see it)\n",
    });
  });

  it("lists an invalid config's problems compiler style and exits 2", async () => {
    const gh = await serve({
      config: "mode: strict\ncriteria:\n  - id: tests\n    owner: engineering\n    require: { files: [test/**] }\n",
    });
    const result = await dod(["check", "Codertocat/Hello-World#2"], { env: env(gh) });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")).toEqual([
      ".github/done.yml on Codertocat/Hello-World#2's base branch (master) is invalid (1 problem):",
      expect.stringMatching(/^\.github\/done\.yml:1:7 {2}mode {2}.*strict/),
      "",
    ]);
  });

  it("says when there is no config on the base branch and exits 2", async () => {
    const gh = await serve({ config: null });
    const result = await dod(["check", "Codertocat/Hello-World#2"], { env: env(gh) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^No \.github\/done\.yml on Codertocat\/Hello-World#2's base branch \(master\)/);
  });

  it("needs GITHUB_TOKEN", async () => {
    const result = await dod(["check", "Codertocat/Hello-World#2"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^dod: GITHUB_TOKEN is not set/);
  });

  it("says when GitHub can't be reached", async () => {
    const closed = await startFakeGitHub();
    await closed.close();
    const result = await dod(["check", "Codertocat/Hello-World#2"], {
      env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: closed.url },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^dod: Could not reach GitHub at ${closed.url}: .*ECONNREFUSED`));
  });

  it.each([
    [["check"], "dod: which pull request?"],
    [["check", "not-a-pr"], 'dod: "not-a-pr" is not a pull request'],
    [["check", "a/b#1", "--colour"], "dod: Unknown option '--colour'"],
    [["check", "a/b#1", "--format", "yaml"], "dod: --format must be one of text, json, md"],
    [["check", "a/b#1", "--base", "main"], "dod: --base only applies with --local"],
    [["check", "a/b#1", "c/d#2"], "dod: unexpected argument: c/d#2"],
    [["check", "--local", "--post"], "dod: --post needs a pull request"],
  ])("rejects a bad command line %j with exit 2 and the usage", async (args, message) => {
    const result = await dod(args, { env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: "http://127.0.0.1:9" } });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.startsWith(message)).toBe(true);
    expect(result.stderr).toContain("Usage: dod check <owner>/<repo>#<number>");
  });
});
