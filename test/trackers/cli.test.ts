// `dod check` (spawned, as users run it) with a Jira ticket: the operator's JIRA_* environment, a local Jira
// stand-in on a real socket, and the ticket linked in the report the way a GitHub issue is.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { dod } from "../helpers/cli.js";
import { type FakeGitHub, startFakeGitHub } from "../helpers/fake-github-server.js";
import { pullRequestData } from "../helpers/pull-request-data.js";
import { doc, heading, jiraIssue, JIRA_EMAIL, JIRA_TOKEN, tasks } from "../helpers/trackers.js";

const TOKEN = "ghp_cli_test_token";
const config = `
criteria:
  - id: acceptance-criteria
    title: Acceptance criteria met
    owner: product
    require:
      linked_issue: { checklist: Acceptance criteria }
trackers:
  jira: { projects: [SHOP] }
`;

let github: FakeGitHub | undefined;
let jira: Server | undefined;
afterEach(async () => {
  await github?.close();
  await new Promise((resolve) => (jira ? jira.close(resolve) : resolve(undefined)));
  github = jira = undefined;
});

/** Jira Cloud's `GET /rest/api/3/issue/{key}` for one known ticket; 404 for any other, 401 for other credentials. */
async function startJira(): Promise<{ url: string; paths: string[] }> {
  const paths: string[] = [];
  const auth = `Basic ${Buffer.from(`${JIRA_EMAIL}:${JIRA_TOKEN}`).toString("base64")}`;
  jira = createServer((req, res) => {
    paths.push(req.url ?? "");
    const send = (status: number, body: unknown) =>
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (req.headers.authorization !== auth)
      return send(401, { errorMessages: ["Client must be authenticated to access this resource."] });
    if (!req.url?.startsWith("/rest/api/3/issue/SHOP-123?"))
      return send(404, {
        errorMessages: ["Issue does not exist or you do not have permission to see it."],
        errors: {},
      });
    send(
      200,
      jiraIssue("SHOP-123", {
        summary: "Sign in",
        description: doc(heading("Acceptance criteria"), tasks(["Users can sign in", true])),
      }),
    );
  });
  await new Promise<void>((resolve) => jira!.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(jira.address() as AddressInfo).port}`, paths };
}

describe("dod check with a Jira ticket", () => {
  it("reads the ticket with the operator's JIRA_* settings and links it like a GitHub issue", async () => {
    const site = await startJira();
    github = await startFakeGitHub({
      token: TOKEN,
      graphql: () => pullRequestData({ config, title: "SHOP-123 Sign in" }),
    });
    const env = {
      GITHUB_TOKEN: TOKEN,
      GITHUB_API_URL: github.url,
      JIRA_BASE_URL: site.url,
      JIRA_EMAIL,
      JIRA_API_TOKEN: JIRA_TOKEN,
    };

    const text = await dod(["check", "Codertocat/Hello-World#2"], { env });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("✔ Acceptance criteria met (acceptance-criteria) — SHOP-123 Sign in");

    const json = await dod(["check", "Codertocat/Hello-World#2", "--format", "json"], { env });
    const item = JSON.parse(json.stdout).items[0];
    expect(item.evidence).toEqual([{ text: "SHOP-123 Sign in", url: `${site.url}/browse/SHOP-123` }]);
    expect(site.paths).toEqual(
      Array(2).fill("/rest/api/3/issue/SHOP-123?fields=summary&fields=description&fields=status"),
    );
  });

  it("names what to fix when the ticket cannot be read", async () => {
    const site = await startJira();
    github = await startFakeGitHub({
      token: TOKEN,
      graphql: () => pullRequestData({ config, title: "SHOP-999 Sign in" }),
    });
    const env = {
      GITHUB_TOKEN: TOKEN,
      GITHUB_API_URL: github.url,
      JIRA_BASE_URL: site.url,
      JIRA_EMAIL,
      JIRA_API_TOKEN: "wrong",
    };
    const result = await dod(["check", "Codertocat/Hello-World#2"], { env });
    expect(result.stdout).toContain(
      "Acceptance criteria met (acceptance-criteria) — Jira answered 401: check JIRA_EMAIL and JIRA_API_TOKEN",
    );
  });
});
