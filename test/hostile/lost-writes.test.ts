// Item 7 of issue #15: GitHub performs a create and then loses its answer (502). The retry plugin used to send the
// create again, leaving a second check run or a second sticky comment (the first then went stale). Now what the lost
// attempt may have made is looked for first: the check run by dod's name, app and external id on the head commit,
// the comment by dod's app and its marker.
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { COMMENT_MARKER } from "../../src/model/names.js";
import { loadDodApp } from "../helpers/dod-app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { APP_ID, HEAD_SHA, pullRequestData } from "../helpers/pull-request-data.js";

const REPO = "/repos/Codertocat/Hello-World";
const CHECKS = `${REPO}/check-runs`;
const LIST_OWN = `${REPO}/commits/${HEAD_SHA}/check-runs?check_name=Definition%20of%20Done&filter=all&app_id=${APP_ID}`;
const COMMENTS = `${REPO}/issues/2/comments`;
const config =
  "owners: { engineering: [lead-bob] }\ncriteria:\n  - id: docs\n    owner: engineering\n    require: { files: [docs/**] }\n";
const LOST = { message: "Bad Gateway" };

describe("a create whose answer is lost", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
    github.token().graphql(pullRequestData({ config, files: ["src/a.ts"] }));
  });
  afterEach(() => nock.cleanAll());

  const evaluate = async () => {
    const { probot, queue } = await loadDodApp();
    await probot.receive(event("pull_request", example("pull_request", "synchronize")));
    await queue.idle();
    github.assertDone();
  };
  /** `GET …/issues/2/comments?since=…`: the look-up's `since` depends on the clock, so any query matches. */
  const listComments = (answer: () => unknown[]) =>
    github.scope
      .get(COMMENTS)
      .query((q) => typeof q.since === "string" && q.per_page === "100")
      .reply(200, () => {
        github.requests.push({ method: "GET", path: COMMENTS, body: null, operation: "issues/list-comments", at: 0 });
        return answer();
      });
  const sentExternalId = () => github.body("checks/create").external_id as string;

  it("check run: GitHub made it, the 502 lost the answer — adopted, never created twice", async () => {
    github
      .rest("POST", CHECKS, 502, LOST)
      .rest("GET", LIST_OWN, 200, () => ({
        total_count: 2,
        check_runs: [
          // An older run of dod's and the one the lost create made, as GitHub lists them (newest first).
          { id: 41, name: "Definition of Done", external_id: sentExternalId(), app: { id: APP_ID } },
          { id: 40, name: "Definition of Done", external_id: "dod:stale", app: { id: APP_ID } },
        ],
      }))
      .rest("POST", COMMENTS, 201, { id: 501 });

    await evaluate();

    expect(github.find("checks/create")).toHaveLength(1);
    expect(github.find("checks/update")).toHaveLength(0);
    expect(github.find("issues/create-comment")).toHaveLength(1);
  });

  it("check run: a run with another external id (an older verdict) is not taken for the lost one", async () => {
    github
      .rest("POST", CHECKS, 502, LOST)
      .rest("GET", LIST_OWN, 200, {
        total_count: 1,
        check_runs: [{ id: 40, name: "Definition of Done", external_id: "dod:stale", app: { id: APP_ID } }],
      })
      .rest("POST", CHECKS, 201, { id: 41 })
      .rest("POST", COMMENTS, 201, { id: 501 });

    await evaluate();

    const [first, second] = github.find("checks/create").map((r) => r.body);
    expect(second).toEqual(first);
    expect(github.calls()).toEqual([
      "POST /graphql",
      `POST ${CHECKS}`,
      `GET ${LIST_OWN}`,
      `POST ${CHECKS}`,
      `POST ${COMMENTS}`,
    ]);
  });

  it("sticky comment: GitHub made it, the 502 lost the answer — one comment, not two", async () => {
    github.rest("POST", CHECKS, 201, { id: 41 }).rest("POST", COMMENTS, 502, LOST);
    listComments(() => [
      { id: 500, body: "/dod waive docs", user: { login: "octocat", type: "User" }, performed_via_github_app: null },
      {
        id: 501,
        body: (github.body("issues/create-comment") as { body: string }).body,
        user: { login: "dod[bot]", type: "Bot" },
        performed_via_github_app: { id: APP_ID },
      },
    ]);

    await evaluate();

    expect(github.find("issues/create-comment")).toHaveLength(1);
    expect(github.body("issues/create-comment").body).toMatch(new RegExp(`^${COMMENT_MARKER}\n`));
  });

  it("sticky comment: another app's comment with dod's marker is not taken for the lost one", async () => {
    github.rest("POST", CHECKS, 201, { id: 41 }).rest("POST", COMMENTS, 502, LOST);
    listComments(() => [
      {
        id: 500,
        body: `${COMMENT_MARKER}\nforged`,
        user: { login: "mallory[bot]", type: "Bot" },
        performed_via_github_app: { id: 666 },
      },
    ]);
    github.rest("POST", COMMENTS, 201, { id: 502 });

    await evaluate();

    const [first, second] = github.find("issues/create-comment").map((r) => r.body);
    expect(second).toEqual(first);
    expect(github.calls()).toEqual([
      "POST /graphql",
      `POST ${CHECKS}`,
      `POST ${COMMENTS}`,
      `GET ${COMMENTS}`,
      `POST ${COMMENTS}`,
    ]);
  });
});
