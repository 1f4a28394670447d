// Local stand-ins for Jira Cloud and Linear that follow their published APIs: Jira's REST v3
// `GET /rest/api/3/issue/{issueIdOrKey}` answering issues whose description is an ADF document (jira.js checks the
// answers against its own schema of that API, set to throw), and Linear's GraphQL API executing each query against
// an extract of Linear's schema (the types and fields dod reads, as Linear publishes them).
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { buildSchema, graphqlSync } from "graphql";
import nock from "nock";
import type { AdfNode } from "../../src/trackers/adf.js";
import type { TrackerSettings } from "../../src/trackers/settings.js";
import type { Route } from "./app.js";

export const JIRA_SITE = "https://acme.atlassian.net";
export const LINEAR_API = "https://api.linear.app";
export const JIRA_EMAIL = "dod@acme.test";
export const JIRA_TOKEN = "jira-test-token";
export const LINEAR_KEY = "lin_api_test_key";

export const TRACKER_SETTINGS: TrackerSettings & { strictJira: boolean } = {
  jira: { baseUrl: JIRA_SITE, email: JIRA_EMAIL, apiToken: JIRA_TOKEN },
  linear: { apiKey: LINEAR_KEY },
  webhooks: { jiraSecret: "jira-shared-secret", linearSecret: "linear-signing-secret" },
  timeoutMs: 2000,
  strictJira: true,
};

// ---- ADF documents, as Jira's editor writes them ----
export const text = (t: string, strong = false): AdfNode => ({
  type: "text",
  text: t,
  ...(strong && { marks: [{ type: "strong" }] }),
});
export const heading = (t: string, level = 2): AdfNode => ({ type: "heading", attrs: { level }, content: [text(t)] });
export const paragraph = (t: string, strong = false): AdfNode => ({ type: "paragraph", content: [text(t, strong)] });
let localId = 0;
export const tasks = (...items: [string, boolean][]): AdfNode => ({
  type: "taskList",
  attrs: { localId: `list-${++localId}` },
  content: items.map(([t, done]) => ({
    type: "taskItem",
    attrs: { localId: `item-${++localId}`, state: done ? "DONE" : "TODO" },
    content: [text(t)],
  })),
});
export const doc = (...content: AdfNode[]) => ({ type: "doc", version: 1, content });

export interface JiraIssueOptions {
  summary?: string;
  description?: unknown;
  /** Jira's status category: `new`, `indeterminate` or `done`. */
  category?: "new" | "indeterminate" | "done";
  fields?: Record<string, unknown>;
  names?: Record<string, string>;
}

const CATEGORIES = {
  new: { id: 2, key: "new", colorName: "blue-gray", name: "To Do" },
  indeterminate: { id: 4, key: "indeterminate", colorName: "yellow", name: "In Progress" },
  done: { id: 3, key: "done", colorName: "green", name: "Done" },
};

/** Jira Cloud's answer to `GET /rest/api/3/issue/{key}` (shape as in Atlassian's REST v3 reference). */
export function jiraIssue(key: string, o: JiraIssueOptions = {}) {
  const category = CATEGORIES[o.category ?? "indeterminate"];
  return {
    expand: "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations",
    id: "10042",
    self: `${JIRA_SITE}/rest/api/3/issue/10042`,
    key,
    fields: {
      summary: o.summary ?? `Ticket ${key}`,
      status: {
        self: `${JIRA_SITE}/rest/api/3/status/10001`,
        description: "",
        iconUrl: `${JIRA_SITE}/`,
        name: category.name,
        id: "10001",
        statusCategory: { self: `${JIRA_SITE}/rest/api/3/statuscategory/${category.id}`, ...category },
      },
      description: o.description ?? null,
      ...o.fields,
    },
    ...(o.names && { names: o.names }),
  };
}

export type JiraAnswer = { issue: ReturnType<typeof jiraIssue> } | { status: 401 | 403 | 404 | 500 } | { down: true };

const JIRA_ERRORS: Record<number, unknown> = {
  401: "Client must be authenticated to access this resource.",
  403: { errorMessages: ["You do not have the permission to see the specified issue."], errors: {} },
  404: { errorMessages: ["Issue does not exist or you do not have permission to see it."], errors: {} },
  500: { errorMessages: ["Internal server error"], errors: {} },
};

export class JiraStandIn {
  readonly requests: { path: string; authorization: string }[] = [];

  /** One `GET /rest/api/3/issue/{key}` answered as given. */
  answer(key: string, answer: JiraAnswer): this {
    const scope = nock(JIRA_SITE).get(
      (path) => path.startsWith(`/rest/api/3/issue/${key}?`) || path === `/rest/api/3/issue/${key}`,
    );
    if ("down" in answer) {
      scope.replyWithError({ code: "ECONNREFUSED", message: "connect ECONNREFUSED" });
      return this;
    }
    const requests = this.requests;
    scope.reply(function (path) {
      const authorization = String(this.req.headers.authorization ?? "");
      requests.push({ path, authorization });
      const expected = `Basic ${Buffer.from(`${JIRA_EMAIL}:${JIRA_TOKEN}`).toString("base64")}`;
      if (authorization !== expected) return [401, JIRA_ERRORS[401]];
      if ("status" in answer) return [answer.status, JIRA_ERRORS[answer.status]];
      return [200, answer.issue];
    });
    return this;
  }
}

// ---- Linear ----
/** The part of Linear's published GraphQL schema that dod queries, with Linear's own types and nullability. */
export const LINEAR_SCHEMA = buildSchema(`
  "A state in a team workflow."
  type WorkflowState {
    id: ID!
    name: String!
    "The type of the state. One of \\"triage\\", \\"backlog\\", \\"unstarted\\", \\"started\\", \\"completed\\", \\"canceled\\"."
    type: String!
  }
  "An issue."
  type Issue {
    id: ID!
    "Issue's human readable identifier (e.g. ENG-123)."
    identifier: String!
    title: String!
    "The issue's description in markdown format."
    description: String
    "Issue URL."
    url: String!
    state: WorkflowState!
  }
  type Query {
    "One specific issue."
    issue(id: String!): Issue!
  }
`);

export interface LinearIssueOptions {
  title?: string;
  description?: string | null;
  state?: "triage" | "backlog" | "unstarted" | "started" | "completed" | "canceled";
}

export type LinearAnswer = { issue: LinearIssueOptions } | { unknown: true } | { unauthorized: true } | { down: true };

export class LinearStandIn {
  readonly queries: { query: string; variables: unknown; authorization: string }[] = [];

  answer(identifier: string, answer: LinearAnswer): this {
    const scope = nock(LINEAR_API).post("/graphql");
    if ("down" in answer) {
      scope.replyWithError({ code: "ECONNREFUSED", message: "connect ECONNREFUSED" });
      return this;
    }
    const queries = this.queries;
    scope.reply(function (_path, body: any) {
      const authorization = String(this.req.headers.authorization ?? "");
      queries.push({ query: body.query, variables: body.variables, authorization });
      if ("unauthorized" in answer || authorization !== LINEAR_KEY) {
        return [
          400,
          {
            errors: [
              linearError("Authentication required, not authenticated", "authentication error", "AUTHENTICATION_ERROR"),
            ],
          },
        ];
      }
      const result = graphqlSync({
        schema: LINEAR_SCHEMA,
        source: body.query,
        variableValues: body.variables,
        rootValue: {
          issue: ({ id }: { id: string }) => {
            if ("unknown" in answer || id !== identifier)
              throw Object.assign(new Error("Entity not found: Issue"), { linear: true });
            const o = answer.issue;
            return {
              id: "2f1a1c6e-0000-4000-8000-000000000042",
              identifier,
              title: o.title ?? `Issue ${identifier}`,
              description: o.description === undefined ? null : o.description,
              url: `https://linear.app/acme/issue/${identifier}/issue`,
              state: { id: "s1", name: o.state ?? "started", type: o.state ?? "started" },
            };
          },
        },
      });
      if (result.errors?.some((e) => !(e.originalError as { linear?: boolean } | undefined)?.linear)) {
        throw new Error(`query invalid against Linear's schema: ${result.errors.map((e) => e.message).join("; ")}`);
      }
      const errors = result.errors?.map((e) => ({
        ...linearError(e.message, "invalid input", "INPUT_ERROR"),
        path: e.path,
        locations: e.locations,
      }));
      return [200, { data: result.data ?? null, ...(errors && { errors }) }];
    });
    return this;
  }
}

function linearError(message: string, type: string, code: string) {
  return { message, extensions: { type, code, userError: true, userPresentableMessage: message } };
}

// ---- webhooks, signed as the trackers sign them ----
/** Serves the app's routes on 127.0.0.1 and answers what none handles with 404, as Probot's server does. */
export async function serveRoutes(routes: Route[]): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(async (req, res) => {
    for (const route of routes) if (await route(req, res)) return;
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A Jira admin webhook with a secret: HMAC-SHA256 of the raw body in `X-Hub-Signature` (WebSub's method=signature). */
export function jiraWebhook(url: string, payload: unknown, secret = TRACKER_SETTINGS.webhooks.jiraSecret!) {
  const body = JSON.stringify(payload);
  return fetch(`${url}/dod/webhooks/jira`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-atlassian-webhook-identifier": "jira-delivery-1",
      "x-hub-signature": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
    },
    body,
  });
}

/** A Linear webhook: HMAC-SHA256 hex of the raw body in `linear-signature`, `webhookTimestamp` inside the body. */
export function linearWebhook(
  url: string,
  payload: Record<string, unknown>,
  options: { secret?: string; at?: number } = {},
) {
  const body = JSON.stringify({ ...payload, webhookTimestamp: options.at ?? Date.now() });
  const secret = options.secret ?? TRACKER_SETTINGS.webhooks.linearSecret!;
  return fetch(`${url}/dod/webhooks/linear`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "linear-delivery": "linear-delivery-1",
      "linear-event": String(payload.type),
      "linear-signature": createHmac("sha256", secret).update(body).digest("hex"),
    },
    body,
  });
}

/** Jira's `jira:issue_updated` payload (the fields dod reads, shaped as Atlassian documents them). */
export const jiraIssueUpdated = (key: string) => ({
  timestamp: Date.now(),
  webhookEvent: "jira:issue_updated",
  issue_event_type_name: "issue_generic",
  user: { accountId: "5b10a2844c20165700ede21g", displayName: "Pat Product" },
  issue: { id: "10042", self: `${JIRA_SITE}/rest/api/3/issue/10042`, key, fields: { summary: `Ticket ${key}` } },
  changelog: { id: "10100", items: [{ field: "description", fieldtype: "jira" }] },
});

/** Linear's `Issue` update payload (the fields dod reads, shaped as Linear documents them). */
export const linearIssueUpdated = (identifier: string) => ({
  action: "update",
  type: "Issue",
  createdAt: new Date().toISOString(),
  organizationId: "org-1",
  url: `https://linear.app/acme/issue/${identifier}/issue`,
  data: { id: "2f1a1c6e-0000-4000-8000-000000000042", identifier, title: `Issue ${identifier}`, description: "" },
  updatedFrom: { description: "" },
});

/** A done.yml whose acceptance criteria may come from Jira (project SHOP) or Linear (team ENG). */
export const TRACKER_CONFIG = `
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
