// Item 7 of issue #15: GitHub performs a create and then loses its answer (502). The retry plugin used to send the
// create again, leaving a second check run or a second sticky comment (the first then went stale). Now what the lost
// attempt may have made is looked for first: the check run by dod's name, app and external id on the head commit,
// the comment (sticky, mention, follow-up reply) by dod's app and its marker, an issue (follow-up, dashboard) by
// dod's label and marker, a batch of annotations by the run's count of them.
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeCheckRun } from "../../src/github/check-run.js";
import type { GitHub } from "../../src/github/client.js";
import { writeDashboardIssue } from "../../src/github/dashboard-issue.js";
import { followUpMarker } from "../../src/model/follow-up.js";
import { dodIdentity } from "../../src/model/identity.js";
import { COMMENT_MARKER, DASHBOARD_MARKER } from "../../src/model/names.js";
import type { CheckRunOutput } from "../../src/report/check-run.js";
import { MENTION_MARKER } from "../../src/report/mention.js";
import { dashboardData } from "../dashboard/data.js";
import { refreshDashboardAtOnce } from "../helpers/app.js";
import { FastDodOctokit, loadDodApp } from "../helpers/dod-app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { dashboardListing, followUpListing } from "../helpers/github-issues.js";
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

// The creates that had no such protection: the mention comment, follow-up issues and their replies, the dashboard
// issue, and each further batch of annotations (an update that appends, so a re-sent one appended them twice).
describe("more creates whose answer is lost", () => {
  refreshDashboardAtOnce();
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  /** `GET …/issues/2/comments?since=…` answered with the comment the lost create made, by dod's app. */
  const listsMadeComment = (index: number) =>
    github.scope
      .get(COMMENTS)
      .query((q) => typeof q.since === "string" && q.per_page === "100")
      .reply(200, () => {
        github.requests.push({ method: "GET", path: COMMENTS, body: null, operation: "issues/list-comments", at: 0 });
        const body = (github.body("issues/create-comment", index) as { body: string }).body;
        return [{ id: 601, body, user: { login: "dod[bot]", type: "Bot" }, performed_via_github_app: { id: APP_ID } }];
      });

  it("mention comment: GitHub made it, the 502 lost the answer — owners are notified once", async () => {
    github
      .token()
      .graphql(pullRequestData({ config: `mention: owners-on-missing\n${config}`, files: ["src/a.ts"] }))
      .rest("POST", CHECKS, 201, { id: 41 })
      .rest("POST", COMMENTS, 201, { id: 600 })
      .rest("POST", COMMENTS, 502, LOST);
    listsMadeComment(1);
    const { probot, queue } = await loadDodApp();
    await probot.receive(event("pull_request", example("pull_request", "synchronize")));
    await queue.idle();
    github.assertDone();

    expect(github.calls()).toEqual([
      "POST /graphql",
      `POST ${CHECKS}`,
      `POST ${COMMENTS}`,
      `POST ${COMMENTS}`,
      `GET ${COMMENTS}`,
    ]);
    const mentions = github
      .find("issues/create-comment")
      .filter((r) => (r.body as { body: string }).body.startsWith(MENTION_MARKER));
    expect(mentions).toHaveLength(1);
    expect((mentions[0]!.body as { body: string }).body).toMatch(/^<!-- dod:mentioned docs -->\n/);
  });

  const AUTO = `owners: { engineering: [lead-bob] }
comment: never
criteria:
  - id: docs
    owner: engineering
    require: { files: [docs/**] }
dashboard:
  follow_ups: auto
`;
  const MILESTONES = `${REPO}/milestones?state=open&sort=due_on&direction=asc&per_page=100`;
  const merged = () => {
    const payload = example("pull_request", "closed");
    payload.pull_request.merged = true;
    return event("pull_request", payload);
  };
  /** A follow-up issue as the label listing shows it: by dod's app, its body starting with the marker. */
  const listedFollowUp = (number: number, body: string) => ({
    id: 9000 + number,
    number,
    body,
    state: "open",
    labels: [{ name: "dod:follow-up" }],
    user: { login: "dod[bot]", type: "Bot" },
    performed_via_github_app: { id: APP_ID },
  });
  const mergeRun = async (answers: () => void) => {
    github
      .token()
      .graphql(pullRequestData({ config: AUTO, state: "MERGED", milestone: "v1.2", files: ["src/a.ts"] }))
      .rest("POST", CHECKS, 201, { id: 41 })
      .rest("GET", MILESTONES, 200, [
        { number: 1, title: "v1.2" },
        { number: 2, title: "v1.3" },
      ]);
    answers();
    // The dashboard's read after the evaluation: done.yml enables no dashboard issue, so it stops there.
    github.graphql(dashboardData({ config: AUTO, milestones: [] }));
    const { probot, queue, dashboard } = await loadDodApp();
    await probot.receive(merged());
    await queue.idle();
    await dashboard.idle();
    github.assertDone();
  };

  /** The requests other than GraphQL: the dashboard's read (the merge is one of its events) runs beside the evaluation. */
  const restCalls = () => github.calls().filter((c) => c !== "POST /graphql");

  it("follow-up issue: GitHub made it, the 502 lost the answer — found by its label and marker, one issue", async () => {
    await mergeRun(() => {
      github
        .rest("GET", followUpListing(REPO), 200, [])
        .rest("POST", `${REPO}/issues`, 502, LOST)
        .rest("GET", followUpListing(REPO), 200, () => [
          listedFollowUp(45, github.body("issues/create").body),
          // Another pull request's follow-up for the same item is not this one.
          listedFollowUp(44, followUpMarker({ pull: 7, item: "docs" })),
        ])
        .rest("POST", COMMENTS, 201, { id: 700 });
    });

    expect(restCalls()).toEqual([
      `POST ${CHECKS}`,
      `GET ${MILESTONES}`,
      `GET ${followUpListing(REPO)}`,
      `POST ${REPO}/issues`,
      `GET ${followUpListing(REPO)}`,
      `POST ${COMMENTS}`,
    ]);
    expect(github.find("issues/create")).toHaveLength(1);
    expect(github.body("issues/create")).toMatchObject({ labels: ["dod:follow-up"], milestone: 2 });
    expect(github.body("issues/create-comment").body).toBe(
      "<!-- dod:follow-ups-at-merge -->\nMerged with done debt: a follow-up was opened in v1.3.\n- `docs` → #45",
    );
  });

  it("follow-up issue: a reply that never got through does not open a second issue on the next delivery", async () => {
    await mergeRun(() => {
      github
        .rest("GET", followUpListing(REPO), 200, [
          listedFollowUp(45, `${followUpMarker({ pull: 2, item: "docs" })}\nopened by the delivery whose reply failed`),
        ])
        .rest("POST", COMMENTS, 201, { id: 700 });
    });

    expect(restCalls()).toEqual([
      `POST ${CHECKS}`,
      `GET ${MILESTONES}`,
      `GET ${followUpListing(REPO)}`,
      `POST ${COMMENTS}`,
    ]);
    expect(github.body("issues/create-comment").body).toContain("- `docs` → #45");
  });

  it("follow-up reply: GitHub made it, the 502 lost the answer — one reply", async () => {
    await mergeRun(() => {
      github
        .rest("GET", followUpListing(REPO), 200, [])
        .rest("POST", `${REPO}/issues`, 201, { number: 45 })
        .rest("POST", COMMENTS, 502, LOST);
      listsMadeComment(0);
    });

    expect(restCalls()).toEqual([
      `POST ${CHECKS}`,
      `GET ${MILESTONES}`,
      `GET ${followUpListing(REPO)}`,
      `POST ${REPO}/issues`,
      `POST ${COMMENTS}`,
      `GET ${COMMENTS}`,
    ]);
    expect(github.find("issues/create-comment")).toHaveLength(1);
  });

  const client = () => new FastDodOctokit({ throttle: { enabled: false } } as never) as unknown as GitHub;

  it("dashboard issue: GitHub made it, the 502 lost the answer — found by its label, one issue", async () => {
    const listing = dashboardListing(REPO);
    github
      .rest("GET", listing, 200, [])
      .rest("POST", `${REPO}/issues`, 502, LOST)
      .rest("GET", listing, 200, () => [
        {
          id: 9042,
          number: 42,
          body: github.body("issues/create").body,
          state: "open",
          html_url: "https://github.com/Codertocat/Hello-World/issues/42",
          user: { login: "dod[bot]", type: "Bot" },
        },
      ]);

    const written = await writeDashboardIssue(
      client(),
      { owner: "Codertocat", repo: "Hello-World" },
      { body: `${DASHBOARD_MARKER}\nthe dashboard`, found: null },
    );

    github.assertDone();
    expect(written).toEqual({ result: "created", number: 42 });
    expect(github.calls()).toEqual([`GET ${listing}`, `POST ${REPO}/issues`, `GET ${listing}`]);
  });

  describe("annotations beyond the first 50, appended by updates", () => {
    const annotation = (i: number) => ({
      path: ".github/done.yml",
      start_line: i + 1,
      end_line: i + 1,
      annotation_level: "failure" as const,
      message: `problem ${i}`,
    });
    const output: CheckRunOutput = {
      title: "done.yml has 120 problems",
      summary: "s",
      conclusion: "failure",
      annotations: Array.from({ length: 120 }, (_, i) => annotation(i)),
    };
    const RUN = `${CHECKS}/41`;
    const write = () =>
      writeCheckRun(client(), dodIdentity(APP_ID), {
        ref: { owner: "Codertocat", repo: "Hello-World", number: 2 },
        headSha: HEAD_SHA,
        output,
        existing: null,
      });
    const sent = () =>
      github.requests
        .filter((r) => r.method !== "GET")
        .flatMap((r) => (r.body as { output: { annotations: { message: string }[] } }).output.annotations)
        .map((a) => a.message);

    it("GitHub appended the batch, the 502 lost the answer — the run's count says so, and it is not sent again", async () => {
      github
        .rest("POST", CHECKS, 201, { id: 41 })
        .rest("PATCH", RUN, 502, LOST)
        .rest("GET", RUN, 200, { id: 41, output: { annotations_count: 100 } })
        .rest("PATCH", RUN, 200, { id: 41 });

      await write();

      github.assertDone();
      expect(github.calls()).toEqual([`POST ${CHECKS}`, `PATCH ${RUN}`, `GET ${RUN}`, `PATCH ${RUN}`]);
      expect(sent()).toEqual(output.annotations.map((a) => a.message));
    });

    it("GitHub did not append it — the count is unchanged, so the batch is sent again, once", async () => {
      github
        .rest("POST", CHECKS, 201, { id: 41 })
        .rest("PATCH", RUN, 502, LOST)
        .rest("GET", RUN, 200, { id: 41, output: { annotations_count: 50 } })
        .rest("PATCH", RUN, 200, { id: 41 }, 2);

      await write();

      github.assertDone();
      expect(github.calls()).toEqual([`POST ${CHECKS}`, `PATCH ${RUN}`, `GET ${RUN}`, `PATCH ${RUN}`, `PATCH ${RUN}`]);
      const messages = sent();
      expect(messages).toHaveLength(170);
      expect(new Set(messages.slice(0, 50).concat(messages.slice(100))).size).toBe(120);
    });
  });
});
