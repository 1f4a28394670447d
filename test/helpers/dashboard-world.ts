// A stateful nock stand-in for repositories with several pull requests in milestones: each pull request's query and
// the dashboard's queries are executed against GitHub's schema (graphql-double.ts) over the same state, check runs
// and the dashboard issue the app writes are remembered, so a full read of the dashboard shows what the app wrote.
// For proving that a patched dashboard equals a fully re-gathered one.
import nock from "nock";
import { connection, executeGitHub } from "./graphql-double.js";
import { APP_ID, BASE_SHA, ownCheckRunOf, pullRequestData } from "./pull-request-data.js";

export const OWNER = "Codertocat";

export interface WorldPull {
  number: number;
  title: string;
  labels: string[];
  milestone: string | null;
  state: "OPEN" | "MERGED";
  head: string;
  files: string[];
}

interface Run {
  id: number;
  head_sha: string;
  external_id?: string;
  status?: string;
  conclusion?: string;
  output: { title: string; summary: string };
}

export interface WorldRepo {
  name: string;
  config: string;
  pulls: WorldPull[];
  milestones: { number: number; title: string; state: "OPEN" | "CLOSED" }[];
  runs: Run[];
  issue: { id: number; number: number; body: string } | null;
}

export class DashboardWorld {
  readonly repos = new Map<string, WorldRepo>();
  /** Every request, as `METHOD /path` or `graphql OperationName`. */
  readonly calls: string[] = [];
  /** Runs while the app's edit of a dashboard issue is in flight (what another replica does meanwhile). */
  duringIssueEdit?: () => Promise<void>;
  private nextId = 100;

  constructor(readonly origin = "https://api.github.com") {
    const scope = nock(origin).persist();
    scope
      .post(/\/app\/installations\/\d+\/access_tokens/)
      .reply(201, { token: "ghs_world_token", expires_at: "2099-01-01T00:00:00Z" });
    scope.post("/graphql").reply(200, (_uri, body: any) => {
      this.calls.push(`graphql ${/query (\w+)/.exec(body.query)?.[1] ?? "?"}`);
      return executeGitHub(body.query, body.variables, this.root(), (problem) => {
        throw new Error(problem);
      });
    });
    const repoPath = new RegExp(`^/repos/${OWNER}/([^/]+)(/.*)$`);
    const rest = (method: string) => async (uri: string, body: any) => {
      const path = new URL(uri, origin).pathname;
      this.calls.push(`${method} ${path}`);
      if (method === "PATCH" && /\/issues\/\d+$/.test(path)) await this.duringIssueEdit?.();
      const [, name, under] = repoPath.exec(path) ?? [];
      const repo = name && this.repos.get(name);
      if (!repo) return [404, { message: "Not Found" }];
      return this.rest(repo, method, under!, body ?? {});
    };
    scope.post(repoPath).reply(rest("POST"));
    scope.patch(repoPath).reply(rest("PATCH"));
    scope.get(repoPath).query(true).reply(rest("GET"));
  }

  add(repo: Omit<WorldRepo, "runs" | "issue">): WorldRepo {
    const added = { ...repo, runs: [], issue: null };
    this.repos.set(repo.name, added);
    return added;
  }

  /** dod's newest run on a head commit. */
  runOn(repo: WorldRepo, sha: string): Run | undefined {
    return repo.runs.filter((r) => r.head_sha === sha).at(-1);
  }

  private rest(repo: WorldRepo, method: string, path: string, body: any): [number, unknown] {
    if (method === "POST" && path === "/check-runs") {
      const run: Run = { ...body, status: body.status ?? "queued", id: this.nextId++ };
      repo.runs.push(run);
      return [201, { id: run.id }];
    }
    let m = /^\/check-runs\/(\d+)$/.exec(path);
    if (method === "PATCH" && m) {
      const run = repo.runs.find((r) => r.id === Number(m![1]));
      if (!run) return [404, { message: "Not Found" }];
      Object.assign(run, body, { output: { ...run.output, ...body.output } });
      return [200, { id: run.id }];
    }
    const issue = () => ({
      id: repo.issue!.id,
      number: repo.issue!.number,
      body: repo.issue!.body,
      html_url: `https://github.com/${OWNER}/${repo.name}/issues/${repo.issue!.number}`,
      user: { login: "dod[bot]", type: "Bot" },
    });
    if (method === "GET" && path === "/issues") return [200, repo.issue ? [issue()] : []];
    if (method === "POST" && path === "/issues") {
      repo.issue = { id: this.nextId++, number: 900 + this.repos.size, body: body.body };
      return [201, issue()];
    }
    m = /^\/issues\/(\d+)$/.exec(path);
    if (method === "PATCH" && m && repo.issue?.number === Number(m[1])) {
      repo.issue.body = body.body;
      return [200, issue()];
    }
    return [404, { message: `Not Found (dashboard world: ${method} ${path})` }];
  }

  private root() {
    return {
      repository: ({ owner, name }: { owner: string; name: string }) => {
        if (name === ".github") return { nameWithOwner: `${owner}/.github`, object: null };
        const repo = this.repos.get(name);
        return repo ? this.repository(repo) : null;
      },
      followUps: () => ({ nodes: [] }),
      // Search is eventually consistent: the issue is found through the label listing (REST) instead.
      dashboardIssue: () => ({ nodes: [] }),
    };
  }

  private repository(repo: WorldRepo) {
    const url = `https://github.com/${OWNER}/${repo.name}`;
    const list =
      <T>(items: T[]) =>
      (args: any, context: unknown, info: { fieldName: string }) =>
        args.first == null && args.last == null ? { totalCount: items.length } : connection(items)(args, context, info);
    const pullsOf = (title: string, states: string[] = ["OPEN", "MERGED"]) =>
      repo.pulls.filter((p) => p.milestone === title && states.includes(p.state)).sort((a, b) => a.number - b.number);
    const milestone = (m: WorldRepo["milestones"][number]) => ({
      number: m.number,
      title: m.title,
      url: `${url}/milestone/${m.number}`,
      dueOn: null,
      state: m.state,
      closedAt: m.state === "CLOSED" ? "2026-10-01T00:00:00Z" : null,
      updatedAt: "2026-10-01T00:00:00Z",
      pullRequests: (args: any, context: unknown, info: any) =>
        list(pullsOf(m.title, args.states).map((p) => this.pullNode(repo, p)))(args, context, info),
      openPulls: () => ({ totalCount: pullsOf(m.title, ["OPEN"]).length }),
    });
    const milestones = (state: string) => (args: any, context: unknown, info: any) =>
      connection(repo.milestones.filter((m) => (args.states ?? [state]).includes(m.state)).map(milestone))(
        args,
        context,
        info,
      );
    return {
      url,
      nameWithOwner: `${OWNER}/${repo.name}`,
      object: { text: repo.config },
      milestones: milestones("OPEN"),
      closedMilestones: milestones("CLOSED"),
      milestone: ({ number }: { number: number }) => {
        const found = repo.milestones.find((m) => m.number === number);
        return found ? milestone(found) : null;
      },
      labels: connection([]),
      pullRequest: ({ number }: { number: number }) => {
        const found = repo.pulls.find((p) => p.number === number);
        return found ? this.pullNode(repo, found) : null;
      },
    };
  }

  /** One pull request as both the evaluation's query and the dashboard's read it. */
  private pullNode(repo: WorldRepo, p: WorldPull) {
    const own = this.runOn(repo, p.head);
    const base = pullRequestData({
      repo: repo.name,
      number: p.number,
      title: p.title,
      labels: p.labels,
      milestone: p.milestone,
      state: p.state,
      headSha: p.head,
      baseSha: BASE_SHA,
      files: p.files,
      config: repo.config,
      ownCheckRun: ownCheckRunOf(own),
    }).repository.pullRequest;
    const commit = base.commits({ last: 1 }, null, { fieldName: "commits" }).nodes[0]!.commit;
    const runs = own
      ? [
          {
            databaseId: own.id,
            conclusion: own.status === "completed" ? (own.conclusion?.toUpperCase() ?? null) : null,
            summary: own.output.summary,
            detailsUrl: null,
            url: `https://github.com/${OWNER}/${repo.name}/runs/${own.id}`,
          },
        ]
      : [];
    return {
      ...base,
      mergedAt: p.state === "MERGED" ? "2026-11-20T12:00:00Z" : null,
      additions: p.files.length,
      deletions: 0,
      commits: connection([
        {
          commit: {
            ...commit,
            checkSuites: connection(runs.length ? [{ app: { databaseId: APP_ID }, checkRuns: connection(runs) }] : []),
          },
        },
      ]),
    };
  }
}
