// GitHub's rate limits past what Octokit waits out itself: the job goes back to the queue until `retry-after` or
// `x-ratelimit-reset` (as GitHub's docs ask), and no failure check is written while the limit lasts — the verdict
// is late, not wrong. dod's own Octokit settings run here, all waits scaled down (test/helpers/dod-app.ts).
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAX_RETRY_AFTER_SECONDS, SECONDARY_LIMIT_RETRIES } from "../../src/octokit.js";
import { loadDodApp, MS_PER_SECOND } from "../helpers/dod-app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { pullRequestData } from "../helpers/pull-request-data.js";

const config =
  "owners: { engineering: [lead-bob] }\ncriteria:\n  - id: docs\n    owner: engineering\n    require: { files: [docs/**] }\n";
const CHECKS = "/repos/Codertocat/Hello-World/check-runs";
const COMMENTS = "/repos/Codertocat/Hello-World/issues/2/comments";
const VERDICT = "0 of 1 done — missing: docs";
const data = pullRequestData({ config, files: ["src/a.ts"] });

describe("GitHub rate limits that outlast Octokit's own waits", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
    github.token();
  });
  afterEach(() => nock.cleanAll());

  const evaluate = async () => {
    const { probot, queue } = await loadDodApp();
    await probot.receive(event("pull_request", example("pull_request", "synchronize")));
    await queue.idle();
  };
  /** The check runs written, by title: a failure report would show as "Could not evaluate…". */
  const checkTitles = () => github.find("checks/create").map((r) => (r.body as any).output.title);
  /** How long after the last refused request the evaluation started again (its second GraphQL read). */
  const pause = () => {
    const retry = github.requests.findLastIndex((r) => r.operation === "graphql");
    return github.requests[retry]!.at - github.requests[retry - 1]!.at;
  };

  it(`waits out a \`retry-after\` over ${MAX_RETRY_AFTER_SECONDS} s in the queue, not in the request, and writes no failure check`, async () => {
    github
      .graphql(data)
      .rateLimited("POST", CHECKS, { kind: "secondary", retryAfter: 130 })
      .graphql(data)
      .rest("POST", CHECKS, 201, { id: 77 })
      .rest("POST", COMMENTS, 201, { id: 501 });

    await evaluate();

    github.assertDone();
    expect(github.calls()).toEqual([
      "POST /graphql",
      `POST ${CHECKS}`,
      "POST /graphql",
      `POST ${CHECKS}`,
      `POST ${COMMENTS}`,
    ]);
    expect(checkTitles()).toEqual([VERDICT, VERDICT]);
    expect(pause()).toBeGreaterThanOrEqual(130 * MS_PER_SECOND - 2);
  });

  it(`after ${SECONDARY_LIMIT_RETRIES} waits in a row Octokit gives up; the queue waits once more and posts the verdict`, async () => {
    github
      .graphql(data)
      .rateLimited("POST", CHECKS, { kind: "secondary", retryAfter: 20 }, SECONDARY_LIMIT_RETRIES + 1)
      .graphql(data)
      .rest("POST", CHECKS, 201, { id: 77 })
      .rest("POST", COMMENTS, 201, { id: 501 });

    await evaluate();

    github.assertDone();
    expect(checkTitles()).toEqual(Array(SECONDARY_LIMIT_RETRIES + 2).fill(VERDICT));
    expect(pause()).toBeGreaterThanOrEqual(20 * MS_PER_SECOND - 2);
  });

  it("a spent hourly quota (403, `x-ratelimit-remaining: 0`) holds the job until `x-ratelimit-reset`", async () => {
    github
      .graphql(data)
      .rateLimited("POST", CHECKS, { kind: "primary", resetInSeconds: 130 })
      .graphql(data)
      .rest("POST", CHECKS, 201, { id: 77 })
      .rest("POST", COMMENTS, 201, { id: 501 });

    await evaluate();

    github.assertDone();
    expect(checkTitles()).toEqual([VERDICT, VERDICT]);
    // The reset is a whole second: at least 129 s from the refusal, and one more by GitHub's advice.
    expect(pause()).toBeGreaterThanOrEqual(129 * MS_PER_SECOND);
  });

  it("GraphQL's RATE_LIMITED answer (200) holds the job until the reset, then evaluates", async () => {
    github
      .graphqlRateLimited(130)
      .graphql(data)
      .rest("POST", CHECKS, 201, { id: 77 })
      .rest("POST", COMMENTS, 201, { id: 501 });

    await evaluate();

    github.assertDone();
    expect(github.calls()).toEqual(["POST /graphql", "POST /graphql", `POST ${CHECKS}`, `POST ${COMMENTS}`]);
    expect(checkTitles()).toEqual([VERDICT]);
    const [limited, retried] = github.find("graphql");
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(129 * MS_PER_SECOND);
  });
});
