// A stand-in for GitHub on 127.0.0.1 for the benchmark: answers the REST and GraphQL calls the app makes, keeps
// each pull request's dod check runs and comment (so a repeated evaluation sees them, as on GitHub), and counts
// every request by route. Pull request N has `filesFor(N)` changed files. For the event script (events.mjs) it
// also keeps each pull request's labels, reviews and other checks, answers team look-ups from `teams`, and
// updates what the app's PATCHes change.
import { createServer } from "node:http";

export const CONFIG = `owners: { product: [pm-alice], engineering: [lead-bob] }
criteria:
  - id: acceptance
    owner: product
    require: { linked_issue: { checklist: Acceptance criteria } }
  - id: tests
    owner: engineering
    when: { files: ["src/**"] }
    require: { files: ["**/*.test.ts"] }
`;

/** Every pull request's base commit (its `base.sha` in webhooks, and the base branch's tip). */
export const BASE_SHA = "b45e000000000000000000000000000000000000";

export async function startFakeGitHub({ filesFor = () => 10, config = CONFIG, teams = {}, milestone = null } = {}) {
  const counts = new Map();
  /** The dashboard issue, once the app created it. */
  let issue = null;
  const prs = new Map();
  let nextId = 1000;
  const pr = (number) => {
    if (!prs.has(number))
      prs.set(number, { head: 0, checks: new Map(), comment: null, labels: [], reviews: [], others: [] });
    return prs.get(number);
  };
  const file = (i) => ({ path: i % 2 ? `src/module${i}/file.ts` : `docs/page${i}.md`, additions: 3, deletions: 1 });
  const files = (from, n, total) =>
    Array.from({ length: Math.max(0, Math.min(n, total - from)) }, (_, i) => file(from + i));
  const sha = (n, head) => `${String(n).padStart(8, "0")}${String(head).padStart(32, "0")}`;

  function graphql({ query, variables: v }) {
    if (query.includes("query DodDashboard(")) return dashboardData(v);
    if (query.includes("query DodMilestonePulls")) return milestonePulls(v);
    if (query.includes("query DodTeams")) {
      const slugs = [...query.matchAll(/team\(slug: "([^"]+)"\)/g)].map((m) => m[1]);
      return Object.fromEntries(
        slugs.map((slug, i) => [
          `t${i}`,
          {
            team: {
              members: {
                pageInfo: { hasNextPage: false, endCursor: null },
                nodes: (teams[slug] ?? []).map((login) => ({ login })),
              },
            },
          },
        ]),
      );
    }
    const p = pr(v.number);
    const total = filesFor(v.number);
    if (query.includes("DodMoreFiles")) {
      const from = Number(v.after);
      return {
        repository: {
          pullRequest: {
            files: {
              pageInfo: { hasNextPage: from + 100 < total, endCursor: String(from + 100) },
              nodes: files(from, 100, total),
            },
          },
        },
      };
    }
    if (!query.includes("DodPullRequest")) throw new Error(`unexpected query ${query.slice(0, 60)}`);
    const head = sha(v.number, p.head);
    const own = p.checks.get(head);
    return {
      repository: {
        pullRequest: {
          number: v.number,
          url: `https://github.com/${v.owner}/${v.name}/pull/${v.number}`,
          title: "A change",
          body: "Fixes #1",
          isDraft: false,
          state: "OPEN",
          merged: false,
          author: { login: "dev" },
          baseRefName: "main",
          headRefName: "change",
          headRefOid: head,
          baseRefOid: BASE_SHA,
          milestone: milestone && { title: milestone.title },
          labels: { nodes: p.labels.map((name) => ({ name })) },
          baseRef: { target: { oid: BASE_SHA, file: { object: { text: config } } } },
          commits: {
            nodes: [
              {
                commit: {
                  file: { object: { text: config } },
                  statusCheckRollup: {
                    contexts: {
                      pageInfo: { hasNextPage: false, endCursor: "c" },
                      nodes: [
                        ...p.others.map((c, i) => ({
                          __typename: "CheckRun",
                          databaseId: 50 + i,
                          name: c.name,
                          status: c.status,
                          conclusion: c.conclusion,
                          detailsUrl: null,
                          externalId: null,
                          checkSuite: { app: { databaseId: 15368 } },
                        })),
                        ...(own
                          ? [
                              {
                                __typename: "CheckRun",
                                databaseId: own.id,
                                name: "Definition of Done",
                                status: "COMPLETED",
                                conclusion: "FAILURE",
                                detailsUrl: null,
                                externalId: own.externalId,
                                checkSuite: { app: { databaseId: 1 } },
                              },
                            ]
                          : []),
                      ],
                    },
                  },
                },
              },
            ],
          },
          files: {
            totalCount: total,
            pageInfo: { hasNextPage: total > 100, endCursor: "100" },
            nodes: files(0, 100, total),
          },
          latestOpinionatedReviews: {
            nodes: p.reviews.map((r) => ({
              author: { login: r.author },
              state: "APPROVED",
              submittedAt: "2026-01-01T00:00:00Z",
              url: "https://github.com/r",
              commit: { oid: head },
            })),
          },
          closingIssuesReferences: {
            nodes: [
              {
                number: 1,
                title: "Issue",
                body: "## Acceptance criteria\n- [x] a\n- [ ] b\n",
                state: "OPEN",
                url: `https://github.com/${v.owner}/${v.name}/issues/1`,
                repository: { nameWithOwner: `${v.owner}/${v.name}` },
              },
            ],
          },
          comments: {
            pageInfo: { hasPreviousPage: false, startCursor: "s" },
            nodes: p.comment
              ? [
                  {
                    fullDatabaseId: String(p.comment.id),
                    body: p.comment.body,
                    createdAt: "2026-01-01T00:00:00Z",
                    url: "https://github.com/x",
                    author: { __typename: "Bot", login: "dod[bot]" },
                    editor: null,
                    viewerDidAuthor: true,
                  },
                ]
              : [],
          },
        },
      },
      org: { nameWithOwner: `${v.owner}/.github`, object: null },
    };
  }

  // The dashboard (`milestone`: { title, pulls }): one open milestone holding pull request 1 and `pulls - 1` others
  // (numbers 1001…), which dod never evaluated.
  const repoUrl = (v) => `https://github.com/${v.owner}/${v.name}`;
  function dashboardData(v) {
    const totals = { pullRequests: { totalCount: milestone.pulls }, openPulls: { totalCount: milestone.pulls } };
    return {
      repository: {
        url: repoUrl(v),
        object: { text: config },
        milestones: {
          nodes: [
            {
              number: 1,
              title: milestone.title,
              url: `${repoUrl(v)}/milestone/1`,
              dueOn: null,
              state: "OPEN",
              closedAt: null,
              updatedAt: "2026-01-01T00:00:00Z",
              ...totals,
            },
          ],
        },
        closedMilestones: { nodes: [] },
        labels: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] },
      },
      org: { nameWithOwner: `${v.owner}/.github`, object: null },
      followUps: { nodes: [] },
      // Search finds the issue once GitHub indexed it (at once here).
      dashboardIssue: {
        nodes: issue
          ? [{ number: issue.number, title: "x", body: issue.body, url: issue.html_url, state: "OPEN", author: null }]
          : [],
      },
    };
  }
  function milestonePulls(v) {
    const numbers = [1, ...Array.from({ length: milestone.pulls - 1 }, (_, i) => 1001 + i)];
    const from = v.after ? Number(v.after) : 0;
    const slice = numbers.slice(from, from + 50);
    const node = (number) => {
      const p = pr(number);
      const head = sha(number, p.head);
      const own = p.checks.get(head);
      return {
        number,
        title: "A change",
        url: `${repoUrl(v)}/pull/${number}`,
        state: "OPEN",
        merged: false,
        mergedAt: null,
        headRefOid: head,
        additions: 30,
        deletions: 10,
        author: { login: "dev" },
        labels: { nodes: p.labels.map((name) => ({ name })) },
        commits: {
          nodes: [
            {
              commit: {
                checkSuites: {
                  nodes: own
                    ? [
                        {
                          app: { databaseId: 1 },
                          checkRuns: {
                            nodes: [
                              {
                                databaseId: own.id,
                                conclusion: own.conclusion,
                                summary: own.summary,
                                detailsUrl: null,
                                url: `${repoUrl(v)}/runs/${own.id}`,
                              },
                            ],
                          },
                        },
                      ]
                    : [],
                },
              },
            },
          ],
        },
      };
    };
    const more = from + 50 < numbers.length;
    return {
      repository: {
        milestone: {
          pullRequests: {
            totalCount: numbers.length,
            pageInfo: { hasNextPage: more, endCursor: more ? String(from + 50) : null },
            nodes: slice.map(node),
          },
        },
      },
    };
  }
  const ranAs = (body) =>
    body.status === "completed" ? String(body.conclusion).toUpperCase() : body.status ? null : undefined;

  function rest(method, path, body) {
    let m;
    if (method === "POST" && /^\/app\/installations\/\d+\/access_tokens$/.test(path))
      return [201, { token: "ghs_bench", expires_at: "2099-01-01T00:00:00Z" }];
    if (method === "POST" && (m = /^\/repos\/[^/]+\/[^/]+\/check-runs$/.exec(path))) {
      const number = Number(body.head_sha.slice(0, 8));
      const id = nextId++;
      if (prs.has(number))
        pr(number).checks.set(body.head_sha, {
          id,
          externalId: body.external_id ?? null,
          conclusion: ranAs(body) ?? null,
          summary: body.output?.summary ?? "",
        });
      return [201, { id }];
    }
    if (method === "PATCH" && /^\/repos\/[^/]+\/[^/]+\/check-runs\/\d+$/.test(path)) {
      const id = Number(path.split("/").pop());
      for (const p of prs.values())
        for (const run of p.checks.values()) {
          if (run.id !== id) continue;
          if (body.external_id) run.externalId = body.external_id;
          if (ranAs(body) !== undefined) run.conclusion = ranAs(body);
          if (body.output?.summary) run.summary = body.output.summary;
        }
      return [200, { id }];
    }
    if (method === "POST" && (m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(path))) {
      const id = nextId++;
      pr(Number(m[1])).comment = { id, body: body.body };
      return [201, { id }];
    }
    if (method === "PATCH" && /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/\d+$/.test(path)) {
      const id = Number(path.split("/").pop());
      for (const p of prs.values()) if (p.comment?.id === id) p.comment.body = body.body;
      return [200, { id }];
    }
    // The dashboard issue: listed by its label, created once, then edited.
    if (method === "GET" && /^\/repos\/[^/]+\/[^/]+\/issues$/.test(path)) return [200, issue ? [issue] : []];
    if (method === "POST" && /^\/repos\/[^/]+\/[^/]+\/issues$/.test(path)) {
      issue = { id: nextId++, number: 5000, body: body.body, html_url: "https://github.com/i", user: { type: "Bot" } };
      return [201, issue];
    }
    if (
      method === "PATCH" &&
      (m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)$/.exec(path)) &&
      issue?.number === Number(m[1])
    ) {
      issue.body = body.body;
      return [200, issue];
    }
    if (method === "POST" && /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/\d+\/reactions$/.test(path))
      return [201, { id: nextId++ }];
    return [404, { message: "Not Found (bench stand-in)" }];
  }

  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const body = text ? JSON.parse(text) : undefined;
      const raw = (req.url ?? "/").split("?")[0];
      const isGraphql = raw === "/api/graphql" || raw === "/graphql";
      const path = raw.replace(/^\/api\/v3(?=\/)/, "");
      const route = isGraphql
        ? `graphql ${/query (\w+)/.exec(body.query)?.[1] ?? "?"}`
        : `${req.method} ${path.replace(/\/\d+(?=\/|$)/g, "/:n")}`;
      counts.set(route, (counts.get(route) ?? 0) + 1);
      let status = 200;
      let answer;
      try {
        if (isGraphql) answer = { data: graphql(body) };
        else [status, answer] = rest(req.method, path, body);
      } catch (error) {
        status = 500;
        answer = { message: String(error) };
      }
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    host: new URL(url).host,
    /** Moves pull request N to a new head commit (what a push does): its other checks start again. */
    push: (number) => {
      const p = pr(number);
      p.head++;
      p.others = [];
    },
    /** Pull request N as the stand-in holds it: labels, reviews and other checks (`{ name, status, conclusion }`). */
    pr,
    headSha: (number) => sha(number, pr(number).head),
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    counts: () => Object.fromEntries(counts),
    reset: () => counts.clear(),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}
