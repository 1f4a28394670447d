// A stateful nock stand-in for one pull request: check runs and comments the app writes are remembered, and the
// next GraphQL answer shows them, as GitHub would. For tests of what repeated or reordered events leave behind.
import nock from "nock";
import { checkRunUpdateRefusal } from "./github-rules.js";
import { connection, executeGitHub } from "./graphql-double.js";
import { APP_ID, HEAD_SHA, type PullRequestOptions, ownCheckRunOf, pullRequestData } from "./pull-request-data.js";

export interface WorldCheckRun {
  id: number;
  head_sha: string;
  /** The GitHub App that created the run: dod's unless a test adds another app's. */
  app_id: number;
  name: string;
  external_id?: string;
  status?: string;
  conclusion?: string;
  output: { title: string; summary: string };
}

export class GitHubWorld {
  head = HEAD_SHA;
  /** The pull request as GitHub would answer now, besides dod's own check runs and comments. */
  pr: PullRequestOptions = {};
  readonly checkRuns: WorldCheckRun[] = [];
  readonly comments: { id: number; body: string }[] = [];
  readonly writes: string[] = [];
  /** Writes GitHub refused (see github-rules.ts), as `status message`. */
  readonly refusals: string[] = [];
  /** Heads the GraphQL answers gave, in order. */
  readonly reads: string[] = [];
  /** The app's installations, as `GET /app/installations` lists them (none unless a test adds some). */
  installations: { id: number; account: { login: string; type: string }; suspended_at?: string | null }[] = [];
  /** How many of the next installation listings GitHub fails (502). */
  failInstallationListings = 0;
  /** Other pull requests GitHub's search finds besides this one, as search nodes (see `searchNode`). */
  otherSearchResults: unknown[] = [];
  /** The queries GitHub's search was asked. */
  readonly searches: string[] = [];
  private nextId = 100;

  constructor(
    readonly origin = "https://api.github.com",
    graphqlDelayMs: number[] = [],
  ) {
    const repo = "/repos/Codertocat/Hello-World";
    const scope = nock(origin).persist();
    scope
      .post(/\/app\/installations\/\d+\/access_tokens/)
      .reply(201, { token: "ghs_world_token", expires_at: "2099-01-01T00:00:00Z" });
    for (const delay of graphqlDelayMs) {
      nock(origin)
        .post("/graphql")
        .delay(delay)
        .reply(200, (_uri, body: any) => this.execute(body));
    }
    scope.post("/graphql").reply(200, (_uri, body: any) => this.execute(body));
    scope
      .get(/^\/app\/installations(\?.*)?$/)
      .reply(() =>
        this.failInstallationListings-- > 0 ? [502, { message: "Server Error" }] : [200, this.installations],
      );
    scope.post(`${repo}/check-runs`).reply(201, (_uri, body: any) => {
      const status = body.status ?? (body.conclusion ? "completed" : "queued");
      const run = { ...body, status, app_id: APP_ID, id: this.nextId++ } as WorldCheckRun;
      this.checkRuns.push(run);
      this.writes.push(`create check ${run.head_sha.slice(0, 7)}: ${run.output.title}`);
      return { id: run.id };
    });
    scope.patch(/\/repos\/Codertocat\/Hello-World\/check-runs\/\d+$/).reply((uri, body: any) => {
      const id = Number(uri.split("/").pop());
      const run = this.checkRuns.find((r) => r.id === id);
      if (!run) return [404, { message: "Not Found" }];
      const refused = checkRunUpdateRefusal(run, body, APP_ID);
      if (refused) {
        this.refusals.push(`${refused.status} ${refused.body.message}`);
        return [refused.status, refused.body];
      }
      Object.assign(run, body, body.conclusion && !body.status ? { status: "completed" } : {});
      this.writes.push(`update check ${run.head_sha.slice(0, 7)}: ${run.output.title}`);
      return [200, { id }];
    });
    scope.post(`${repo}/issues/2/comments`).reply(201, (_uri, body: any) => {
      const comment = { id: this.nextId++, body: body.body as string };
      this.comments.push(comment);
      this.writes.push("create comment");
      return { id: comment.id };
    });
    scope.patch(/\/repos\/Codertocat\/Hello-World\/issues\/comments\/\d+$/).reply(200, (uri, body: any) => {
      const id = Number(uri.split("/").pop());
      this.comments.find((c) => c.id === id)!.body = body.body;
      this.writes.push("update comment");
      return { id };
    });
  }

  /** The newest dod check run on `sha`, as the commit's check rollup shows it. */
  checkRunOn(sha: string): WorldCheckRun | undefined {
    return this.checkRuns.filter((r) => r.head_sha === sha && r.app_id === APP_ID).at(-1);
  }

  /** A check run another app created (say, one named like dod's), with the next id. */
  addOtherAppRun(run: Omit<WorldCheckRun, "id">): WorldCheckRun {
    const added = { ...run, id: this.nextId++ };
    this.checkRuns.push(added);
    return added;
  }

  private execute(body: { query: string; variables?: Record<string, unknown> }) {
    return executeGitHub(body.query, body.variables, this.answer(), (problem) => {
      throw new Error(problem);
    });
  }

  /** This pull request as a search result, with dod's runs on its head as GitHub lists them now. */
  searchNode() {
    const own = this.checkRuns.filter((r) => r.head_sha === this.head && r.app_id === APP_ID);
    return pullRequestSearchNode(
      this.pr.number ?? 2,
      this.head,
      own.map((r) => ({ id: r.id, status: r.status ?? "queued", externalId: r.external_id ?? null })),
    );
  }

  private answer() {
    this.reads.push(this.head);
    const own = this.checkRunOn(this.head);
    const search = (
      args: { query: string } & Parameters<ReturnType<typeof connection>>[0],
      context: unknown,
      info: { fieldName: string },
    ) => {
      this.searches.push(args.query);
      return connection([this.searchNode(), ...this.otherSearchResults])(args, context, info);
    };
    return {
      search,
      ...pullRequestData({
        ...this.pr,
        headSha: this.head,
        ownCheckRun: ownCheckRunOf(own),
        comments: [
          ...(this.pr.comments ?? []),
          ...this.comments.map((c) => ({ ...c, author: "dod-app[bot]", bot: true })),
        ],
      }),
    };
  }
}

/** An open pull request of Codertocat/Hello-World as GitHub's search lists it, with dod's runs on its head. */
export function pullRequestSearchNode(
  number: number,
  head: string,
  dodRuns: { id: number; status: string; externalId: string | null }[],
) {
  const runs = dodRuns.map((r) => ({ databaseId: r.id, status: r.status.toUpperCase(), externalId: r.externalId }));
  return {
    __typename: "PullRequest",
    number,
    headRefOid: head,
    repository: { name: "Hello-World", owner: { __typename: "User", login: "Codertocat" } },
    commits: connection([
      { commit: { oid: head, checkSuites: connection(runs.length ? [{ checkRuns: connection(runs) }] : []) } },
    ]),
  };
}
