// Events that cannot change the verdict cost no request, and the debug log says why; the config they are judged
// by is the one an evaluation read at the same base commit, and an event of a base never evaluated is evaluated.
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Debouncer } from "../../src/dashboard/issue.js";
import { loadApp } from "../helpers/app.js";
import { event, example, exampleInRepo } from "../helpers/events.js";
import { DebugLog } from "../helpers/debug-log.js";
import { GitHubMock } from "../helpers/github.js";
import { BASE_SHA, pullRequestData } from "../helpers/pull-request-data.js";

const REPO = "/repos/Codertocat/Hello-World";
const OTHER_BASE = "89abcdef0123456789abcdef0123456789abcdef";

const config = (extra = "") => `owners: { engineering: [lead-bob] }
comment: never
criteria:
  - id: docs
    owner: engineering
    when: { labels_absent: [no-docs] }
    require: { files: [docs/**] }
${extra}`;
const BENCHMARK = `  - id: perf
    owner: engineering
    require: { check: "benchmark*" }
`;

function checkCompleted(name: string, base = BASE_SHA) {
  const payload = example("check_run", "completed");
  payload.check_run.name = name;
  payload.check_run.pull_requests[0].base.sha = base;
  return event("check_run", payload);
}

function labelled(name: string, action = "labeled") {
  const payload = example("pull_request", "labeled");
  payload.action = action;
  payload.label = { ...payload.label, name };
  return event("pull_request", payload);
}

describe("events that cannot change the verdict", () => {
  let github: GitHubMock;
  let debug: DebugLog;
  const log = () => debug.logger();
  const skips = () => debug.skips();

  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
    debug = new DebugLog();
  });
  afterEach(() => {
    nock.cleanAll();
    vi.restoreAllMocks();
  });

  /** The app after one evaluation of the pull request, which read the config at BASE_SHA. */
  async function evaluatedOnce(text: string) {
    const app = await loadApp({ log: log() });
    github
      .token()
      .graphql(pullRequestData({ config: text, files: ["docs/a.md"] }))
      .rest("POST", `${REPO}/check-runs`, 201, { id: 5 });
    await app.probot.receive(event("pull_request", example("pull_request", "synchronize")));
    await app.queue.idle();
    github.assertDone();
    return app;
  }

  /** One more evaluation of the pull request, its check unchanged. */
  const evaluation = () =>
    github.graphql(() =>
      pullRequestData({
        config: config(BENCHMARK),
        files: ["docs/a.md"],
        checks: [{ name: "benchmark-linux" }],
        ownCheckRun: { id: 5, externalId: null },
      }),
    );

  it("a storm of 20 finished checks that no requirement names costs nothing", async () => {
    const { probot, queue } = await evaluatedOnce(config());
    const before = github.calls().length;
    for (let i = 0; i < 20; i++) await probot.receive(checkCompleted(`lint-${i}`));
    await queue.idle();
    github.assertDone();
    expect(github.calls()).toHaveLength(before);
    expect(skips()).toHaveLength(20);
    expect(skips()[0]).toBe("no check requirement of the config at f95f852 names the check lint-0");
  });

  it("in a storm of 20 finished checks, only the one a requirement names is evaluated", async () => {
    const { probot, queue } = await evaluatedOnce(config(BENCHMARK));
    evaluation().rest("POST", `${REPO}/check-runs`, 201, { id: 6 });
    const before = github.calls().length;
    for (let i = 0; i < 20; i++) await probot.receive(checkCompleted(i === 13 ? "benchmark-linux" : `lint-${i}`));
    await queue.idle();
    github.assertDone();
    expect(github.calls().slice(before)).toEqual(["POST /graphql", `POST ${REPO}/check-runs`]);
    expect(github.body("checks/create", 1).output.summary).toContain("✅ perf — [benchmark-linux]");
    expect(skips()).toHaveLength(19);
  });

  it("a finished check of a base commit never evaluated is evaluated: no config is assumed", async () => {
    const { probot, queue } = await evaluatedOnce(config());
    evaluation().rest("POST", `${REPO}/check-runs`, 201, { id: 6 });
    await probot.receive(checkCompleted("lint", OTHER_BASE));
    await queue.idle();
    github.assertDone();
    expect(skips()).toEqual([]);
  });

  it("a finished check suite is skipped once the config is known: its runs are judged one by one", async () => {
    const { probot, queue } = await evaluatedOnce(config(BENCHMARK));
    const payload = exampleInRepo("check_suite", "completed");
    const repo = { id: payload.repository.id, url: payload.repository.url, name: payload.repository.name };
    payload.check_suite.pull_requests = [
      {
        number: 2,
        base: { ref: "master", sha: BASE_SHA, repo },
        head: { ref: "changes", sha: payload.check_suite.head_sha, repo },
      },
    ];
    await probot.receive(event("check_suite", payload));
    await queue.idle();
    github.assertDone();
    expect(skips()).toEqual(["a check suite finished; its check runs are judged one by one as they finish"]);
  });

  it("a label no condition or requirement names costs nothing; one a condition names is evaluated", async () => {
    const { probot, queue } = await evaluatedOnce(config());
    const before = github.calls().length;
    await probot.receive(labelled("good first issue"));
    await probot.receive(labelled("bug", "unlabeled"));
    await queue.idle();
    expect(github.calls()).toHaveLength(before);
    expect(skips()).toEqual([
      "no condition or requirement of the config at f95f852 names the label good first issue",
      "no condition or requirement of the config at f95f852 names the label bug",
    ]);

    github.graphql(
      pullRequestData({
        config: config(),
        files: ["docs/a.md"],
        labels: ["No-Docs"],
        ownCheckRun: { id: 5, externalId: null },
      }),
    );
    github.rest("POST", `${REPO}/check-runs`, 201, { id: 6 });
    await probot.receive(labelled("No-Docs"));
    await queue.idle();
    github.assertDone();
    expect(skips()).toHaveLength(2);
  });

  it("a release label still refreshes the dashboard issue although the verdict cannot change", async () => {
    const schedule = vi.spyOn(Debouncer.prototype, "schedule");
    const { probot, queue } = await evaluatedOnce(
      `${config()}releases: { by: label, label: "release/*" }\ndashboard: { issue: true }\n`,
    );
    schedule.mockClear();
    await probot.receive(labelled("release/2.1"));
    await probot.receive(labelled("chore"));
    await queue.idle();
    expect(skips()).toHaveLength(2);
    expect(schedule.mock.calls.map(([ref]) => ref)).toEqual([
      { owner: "Codertocat", repo: "Hello-World", installationId: 1 },
    ]);
  });

  it("a new head with the same verdict leaves the dashboard issue alone; a changed verdict refreshes it", async () => {
    const schedule = vi.spyOn(Debouncer.prototype, "schedule");
    const text = `${config()}dashboard: { issue: true }\n`;
    const { probot, queue } = await evaluatedOnce(text);
    // Each evaluation hands the dashboard its entry; only a changed verdict's (not `soft`) may write the issue.
    const writes = () => schedule.mock.calls.map(([ref]) => ref.patch?.soft === false);
    expect(writes()).toEqual([true]);
    const push = async (head: string, files: string[]) => {
      github
        .graphql(pullRequestData({ config: text, files, headSha: head }))
        .rest("POST", `${REPO}/check-runs`, 201, { id: 6 });
      const payload = example("pull_request", "synchronize");
      payload.pull_request.head.sha = head;
      await probot.receive(event("pull_request", payload));
      await queue.idle();
    };
    await push("1111111111111111111111111111111111111111", ["docs/a.md", "docs/b.md"]);
    expect(writes()).toEqual([true, false]);
    await push("2222222222222222222222222222222222222222", ["src/a.ts"]);
    github.assertDone();
    expect(writes()).toEqual([true, false, true]);
  });

  it("a comment edited with no /dod command before or after costs nothing", async () => {
    const { probot, queue } = await loadApp({ log: log() });
    const payload = exampleInRepo("issue_comment", "edited");
    payload.issue.pull_request = { url: "https://api.github.com/repos/Codertocat/Hello-World/pulls/2" };
    payload.comment.body = "LGTM, thanks";
    payload.changes = { body: { from: "LGTM" } };
    await probot.receive(event("issue_comment", payload));
    await queue.idle();
    github.assertDone();
    expect(github.calls()).toEqual([]);
    expect(skips()).toEqual(["no /dod command before or after the edit"]);
  });
});
