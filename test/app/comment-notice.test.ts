// A comment that never lies: once the base branch's config switches comments off, turns invalid or is deleted,
// dod's sticky comment says so instead of still listing missing items; none is created for it, and an unchanged
// notice is not written again. Driven through the real app against the GitHub double.
import { readFileSync } from "node:fs";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { COMMENT_MARKER } from "../../src/model/names.js";
import { loadApp } from "../helpers/app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { DOD_HTML, readMarkdown } from "../helpers/markdown.js";
import { type PullRequestOptions, pullRequestData } from "../helpers/pull-request-data.js";

const config = readFileSync("docs/examples/done.yml", "utf8");
const REPO = "/repos/Codertocat/Hello-World";
const STALE = `${COMMENT_MARKER}\n## Definition of Done: 0 of 2 done\n\n- ❌ **Unit tests** (\`unit-tests\`) — no test file changed`;
const BOT_COMMENT = (body: string) => ({ id: 501, author: "dod-app[bot]", bot: true, body });
const INVALID =
  "owners:\n  product: [pm-alice]\ncriteria:\n  - id: docs\n    owner: marketing\n    require:\n      files: [docs/**]\n";

const NOTICE = {
  off: `${COMMENT_MARKER}\n## Definition of Done\n\nThis comment is no longer kept up to date: the definition of done on \`master\` now says \`comment: never\`. The **Definition of Done** check on the latest commit shows what is still missing.`,
  invalid: `${COMMENT_MARKER}\n## Definition of Done\n\nThis comment is no longer kept up to date: \`.github/done.yml\` on \`master\` is invalid, so nothing was checked. The **Definition of Done** check lists each problem with its line; once the file is fixed, this comment lists the items again.`,
  deleted: `${COMMENT_MARKER}\n## Definition of Done\n\nThis comment is no longer kept up to date: there is no \`.github/done.yml\` on \`master\` any more, so this pull request is not checked against a definition of done. The **Definition of Done** check shows how to add one.`,
  orgInvalid: `${COMMENT_MARKER}\n## Definition of Done\n\nThis comment is no longer kept up to date: \`Codertocat/.github:.github/done.yml\` is invalid, so nothing was checked. The **Definition of Done** check lists each problem with its line; once the file is fixed, this comment lists the items again.`,
};

const CASES: [string, PullRequestOptions, string][] = [
  ["comments are switched off", { config: config.replace("comment: on-missing", "comment: never") }, NOTICE.off],
  ["the config turns invalid", { config: INVALID }, NOTICE.invalid],
  ["the config is deleted", { config: null }, NOTICE.deleted],
  [
    "the organisation's file it extends turns invalid",
    { config: "extends: org\n", orgConfig: "criteria: 3\n" },
    NOTICE.orgInvalid,
  ],
];

describe("a sticky comment that never lies", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  async function synchronize(options: PullRequestOptions, commentWrites: [string, string, number][]) {
    const { probot, queue } = await loadApp();
    github
      .token()
      .graphql(pullRequestData({ files: ["src/login.ts"], ...options }))
      .rest("POST", `${REPO}/check-runs`, 201, { id: 77 });
    for (const [method, path, status] of commentWrites) github.rest(method, path, status, { id: 501 });
    await probot.receive(event("pull_request", example("pull_request", "synchronize")));
    await queue.idle();
    github.assertDone();
  }

  it.each(CASES)("when %s, the comment is edited to say so", async (_when, options, notice) => {
    await synchronize({ ...options, comments: [BOT_COMMENT(STALE)] }, [["PATCH", `${REPO}/issues/comments/501`, 200]]);
    expect(github.calls()).toEqual(["POST /graphql", `POST ${REPO}/check-runs`, `PATCH ${REPO}/issues/comments/501`]);
    const body = github.body("issues/update-comment").body as string;
    expect(body).toBe(notice);
    const read = readMarkdown(body);
    expect(read.html.filter((tag) => !DOD_HTML.test(tag))).toEqual([]);
    expect(read.mentions).toEqual([]);
    expect(read.text).not.toContain("❌");
  });

  it.each(CASES)("when %s and there is no comment, none is created", async (_when, options) => {
    await synchronize({ ...options, comments: [{ id: 9, author: "octocat", body: "LGTM" }] }, []);
    expect(github.calls()).toEqual(["POST /graphql", `POST ${REPO}/check-runs`]);
  });

  it.each(CASES)("when %s and the comment says so already, it is not touched", async (_when, options, notice) => {
    // GitHub may hand the body back with Windows line endings.
    await synchronize({ ...options, comments: [BOT_COMMENT(notice.replace(/\n/g, "\r\n"))] }, []);
    expect(github.calls()).toEqual(["POST /graphql", `POST ${REPO}/check-runs`]);
  });

  it("lists the missing items again once the config is fixed", async () => {
    await synchronize({ config, comments: [BOT_COMMENT(NOTICE.invalid)] }, [
      ["PATCH", `${REPO}/issues/comments/501`, 200],
    ]);
    const body = github.body("issues/update-comment").body as string;
    expect(body).toMatch(/^<!-- dod:definition-of-done -->\n## Definition of Done: 0 of 2 done\n/);
    expect(body).toContain("- ❌ **Unit tests** (`unit-tests`)");
  });
});
