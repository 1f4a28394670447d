// Jira and Linear webhooks through the app's own routes on a real socket: verified, and a changed ticket
// re-evaluates the open pull requests that name it, found with GitHub's search in each installation's account.
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TICKET_SEARCH_QUERY } from "../../src/github/ticket-mentions.js";
import { loadApp, type LoadedApp } from "../helpers/app.js";
import { GitHubMock } from "../helpers/github.js";
import { pullRequestData } from "../helpers/pull-request-data.js";
import {
  doc,
  heading,
  JiraStandIn,
  jiraIssue,
  jiraIssueUpdated,
  jiraWebhook,
  LinearStandIn,
  linearIssueUpdated,
  linearWebhook,
  serveRoutes,
  tasks,
  TRACKER_CONFIG,
  TRACKER_SETTINGS,
} from "../helpers/trackers.js";

const config = TRACKER_CONFIG;
const REPO = "/repos/Codertocat/Hello-World";
const pr = (title: string, body = "") => ({
  __typename: "PullRequest",
  number: 2,
  title,
  body,
  state: "OPEN",
  repository: { name: "Hello-World", owner: { login: "Codertocat" } },
});

describe("tracker webhooks", () => {
  let github: GitHubMock;
  let app: LoadedApp;
  let server: Awaited<ReturnType<typeof serveRoutes>>;
  beforeEach(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    github = new GitHubMock();
    app = await loadApp({ trackers: TRACKER_SETTINGS });
    server = await serveRoutes(app.routes);
  });
  afterEach(async () => {
    await server.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  /** The app lists its installations, searches the account for the key, and evaluates what it finds. */
  function expectSearch(key: string, found: ReturnType<typeof pr>[]) {
    github.rest("GET", "/app/installations?per_page=100", 200, [
      { id: 1, account: { login: "Codertocat", type: "User" } },
    ]);
    github.token().graphql((body: any) => {
      expect(body.query).toBe(TICKET_SEARCH_QUERY);
      expect(body.variables).toEqual({ q: `"${key}" in:title,body is:pr is:open user:Codertocat` });
      // An issue and a PR that only look alike to search are among the results; neither is evaluated.
      return {
        search: {
          nodes: [
            ...found,
            { __typename: "Issue", number: 5, title: "SHOP-123 the issue itself" },
            pr("SHOP 123 lookalike"),
          ],
        },
      };
    });
  }

  it("a signed Jira issue_updated re-evaluates the open pull request naming the ticket", async () => {
    expectSearch("SHOP-123", [pr("SHOP-123 Sign in")]);
    github.graphql(pullRequestData({ config, title: "SHOP-123 Sign in" }));
    github.rest("POST", `${REPO}/check-runs`, 201, { id: 77 });
    const jira = new JiraStandIn().answer("SHOP-123", {
      issue: jiraIssue("SHOP-123", {
        summary: "Sign in",
        description: doc(heading("Acceptance criteria"), tasks(["Users can sign in", true])),
      }),
    });

    const res = await jiraWebhook(server.url, jiraIssueUpdated("SHOP-123"));
    expect(res.status).toBe(202);
    expect(await res.text()).toBe("re-checking SHOP-123: 1 pull request");
    await app.queue.idle();

    github.assertDone();
    expect(jira.requests.map((r) => r.path)).toEqual([
      "/rest/api/3/issue/SHOP-123?fields=summary&fields=description&fields=status",
    ]);
    expect(github.body("checks/create")).toMatchObject({ conclusion: "success", output: { title: "1 of 1 done" } });
  });

  it("a signed Linear Issue update re-evaluates the open pull request naming the issue", async () => {
    expectSearch("ENG-42", [pr("Sign in", "Implements https://linear.app/acme/issue/ENG-42/sign-in")]);
    github.graphql(pullRequestData({ config, body: "Implements https://linear.app/acme/issue/ENG-42/sign-in" }));
    github.rest("POST", `${REPO}/check-runs`, 201, { id: 77 });
    github.rest("POST", `${REPO}/issues/2/comments`, 201, { id: 501 });
    const linear = new LinearStandIn().answer("ENG-42", {
      issue: { description: "## Acceptance criteria\n- [ ] Users can sign in" },
    });

    const res = await linearWebhook(server.url, linearIssueUpdated("ENG-42"));
    expect(res.status).toBe(202);
    await app.queue.idle();

    github.assertDone();
    expect(linear.queries).toHaveLength(1);
    expect(linear.queries[0]).toMatchObject({
      variables: { id: "ENG-42" },
      authorization: TRACKER_SETTINGS.linear!.apiKey,
    });
    const check = github.body("checks/create");
    expect(check.conclusion).toBe("failure");
    expect(check.output.summary).toContain("ENG-42: 1 of 1 acceptance criteria unticked");
  });

  it.each([
    ["Jira, wrong secret", () => jiraWebhook(server.url, jiraIssueUpdated("SHOP-123"), "not-the-secret")],
    [
      "Linear, wrong secret",
      () => linearWebhook(server.url, linearIssueUpdated("ENG-42"), { secret: "not-the-secret" }),
    ],
    [
      "Linear, replayed after two minutes",
      () => linearWebhook(server.url, linearIssueUpdated("ENG-42"), { at: Date.now() - 120_000 }),
    ],
  ])("%s: 401 and nothing is read or evaluated", async (_name, send) => {
    const res = await send();
    expect(res.status).toBe(401);
    await app.queue.idle();
    expect(github.requests).toEqual([]);
    github.assertDone();
  });

  it("refuses a body over 1 MB with 413 before verifying it", async () => {
    // Wrongly signed too: verifying first would answer 401.
    const res = await jiraWebhook(
      server.url,
      { ...jiraIssueUpdated("SHOP-123"), padding: "x".repeat(1024 * 1024) },
      "not-the-secret",
    );
    expect(res.status).toBe(413);
    expect(github.requests).toEqual([]);
  });

  it("a Linear event about something other than an issue is accepted and ignored", async () => {
    const res = await linearWebhook(server.url, {
      action: "create",
      type: "Comment",
      data: { id: "c1", body: "ENG-42" },
    });
    expect(res.status).toBe(202);
    expect(await res.text()).toBe("not an issue");
    await app.queue.idle();
    expect(github.requests).toEqual([]);
  });
});

describe("tracker webhooks when GitHub cannot be searched", () => {
  it("answer 502 so that the tracker delivers again", async () => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    const github = new GitHubMock().rest("GET", "/app/installations?per_page=100", 502, { message: "Bad Gateway" });
    const app = await loadApp({ trackers: TRACKER_SETTINGS });
    const server = await serveRoutes(app.routes);
    try {
      const res = await jiraWebhook(server.url, jiraIssueUpdated("SHOP-123"));
      expect([res.status, await res.text()]).toEqual([502, "could not search GitHub; deliver again"]);
      github.assertDone();
    } finally {
      await server.close();
      nock.cleanAll();
    }
  });
});

describe("tracker webhooks without secrets", () => {
  it("answer 404 saying which setting is missing", async () => {
    nock.enableNetConnect("127.0.0.1");
    const app = await loadApp({ trackers: { ...TRACKER_SETTINGS, webhooks: {} } });
    const server = await serveRoutes(app.routes);
    try {
      const jira = await jiraWebhook(server.url, jiraIssueUpdated("SHOP-123"));
      expect([jira.status, await jira.text()]).toEqual([
        404,
        "Jira webhooks are not set up: the operator sets JIRA_WEBHOOK_SECRET",
      ]);
      const linear = await linearWebhook(server.url, linearIssueUpdated("ENG-42"));
      expect([linear.status, await linear.text()]).toEqual([
        404,
        "Linear webhooks are not set up: the operator sets LINEAR_WEBHOOK_SECRET",
      ]);
    } finally {
      await server.close();
    }
  });
});
