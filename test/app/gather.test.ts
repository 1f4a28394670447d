// What one evaluation costs GitHub: pages only for what overflows, the diff and teams only when a criterion
// needs them.
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadApp } from "../helpers/app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { pullRequestData } from "../helpers/pull-request-data.js";

const REPO = "/repos/Codertocat/Hello-World";
const synchronize = () => event("pull_request", example("pull_request", "synchronize"));
const page = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ path: `src/module${from + i}/file.ts`, additions: 3, deletions: 1 }));

describe("gathering", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  it("pages a 3000-file pull request 100 files at a time and sees the last page's files", async () => {
    const config = `owners: { engineering: [lead-bob] }
criteria:
  - id: runbook
    owner: engineering
    require: { files: ["src/module2999/**"] }
`;
    const { probot, queue } = await loadApp();
    // One pull request of 3000 files, read through GitHub's paging: the first page, then 29 more.
    github.token().graphql(pullRequestData({ config, files: page(0, 3000) }), 30);
    github.rest("POST", `${REPO}/check-runs`, 201, { id: 5 });

    await probot.receive(synchronize());
    await queue.idle();

    github.assertDone();
    expect(github.calls()).toHaveLength(31);
    const queries = github.find("graphql").map((r) => /query (\w+)/.exec((r.body as any).query)![1]);
    expect(queries).toEqual(["DodPullRequest", ...Array<string>(29).fill("DodMoreFiles")]);
    const check = github.body("checks/create");
    expect(check.conclusion).toBe("success");
    expect(check.output.summary).toContain("src/module2999/file.ts");
  });

  it("reads added lines over REST only when a criterion that applies looks into the diff", async () => {
    const config = `owners: { product: [pm-alice], engineering: [lead-bob] }
criteria:
  - id: feature-flag
    owner: joint
    when: { labels: [risky] }
    require: { diff_contains: { text: "featureFlag(", files: ["src/**"] } }
`;
    const { probot, queue } = await loadApp();
    github
      .token()
      .graphql(pullRequestData({ config, labels: ["risky"], files: ["src/pay.ts"] }))
      .rest("GET", `${REPO}/pulls/2/files?per_page=100`, 200, [
        {
          filename: "src/pay.ts",
          status: "modified",
          additions: 1,
          deletions: 0,
          changes: 1,
          patch: '@@ -1 +1,2 @@\n const a = 1;\n+if (featureFlag("new-pay")) pay();',
        },
      ])
      .rest("POST", `${REPO}/check-runs`, 201, { id: 5 });

    await probot.receive(synchronize());
    await queue.idle();

    github.assertDone();
    expect(github.body("checks/create").conclusion).toBe("success");
    expect(github.body("checks/create").output.summary).toContain("feature-flag — src/pay.ts");
  });

  it("skips the diff when the criterion does not apply", async () => {
    const config = `owners: { product: [pm-alice], engineering: [lead-bob] }
criteria:
  - id: feature-flag
    owner: joint
    when: { labels: [risky] }
    require: { diff_contains: { text: "featureFlag(" } }
`;
    const { probot, queue } = await loadApp();
    github
      .token()
      .graphql(pullRequestData({ config, files: ["src/pay.ts"] }))
      .rest("POST", `${REPO}/check-runs`, 201, { id: 5 });
    await probot.receive(synchronize());
    await queue.idle();
    github.assertDone();
    expect(github.calls()).toEqual(["POST /graphql", `POST ${REPO}/check-runs`]);
  });

  it("resolves @org/team owners in one request and caches them for the next evaluation", async () => {
    const config = `owners: { product: ["@acme/product"], engineering: [lead-bob] }
criteria:
  - id: product-sign-off
    owner: product
    require: { approved_by: product }
`;
    const { probot, queue } = await loadApp();
    const data = pullRequestData({ config, reviews: [{ author: "pm-carol", state: "APPROVED" }] });
    github
      .token()
      .graphql(data)
      .graphql((body: any) => {
        expect(body.query).toContain('organization(login: "acme")');
        expect(body.query).toContain('team(slug: "product")');
        return {
          t0: {
            team: { members: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [{ login: "pm-carol" }] } },
          },
        };
      })
      .rest("POST", `${REPO}/check-runs`, 201, { id: 5 })
      .graphql(() =>
        pullRequestData({
          config,
          reviews: [{ author: "pm-carol", state: "APPROVED" }],
          ownCheckRun: { id: 5, externalId: github.body("checks/create").external_id },
        }),
      );

    await probot.receive(synchronize());
    await queue.idle();
    await probot.receive(synchronize());
    await queue.idle();

    github.assertDone();
    expect(github.body("checks/create").conclusion).toBe("success");
    expect(github.body("checks/create").output.summary).toContain("approved by @\u200bpm-carol (product)");
    expect(github.calls()).toEqual(["POST /graphql", "POST /graphql", `POST ${REPO}/check-runs`, "POST /graphql"]);
  });

  it("pages a team of more than 100 members and does not cache a team it could not see", async () => {
    const config = `owners: { product: ["@acme/product"], engineering: ["@acme/ghosts"] }
criteria:
  - id: product-sign-off
    owner: product
    require: { approved_by: product }
`;
    const { probot, queue } = await loadApp();
    const hundred = Array.from({ length: 100 }, (_, i) => ({ login: `pm-${i}` }));
    const data = pullRequestData({ config, reviews: [{ author: "pm-late", state: "APPROVED" }] });
    github
      .token()
      .graphql(data)
      .graphql({
        t0: { team: { members: { pageInfo: { hasNextPage: true, endCursor: "m100" }, nodes: hundred } } },
        t1: { team: null },
      })
      .graphql((body: any) => {
        expect(body.query).toContain("query DodTeamMembers");
        expect(body.variables).toEqual({ org: "acme", slug: "product", after: "m100" });
        return {
          organization: {
            team: { members: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [{ login: "pm-late" }] } },
          },
        };
      })
      .rest("POST", `${REPO}/check-runs`, 201, { id: 5 })
      .graphql(() => ({
        ...data,
        ...pullRequestData({
          config,
          reviews: [{ author: "pm-late", state: "APPROVED" }],
          ownCheckRun: { id: 5, externalId: github.body("checks/create").external_id },
        }),
      }))
      .graphql((body: any) => {
        expect(body.query).toContain('team(slug: "ghosts")');
        expect(body.query).not.toContain('team(slug: "product")');
        return { t0: { team: null } };
      });

    await probot.receive(synchronize());
    await queue.idle();
    expect(github.body("checks/create").conclusion).toBe("success");
    await probot.receive(synchronize());
    await queue.idle();
    github.assertDone();
  });

  it("leaves another app's check of the same name alone and writes its own", async () => {
    const config =
      "owners: { engineering: [lead-bob] }\ncriteria:\n  - id: docs\n    owner: engineering\n    require: { files: [docs/**] }\n";
    const { probot, queue } = await loadApp();
    github
      .token()
      .graphql(
        pullRequestData({ config, files: ["docs/a.md"], ownCheckRun: { id: 99, externalId: null, appId: 15368 } }),
      )
      .rest("POST", `${REPO}/check-runs`, 201, { id: 5 });
    await probot.receive(synchronize());
    await queue.idle();
    github.assertDone();
    expect(github.calls()).toEqual(["POST /graphql", `POST ${REPO}/check-runs`]);
  });

  it("does not take a deleted test as evidence of testing", async () => {
    const config =
      "owners: { engineering: [lead-bob] }\ncriteria:\n  - id: tests\n    owner: engineering\n    require: { files: [test/**] }\n";
    const { probot, queue } = await loadApp();
    github
      .token()
      .graphql(
        pullRequestData({
          config,
          files: [
            { path: "src/a.ts", additions: 10, deletions: 0, changeType: "MODIFIED" },
            { path: "test/old.test.ts", additions: 0, deletions: 40, changeType: "DELETED" },
          ],
        }),
      )
      .rest("POST", `${REPO}/check-runs`, 201, { id: 5 })
      .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 6 });
    await probot.receive(synchronize());
    await queue.idle();
    github.assertDone();
    expect(github.body("checks/create").output.title).toBe("0 of 1 done — missing: tests");
  });
});
