// Done-debt follow-ups through the real app: an owner's `/dod follow-up` on a merged pull request opens an issue in
// the next open release, the dashboard lists it with its age, and once it is closed as completed the debt is paid.
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { followUpMarker } from "../../src/model/follow-up.js";
import { loadApp, refreshDashboardAtOnce } from "../helpers/app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { createsDashboardIssue, dashboardListing, followUpListing } from "../helpers/github-issues.js";
import { pullRequestData } from "../helpers/pull-request-data.js";
import { dashboardData, item, page } from "./data.js";

const O = "Codertocat";
const R = "Hello-World";
const REPO = `/repos/${O}/${R}`;
const CONFIG = `owners:
  product: [pm-alice]
  engineering: [lead-bob]
comment: never
criteria:
  - id: runbook
    title: On-call runbook exists
    owner: engineering
    require: { files: ["runbooks/**"] }
dashboard:
  issue: true
`;
const ISSUE_BODY = [
  followUpMarker({ pull: 2, item: "runbook" }),
  "**On-call runbook exists** (`runbook`, engineering) was missing when #2 was merged: this issue pays that debt.",
  "",
  "> write it before the on-call rotation starts",
  "",
  `Asked by @lead-bob in https://github.com/${O}/${R}/pull/2#issuecomment-31.`,
  "",
  "<sub>dod follow-up: closing this issue as completed counts the debt as paid on the Definition of Done dashboard; closing it as not planned does not.</sub>",
  "",
].join("\n");

function comment(id: number, author: string, body: string) {
  const payload = example("issue_comment", "created");
  payload.issue.number = 2;
  payload.issue.pull_request = { url: `https://api.github.com${REPO}/pulls/2` };
  Object.assign(payload.comment, { id, body });
  payload.comment.user.login = author;
  payload.comment.user.type = "User";
  return event("issue_comment", payload);
}

/** The dashboard's reads: v1.2 holds the merged PR #2 (runbook missing), v1.3 is next; the follow-up search finds #45. */
function dashboardReads(
  github: GitHubMock,
  followUp: { state: "OPEN" | "CLOSED"; stateReason: string | null } | null,
  issue: { number: number; body: string } | null,
) {
  github
    .graphql(
      dashboardData({
        config: CONFIG,
        milestones: [
          { number: 1, title: "v1.2", count: 1 },
          { number: 2, title: "v1.3", count: 0 },
        ],
        issue,
        followUps: followUp
          ? [
              {
                number: 45,
                title: "Done debt: On-call runbook exists (#2)",
                url: `https://github.com/${O}/${R}/issues/45`,
                state: followUp.state,
                stateReason: followUp.stateReason as never,
                createdAt: "2026-11-27T09:00:00Z",
                closedAt: followUp.state === "CLOSED" ? "2026-11-29T09:00:00Z" : null,
                body: ISSUE_BODY,
                milestone: { title: "v1.3" },
              },
            ]
          : [],
      }),
    )
    .graphql({
      repository: {
        milestone: {
          pullRequests: page([
            {
              number: 2,
              title: "Checkout",
              merged: true,
              items: [item("runbook", "engineering", "missing", { title: "On-call runbook exists" })],
            },
          ]),
        },
      },
    });
}

describe("done-debt follow-ups", () => {
  let github: GitHubMock;
  refreshDashboardAtOnce();
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  it("runs end to end: command → issue in the next release → listed with its age → closed as completed → debt paid", async () => {
    const { probot, queue, dashboard } = await loadApp();
    const asked = {
      id: 31,
      author: "lead-bob",
      body: "/dod follow-up runbook write it before the on-call rotation starts",
    };

    // 1. The command on the merged pull request (in v1.2): 👍, the issue in v1.3, a reply linking it.
    github
      .token()
      .graphql(
        pullRequestData({ config: CONFIG, state: "MERGED", milestone: "v1.2", files: ["src/a.ts"], comments: [asked] }),
      )
      .rest("POST", `${REPO}/issues/comments/31/reactions`, 201, { id: 1, content: "+1" })
      .rest("GET", `${REPO}/milestones?state=open&sort=due_on&direction=asc&per_page=100`, 200, [
        { number: 1, title: "v1.2" },
        { number: 2, title: "v1.3" },
      ])
      .rest("GET", followUpListing(REPO), 200, [])
      .rest("POST", `${REPO}/issues`, 201, { number: 45, html_url: `https://github.com/${O}/${R}/issues/45` })
      .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 600 })
      .rest("POST", `${REPO}/check-runs`, 201, { id: 5 });
    // 2. …and the dashboard, refreshed after the evaluation, finds the open follow-up.
    dashboardReads(github, { state: "OPEN", stateReason: null }, null);
    createsDashboardIssue(github, REPO, 42);

    await probot.receive(comment(31, "lead-bob", asked.body));
    await queue.idle();
    await dashboard.idle();
    github.assertDone();

    expect(github.calls()).toEqual([
      "POST /graphql",
      `POST ${REPO}/issues/comments/31/reactions`,
      `GET ${REPO}/milestones?state=open&sort=due_on&direction=asc&per_page=100`,
      `GET ${followUpListing(REPO)}`,
      `POST ${REPO}/issues`,
      `POST ${REPO}/issues/2/comments`,
      `POST ${REPO}/check-runs`,
      "POST /graphql",
      "POST /graphql",
      `GET ${dashboardListing(REPO)}`,
      `POST ${REPO}/issues`,
      `GET ${dashboardListing(REPO)}`,
    ]);
    const [followUp, dashboardIssue] = github
      .find("issues/create")
      .map((r) => r.body as { title: string; body: string; milestone?: number });
    expect(followUp).toEqual({
      title: "Done debt: On-call runbook exists (#2)",
      body: ISSUE_BODY,
      labels: ["dod:follow-up"],
      milestone: 2,
    });
    expect(github.body("issues/create-comment")).toEqual({
      body: "<!-- dod:follow-up-reply 31 runbook -->\nFollow-up #45 opened for `runbook` in v1.3.",
    });
    const variables = github.find("graphql")[1]!.body as { variables: { followUpSearch: string } };
    expect(variables.variables.followUpSearch).toBe(
      `repo:${O}/${R} is:issue in:body "dod follow-up" sort:created-desc`,
    );
    const listed = dashboardIssue!.body;
    expect(listed).toContain("### Done debt — merged with items missing\n");
    expect(listed).toContain("| On-call runbook exists → [#45](https://github.com/Codertocat/Hello-World/issues/45) |");
    const age = Math.floor((Date.now() - Date.parse("2026-11-27T09:00:00Z")) / 86_400_000);
    expect(listed).toContain(
      `### Follow-ups planned in this release (1 open)\n\n| Follow-up | Pull request | Item | Open for |\n|---|---|---|---:|\n| [#45](https://github.com/Codertocat/Hello-World/issues/45) Done debt: On-call runbook exists (#2) | #2 | \`runbook\` | ${age} ${age === 1 ? "day" : "days"} |`,
    );
    expect(listed.indexOf("## [v1.3]")).toBeLessThan(listed.indexOf("### Follow-ups planned in this release"));

    // 3. The follow-up is closed as completed: no pull request is re-evaluated, the dashboard says the debt is paid.
    github = new GitHubMock();
    dashboardReads(github, { state: "CLOSED", stateReason: "COMPLETED" }, { number: 42, body: dashboardIssue!.body });
    github.rest("PATCH", `${REPO}/issues/42`, 200, { number: 42 });
    // GitHub's examples have no `issues.closed`: the edited one, closed.
    const closed = example("issues", "edited");
    closed.action = "closed";
    delete closed.changes;
    Object.assign(closed.issue, { number: 45, body: ISSUE_BODY, state: "closed", state_reason: "completed" });
    closed.repository = example("pull_request", "synchronize").repository;
    await probot.receive(event("issues", closed));
    await queue.idle();
    await dashboard.idle();
    github.assertDone();
    expect(github.calls()).toEqual(["POST /graphql", "POST /graphql", `PATCH ${REPO}/issues/42`]);
    const paid = (github.body("issues/update") as { body: string }).body;
    expect(paid).toContain("### Done debt — merged with items missing (1 of 1 paid by follow-ups)");
    expect(paid).toContain(
      "| On-call runbook exists → [#45](https://github.com/Codertocat/Hello-World/issues/45) ✅ paid |",
    );
    expect(paid).not.toContain("Follow-ups planned in this release");
  });

  it("answers a redelivered command once, and refuses it on an open pull request or from a non-owner", async () => {
    const { probot, queue, dashboard } = await loadApp();
    const asked = { id: 31, author: "lead-bob", body: "/dod follow-up runbook" };
    const reply = {
      id: 600,
      author: "dod[bot]",
      bot: true,
      body: "<!-- dod:follow-up-reply 31 runbook -->\nFollow-up #45 opened for `runbook` in v1.3.",
    };
    github
      .token()
      .graphql(
        pullRequestData({
          config: CONFIG.replace("issue: true", "issue: false"),
          state: "MERGED",
          files: ["src/a.ts"],
          comments: [asked, reply],
        }),
      )
      .rest("POST", `${REPO}/issues/comments/31/reactions`, 201, { id: 1, content: "+1" })
      .rest("POST", `${REPO}/check-runs`, 201, { id: 5 });
    await probot.receive(comment(31, "lead-bob", asked.body));
    await queue.idle();
    github.assertDone();
    expect(github.find("issues/create")).toHaveLength(0);

    for (const [who, state, refusal] of [
      [
        "lead-bob",
        "OPEN",
        "`/dod follow-up` is for merged pull requests (done debt); before merging, finish `runbook` or waive it",
      ],
      ["pm-alice", "MERGED", "only an engineering owner (`@lead-bob`) may follow-up `runbook`"],
    ] as const) {
      github = new GitHubMock();
      const cmd = { id: 32, author: who, body: "/dod follow-up runbook" };
      github
        .graphql(
          pullRequestData({
            config: CONFIG.replace("issue: true", "issue: false"),
            state,
            files: ["src/a.ts"],
            comments: [cmd],
          }),
        )
        .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 601 })
        .rest("POST", `${REPO}/check-runs`, 201, { id: 5 });
      await probot.receive(comment(32, who, cmd.body));
      await queue.idle();
      github.assertDone();
      expect((github.body("issues/create-comment") as { body: string }).body).toContain(refusal);
      expect(github.find("issues/create")).toHaveLength(0);
    }
  });

  it("with `follow_ups: auto`, opens one per item a pull request is merged without, once, and none when not asked", async () => {
    const { probot, queue, dashboard } = await loadApp();
    const auto = CONFIG.replace("issue: true", "issue: false\n  follow_ups: auto").replace(
      "dashboard:",
      '  - id: docs\n    title: User docs\n    owner: product\n    require: { files: ["docs/**"] }\ndashboard:',
    );
    const waiver = {
      id: 40,
      author: "pm-alice",
      body: "/dod waive docs internal tool",
      createdAt: "2026-11-20T10:00:00Z",
    };
    const merged = () => {
      const payload = example("pull_request", "closed");
      payload.pull_request.merged = true;
      return event("pull_request", payload);
    };
    const dashboardOff = dashboardData({ config: auto, milestones: [] });
    github
      .token()
      .graphql(
        pullRequestData({ config: auto, state: "MERGED", milestone: "v1.2", files: ["src/a.ts"], comments: [waiver] }),
      )
      .rest("POST", `${REPO}/check-runs`, 201, { id: 5 })
      .rest("GET", `${REPO}/milestones?state=open&sort=due_on&direction=asc&per_page=100`, 200, [
        { number: 2, title: "v1.3" },
      ])
      .rest("GET", followUpListing(REPO), 200, [])
      .rest("POST", `${REPO}/issues`, 201, { number: 45 })
      .rest("POST", `${REPO}/issues`, 201, { number: 46 })
      .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 700 })
      .graphql(dashboardOff);
    await probot.receive(merged());
    await queue.idle();
    await dashboard.idle();
    github.assertDone();
    const issues = github
      .find("issues/create")
      .map((r) => r.body as { title: string; body: string; milestone: number });
    expect(issues.map((i) => [i.title, i.milestone])).toEqual([
      ["Done debt: On-call runbook exists (#2)", 2],
      ["Done debt: User docs (#2)", 2],
    ]);
    expect(issues[1]!.body).toContain(
      "**User docs** (`docs`, product) was waived by `@pm-alice` (“internal tool”) when #2 was merged: this issue pays that debt.",
    );
    expect(issues[1]!.body).toContain("Opened by dod when the pull request was merged.");
    expect(github.body("issues/create-comment")).toEqual({
      body: "<!-- dod:follow-ups-at-merge -->\nMerged with done debt: 2 follow-ups were opened in v1.3.\n- `runbook` → #45\n- `docs` → #46",
    });

    // Redelivered: the comment says they exist, so nothing more is opened.
    github = new GitHubMock();
    const listed = {
      id: 700,
      author: "dod[bot]",
      bot: true,
      body: "<!-- dod:follow-ups-at-merge -->\nMerged with done debt: …",
    };
    github
      .graphql(
        pullRequestData({
          config: auto,
          state: "MERGED",
          milestone: "v1.2",
          files: ["src/a.ts"],
          comments: [waiver, listed],
        }),
      )
      .rest("POST", `${REPO}/check-runs`, 201, { id: 5 })
      .graphql(dashboardOff);
    await probot.receive(merged());
    await queue.idle();
    await dashboard.idle();
    github.assertDone();
    expect(github.find("issues/create")).toHaveLength(0);

    // Without `auto`, a merge is evaluated once more and nothing is opened.
    github = new GitHubMock();
    const plain = CONFIG.replace("issue: true", "issue: false");
    github
      .graphql(pullRequestData({ config: plain, state: "MERGED", files: ["src/a.ts"] }))
      .rest("POST", `${REPO}/check-runs`, 201, { id: 5 })
      .graphql(dashboardData({ config: plain, milestones: [] }));
    await probot.receive(merged());
    await queue.idle();
    await dashboard.idle();
    github.assertDone();
    // The evaluation and the dashboard's (debounced) read run side by side: their order is not fixed.
    expect(github.calls().sort()).toEqual(["POST /graphql", "POST /graphql", `POST ${REPO}/check-runs`]);
  });
});
