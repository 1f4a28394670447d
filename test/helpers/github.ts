// A nock stand-in for GitHub that records every request the app makes, checks each against GitHub's published
// contract (GraphQL schema, documented REST operations) and lets a test assert the exact traffic.
import nock from "nock";
import { expect } from "vitest";
import { graphqlRateLimitAnswer, limitRefusal, type RateLimit, rateLimitAnswer } from "./github-rules.js";
import { executeGitHub } from "./graphql-double.js";
import { documentedOperation } from "./openapi.js";

export interface Recorded {
  method: string;
  path: string;
  body: unknown;
  /** `graphql` or the documented REST operation id. */
  operation: string;
  /** When the answer was made (performance.now()), to check waits between retries. */
  at: number;
}

type Reply = unknown | ((body: any) => unknown);

export class GitHubMock {
  readonly requests: Recorded[] = [];
  readonly scope: nock.Scope;

  /** Requests nock refused because no mock answered them: an unexpected write fails the test, not just a job. */
  readonly unmatched: string[] = [];

  constructor(
    readonly origin = "https://api.github.com",
    readonly prefix = "",
  ) {
    this.scope = nock(origin);
    // One mock is current at a time: a test that starts a new one stops listening for the old.
    nock.emitter.removeAllListeners("no match");
    // Only the app's GitHub client counts: nock reports a fetch without its host, and a test's own requests to
    // the app's server on 127.0.0.1 are not GitHub traffic.
    nock.emitter.on("no match", (req: { method?: string; path?: string; getHeader?: (name: string) => unknown }) => {
      if (String(req.getHeader?.("user-agent") ?? "").includes("octokit"))
        this.unmatched.push(`${req.method} ${req.path}`);
    });
  }

  /** Installation tokens: Probot asks once per installation and caches the answer. */
  token(installationId = 1): this {
    return this.rest("POST", `/app/installations/${installationId}/access_tokens`, 201, {
      token: "ghs_test_installation_token",
      expires_at: "2099-01-01T00:00:00Z",
      permissions: { checks: "write", pull_requests: "read", issues: "write", contents: "read" },
    });
  }

  /**
   * One GraphQL request, executed against GitHub's schema over `world` (or a function of the request giving the
   * world): the app gets the fields it selected and GitHub's errors (see graphql-double.ts).
   */
  graphql(world: Reply, times = 1): this {
    this.scope
      // GitHub Enterprise Server answers GraphQL at /api/graphql, beside (not under) the REST prefix /api/v3.
      .post(this.prefix ? "/api/graphql" : "/graphql")
      .times(times)
      .reply(200, (_uri, body: any) => {
        this.record("POST", "/graphql", body, "graphql");
        const root = typeof world === "function" ? (world as (b: any) => unknown)(body) : world;
        return executeGitHub(body.query, body.variables, root, (problem) => {
          throw new Error(problem);
        });
      });
    return this;
  }

  rest(
    method: string,
    path: string,
    status: number,
    reply: Reply = {},
    times = 1,
    headers: Record<string, string> = {},
  ): this {
    const operation = documentedOperation(method, path);
    if (!operation) throw new Error(`${method} ${path} is not a documented GitHub REST operation`);
    this.scope
      .intercept(`${this.prefix}${path}`, method)
      .times(times)
      .reply((uri, body) => {
        this.record(method, uri.replace(this.prefix, ""), body, operation);
        const refused = limitRefusal(operation, this.requests.at(-1)!.body);
        if (refused) return [refused.status, refused.body];
        return [status, typeof reply === "function" ? (reply as (b: unknown) => unknown)(body) : reply, headers];
      });
    return this;
  }

  /** `times` requests refused for `limit`, with GitHub's status, message and headers (reset times from now). */
  rateLimited(method: string, path: string, limit: RateLimit, times = 1): this {
    const operation = documentedOperation(method, path);
    if (!operation) throw new Error(`${method} ${path} is not a documented GitHub REST operation`);
    this.scope
      .intercept(`${this.prefix}${path}`, method)
      .times(times)
      .reply((uri, body) => {
        this.record(method, uri.replace(this.prefix, ""), body, operation);
        const answer = rateLimitAnswer(limit);
        return [answer.status, answer.body, answer.headers];
      });
    return this;
  }

  /** `times` GraphQL requests answered as GitHub does once the installation's GraphQL points are spent. */
  graphqlRateLimited(resetInSeconds: number, times = 1): this {
    this.scope
      .post(this.prefix ? "/api/graphql" : "/graphql")
      .times(times)
      .reply((_uri, body) => {
        this.record("POST", "/graphql", body, "graphql");
        const answer = graphqlRateLimitAnswer(resetInSeconds);
        return [answer.status, answer.body, answer.headers];
      });
    return this;
  }

  /**
   * `GET /repos/{o}/{r}/commits/{sha}/pulls` as GitHub answers it: the pull requests of this repository whose
   * head branch holds the commit — never a fork's pull request, whose head commit lives in the fork.
   */
  commitPulls(repo: string, sha: string, pulls: { number: number; fork?: boolean; state?: string }[]): this {
    const listed = pulls.filter((p) => !p.fork).map((p) => pullSummary(repo, p.number, sha, p.state));
    return this.rest("GET", `${repo}/commits/${sha}/pulls`, 200, listed);
  }

  /** `GET /repos/{o}/{r}/pulls?state=open&per_page=100`: one page of open pull requests, forks' included. */
  openPulls(repo: string, pulls: { number: number; headSha: string; fork?: boolean }[]): this {
    return this.rest(
      "GET",
      `${repo}/pulls?state=open&per_page=100`,
      200,
      pulls.map((p) => pullSummary(repo, p.number, p.headSha, "open", p.fork)),
    );
  }

  record(method: string, path: string, body: unknown, operation: string) {
    const parsed = typeof body === "string" && body.startsWith("{") ? JSON.parse(body) : body;
    this.requests.push({ method, path, body: parsed, operation, at: performance.now() });
  }

  /** Requests other than the installation token, as `METHOD path`. */
  calls(): string[] {
    return this.requests.filter((r) => !r.path.includes("/access_tokens")).map((r) => `${r.method} ${r.path}`);
  }

  find(operation: string): Recorded[] {
    return this.requests.filter((r) => r.operation === operation);
  }

  body<T = any>(operation: string, index = 0): T {
    const found = this.find(operation)[index];
    if (!found) throw new Error(`no ${operation} request (made: ${this.calls().join(", ")})`);
    return found.body as T;
  }

  assertDone() {
    expect(this.scope.pendingMocks()).toEqual([]);
    expect(this.unmatched).toEqual([]);
  }
}

/** A pull request as GitHub's REST list operations show it (the fields dod may read). */
function pullSummary(repoPath: string, number: number, sha: string, state = "open", fork = false) {
  const full = repoPath.replace(/^\/repos\//, "");
  const headRepo = fork ? `contributor/${full.split("/")[1]}` : full;
  return {
    number,
    state,
    html_url: `https://github.com/${full}/pull/${number}`,
    head: { sha, ref: "changes", repo: { full_name: headRepo, fork } },
    base: { ref: "master", repo: { full_name: full, fork: false } },
  };
}
