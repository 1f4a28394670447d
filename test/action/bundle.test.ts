// The Action as GitHub runs it: action.yml's `node24` runtime starts one committed, bundled file, with no
// `npm install`. The committed bundle must be what the sources build, and it must run on its own: here it is
// copied into an empty directory (no node_modules, no package.json) and given a recorded pull_request event.
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
// @ts-expect-error -- a plain .mjs script with no declarations
import { ACTION_BUNDLE, bundleAction } from "../../scripts/action-bundle.mjs";
import { example } from "../helpers/events.js";
import { type FakeGitHub, startFakeGitHub } from "../helpers/fake-github-server.js";
import { ADDS_CHANGELOG, OTHERS, pull } from "../helpers/preview-repository.js";
import { HEAD_SHA, pullRequestData } from "../helpers/pull-request-data.js";
import { repositoryWorld } from "../helpers/repository-world.js";

const root = new URL("../..", import.meta.url).pathname;
const REPO = "/repos/Codertocat/Hello-World";
const TOKEN = "ghs_workflow_token";

let github: FakeGitHub | undefined;
let dir: string | undefined;
afterEach(async () => {
  await github?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  github = dir = undefined;
});

describe("the bundled Action", () => {
  it("is what action.yml runs, on Node 24", () => {
    const action = parse(readFileSync(join(root, "action.yml"), "utf8")) as {
      inputs: { token: { default: string } };
      runs: Record<string, unknown>;
    };
    expect(action.runs).toEqual({ using: "node24", main: ACTION_BUNDLE });
    // The runner hands inputs to a JavaScript action as INPUT_<NAME>, which the Action reads.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub Actions' own expression syntax
    expect(action.inputs.token.default).toBe("${{ github.token }}");
  });

  it("is what the sources build (`npm run build:action` rewrites it)", async () => {
    const committed = readFileSync(join(root, ACTION_BUNDLE), "utf8");
    const built = (await bundleAction()) as string;
    // One line, not a megabyte of diff, when it is stale.
    expect(built === committed, `${ACTION_BUNDLE} is stale: run \`npm run build:action\` and commit it`).toBe(true);
  }, 60_000);

  /** Runs the committed bundle from an empty directory on a recorded pull_request event, against `graphql`. */
  async function runBundle(graphql: () => object) {
    github = await startFakeGitHub({
      token: TOKEN,
      graphql,
      rest: (method, path) => {
        if (method === "POST" && path === `${REPO}/check-runs`) return [201, { id: 77 }];
        if (method === "POST" && path === `${REPO}/issues/2/comments`) return [201, { id: 501 }];
        return undefined;
      },
    });
    dir = mkdtempSync(join(tmpdir(), "dod-bundle-"));
    copyFileSync(join(root, ACTION_BUNDLE), join(dir, "index.mjs"));
    writeFileSync(join(dir, "event.json"), JSON.stringify(example("pull_request", "opened")));
    writeFileSync(join(dir, "summary.md"), "");
    const env = {
      PATH: process.env.PATH,
      GITHUB_ACTIONS: "true",
      GITHUB_EVENT_NAME: "pull_request",
      GITHUB_EVENT_PATH: join(dir, "event.json"),
      GITHUB_REPOSITORY: "Codertocat/Hello-World",
      GITHUB_API_URL: github.url,
      GITHUB_STEP_SUMMARY: join(dir, "summary.md"),
      INPUT_TOKEN: TOKEN,
    };
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, ["index.mjs"], { cwd: dir, env }, (error, out, err) =>
        resolve({ code: error ? Number(error.code) : 0, stdout: out, stderr: err }),
      ),
    );
    return { ...run, github };
  }

  it("checks a recorded pull_request event from a directory with no node_modules", async () => {
    const config = readFileSync(join(root, "test/fixtures/config/basic.yml"), "utf8");
    const { code, stdout, stderr } = await runBundle(() => pullRequestData({ config, files: ["src/login.ts"] }));
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("0 of 2 done — missing: Acceptance criteria met, Unit tests for critical paths");
    expect(stdout).toContain("Published to Codertocat/Hello-World#2: check run created, comment created.");
    expect(github!.problems()).toEqual([]);
    expect(github!.calls()).toEqual(["POST /graphql", `POST ${REPO}/check-runs`, `POST ${REPO}/issues/2/comments`]);
    expect(github!.find("checks/create")[0]!.body).toMatchObject({ head_sha: HEAD_SHA, conclusion: "failure" });
  });

  it("previews a done.yml change in its check run, as the app does", async () => {
    const world = repositoryWorld({
      pulls: [pull(2, [".github/done.yml"], { headSha: HEAD_SHA, headConfig: ADDS_CHANGELOG }), ...OTHERS],
    });
    const { code, stderr } = await runBundle(() => world);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(github!.problems()).toEqual([]);
    expect(github!.find("graphql").map((r) => /query (\w+)/.exec(r.body.query)?.[1])).toEqual([
      "DodPullRequest",
      "DodPreviewList",
      "DodPreviewPulls",
      "DodPreviewPulls",
      "DodPreviewPulls",
    ]);
    const summary: string = github!.find("checks/create")[0]!.body.output.summary;
    expect(summary).toContain("### What the proposed rules would do");
    expect(summary).toContain(
      "| [#3](https://github.com/Codertocat/Hello-World/pull/3) Change 3 | ✅ passes | ❌ fails | newly missing: Changelog entry (`changelog`) |",
    );
  });
});
