// A pull request that edits done.yml shows what the proposed rules would do to the other pull requests: the real
// app in Probot, a webhook, and a GitHub double that executes every query against GitHub's schema, with each
// request counted. The preview never changes the verdict of the pull request that edits the file.
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadApp } from "../helpers/app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import type { PullRequestOptions } from "../helpers/pull-request-data.js";
import { ADDS_CHANGELOG, BASE, OTHERS, pull, RELAXES_TESTS } from "../helpers/preview-repository.js";
import { repositoryWorld } from "../helpers/repository-world.js";

const REPO = "/repos/Codertocat/Hello-World";
const synchronize = () => event("pull_request", example("pull_request", "synchronize"));
const operation = (body: { query: string }) => /query (\w+)/.exec(body.query)?.[1] ?? "?";

describe("the preview of a done.yml change", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  async function run(headConfig: string, config: Partial<PullRequestOptions> = {}, events = 1) {
    const { probot, queue } = await loadApp();
    const world = repositoryWorld({
      pulls: [pull(2, [".github/done.yml"], { headSha: undefined, headConfig, ...config }), ...OTHERS],
    });
    github.token();
    // The config pull request's own query, then (the first time) the list and three batches of ten.
    github.graphql(world, 1 + 4 + (events - 1));
    for (let i = 0; i < events; i++) {
      // The double keeps no state: each event finds no check run or comment of dod's and writes them again.
      github.rest("POST", `${REPO}/check-runs`, 201, { id: 50 + i }).rest("POST", `${REPO}/issues/2/comments`, 201, {
        id: 60 + i,
      });
      await probot.receive(synchronize());
      await queue.idle();
    }
    return github;
  }

  it("shows the open pull requests that an added item newly fails, in 1 + ⌈22 / 10⌉ requests", async () => {
    await run(ADDS_CHANGELOG);
    github.assertDone();
    const graphql = github.find("graphql").map((r) => operation(r.body as { query: string }));
    expect(graphql).toEqual([
      "DodPullRequest",
      "DodPreviewList",
      "DodPreviewPulls",
      "DodPreviewPulls",
      "DodPreviewPulls",
    ]);
    expect(github.calls()).toEqual([
      ...Array<string>(5).fill("POST /graphql"),
      `POST ${REPO}/check-runs`,
      `POST ${REPO}/issues/2/comments`,
    ]);
    // Ten aliases a request, each a pull request of the list; #2 itself is not among them.
    const batches = github.find("graphql").slice(2);
    const numbers = batches.map((r) =>
      [...(r.body as { query: string }).query.matchAll(/pullRequest\(number: (\d+)\)/g)].map((m) => Number(m[1])),
    );
    expect(numbers.map((n) => n.length)).toEqual([10, 10, 2]);
    expect(numbers.flat()).toEqual(OTHERS.map((p) => p.number));

    const check = github.body("checks/create");
    const comment = github.body("issues/create-comment").body as string;
    // The verdict is the base rules' and the owners' approval, whatever the preview says.
    expect(check.conclusion).toBe("failure");
    expect(check.output.title).toBe(
      "0 of 1 done — missing: Definition of done change approved by product and engineering",
    );
    const summary = check.output.summary as string;
    expect(summary).toContain("### What the proposed rules would do");
    expect(summary).toContain(
      "| [#3](https://github.com/Codertocat/Hello-World/pull/3) Change 3 | ✅ passes | ❌ fails | newly missing: Changelog entry (`changelog`) |",
    );
    expect(summary).toContain(
      "| [#7](https://github.com/Codertocat/Hello-World/pull/7) Change 7 | ❌ fails | ❌ fails | newly missing: Changelog entry (`changelog`) |",
    );
    expect(summary).toContain("**Open pull requests** — 3 would newly miss items, 9 unchanged");
    expect(summary).toContain(
      "- ➕ **Changelog entry** (`changelog`, new) — met by 3 of the 4 recently merged pull requests it applies to (75 %; it applies to 4 of 10)",
    );
    expect(comment).toContain("**What the proposed rules would do**");
    expect(comment).toContain("newly missing: Changelog entry (`changelog`)");
  });

  it("shows the open pull requests a relaxed item newly passes", async () => {
    await run(RELAXES_TESTS);
    github.assertDone();
    expect(github.find("graphql")).toHaveLength(5);
    const summary = github.body("checks/create").output.summary as string;
    expect(summary).toContain(
      "| [#6](https://github.com/Codertocat/Hello-World/pull/6) Change 6 | ❌ fails | ✅ passes | newly met: Unit tests (`unit-tests`) |",
    );
    expect(summary).toContain("**Open pull requests** — 1 would newly meet items, 11 unchanged");
    expect(summary).toContain("**Recently merged** — 1 would newly meet items, 9 unchanged");
    expect(summary).toContain(
      "- ✏️ **Unit tests** (`unit-tests`, changed) — met by 4 of the 4 recently merged pull requests it applies to (100 %; it applies to 4 of 10)",
    );
  });

  it("never changes the verdict: approved by both owners, the edit passes though open pull requests would fail", async () => {
    await run(ADDS_CHANGELOG, {
      reviews: [
        { author: "pm-alice", state: "APPROVED" },
        { author: "lead-bob", state: "APPROVED" },
      ],
    });
    const check = github.body("checks/create");
    expect(check.conclusion).toBe("success");
    expect(check.output.summary).toContain("3 would newly miss items");
  });

  it("is made once per head commit: a second event on the same commit reads only the pull request itself", async () => {
    await run(ADDS_CHANGELOG, {}, 2);
    github.assertDone();
    const graphql = github.find("graphql").map((r) => operation(r.body as { query: string }));
    expect(graphql).toEqual([
      "DodPullRequest",
      "DodPreviewList",
      "DodPreviewPulls",
      "DodPreviewPulls",
      "DodPreviewPulls",
      "DodPullRequest",
    ]);
  });

  it("publishes the verdict without the preview when GitHub fails to list the pull requests", async () => {
    const { probot, queue } = await loadApp();
    const world = repositoryWorld({
      pulls: [pull(2, [".github/done.yml"], { headSha: undefined, headConfig: ADDS_CHANGELOG }), ...OTHERS],
    });
    github.token().graphql(world);
    github.scope.post("/graphql").reply(502, { message: "Server Error" });
    github.rest("POST", `${REPO}/check-runs`, 201, { id: 5 }).rest("POST", `${REPO}/issues/2/comments`, 201, { id: 6 });
    await probot.receive(synchronize());
    await queue.idle();
    expect(github.scope.pendingMocks()).toEqual([]);
    const check = github.body("checks/create");
    expect(check.conclusion).toBe("failure");
    expect(check.output.summary).toContain("This pull request changes the definition of done");
    expect(check.output.summary).not.toContain("What the proposed rules would do");
  });

  it("gives an invalid proposed file its problems and no preview, reading nothing more", async () => {
    const { probot, queue } = await loadApp();
    const invalid = `${BASE}  - id: runbook\n    owner: ops\n    require: {}\n`;
    github
      .token()
      .graphql(
        repositoryWorld({
          pulls: [pull(2, [".github/done.yml"], { headSha: undefined, headConfig: invalid }), ...OTHERS],
        }),
      )
      .rest("POST", `${REPO}/check-runs`, 201, { id: 5 })
      .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 6 });
    await probot.receive(synchronize());
    await queue.idle();
    github.assertDone();
    const check = github.body("checks/create");
    expect(check.output.summary).toContain("problems in the changed `.github/done.yml`");
    expect(check.output.summary).not.toContain("What the proposed rules would do");
  });
});

describe("the preview of a change of the organisation's done.yml (in its .github repository)", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  it("judges the organisation's pull requests, each under its own repository's file over the organisation's", async () => {
    const { probot, queue } = await loadApp();
    const ORG_REPO = "/repos/Codertocat/.github";
    const own =
      "owners: { product: [pm-alice], engineering: [lead-bob] }\ncriteria:\n  - { id: docs, owner: engineering, require: { files: [docs/**] } }\n";
    const extendsOrg = "extends: org\n";
    const pulls: PullRequestOptions[] = [
      pull(2, [".github/done.yml"], { repo: ".github", headSha: undefined, headConfig: ADDS_CHANGELOG }),
      // No file of its own: the organisation's rules are its rules.
      pull(5, ["src/a.ts", "test/a.test.ts"], { repo: "shop", config: null }),
      // Its own file, which does not extend the organisation's: nothing changes for it.
      pull(6, ["src/b.ts", "docs/b.md"], { repo: "api", config: own }),
      // Its own file extends the organisation's.
      pull(7, ["src/c.ts", "test/c.test.ts", "CHANGELOG.md"], { repo: "web", config: extendsOrg }),
      pull(8, ["src/d.ts", "test/d.test.ts"], { repo: "web", config: extendsOrg, state: "MERGED" }),
    ];
    github.token().graphql(repositoryWorld({ pulls, orgConfig: BASE }), 3);
    github
      .rest("POST", `${ORG_REPO}/check-runs`, 201, { id: 5 })
      .rest("POST", `${ORG_REPO}/issues/2/comments`, 201, { id: 6 });
    const payload = example("pull_request", "synchronize");
    payload.repository.name = ".github";
    payload.repository.full_name = "Codertocat/.github";
    await probot.receive(event("pull_request", payload));
    await queue.idle();
    github.assertDone();
    const graphql = github.find("graphql").map((r) => operation(r.body as { query: string }));
    expect(graphql).toEqual(["DodPullRequest", "DodPreviewSearch", "DodPreviewPulls"]);
    expect(github.body("graphql", 1).variables).toEqual({
      open: "org:Codertocat is:pr is:open sort:updated-desc",
      merged: "org:Codertocat is:pr is:merged sort:updated-desc",
      openCount: 21,
      mergedCount: 21,
    });
    const summary = github.body("checks/create").output.summary as string;
    expect(summary).toContain(
      "| [Codertocat/shop#5](https://github.com/Codertocat/shop/pull/5) Change 5 | ✅ passes | ❌ fails | newly missing: Changelog entry (`changelog`) |",
    );
    expect(summary).toContain(
      "No change for 2 pull requests: [Codertocat/api#6](https://github.com/Codertocat/api/pull/6), [Codertocat/web#7](https://github.com/Codertocat/web/pull/7).",
    );
    expect(summary).toContain("**Recently merged** — 1 would newly miss items, 0 unchanged");
  });
});
