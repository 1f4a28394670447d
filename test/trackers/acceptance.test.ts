// The same acceptance-criteria scenarios for a GitHub issue, a Jira ticket and a Linear issue, end to end: a
// pull_request delivery into the real app, GitHub, Jira and Linear stand-ins, and the check run dod writes.
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadApp } from "../helpers/app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { pullRequestData, type PullRequestOptions } from "../helpers/pull-request-data.js";
import {
  doc,
  heading,
  JiraStandIn,
  jiraIssue,
  JIRA_SITE,
  LinearStandIn,
  paragraph,
  tasks,
  TRACKER_CONFIG,
  TRACKER_SETTINGS,
} from "../helpers/trackers.js";

const config = TRACKER_CONFIG;
const REPO = "/repos/Codertocat/Hello-World";

type Scenario = "ticked" | "unticked" | "no section" | "unknown key" | "tracker down";
interface Expected {
  conclusion: string;
  title: string;
  reason: string;
}

/** How each tracker's ticket is linked, and what its stand-in answers in each scenario. */
interface Tracker {
  name: string;
  ref: string;
  pr: (scenario: Scenario) => PullRequestOptions;
  serve: (scenario: Scenario) => void;
  url: string;
}

const MARKDOWN = {
  ticked: "## Acceptance criteria\n- [x] Users can sign in\n- [x] Errors are shown\n",
  unticked: "## Acceptance criteria\n- [x] Users can sign in\n- [ ] Errors are shown\n",
  "no section": "## Story\nAs a user I want to sign in.\n",
};
const ADF = {
  ticked: doc(heading("Acceptance criteria"), tasks(["Users can sign in", true], ["Errors are shown", true])),
  unticked: doc(heading("Acceptance criteria"), tasks(["Users can sign in", true], ["Errors are shown", false])),
  "no section": doc(heading("Story"), paragraph("As a user I want to sign in.")),
};

let jira: JiraStandIn;
let linear: LinearStandIn;

const TRACKERS: Tracker[] = [
  {
    name: "GitHub issue",
    ref: "#12",
    url: "https://github.com/Codertocat/Hello-World/issues/12",
    pr: (s) => ({
      body: "Closes #12",
      issues: s === "unknown key" || s === "tracker down" ? [] : [{ number: 12, title: "Sign in", body: MARKDOWN[s] }],
    }),
    serve: () => {},
  },
  {
    name: "Jira ticket",
    ref: "SHOP-123",
    url: `${JIRA_SITE}/browse/SHOP-123`,
    pr: () => ({ title: "SHOP-123 Sign in" }),
    serve: (s) => {
      if (s === "unknown key") jira.answer("SHOP-123", { status: 404 });
      else if (s === "tracker down") jira.answer("SHOP-123", { down: true });
      else jira.answer("SHOP-123", { issue: jiraIssue("SHOP-123", { summary: "Sign in", description: ADF[s] }) });
    },
  },
  {
    name: "Linear issue",
    ref: "ENG-42",
    url: "https://linear.app/acme/issue/ENG-42/issue",
    pr: () => ({ body: "Implements https://linear.app/acme/issue/ENG-42/sign-in" }),
    serve: (s) => {
      if (s === "unknown key") linear.answer("ENG-42", { unknown: true });
      else if (s === "tracker down") linear.answer("ENG-42", { down: true });
      else linear.answer("ENG-42", { issue: { title: "Sign in", description: MARKDOWN[s] } });
    },
  },
];

function expected(tracker: Tracker, scenario: Scenario): Expected {
  const ref = tracker.ref;
  const missing = (reason: string) => ({
    conclusion: "failure",
    title: "0 of 1 done — missing: Acceptance criteria met",
    reason,
  });
  const pending = (reason: string) => ({
    conclusion: "in_progress",
    title: "0 of 1 done — waiting for: Acceptance criteria met",
    reason,
  });
  switch (scenario) {
    case "ticked":
      return {
        conclusion: "success",
        title: "1 of 1 done",
        reason: `✅ Acceptance criteria met — [${ref} Sign in](${tracker.url})`,
      };
    case "unticked":
      return missing(`${ref}: 1 of 2 acceptance criteria unticked`);
    case "no section":
      return missing(`${ref} has no “Acceptance criteria” section`);
    case "unknown key":
      // GitHub links no issue that does not exist; a tracker's unknown key is named and waits.
      if (tracker.name === "GitHub issue") return missing("the pull request links no issue");
      return pending(
        tracker.name === "Jira ticket"
          ? "Jira does not know SHOP-123 (or the account in JIRA_EMAIL may not see it)"
          : "Linear does not know ENG-42",
      );
    case "tracker down":
      if (tracker.name === "GitHub issue") return missing("the pull request links no issue");
      return pending(`${tracker.name.split(" ")[0]} could not be reached for ${ref}: ECONNREFUSED`);
  }
}

describe("acceptance criteria in GitHub, Jira and Linear", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
    jira = new JiraStandIn();
    linear = new LinearStandIn();
  });
  afterEach(() => nock.cleanAll());

  const scenarios: Scenario[] = ["ticked", "unticked", "no section", "unknown key", "tracker down"];
  const cases = TRACKERS.flatMap((t) =>
    scenarios.filter((s) => t.name !== "GitHub issue" || s !== "tracker down").map((s) => [t.name, s] as const),
  );

  it.each(cases)("%s, %s: the check says so", async (name, scenario) => {
    const tracker = TRACKERS.find((t) => t.name === name)!;
    const want = expected(tracker, scenario);
    const { probot, queue } = await loadApp({ trackers: TRACKER_SETTINGS });
    github.token().graphql(pullRequestData({ config, ...tracker.pr(scenario) }));
    // "Closes #12" that GitHub did not link: dod looks the issue up itself, and there is none.
    if (name === "GitHub issue" && scenario === "unknown key") github.graphql({ i0: { issueOrPullRequest: null } });
    github.rest("POST", `${REPO}/check-runs`, 201, { id: 77 });
    if (want.conclusion === "failure") github.rest("POST", `${REPO}/issues/2/comments`, 201, { id: 501 });
    tracker.serve(scenario);

    await probot.receive(event("pull_request", example("pull_request", "synchronize")));
    await queue.idle();

    github.assertDone();
    expect(nock.pendingMocks()).toEqual([]);
    const check = github.body("checks/create");
    expect(check.conclusion ?? check.status).toBe(want.conclusion);
    expect(check.output.title).toBe(want.title);
    expect(check.output.summary).toContain(want.reason);
    if (want.conclusion === "failure") expect(github.body("issues/create-comment").body).toContain(want.reason);
  });

  it.each([
    [
      "Jira",
      () => jira.answer("SHOP-123", { status: 401 }),
      { title: "SHOP-123 Sign in" },
      "Jira answered 401: check JIRA_EMAIL and JIRA_API_TOKEN",
    ],
    [
      "Jira",
      () => jira.answer("SHOP-123", { status: 403 }),
      { title: "SHOP-123 Sign in" },
      "Jira answered 403: the account in JIRA_EMAIL may not browse SHOP-123",
    ],
    [
      "Linear",
      () => linear.answer("ENG-42", { unauthorized: true }),
      { body: "ENG-42" },
      "Linear refused the API key (400): check LINEAR_API_KEY",
    ],
  ])("%s refusing the credentials makes the item pending, saying what to check", async (_name, serve, pr, reason) => {
    const { probot, queue } = await loadApp({ trackers: TRACKER_SETTINGS });
    github.token().graphql(pullRequestData({ config, ...pr }));
    github.rest("POST", `${REPO}/check-runs`, 201, { id: 77 });
    serve();
    await probot.receive(event("pull_request", example("pull_request", "synchronize")));
    await queue.idle();
    github.assertDone();
    expect(nock.pendingMocks()).toEqual([]);
    const check = github.body("checks/create");
    expect(check.status).toBe("in_progress");
    expect(check.output.summary).toContain(`⏳ Acceptance criteria met — ${reason}`);
  });

  it("a tracker dod has no credentials for makes the item pending, naming the settings", async () => {
    const { probot, queue } = await loadApp({ trackers: { webhooks: {}, timeoutMs: 2000 } });
    github.token().graphql(pullRequestData({ config, title: "SHOP-123 Sign in" }));
    github.rest("POST", `${REPO}/check-runs`, 201, { id: 77 });
    await probot.receive(event("pull_request", example("pull_request", "synchronize")));
    await queue.idle();
    github.assertDone();
    expect(github.body("checks/create").output.summary).toContain(
      "Jira is not set up for this app, so SHOP-123 cannot be read: the operator sets JIRA_BASE_URL, JIRA_EMAIL and JIRA_API_TOKEN",
    );
  });

  it("a tracker slower than DOD_TRACKER_TIMEOUT_MS makes the item pending", async () => {
    const { probot, queue } = await loadApp({ trackers: { ...TRACKER_SETTINGS, timeoutMs: 100 } });
    github.token().graphql(pullRequestData({ config, body: "Implements ENG-42" }));
    github.rest("POST", `${REPO}/check-runs`, 201, { id: 77 });
    nock("https://api.linear.app").post("/graphql").delay(1000).reply(200, { data: null });
    await probot.receive(event("pull_request", example("pull_request", "synchronize")));
    await queue.idle();
    github.assertDone();
    expect(github.body("checks/create").output.summary).toContain(
      "⏳ Acceptance criteria met — Linear did not answer within 0.1 s for ENG-42",
    );
  });

  it("a Jira custom field named in the config holds the criteria under its own name", async () => {
    const withField = config.replace(
      "jira: { projects: [SHOP] }",
      "jira: { projects: [SHOP], criteria_field: customfield_10042 }",
    );
    const { probot, queue } = await loadApp({ trackers: TRACKER_SETTINGS });
    github.token().graphql(pullRequestData({ config: withField, title: "SHOP-123 Sign in" }));
    github.rest("POST", `${REPO}/check-runs`, 201, { id: 77 });
    github.rest("POST", `${REPO}/issues/2/comments`, 201, { id: 501 });
    jira.answer("SHOP-123", {
      issue: jiraIssue("SHOP-123", {
        summary: "Sign in",
        description: doc(paragraph("As a user I want to sign in.")),
        fields: { customfield_10042: doc(tasks(["Users can sign in", true], ["Errors are shown", false])) },
        names: { customfield_10042: "Acceptance Criteria" },
      }),
    });
    await probot.receive(event("pull_request", example("pull_request", "synchronize")));
    await queue.idle();
    github.assertDone();
    expect(jira.requests[0]!.path).toBe(
      "/rest/api/3/issue/SHOP-123?fields=summary&fields=description&fields=status&fields=customfield_10042&expand=names",
    );
    const check = github.body("checks/create");
    expect(check.conclusion).toBe("failure");
    expect(check.output.summary).toContain("SHOP-123: 1 of 2 acceptance criteria unticked");
    expect(check.output.summary).toContain(`[Errors are shown](${JIRA_SITE}/browse/SHOP-123)`);
  });
});
