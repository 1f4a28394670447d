// A stateful nock stand-in for one pull request: check runs and comments the app writes are remembered, and the
// next GraphQL answer shows them, as GitHub would. For tests of what repeated or reordered events leave behind.
import nock from "nock";
import { executeGitHub } from "./graphql-double.js";
import { HEAD_SHA, type PullRequestOptions, pullRequestData } from "./pull-request-data.js";

export interface WorldCheckRun {
  id: number;
  head_sha: string;
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
  /** Heads the GraphQL answers gave, in order. */
  readonly reads: string[] = [];
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
    scope.post(`${repo}/check-runs`).reply(201, (_uri, body: any) => {
      const run = { ...body, id: this.nextId++ } as WorldCheckRun;
      this.checkRuns.push(run);
      this.writes.push(`create check ${run.head_sha.slice(0, 7)}: ${run.output.title}`);
      return { id: run.id };
    });
    scope.patch(/\/repos\/Codertocat\/Hello-World\/check-runs\/\d+$/).reply(200, (uri, body: any) => {
      const id = Number(uri.split("/").pop());
      const run = this.checkRuns.find((r) => r.id === id)!;
      Object.assign(run, body);
      this.writes.push(`update check ${run.head_sha.slice(0, 7)}: ${run.output.title}`);
      return { id };
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
    return this.checkRuns.filter((r) => r.head_sha === sha).at(-1);
  }

  private execute(body: { query: string; variables?: Record<string, unknown> }) {
    return executeGitHub(body.query, body.variables, this.answer(), (problem) => {
      throw new Error(problem);
    });
  }

  private answer() {
    this.reads.push(this.head);
    const own = this.checkRunOn(this.head);
    return pullRequestData({
      ...this.pr,
      headSha: this.head,
      ownCheckRun: own ? { id: own.id, externalId: own.external_id ?? null } : null,
      comments: [
        ...(this.pr.comments ?? []),
        ...this.comments.map((c) => ({ ...c, author: "dod-app[bot]", bot: true })),
      ],
    });
  }
}
