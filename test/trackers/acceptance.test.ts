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
  TRACKER_SETTINGS,
} from "../helpers/trackers.js";

const config = `
criteria:
  - id: acceptance-criteria
    title: Acceptance criteria met
    owner: product
    require:
      linked_issue: { checklist: Acceptance criteria }
trackers:
  jira: { projects: [SHOP] }
  linear: { teams: [ENG] }
`;
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
  const missing = (reason: string) => ({ conclusion: "failure", title: "0 of 1 done — missing: Acceptance criteria met", reason });
  const pending = (reason: string) => ({ conclusion: "in_progress", title: "0 of 1 done — waiting for: Acceptance criteria met", reason });
  switch (scenario) {
    case "ticked":
      return { conclusion: "success", title: "1 of 1 done", reason: `✅ Acceptance criteria met — [${ref} Sign in](${tracker.url})` };
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
  const cases = TRACKERS.flatMap((t) => scenarios.filter((s) => t.name !== "GitHub issue" || s !== "tracker down").map((s) => [t.name, s] as const));

  it.each(cases)("%s, %s: the check says so", async (name, scenario) => {
    const tracker = TRACKERS.find((t) => t.name === name)!;
    const want = expected(tracker, scenario);
    const { probot, queue } = await loadApp({ trackers: TRACKER_SETTINGS });
    github.token().graphql(pullRequestData({ config, ...tracker.pr(scenario) }));
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
});
