// GitHub failing a write: 5xx answers are retried with backoff and the verdict is still posted; a secondary rate
// limit (403, or 429 with `retry-after`) is waited out as GitHub asks, then posted (longer limits: rate-limits.test.ts).
// These run dod's own Octokit settings (src/octokit.ts) with the waits scaled down (test/helpers/dod-app.ts).
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { annotationsHash, externalId } from "../../src/github/fingerprint.js";
import { MS_PER_SECOND, loadDodApp } from "../helpers/dod-app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { HEAD_SHA, pullRequestData } from "../helpers/pull-request-data.js";

const config =
  "owners: { engineering: [lead-bob] }\ncriteria:\n  - id: docs\n    owner: engineering\n    require: { files: [docs/**] }\n";
const CHECKS = "/repos/Codertocat/Hello-World/check-runs";
// A run with other text but the same (no) annotations: updated in place.
const OLD_VERDICT = externalId({ output: "0123456789abcdef", annotations: annotationsHash([]), number: 2 });
const LIST_ALL = `/repos/Codertocat/Hello-World/commits/${HEAD_SHA}/check-runs?check_name=Definition%20of%20Done&filter=all&app_id=1`;
const COMMENTS = "/repos/Codertocat/Hello-World/issues/2/comments";
const SECONDARY = {
  message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
};
const synchronize = () => event("pull_request", example("pull_request", "synchronize"));

describe("GitHub failing a write", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
    github.token().graphql(pullRequestData({ config, files: ["src/a.ts"] }));
  });
  afterEach(() => nock.cleanAll());

  const evaluate = async () => {
    const { probot, queue } = await loadDodApp();
    await probot.receive(synchronize());
    await queue.idle();
  };
  const checkWrites = () => github.requests.filter((r) => r.path === CHECKS);
  const posted = () =>
    github.requests.filter((r) => r.path === CHECKS && (r.body as any).output.title === "0 of 1 done — missing: docs");

  it("a create answered 502 or 500 is looked for before it is sent again, and the verdict is still posted", async () => {
    const none = { total_count: 0, check_runs: [] };
    github
      .rest("POST", CHECKS, 502, { message: "Bad Gateway" })
      .rest("GET", LIST_ALL, 200, none)
      .rest("POST", CHECKS, 500, { message: "Server Error" })
      .rest("GET", LIST_ALL, 200, none)
      .rest("POST", CHECKS, 201, { id: 77 })
      .rest("POST", COMMENTS, 502, { message: "Bad Gateway" });
    // The look-up's `since` is the time of the create: any query.
    github.scope.get(COMMENTS).query(true).reply(200, []);
    github.rest("POST", COMMENTS, 201, { id: 501 });

    await evaluate();

    github.assertDone();
    expect(checkWrites()).toHaveLength(3);
    expect(posted()).toHaveLength(3); // the same verdict each time, never a failure report
    expect(github.find("issues/create-comment")).toHaveLength(2);
  });

  it("retries a 502 on an update (it can be sent twice) with growing waits", async () => {
    nock.cleanAll();
    github = new GitHubMock();
    github
      .token()
      .graphql(pullRequestData({ config, files: ["src/a.ts"], ownCheckRun: { id: 77, externalId: OLD_VERDICT } }));
    github
      .rest("PATCH", `${CHECKS}/77`, 502, { message: "Bad Gateway" })
      .rest("PATCH", `${CHECKS}/77`, 500, { message: "Server Error" })
      .rest("PATCH", `${CHECKS}/77`, 200, { id: 77 })
      .rest("POST", COMMENTS, 201, { id: 501 });

    await evaluate();

    github.assertDone();
    // Backoff: 1 "s" before the first retry, 4 before the second (the retry plugin's (n+1)² schedule).
    const [first, second, third] = github.find("checks/update").map((r) => r.at);
    expect(second! - first!).toBeGreaterThanOrEqual(1 * MS_PER_SECOND - 2);
    expect(third! - second!).toBeGreaterThanOrEqual(4 * MS_PER_SECOND - 2);
  });

  it("waits out a secondary rate limit (403) for as long as `retry-after` says, then posts", async () => {
    github
      .rest("POST", CHECKS, 403, SECONDARY, 1, { "retry-after": "30" })
      .rest("POST", CHECKS, 201, { id: 77 })
      .rest("POST", COMMENTS, 201, { id: 501 });

    await evaluate();

    github.assertDone();
    const [limited, retried] = checkWrites();
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(30 * MS_PER_SECOND - 2);
    expect(posted()).toHaveLength(2);
  });

  it("waits out a 429 with `retry-after` once, as asked, rather than retrying it blind", async () => {
    github
      .rest("POST", CHECKS, 429, SECONDARY, 1, { "retry-after": "30" })
      .rest("POST", CHECKS, 201, { id: 77 })
      .rest("POST", COMMENTS, 201, { id: 501 });

    await evaluate();

    github.assertDone();
    const [limited, retried] = checkWrites();
    expect(checkWrites()).toHaveLength(2);
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(30 * MS_PER_SECOND - 2);
    expect(github.find("issues/create-comment")).toHaveLength(1);
  });
});
