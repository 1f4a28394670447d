// `mention: owners-on-missing`: the owners of an item are notified once, when it first goes missing on a pull
// request, in a comment of their own; never again on later pushes. What was announced lives in that comment's
// marker on GitHub, so each run below starts a fresh app (as after a restart, or on another replica).
import { readFileSync } from "node:fs";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { COMMENT_MARKER } from "../../src/model/names.js";
import { loadApp } from "../helpers/app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { DOD_HTML, readMarkdown } from "../helpers/markdown.js";
import { type PullRequestOptions, pullRequestData } from "../helpers/pull-request-data.js";

const example_ = readFileSync("docs/examples/done.yml", "utf8");
const config = example_.replace("comment: on-missing\n", "comment: on-missing\nmention: owners-on-missing\n");
const REPO = "/repos/Codertocat/Hello-World";
const CODE_WITHOUT_TESTS: PullRequestOptions = { config, files: ["src/login.ts"], body: "Adds login. cc @someone" };
const FIRST = [
  "<!-- dod:mentioned acceptance-criteria unit-tests -->",
  "Items of the definition of done are missing on this pull request; their owners may approve or waive them:",
  "- **Acceptance criteria met** (`acceptance-criteria`): @acme/product @pm-alice",
  "- **Unit tests** (`unit-tests`): @acme/eng-leads @lead-bob",
  "",
  "<sub>dod notifies owners once per item (`mention: owners-on-missing`); the **Definition of Done** check keeps the details current.</sub>",
].join("\n");
const bot = (id: number, body: string) => ({ id, author: "dod-app[bot]", bot: true, body });

describe("mention: owners-on-missing", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  /** One synchronize delivery to a fresh app; `creates` comments are expected to be created. */
  async function push(options: PullRequestOptions, creates: number, patches?: Record<string, string>) {
    const { probot, queue } = await loadApp();
    github.token().graphql(pullRequestData(options)).rest("POST", `${REPO}/check-runs`, 201, { id: 77 });
    if (patches) {
      const files = Object.entries(patches).map(([filename, patch]) => ({
        filename,
        status: "modified",
        additions: 1,
        deletions: 0,
        changes: 1,
        patch,
      }));
      github.rest("GET", `${REPO}/pulls/2/files?per_page=100`, 200, files);
    }
    if (creates > 0) github.rest("POST", `${REPO}/issues/2/comments`, 201, { id: 600 }, creates);
    await probot.receive(event("pull_request", example("pull_request", "synchronize")));
    await queue.idle();
    github.assertDone();
    return github.find("issues/create-comment").map((r) => (r.body as { body: string }).body);
  }

  it("notifies each missing item's owners once, in a comment of its own below the sticky one", async () => {
    const [sticky, mention] = await push(CODE_WITHOUT_TESTS, 2);
    expect(github.calls()).toEqual([
      "POST /graphql",
      `POST ${REPO}/check-runs`,
      `POST ${REPO}/issues/2/comments`,
      `POST ${REPO}/issues/2/comments`,
    ]);
    expect(sticky!.startsWith(COMMENT_MARKER)).toBe(true);
    expect(readMarkdown(sticky!).mentions).toEqual([]);
    expect(mention).toBe(FIRST);
    const read = readMarkdown(mention!);
    // Only the config's owners: not the `@someone` the author wrote in the description.
    expect(read.mentions).toEqual(["@acme/product", "@pm-alice", "@acme/eng-leads", "@lead-bob"]);
    expect(read.html.filter((tag) => !DOD_HTML.test(tag))).toEqual([]);
  });

  it("notifies nobody on the next push while the same items are still missing", async () => {
    const [sticky] = await push(CODE_WITHOUT_TESTS, 2);
    github = new GitHubMock();
    await push({ ...CODE_WITHOUT_TESTS, comments: [bot(600, sticky!), bot(601, FIRST)] }, 0);
    expect(github.calls()).toEqual(["POST /graphql", `POST ${REPO}/check-runs`]);
  });

  it("an item announced before (met since, missing again) is not announced again", async () => {
    const tested = { ...CODE_WITHOUT_TESTS, files: ["src/login.ts"], comments: [bot(601, FIRST)] };
    await push(tested, 1); // the sticky comment only
    expect(github.find("issues/create-comment")).toHaveLength(1);
    expect(readMarkdown(github.body("issues/create-comment").body).mentions).toEqual([]);
  });

  it("announces an item that goes missing later on its own, to both sides when it is joint", async () => {
    const risky: PullRequestOptions = {
      ...CODE_WITHOUT_TESTS,
      labels: ["risky"],
      comments: [bot(601, FIRST)],
    };
    const created = await push(risky, 2, { "src/login.ts": "@@ -1 +1,2 @@\n const a = 1;\n+login();" });
    expect(created[1]).toBe(
      [
        "<!-- dod:mentioned feature-flag -->",
        "An item of the definition of done is missing on this pull request; its owners may approve or waive it:",
        "- **Behind a feature flag** (`feature-flag`): @acme/product @pm-alice @acme/eng-leads @lead-bob",
        "",
        "<sub>dod notifies owners once per item (`mention: owners-on-missing`); the **Definition of Done** check keeps the details current.</sub>",
      ].join("\n"),
    );
  });

  it("a marker written by anyone but dod does not silence it", async () => {
    const forged = { id: 700, author: "mallory", body: "<!-- dod:mentioned acceptance-criteria unit-tests -->\nhi" };
    const created = await push({ ...CODE_WITHOUT_TESTS, comments: [forged] }, 2);
    expect(created[1]).toBe(FIRST);
  });

  it("works with comments switched off: the mention is the only comment", async () => {
    const quiet = config.replace("comment: on-missing", "comment: never");
    const created = await push({ ...CODE_WITHOUT_TESTS, config: quiet }, 1);
    expect(created).toEqual([FIRST]);
  });

  it.each([
    ["by default (`mention: never`)", { config: example_ }],
    ["on a draft, until it is ready for review", { draft: true }],
    ["on a closed pull request", { state: "CLOSED" as const }],
  ])("notifies nobody %s", async (_when, options) => {
    const created = await push({ ...CODE_WITHOUT_TESTS, ...options }, 1);
    expect(created).toHaveLength(1);
    expect(created[0]!.startsWith(COMMENT_MARKER)).toBe(true);
    expect(readMarkdown(created[0]!).mentions).toEqual([]);
  });

  it("mentions only names that are logins or teams, and a title's `@` notifies nobody", async () => {
    const odd = config
      .replace('engineering: ["@acme/eng-leads", lead-bob]', 'engineering: ["@acme/eng-leads", "not a login", "x@y"]')
      .replace("title: Unit tests", "title: Unit tests for @security");
    const created = await push({ ...CODE_WITHOUT_TESTS, config: odd }, 2);
    expect(readMarkdown(created[1]!).mentions).toEqual(["@acme/product", "@pm-alice", "@acme/eng-leads"]);
    expect(created[1]).toContain("- **Unit tests for @\u200bsecurity** (`unit-tests`): @acme/eng-leads\n");
  });
});
