// app.yml asks for exactly the permissions the app uses: every REST operation the sources call and every part of
// GitHub's GraphQL graph the app's documents enter is mapped to the permission GitHub documents for it
// (docs.github.com "Permissions required for GitHub Apps"); a permission missing from app.yml fails, and so does
// one granted beyond what is used (pull_requests: write, when comments go through the Issues API).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { getNamedType, isLeafType, parse, TypeInfo, visit, visitWithTypeInfo } from "graphql";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { appDocuments } from "../helpers/app-documents.js";
import { githubSchema } from "../helpers/graphql-double.js";

type Level = "read" | "write";
type Needs = Partial<Record<string, Level>>;

/** REST operations by their Octokit method; `{}`: no installation permission (the app's JWT, the viewer's own account). */
const REST: Record<string, Needs> = {
  "checks.create": { checks: "write" },
  "checks.update": { checks: "write" },
  "checks.listForRef": { checks: "read" },
  "checks.get": { checks: "read" },
  // Issues API on a pull request's conversation: issues (or pull_requests) write; dod uses issues.
  "issues.createComment": { issues: "write" },
  "issues.updateComment": { issues: "write" },
  // Looking for a comment whose create lost its answer.
  "issues.listComments": { issues: "read" },
  "reactions.createForIssueComment": { issues: "write" },
  // The dashboard issue and follow-up issues.
  "issues.create": { issues: "write" },
  "issues.update": { issues: "write" },
  "issues.get": { issues: "read" },
  // The dashboard issue found by its label: the database, which search lags behind.
  "issues.listForRepo": { issues: "read" },
  "issues.listMilestones": { issues: "read" },
  "pulls.get": { pull_requests: "read" },
  "pulls.list": { pull_requests: "read" },
  "pulls.listFiles": { pull_requests: "read" },
  "repos.listPullRequestsAssociatedWithCommit": { pull_requests: "read" },
  "repos.get": { metadata: "read" },
  "apps.listInstallations": {},
  "apps.getRepoInstallation": {},
  "users.getAuthenticated": {},
};

/**
 * GraphQL fields that enter a resource, by schema coordinate; `{}`: nothing beyond what reached its parent.
 * Connections, edges and leaf fields inherit their parent's.
 */
const GRAPHQL: Record<string, Needs> = {
  "Query.repository": { metadata: "read" },
  "Query.organization": {},
  "Query.search": {}, // answers only what the other permissions let the token read
  "Repository.owner": {},
  "Repository.pullRequest": { pull_requests: "read" },
  "Repository.pullRequests": { pull_requests: "read" },
  "Repository.issue": { issues: "read" },
  "Repository.issueOrPullRequest": { issues: "read" },
  "Repository.label": { issues: "read" },
  "Repository.labels": { issues: "read" },
  "Repository.milestone": { issues: "read" },
  "Repository.milestones": { issues: "read" },
  "Repository.object": { contents: "read" },
  "Ref.target": { contents: "read" },
  "TreeEntry.object": { contents: "read" },
  "Commit.file": { contents: "read" },
  "Commit.statusCheckRollup": { checks: "read", statuses: "read" },
  "StatusCheckRollup.contexts": { checks: "read", statuses: "read" },
  "Commit.checkSuites": { checks: "read" },
  "CheckSuite.app": { checks: "read" },
  "CheckSuite.checkRuns": { checks: "read" },
  "CheckRun.checkSuite": { checks: "read" },
  "PullRequest.author": { pull_requests: "read" },
  "PullRequest.baseRef": { pull_requests: "read" },
  "PullRequest.commits": { pull_requests: "read" },
  "PullRequest.files": { pull_requests: "read" },
  "PullRequest.labels": { pull_requests: "read" },
  "PullRequest.latestOpinionatedReviews": { pull_requests: "read" },
  "PullRequest.comments": { pull_requests: "read" },
  "PullRequest.milestone": { pull_requests: "read" },
  "PullRequest.closingIssuesReferences": { issues: "read" },
  "PullRequest.repository": {},
  "PullRequestCommit.commit": {},
  "PullRequestReview.author": {},
  "PullRequestReview.commit": {},
  "IssueComment.author": {},
  "IssueComment.editor": {},
  "Issue.author": { issues: "read" },
  "Issue.milestone": { issues: "read" },
  "Issue.repository": {},
  "Issue.timelineItems": { issues: "read" },
  "Issue.closedByPullRequestsReferences": { pull_requests: "read" },
  "CrossReferencedEvent.source": {},
  "Label.pullRequests": { pull_requests: "read" },
  "Milestone.pullRequests": { pull_requests: "read" },
  "Organization.team": { members: "read" },
  "Team.members": { members: "read" },
};

/** Events GitHub sends an app only with a permission that no REST call or GraphQL field of dod's needs. */
const EVENTS: Record<string, Needs> = {
  merge_group: { merge_queues: "read" },
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every Octokit REST method the sources call, as `namespace.method`. */
function restMethods(): string[] {
  const found = new Set<string>();
  for (const file of sources("src")) {
    for (const match of readFileSync(file, "utf8").matchAll(/\.rest\.(\w+)\.(\w+)\b/g))
      found.add(`${match[1]}.${match[2]}`);
  }
  return [...found].sort();
}

/** Every schema coordinate (`Type.field`) the app's documents select that enters a resource. */
function graphqlCoordinates(): string[] {
  const schema = githubSchema();
  const found = new Set<string>();
  for (const [, document] of appDocuments()) {
    const info = new TypeInfo(schema);
    visit(
      parse(document),
      visitWithTypeInfo(info, {
        Field() {
          const parent = info.getParentType();
          const field = info.getFieldDef();
          if (!parent || !field || isLeafType(getNamedType(field.type))) return;
          if (/(Connection|Edge)$/.test(parent.name)) return;
          found.add(`${parent.name}.${field.name}`);
        },
      }),
    );
  }
  return [...found].sort();
}

const rank = (level: Level | undefined) => (level === "write" ? 2 : level === "read" ? 1 : 0);

/** What `granted` lacks of `required`, and what it grants beyond it. */
function comparePermissions(granted: Needs, required: Needs) {
  const missing = Object.entries(required)
    .filter(([name, level]) => rank(granted[name]) < rank(level))
    .map(([name, level]) => `${name}: ${level}`);
  const excess = Object.entries(granted)
    .filter(([name, level]) => rank(level) > rank(required[name]))
    .map(([name, level]) => `${name}: ${level}`);
  return { missing, excess };
}

function requiredPermissions(): { required: Needs; unmapped: string[] } {
  const required: Needs = {};
  const unmapped: string[] = [];
  const add = (needs: Needs | undefined, what: string) => {
    if (!needs) return void unmapped.push(what);
    for (const [name, level] of Object.entries(needs)) if (rank(level) > rank(required[name])) required[name] = level;
  };
  for (const method of restMethods()) add(REST[method], `REST ${method}`);
  for (const coordinate of graphqlCoordinates()) add(GRAPHQL[coordinate], `GraphQL ${coordinate}`);
  for (const event of appYml().default_events) if (EVENTS[event]) add(EVENTS[event], `event ${event}`);
  return { required, unmapped };
}

const appYml = () =>
  parseYaml(readFileSync("app.yml", "utf8")) as { default_permissions: Needs; default_events: string[] };

describe("app.yml's permissions", () => {
  it("every REST operation and GraphQL field the app uses has its permission mapped here", () => {
    expect(restMethods()).toContain("checks.create");
    expect(graphqlCoordinates()).toContain("Repository.pullRequest");
    expect(requiredPermissions().unmapped).toEqual([]);
  });

  it("every GraphQL document the app sends is among those walked", () => {
    const walked = appDocuments().map(([, document]) => /query (\w+)/.exec(document)?.[1]);
    const inSources = sources("src").flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/\bquery (Dod\w+)/g)].map((m) => m[1]),
    );
    // Linear's API is not GitHub's.
    expect(inSources.filter((name) => name !== "DodIssue" && !walked.includes(name))).toEqual([]);
  });

  it("grants exactly what is used: nothing missing, nothing more (pull requests are only read)", () => {
    const { required } = requiredPermissions();
    expect(comparePermissions(appYml().default_permissions, required)).toEqual({ missing: [], excess: [] });
    expect(required.pull_requests).toBe("read");
  });

  it("would fail an app.yml that lacks a permission or grants more than is used", () => {
    const { required } = requiredPermissions();
    const { members: _members, ...withoutMembers } = appYml().default_permissions;
    expect(comparePermissions(withoutMembers, required).missing).toEqual(["members: read"]);
    const wider = { ...appYml().default_permissions, pull_requests: "write" as const, actions: "read" as const };
    expect(comparePermissions(wider, required).excess).toEqual(["pull_requests: write", "actions: read"]);
  });
});
