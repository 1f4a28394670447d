// A repository's issues as GitHub keeps them: the REST API reads the database, so an issue is listed the moment it
// is created; search reads an index that lags behind it (seconds to minutes on github.com), so a just-created issue
// is not found until the index catches up — here, until the test calls `index()`.
import nock from "nock";
import type { GitHubMock } from "./github.js";

export const DASHBOARD_LABEL = "dod:dashboard";

/**
 * dod creating its dashboard issue when there is none, in the order it asks: the label listing (empty), the
 * create, and the listing again (only this issue: no other replica created one meanwhile).
 */
export function createsDashboardIssue(github: GitHubMock, repoPath: string, number: number): GitHubMock {
  const listing = dashboardListing(repoPath);
  return github
    .rest("GET", listing, 200, [])
    .rest("POST", `${repoPath}/issues`, 201, { number, id: 9000 + number })
    .rest("GET", listing, 200, () => [
      {
        id: 9000 + number,
        number,
        title: "Definition of Done dashboard",
        body: github.body("issues/create").body,
        state: "open",
        html_url: `https://github.com${repoPath.replace(/^\/repos/, "")}/issues/${number}`,
        labels: [{ name: DASHBOARD_LABEL }],
        user: { login: "dod[bot]", type: "Bot" },
      },
    ]);
}

/** The REST listing dod reads its dashboard issue from (`GET /repos/{o}/{r}/issues`, by label). */
export const dashboardListing = (repoPath: string) =>
  `${repoPath}/issues?labels=${encodeURIComponent(DASHBOARD_LABEL)}&state=all&sort=created&direction=asc&per_page=100`;

export const FOLLOW_UP_LABEL = "dod:follow-up";

/** The REST listing of dod's follow-up issues (newest first) read before one is opened. */
export const followUpListing = (repoPath: string) =>
  `${repoPath}/issues?labels=${encodeURIComponent(FOLLOW_UP_LABEL)}&state=all&sort=created&direction=desc&per_page=100`;

interface StoredIssue {
  id: number;
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  stateReason: string | null;
  labels: string[];
  author: string;
  indexed: boolean;
}

export class IssueStore {
  readonly issues: StoredIssue[] = [];
  private nextNumber: number;
  private readonly waitingLists: (() => void)[] = [];
  private listBarrier = 0;

  constructor(
    private readonly github: GitHubMock,
    readonly owner = "Codertocat",
    readonly repo = "Hello-World",
    firstNumber = 42,
  ) {
    this.nextNumber = firstNumber;
    const base = `/repos/${owner}/${repo}/issues`;
    const scope = nock(github.origin).persist();
    scope.post(base).reply(201, (uri, body: any) => {
      github.record("POST", uri, body, "issues/create");
      const issue: StoredIssue = {
        id: 9000 + this.nextNumber,
        number: this.nextNumber++,
        title: body.title,
        body: body.body ?? "",
        state: "open",
        stateReason: null,
        labels: body.labels ?? [],
        author: "dod[bot]",
        indexed: false,
      };
      this.issues.push(issue);
      return this.rest(issue);
    });
    scope
      .get((path) => path.startsWith(`${base}?`))
      .reply((uri, _body, callback) => {
        github.record("GET", uri, undefined, "issues/list-for-repo");
        const answer = () => callback(null, [200, this.list(new URL(uri, "https://x").searchParams)]);
        // Replicas reading at the same moment: each answer waits until all of them have asked.
        if (this.listBarrier > 0) {
          this.waitingLists.push(answer);
          if (this.waitingLists.length >= this.listBarrier) {
            this.listBarrier = 0;
            for (const release of this.waitingLists.splice(0)) release();
          }
          return;
        }
        answer();
      });
    scope.patch(new RegExp(`^${base}/\\d+$`)).reply(200, (uri, body: any) => {
      github.record("PATCH", uri, body, "issues/update");
      const issue = this.issues.find((i) => i.number === Number(uri.split("/").pop()))!;
      if (typeof body.body === "string") issue.body = body.body;
      if (body.state) {
        issue.state = body.state;
        issue.stateReason = body.state_reason ?? null;
      }
      return this.rest(issue);
    });
  }

  /** The search index catches up with every issue created so far. */
  index(): void {
    for (const issue of this.issues) issue.indexed = true;
  }

  /** The next `replicas` listings are answered together, once all of them have been asked (a race). */
  simultaneousListings(replicas: number): void {
    this.listBarrier = replicas;
  }

  /** What `search(type: ISSUE, query: "repo:… is:issue in:title \"…\"")` finds now: indexed issues only. */
  searchByTitle(phrase: string) {
    return {
      nodes: this.issues
        .filter((i) => i.indexed && i.title.includes(phrase))
        .map((i) => ({
          number: i.number,
          title: i.title,
          body: i.body,
          url: this.url(i),
          state: i.state.toUpperCase(),
          author: { login: i.author },
        })),
    };
  }

  open(): StoredIssue[] {
    return this.issues.filter((i) => i.state === "open");
  }

  private list(query: URLSearchParams) {
    const labels = (query.get("labels") ?? "").split(",").filter(Boolean);
    const state = query.get("state") ?? "open";
    const found = this.issues.filter(
      (i) => (state === "all" || i.state === state) && labels.every((l) => i.labels.includes(l)),
    );
    if (query.get("direction") === "desc") found.reverse();
    return found.slice(0, Number(query.get("per_page") ?? 30)).map((i) => this.rest(i));
  }

  private url(issue: StoredIssue) {
    return `https://github.com/${this.owner}/${this.repo}/issues/${issue.number}`;
  }

  private rest(issue: StoredIssue) {
    return {
      id: issue.id,
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      state_reason: issue.stateReason,
      html_url: this.url(issue),
      labels: issue.labels.map((name) => ({ name })),
      user: { login: issue.author, type: "Bot" },
    };
  }
}
